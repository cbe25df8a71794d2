// The audit log through the real server: who may read it, its filters and pages, and that the
// requests people make leave a verified, redacted chain.
#include <catch2/catch.hpp>

#include <string>

#include "app/services.hpp"
#include "audit/audit_log.hpp"
#include "core/clock.hpp"
#include "support/http_client.hpp"
#include "support/personas.hpp"
#include "support/test_server.hpp"

using namespace zhiku;
using namespace zhiku::test;

namespace {

Json get_ok(HttpClient& client, std::string const& target) {
  auto r = client.get(target);
  INFO(target << " → " << r.status << " " << r.body);
  REQUIRE(r.status == 200);
  return r.json();
}

}  // namespace

TEST_CASE("the audit log is open to admins and coordinators only", "[audit][integration]") {
  TestServer server;
  auto p = make_personas(server);
  HttpClient anonymous(server.port());

  CHECK(p.admin.get("/api/v1/audit").status == 200);
  CHECK(p.coordinator.get("/api/v1/audit").status == 200);
  CHECK(p.expert_alice.get("/api/v1/audit").status == 403);
  CHECK(p.leader.get("/api/v1/audit").status == 403);
  auto anon = anonymous.get("/api/v1/audit");
  CHECK(anon.status == 401);
  CHECK(anon.is_problem());
}

TEST_CASE("the audit log lists what people did, filtered and paged", "[audit][integration]") {
  TestServer server;
  auto p = make_personas(server);

  auto all = get_ok(p.admin, "/api/v1/audit?page_size=100");
  REQUIRE(all["total"].get<int>() >= 10);  // five accounts created, five sign-ins, two TOTP enrolments
  CHECK(all["page"] == 1);
  CHECK(all["page_size"] == 100);
  auto const& newest = all["items"][0];
  for (char const* key : {"id", "at", "actor_id", "actor_name", "action", "entity_type", "entity_id", "diff",
                          "request_id", "client_address"})
    CHECK(newest.contains(key));
  CHECK_FALSE(newest.contains("hash"));
  CHECK_FALSE(newest.contains("prev_hash"));
  // Newest first.
  CHECK(all["items"][0]["id"].get<Id>() > all["items"][1]["id"].get<Id>());

  SECTION("by action") {
    auto j = get_ok(p.admin, "/api/v1/audit?action=user.create");
    CHECK(j["total"] == 5);
    for (auto const& item : j["items"]) CHECK(item["action"] == "user.create");
  }
  SECTION("by entity") {
    auto j = get_ok(p.admin, "/api/v1/audit?entity_type=user&entity_id=" + std::to_string(p.expert_alice_id));
    REQUIRE(j["total"].get<int>() >= 2);  // created, signed in
    for (auto const& item : j["items"]) {
      CHECK(item["entity_type"] == "user");
      CHECK(item["entity_id"] == p.expert_alice_id);
    }
  }
  SECTION("by actor: a sign-in is recorded with the request's id and address") {
    auto j = get_ok(p.admin, "/api/v1/audit?action=session.login&actor_id=" + std::to_string(p.expert_bob_id));
    REQUIRE(j["total"] == 1);
    auto const& login = j["items"][0];
    CHECK(login["actor_id"] == p.expert_bob_id);
    CHECK(login["actor_name"] == "张博");
    CHECK(login["client_address"] == "127.0.0.1");
    CHECK_FALSE(login["request_id"].get<std::string>().empty());
    CHECK(parse_iso(login["at"].get<std::string>()));
  }
  SECTION("by time") {
    std::string today = server.clock().now_iso().substr(0, 10);
    CHECK(get_ok(p.admin, "/api/v1/audit?from=" + today + "&to=" + today)["total"] == all["total"]);
    CHECK(get_ok(p.admin, "/api/v1/audit?from=2000-01-01T00:00:00Z")["total"] == all["total"]);
    CHECK(get_ok(p.admin, "/api/v1/audit?to=2000-01-01")["total"] == 0);
    CHECK(get_ok(p.admin, "/api/v1/audit?from=2999-01-01")["total"] == 0);
  }
  SECTION("filters that match nothing") {
    auto j = get_ok(p.admin, "/api/v1/audit?entity_type=proposal");
    CHECK(j["total"] == 0);
    CHECK(j["items"] == Json::array());
  }
  SECTION("pages do not overlap and keep the total") {
    auto first = get_ok(p.admin, "/api/v1/audit?page_size=3&page=1");
    auto second = get_ok(p.admin, "/api/v1/audit?page_size=3&page=2");
    CHECK(first["total"] == second["total"]);
    REQUIRE(first["items"].size() == 3);
    REQUIRE(second["items"].size() == 3);
    CHECK(first["items"][2]["id"].get<Id>() > second["items"][0]["id"].get<Id>());
    CHECK(second["page"] == 2);
    CHECK(second["page_size"] == 3);
  }
}

TEST_CASE("a malformed audit filter answers 400 naming it", "[audit][integration]") {
  TestServer server;
  auto p = make_personas(server);
  for (auto const& [query, field] :
       std::vector<std::pair<std::string, std::string>>{{"from=last-week", "from"},
                                                        {"to=2026-13-01", "to"},
                                                        {"from=2026-03-02&to=2026-03-01", "to"},
                                                        {"actor_id=x", "actor_id"},
                                                        {"entity_id=-1", "entity_id"},
                                                        {"page_size=500", "page_size"}}) {
    INFO(query);
    auto r = p.admin.get("/api/v1/audit?" + query);
    CHECK(r.status == 400);
    REQUIRE(r.is_problem());
    auto j = r.json();
    REQUIRE(j["errors"].size() == 1);
    CHECK(j["errors"][0]["field"] == field);
  }
}

TEST_CASE("requests leave an intact chain that never holds a secret", "[audit][integration]") {
  TestServer server;
  auto p = make_personas(server);
  // A password change and an API token: both handle secrets.
  Json change = Json::object();
  change["current_password"] = kPersonaPassword;
  change["new_password"] = "Another-Long-Pass-2027!";
  auto changed = p.expert_alice.post("/api/v1/auth/password", change);
  INFO(changed.body);
  REQUIRE(changed.status == 204);
  Json token = Json::object();
  token["name"] = "脚本";
  token["expires_in_days"] = 30;
  auto created = p.expert_bob.post("/api/v1/tokens", token);
  INFO(created.body);
  REQUIRE(created.status == 201);
  std::string const secret = created.json()["token"].get<std::string>();

  auto c = server.app().database().read();
  auto v = server.app().services().audit.verify(*c);
  CHECK(v.ok);
  CHECK(v.rows_checked >= 12);

  auto everything = get_ok(p.admin, "/api/v1/audit?page_size=100").dump();
  CHECK(everything.find(kPersonaPassword) == std::string::npos);
  CHECK(everything.find("Another-Long-Pass-2027!") == std::string::npos);
  CHECK(everything.find(secret) == std::string::npos);
  CHECK(everything.find("user.password_change") != std::string::npos);
  CHECK(everything.find("token.create") != std::string::npos);
}
