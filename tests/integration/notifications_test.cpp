// Each user's notifications through the real server: only one's own are listed and marked.
#include <catch2/catch.hpp>

#include <string>

#include "app/services.hpp"
#include "support/http_client.hpp"
#include "support/personas.hpp"
#include "support/test_server.hpp"

using namespace zhiku;
using namespace zhiku::test;

namespace {

void notify(TestServer& server, Id user_id, std::string const& title) {
  auto& services = server.app().services();
  services.db.write([&](storage::Connection& c) {
    services.notifier.notify(c, user_id, "expert.approved", title, "您已入库。", "/me/profile");
  });
}

Json inbox(HttpClient& client, std::string const& query = "") {
  auto r = client.get("/api/v1/notifications" + query);
  INFO(r.body);
  REQUIRE(r.status == 200);
  return r.json();
}

}  // namespace

TEST_CASE("each user lists and marks only their own notifications", "[notifications][integration]") {
  TestServer server;
  auto p = make_personas(server);
  notify(server, p.expert_alice_id, "通知一");
  notify(server, p.expert_alice_id, "通知二");
  notify(server, p.expert_alice_id, "通知三");
  notify(server, p.expert_bob_id, "给张博");

  auto alice = inbox(p.expert_alice);
  CHECK(alice["total"] == 3);
  CHECK(alice["unread"] == 3);
  CHECK(alice["page"] == 1);
  CHECK(alice["page_size"] == 20);
  REQUIRE(alice["items"].size() == 3);
  auto const& newest = alice["items"][0];
  CHECK(newest["title"] == "通知三");
  CHECK(newest["kind"] == "expert.approved");
  CHECK(newest["body"] == "您已入库。");
  CHECK(newest["link"] == "/me/profile");
  CHECK(newest["read_at"].is_null());
  CHECK(newest.contains("created_at"));
  CHECK_FALSE(newest.contains("user_id"));

  auto bob = inbox(p.expert_bob);
  REQUIRE(bob["total"] == 1);
  Id bobs = bob["items"][0]["id"].get<Id>();
  CHECK(inbox(p.coordinator)["total"] == 0);

  SECTION("another user's notification is not found, and stays unread") {
    auto r = p.expert_alice.post("/api/v1/notifications/" + std::to_string(bobs) + "/read");
    CHECK(r.status == 404);
    CHECK(r.is_problem());
    CHECK(p.admin.post("/api/v1/notifications/" + std::to_string(bobs) + "/read").status == 404);
    CHECK(inbox(p.expert_bob)["unread"] == 1);
    CHECK(p.expert_alice.post("/api/v1/notifications/999999/read").status == 404);
    CHECK(p.expert_alice.post("/api/v1/notifications/abc/read").status == 404);
  }
  SECTION("one's own is marked read, and unread=true leaves it out") {
    Id second = alice["items"][1]["id"].get<Id>();
    auto r = p.expert_alice.post("/api/v1/notifications/" + std::to_string(second) + "/read");
    CHECK(r.status == 204);
    CHECK(r.body.empty());
    auto after = inbox(p.expert_alice);
    CHECK(after["total"] == 3);
    CHECK(after["unread"] == 2);
    CHECK(after["items"][1]["read_at"].is_string());
    auto unread = inbox(p.expert_alice, "?unread=true");
    CHECK(unread["total"] == 2);
    CHECK(unread["unread"] == 2);
    for (auto const& item : unread["items"]) CHECK(item["id"] != second);
    // Marking it again is harmless.
    CHECK(p.expert_alice.post("/api/v1/notifications/" + std::to_string(second) + "/read").status == 204);

    auto audit = p.admin.get("/api/v1/audit?action=notification.read");
    REQUIRE(audit.status == 200);
    REQUIRE(audit.json()["total"] == 1);
    CHECK(audit.json()["items"][0]["actor_id"] == p.expert_alice_id);
    CHECK(audit.json()["items"][0]["entity_id"] == second);
  }
  SECTION("read-all marks the caller's and nobody else's") {
    CHECK(p.expert_alice.post("/api/v1/notifications/read-all").status == 204);
    CHECK(inbox(p.expert_alice)["unread"] == 0);
    CHECK(inbox(p.expert_alice, "?unread=true")["items"] == Json::array());
    CHECK(inbox(p.expert_bob)["unread"] == 1);
  }
  SECTION("pages") {
    auto first = inbox(p.expert_alice, "?page_size=2");
    auto second = inbox(p.expert_alice, "?page_size=2&page=2");
    CHECK(first["items"].size() == 2);
    REQUIRE(second["items"].size() == 1);
    CHECK(second["items"][0]["title"] == "通知一");
    CHECK(second["total"] == 3);
  }
}

TEST_CASE("notifications need a signed-in caller and a well-formed filter", "[notifications][integration]") {
  TestServer server;
  auto p = make_personas(server);
  HttpClient anonymous(server.port());
  CHECK(anonymous.get("/api/v1/notifications").status == 401);
  CHECK(anonymous.post("/api/v1/notifications/read-all").status == 401);
  CHECK(anonymous.post("/api/v1/notifications/1/read").status == 401);

  auto bad = p.expert_alice.get("/api/v1/notifications?unread=maybe");
  CHECK(bad.status == 400);
  REQUIRE(bad.is_problem());
  CHECK(bad.json()["errors"][0]["field"] == "unread");

  // Every role has an inbox.
  for (auto* client : {&p.admin, &p.coordinator, &p.expert_alice, &p.expert_bob, &p.leader})
    CHECK(client->get("/api/v1/notifications").status == 200);
}

TEST_CASE("a notification to a role reaches its members' inboxes", "[notifications][integration]") {
  TestServer server;
  auto p = make_personas(server);
  auto& services = server.app().services();
  services.db.write([&](storage::Connection& c) {
    services.notifier.notify_roles(c, RoleSet{Role::coordinator}, "expert.applied", "新的入库申请", "", "/experts");
  });
  auto coordinator = inbox(p.coordinator);
  REQUIRE(coordinator["total"] == 1);
  CHECK(coordinator["items"][0]["title"] == "新的入库申请");
  CHECK(inbox(p.admin)["total"] == 0);
  CHECK(inbox(p.expert_alice)["total"] == 0);
  CHECK(inbox(p.leader)["total"] == 0);
}
