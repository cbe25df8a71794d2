// Issue 9 item 5: what each role reads of the audit log. Coordinators see the entries of the
// domain records they curate (experts, topics, calls, proposals, rounds …), never those of
// accounts, sign-ins, sessions, API tokens or mail; admins see everything.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "audit/audit_routes.hpp"
#include "identity_helpers.hpp"
#include "support/http_client.hpp"
#include "support/personas.hpp"
#include "support/test_server.hpp"

using namespace zhiku;
using namespace zhiku::test;

namespace {

Json audit(HttpClient& client, std::string const& query) {
  auto r = client.get("/api/v1/audit?page_size=100" + query);
  INFO(query << " → " << r.status << " " << r.body);
  REQUIRE(r.status == 200);
  return r.json();
}

bool curated(std::string const& type) {
  return std::find(kCuratedRecordTypes.begin(), kCuratedRecordTypes.end(), type) != kCuratedRecordTypes.end();
}

}  // namespace

TEST_CASE("coordinators read the audit entries of the records they curate, admins all of them",
          "[integration][security][audit]") {
  TestServer server;
  Personas p = make_personas(server);
  Json expert = Json::object();
  expert["name"] = "审计专家";
  expert["organization"] = "测试大学";
  REQUIRE(p.coordinator.post("/api/v1/experts", expert).status == 201);
  Json token = Json::object();
  token["name"] = "脚本";
  token["expires_in_days"] = 7;
  REQUIRE(p.coordinator.post("/api/v1/tokens", token).status == 201);
  REQUIRE(p.admin.post("/api/v1/users/" + std::to_string(p.expert_bob_id) + "/password-reset").status == 200);
  HttpClient stranger(server.port());
  REQUIRE(stranger.post("/api/v1/auth/login", credentials("alice", "not-her-password")).status == 401);

  // The filters that listed every account's name, e-mail and roles to a coordinator.
  for (std::string const& query : std::vector<std::string>{"&action=user.create", "&entity_type=user", "&action=session.login_failed",
                            "&action=token.create", "&entity_type=api_token", "&action=user.password_reset",
                            "&actor_id=" + std::to_string(p.admin_id)}) {
    INFO(query);
    auto j = audit(p.coordinator, query);
    CHECK(j["total"] == 0);
    CHECK(j["items"].empty());
  }
  auto seen = audit(p.coordinator, "");
  REQUIRE(seen["total"] == 1);
  CHECK(seen["items"][0]["action"] == "expert.create");
  Json const experts = audit(p.coordinator, "&entity_type=expert");
  CHECK(experts["total"] == 1);
  for (auto const& item : experts["items"]) CHECK(curated(item["entity_type"].get<std::string>()));

  // The admin reads the whole log.
  CHECK(audit(p.admin, "&action=user.create")["total"] == 5);
  CHECK(audit(p.admin, "&action=session.login_failed")["total"] == 1);
  CHECK(audit(p.admin, "&action=token.create")["total"] == 1);
  CHECK(audit(p.admin, "&action=expert.create")["total"] == 1);
}
