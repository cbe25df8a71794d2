// The outbox and the e-mail preferences over HTTP: administrators see every e-mail with counts
// per status and queue a failed one again; each user turns e-mail of a kind off and on for
// themselves only, and that decides what is queued.
#include <catch2/catch.hpp>

#include "app/services.hpp"
#include "integration/mail_helpers.hpp"
#include "support/http_client.hpp"
#include "support/personas.hpp"
#include "support/test_server.hpp"

using namespace zhiku;
using namespace zhiku::test;

TEST_CASE("users turn e-mail of a kind off for themselves; administrators read the outbox and retry", "[mail][integration]") {
  SmtpSink sink;
  sink.stop();  // down: e-mails fail and wait for their retry
  TestServer server([&](AppConfig& c) {
    c.mail.enabled = true;
    c.mail.smtp_url = sink.url();
    c.mail.poll_ms = 50;
    c.mail.max_attempts = 1;
  });
  auto p = make_personas(server);
  auto& s = server.app().services();

  auto prefs = p.expert_alice.get("/api/v1/me/mail-preferences");
  REQUIRE(prefs.status == 200);
  CHECK(prefs.json()["email"] == "alice@example.cn");
  CHECK(prefs.json()["mail_enabled"] == true);
  CHECK(prefs.json()["opted_out"].empty());

  auto off = p.expert_alice.put("/api/v1/me/mail-preferences/call.published", {{"wanted", false}});
  REQUIRE(off.status == 200);
  CHECK(off.json()["opted_out"] == Json::array({"call.published"}));
  CHECK(p.expert_bob.get("/api/v1/me/mail-preferences").json()["opted_out"].empty());

  auto bad = p.expert_alice.put("/api/v1/me/mail-preferences/call.published", Json::object());
  CHECK(bad.status == 400);
  CHECK(bad.body.find("wanted") != std::string::npos);

  s.db.write([&](storage::Connection& c) {
    s.notifier.notify(c, p.expert_alice_id, "call.published", "新的建议征集", "", "/calls/1");
    s.notifier.notify(c, p.expert_bob_id, "call.published", "新的建议征集", "", "/calls/1");
  });
  REQUIRE(eventually([&] { return s.mail.list(MailStatus::failed, 0, 10).total == 1; }));

  auto outbox = p.admin.get("/api/v1/admin/mail");
  REQUIRE(outbox.status == 200);
  auto j = outbox.json();
  CHECK(j["total"] == 1);  // bob's only: alice turned the kind off
  CHECK(j["enabled"] == true);
  CHECK(j["counts"]["failed"] == 1);
  CHECK(j["counts"]["sent"] == 0);
  auto const& row = j["items"][0];
  CHECK(row["to_address"] == "bob@example.cn");
  CHECK(row["subject"] == "新的建议征集");
  CHECK(row["status"] == "failed");
  CHECK_FALSE(row["last_error"].get<std::string>().empty());
  CHECK(p.admin.get("/api/v1/admin/mail?status=sent").json()["total"] == 0);
  CHECK(p.admin.get("/api/v1/admin/mail?status=nonsense").status == 400);
  CHECK(p.coordinator.get("/api/v1/admin/mail").status == 403);

  sink.start_again();
  Id const id = row["id"].get<Id>();
  auto retried = p.admin.post("/api/v1/admin/mail/" + std::to_string(id) + "/retry");
  REQUIRE(retried.status == 200);
  CHECK(retried.json()["status"] == "pending");
  auto got = sink.wait_for(1);
  REQUIRE(got.size() == 1);
  CHECK(got[0].envelope_to == "bob@example.cn");
  REQUIRE(eventually([&] { return s.mail.list(MailStatus::sent, 0, 10).total == 1; }));
  CHECK(p.admin.post("/api/v1/admin/mail/" + std::to_string(id) + "/retry").status == 409);
  CHECK(p.admin.post("/api/v1/admin/mail/999999/retry").status == 404);

  auto audit = p.admin.get("/api/v1/audit?action=mail.retry");
  REQUIRE(audit.status == 200);
  CHECK(audit.json()["total"] == 1);
  CHECK(p.admin.get("/api/v1/audit?action=mail.opt_out").json()["total"] == 1);
}
