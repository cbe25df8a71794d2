// Issue 9 items 1 and 6: what an expert or a stranger can learn of other records through the
// self-service edit, the public application, declared conflicts and GET /experts/{id}.
#include <string>

#include <catch2/catch.hpp>

#include "application_helpers.hpp"
#include "experts_helpers.hpp"

using namespace zhiku;
using namespace zhiku::test;

namespace {

Json with_contact(std::string const& name, std::string const& email, std::string const& phone) {
  Json j = expert_body(name, "测试大学");
  if (!email.empty()) j["email"] = email;
  if (!phone.empty()) j["phone"] = phone;
  return j;
}

std::int64_t flags_of(TestServer& server, Id expert_id) {
  return count_rows(server, "SELECT count(*) FROM expert_duplicate_flags WHERE expert_id = ?", expert_id);
}

}  // namespace

TEST_CASE("an expert's own edit never names or reveals another record's contact data",
          "[integration][security][experts]") {
  TestServer server;
  auto p = make_personas(server);
  Id alice = create_expert(p.coordinator, with_contact("李爱丽", "alice@fudan.edu.cn", "13800000001"));
  Id carol = create_expert(p.coordinator, with_contact("陈卡罗", "carol@tongji.edu.cn", "13900000002"));
  link_user(server, alice, p.expert_alice_id);

  auto me = p.expert_alice.get("/api/v1/experts/me").json();
  Json patch = Json::object();
  patch["version"] = me["version"];
  patch["email"] = "Carol@Tongji.edu.cn";
  patch["phone"] = "139 0000 0002";
  auto r = p.expert_alice.patch("/api/v1/experts/me", patch);
  INFO(r.body);
  // Accepted, as an unused address would be: the answer tells Alice nothing about Carol.
  REQUIRE(r.status == 200);
  CHECK(r.body.find("#" + std::to_string(carol)) == std::string::npos);
  CHECK(r.body.find("dup") == std::string::npos);
  CHECK(r.json()["email"] == "Carol@Tongji.edu.cn");

  // ... and the coordinators are asked to resolve it, once per pair and field.
  CHECK(flags_of(server, alice) == 2);
  CHECK(count_rows(server,
                   "SELECT count(*) FROM notifications WHERE user_id = ? AND kind = 'expert.possible_duplicate'",
                   p.coordinator_id) == 2);
  auto audit = p.admin.get("/api/v1/audit?action=expert.flag_duplicate");
  REQUIRE(audit.status == 200);
  CHECK(audit.json()["items"].size() == 2);

  // An edit of something else does not flag the same pair again.
  Json again = Json::object();
  again["version"] = r.json()["version"];
  again["bio"] = "城市规划";
  REQUIRE(p.expert_alice.patch("/api/v1/experts/me", again).status == 200);
  CHECK(flags_of(server, alice) == 2);

  // Staff still get the plain answer naming the record they would duplicate.
  auto dup = p.coordinator.post("/api/v1/experts", with_contact("重复", "carol@tongji.edu.cn", ""));
  INFO(dup.body);
  CHECK(dup.status == 409);
  CHECK(dup.body.find("已有其他专家（#" + std::to_string(alice) + "）") != std::string::npos);  // the lowest id using it
}

TEST_CASE("a public application with someone else's e-mail is accepted and flagged, saying nothing",
          "[integration][security][experts]") {
  TestServer server;
  auto p = make_personas(server);
  Id carol = create_expert(p.coordinator, with_contact("陈卡罗", "carol@tongji.edu.cn", ""));
  HttpClient anonymous(server.port());
  auto r = apply_as_public(anonymous, with_contact("冒名者", "CAROL@tongji.edu.cn", ""));
  INFO(r.body);
  REQUIRE(r.status == 201);
  CHECK_FALSE(r.json().contains("id"));
  Id id = count_rows(server, "SELECT max(id) FROM experts WHERE id > ?", carol);
  CHECK(r.body.find("#" + std::to_string(carol)) == std::string::npos);
  CHECK(flags_of(server, id) == 1);
  CHECK(count_rows(server, "SELECT other_expert_id FROM expert_duplicate_flags WHERE expert_id = ?", id) == carol);
}

TEST_CASE("an expert cannot tell a pending or missing expert from one they may not name",
          "[integration][security][experts]") {
  TestServer server;
  auto p = make_personas(server);
  Id alice = create_expert(p.coordinator, expert_body("李爱丽", "复旦大学"));
  Id active = create_expert(p.coordinator, expert_body("张博", "同济大学"));
  Id pending = create_expert(p.coordinator, expert_body("王待审", "南京大学"));
  REQUIRE(transition(p.coordinator, active, "approve")["status_code"] == 200);
  link_user(server, alice, p.expert_alice_id);
  std::string conflicts = "/api/v1/experts/" + std::to_string(alice) + "/conflicts";

  auto declare = [&](HttpClient& c, Id other) {
    Json k = Json::object();
    k["kind"] = "person";
    k["other_expert_id"] = other;
    k["name"] = "某人";
    return c.post(conflicts, k);
  };
  SECTION("declared conflicts") {
    CHECK(declare(p.expert_alice, active).status == 201);
    auto with_pending = declare(p.expert_alice, pending);
    auto with_missing = declare(p.expert_alice, pending + 1000);
    CHECK(with_pending.status == 400);
    CHECK(with_missing.status == 400);
    CHECK(with_pending.json()["errors"] == with_missing.json()["errors"]);
    // Curators see the whole pool and may name a pending expert.
    CHECK(declare(p.coordinator, pending).status == 201);
  }
  SECTION("reading another record") {
    auto invisible = p.expert_alice.get("/api/v1/experts/" + std::to_string(active));
    auto missing = p.expert_alice.get("/api/v1/experts/" + std::to_string(pending + 1000));
    CHECK(invisible.status == 404);
    CHECK(missing.status == 404);
    CHECK(invisible.json()["detail"] == missing.json()["detail"]);
    CHECK(p.expert_alice.get("/api/v1/experts/" + std::to_string(alice)).status == 200);
    CHECK(p.leader.get("/api/v1/experts/" + std::to_string(pending)).status == 200);
  }
}
