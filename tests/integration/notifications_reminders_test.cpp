// Reminders kept in the database and fired by the server's timer, through the real server on a
// test clock: exactly once across restarts (before and after they are due), idempotent per key,
// re-armed when the date moves, cancelled, and delivered as e-mail to a real SMTP server.
#include <catch2/catch.hpp>

#include <string>

#include "app/services.hpp"
#include "integration/mail_helpers.hpp"
#include "support/personas.hpp"
#include "support/test_server.hpp"

using namespace zhiku;
using namespace zhiku::test;
using namespace std::chrono_literals;

namespace {

std::int64_t in_app(TestServer& server, Id user_id, std::string const& kind) {
  auto c = server.app().database().read();
  return c->query_one("SELECT count(*) FROM notifications WHERE user_id = ? AND kind = ?",
                      storage::first_column<std::int64_t>, user_id, kind)
      .value_or(-1);
}

void schedule(TestServer& server, std::string const& key, std::string const& due_at, Json const& payload) {
  auto& s = server.app().services();
  s.db.write([&](storage::Connection& c) { s.scheduler.schedule(c, "notify", key, due_at, payload); });
}

}  // namespace

TEST_CASE("a reminder is delivered exactly once across restarts, in-app and by e-mail", "[notifications][reminders][integration]") {
  SmtpSink sink;
  Clock clock;
  clock.freeze_at(*parse_iso("2026-12-01T09:00:00Z"));
  TestServer server(
      [&](AppConfig& c) {
        c.scheduler.poll_ms = 40;
        c.mail.enabled = true;
        c.mail.smtp_url = sink.url();
        c.mail.poll_ms = 40;
      },
      &clock);
  auto p = make_personas(server);
  Json const payload = {{"user_id", p.expert_alice_id},
                        {"kind", "topic.deadline_1d"},
                        {"title", "课题“城市更新”申报将于 1 天后截止"},
                        {"body", "请于 2026-12-02 18:00（北京时间）前提交申报书。"},
                        {"link", "/topics/7"}};
  schedule(server, "topic.7.deadline.1d", "2026-12-02T09:00:00Z", payload);

  std::this_thread::sleep_for(250ms);  // several timer rounds: not due yet
  CHECK(in_app(server, p.expert_alice_id, "topic.deadline_1d") == 0);
  server.restart();  // kept in the database, still pending
  CHECK(server.app().services().scheduler.find("topic.7.deadline.1d")->status == ReminderStatus::pending);

  clock.advance(24h);
  REQUIRE(eventually([&] { return in_app(server, p.expert_alice_id, "topic.deadline_1d") == 1; }));
  auto got = sink.wait_for(1);
  REQUIRE(got.size() == 1);
  CHECK(got[0].subject() == "课题“城市更新”申报将于 1 天后截止");
  auto fired = server.app().services().scheduler.find("topic.7.deadline.1d");
  CHECK(fired->status == ReminderStatus::fired);
  CHECK(fired->fired_at == "2026-12-02T09:00:00Z");

  server.restart();
  clock.advance(1h);
  std::this_thread::sleep_for(300ms);
  CHECK(in_app(server, p.expert_alice_id, "topic.deadline_1d") == 1);
  CHECK(sink.received().size() == 1);

  SECTION("registering the same reminder again does not fire it again") {
    schedule(server, "topic.7.deadline.1d", "2026-12-02T09:00:00Z", payload);
    std::this_thread::sleep_for(300ms);
    CHECK(in_app(server, p.expert_alice_id, "topic.deadline_1d") == 1);
    CHECK(server.app().services().scheduler.find("topic.7.deadline.1d")->status == ReminderStatus::fired);
  }
  SECTION("a moved deadline is reminded of anew") {
    schedule(server, "topic.7.deadline.1d", "2026-12-05T09:00:00Z", payload);
    CHECK(server.app().services().scheduler.find("topic.7.deadline.1d")->status == ReminderStatus::pending);
    clock.advance(72h);
    REQUIRE(eventually([&] { return in_app(server, p.expert_alice_id, "topic.deadline_1d") == 2; }));
    REQUIRE(sink.wait_for(2).size() == 2);
  }
}

TEST_CASE("a cancelled reminder never fires; a reminder for a role reaches every holder", "[notifications][reminders][integration]") {
  Clock clock;
  clock.freeze_at(*parse_iso("2026-12-01T09:00:00Z"));
  TestServer server([](AppConfig& c) { c.scheduler.poll_ms = 40; }, &clock);
  auto p = make_personas(server);
  auto& s = server.app().services();
  schedule(server, "commission.3.unanswered", "2026-12-01T10:00:00Z",
           {{"user_id", p.expert_bob_id}, {"kind", "topic.commission_unanswered"}, {"title", "委托待答复"}});
  schedule(server, "topic.9.overdue", "2026-12-01T10:00:00Z",
           {{"roles", {"coordinator"}}, {"kind", "topic.overdue"}, {"title", "课题已逾期 1 天"}, {"link", "/topics/9"}});
  bool const cancelled =
      s.db.write([&](storage::Connection& c) { return s.scheduler.cancel(c, "commission.3.unanswered"); });
  CHECK(cancelled);
  clock.advance(2h);
  REQUIRE(eventually([&] { return in_app(server, p.coordinator_id, "topic.overdue") == 1; }));
  std::this_thread::sleep_for(200ms);
  CHECK(in_app(server, p.expert_bob_id, "topic.commission_unanswered") == 0);
  CHECK(s.scheduler.find("commission.3.unanswered")->status == ReminderStatus::cancelled);
  CHECK(in_app(server, p.expert_alice_id, "topic.overdue") == 0);
}
