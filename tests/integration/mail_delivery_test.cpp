// E-mail of notifications through the real server to a real SMTP server on loopback (aiosmtpd):
// what arrives (a Chinese subject in RFC 2047 words, the body, the link), opt-outs by kind, a
// server that is down (retry with back-off, delivered once it is up), and an e-mail a stopped
// process left mid-delivery (never resent by itself).
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

auto mail_to(std::string const& url) {
  return [url](AppConfig& c) {
    c.mail.enabled = true;
    c.mail.smtp_url = url;
    c.mail.from = "noreply@zhiku.example.cn";
    c.mail.base_url = "https://zhiku.example.cn";
    c.mail.poll_ms = 50;
    c.mail.timeout_ms = 5000;
    c.mail.retry_base_seconds = 60;
    c.mail.max_attempts = 3;
    c.scheduler.poll_ms = 50;
  };
}

void notify(TestServer& server, Id user_id, std::string const& kind, std::string const& title) {
  auto& s = server.app().services();
  s.db.write([&](storage::Connection& c) { s.notifier.notify(c, user_id, kind, title, "您的申请已通过审核。", "/me/profile"); });
}

OutboxMessage only_message(TestServer& server) {
  auto page = server.app().services().mail.list(std::nullopt, 0, 10);
  REQUIRE(page.total == 1);
  return page.items.at(0);
}

std::int64_t in_app_count(TestServer& server, Id user_id) {
  auto c = server.app().database().read();
  return c->query_one("SELECT count(*) FROM notifications WHERE user_id = ?", storage::first_column<std::int64_t>,
                      user_id)
      .value_or(-1);
}

SysTime at(char const* iso) { return *parse_iso(iso); }

}  // namespace

TEST_CASE("a notification's e-mail arrives at the SMTP server with its Chinese subject encoded", "[mail][integration]") {
  SmtpSink sink;
  TestServer server(mail_to(sink.url()));
  auto p = make_personas(server);
  std::string const title = "您的专家入库申请已批准——欢迎加入智库专家库，请及时完善个人资料与研究方向";
  notify(server, p.expert_alice_id, "expert.approved", title);

  auto got = sink.wait_for(1);
  REQUIRE(got.size() == 1);
  auto const& m = got[0];
  CHECK(m.envelope_from == "noreply@zhiku.example.cn");
  CHECK(m.envelope_to == "alice@example.cn");
  CHECK(m.header("Subject").starts_with("=?UTF-8?B?"));
  CHECK(m.subject() == title);
  for (auto const& line : {m.header("Subject")}) CHECK(line.find('\n') == std::string::npos);
  CHECK(m.header("Content-Type") == "text/plain; charset=UTF-8");
  CHECK(m.header("Message-ID").starts_with("<outbox-"));
  CHECK(m.body().find("您的申请已通过审核。") != std::string::npos);
  CHECK(m.body().find("https://zhiku.example.cn/me/profile") != std::string::npos);

  REQUIRE(eventually([&] { return only_message(server).status == MailStatus::sent; }));
  auto const row = only_message(server);
  CHECK(row.attempts == 1);
  CHECK(row.sent_at.has_value());
  CHECK(row.kind == "expert.approved");

  SECTION("every holder of a role gets their own e-mail") {
    auto& s = server.app().services();
    s.db.write([&](storage::Connection& c) {
      s.notifier.notify_roles(c, RoleSet{Role::coordinator}, "topic.application", "新的课题申报", "", "/topics/1");
    });
    auto all = sink.wait_for(2);
    REQUIRE(all.size() == 2);
    CHECK(all[1].envelope_to == "coordinator@example.cn");
    CHECK(all[1].subject() == "新的课题申报");
  }
}

TEST_CASE("no e-mail is queued for a kind the user turned off, nor without an address or with mail off",
          "[mail][integration]") {
  SECTION("opted out of one kind: the in-app notification still arrives, other kinds are mailed") {
    SmtpSink sink;
    TestServer server(mail_to(sink.url()));
    auto p = make_personas(server);
    auto& mail = server.app().services().mail;
    Principal who;
    who.user_id = p.expert_alice_id;
    Actor const alice = Actor::of(who, {"test", "test"});
    auto prefs = mail.set_kind(alice, "expert.remind_confirm", false);
    CHECK(prefs.opted_out == std::vector<std::string>{"expert.remind_confirm"});
    CHECK(prefs.email == "alice@example.cn");
    CHECK(prefs.mail_enabled);

    notify(server, p.expert_alice_id, "expert.remind_confirm", "请确认您的专家信息");
    CHECK(in_app_count(server, p.expert_alice_id) == 1);
    CHECK(mail.list(std::nullopt, 0, 10).total == 0);

    notify(server, p.expert_alice_id, "expert.approved", "已入库");
    CHECK(mail.list(std::nullopt, 0, 10).total == 1);
    REQUIRE(sink.wait_for(1).size() == 1);

    CHECK(mail.set_kind(alice, "expert.remind_confirm", true).opted_out.empty());
    notify(server, p.expert_alice_id, "expert.remind_confirm", "请确认您的专家信息");
    CHECK(mail.list(std::nullopt, 0, 10).total == 2);
    CHECK_THROWS_AS(mail.set_kind(alice, "坏 kind", false), Error);
  }
  SECTION("mail disabled in the configuration: nothing is queued") {
    TestServer server;
    auto p = make_personas(server);
    notify(server, p.expert_alice_id, "expert.approved", "已入库");
    CHECK(in_app_count(server, p.expert_alice_id) == 1);
    CHECK(server.app().services().mail.list(std::nullopt, 0, 10).total == 0);
  }
}

TEST_CASE("an e-mail to a server that is down is retried with back-off and delivered once it is up",
          "[mail][integration]") {
  SmtpSink sink;
  sink.stop();  // the port is known, nothing listens on it
  Clock clock;
  clock.freeze_at(at("2026-12-02T08:00:00Z"));
  TestServer server(mail_to(sink.url()), &clock);
  auto p = make_personas(server);
  notify(server, p.expert_alice_id, "expert.approved", "入库通知");

  // An attempt counts from its claim (status sending); wait until its failure is recorded.
  REQUIRE(eventually([&] {
    auto m = only_message(server);
    return m.attempts == 1 && m.status != MailStatus::sending;
  }));
  auto failed = only_message(server);
  CHECK(failed.status == MailStatus::pending);
  CHECK_FALSE(failed.last_error.empty());
  CHECK(failed.next_attempt_at == "2026-12-02T08:01:00Z");  // 60 s after the first attempt

  std::this_thread::sleep_for(300ms);  // the sender polls every 50 ms: not due, not tried again
  CHECK(only_message(server).attempts == 1);

  sink.start_again();
  clock.advance(61s);
  auto got = sink.wait_for(1);
  REQUIRE(got.size() == 1);
  CHECK(got[0].subject() == "入库通知");
  REQUIRE(eventually([&] { return only_message(server).status == MailStatus::sent; }));
  CHECK(only_message(server).attempts == 2);
  std::this_thread::sleep_for(200ms);
  CHECK(sink.received().size() == 1);

  SECTION("after the last attempt it is failed, and an administrator's retry sends it") {
    sink.stop();
    notify(server, p.expert_alice_id, "expert.approved", "第二封");
    auto& mail = server.app().services().mail;
    auto second = [&] { return mail.list(std::nullopt, 0, 10).items.at(0); };
    auto settled_after = [&](int attempts) {
      auto m = second();
      return m.attempts == attempts && m.status != MailStatus::sending;
    };
    REQUIRE(eventually([&] { return settled_after(1); }));
    clock.advance(61s);  // attempt 2 after 60 s
    REQUIRE(eventually([&] { return settled_after(2); }));
    CHECK(second().next_attempt_at == to_iso(clock.now() + 120s));  // then 120 s
    clock.advance(121s);
    REQUIRE(eventually([&] { return second().status == MailStatus::failed; }));
    CHECK(second().attempts == 3);

    sink.start_again();
    auto admin = Actor::system("test");
    CHECK(mail.retry(admin, second().id).status == MailStatus::pending);
    REQUIRE(sink.wait_for(2).size() == 2);
    CHECK(sink.received()[1].subject() == "第二封");
    CHECK_THROWS_AS(mail.retry(admin, second().id), Error);  // sent: nothing to retry
  }
}

TEST_CASE("an e-mail left mid-delivery by a stopped server is marked uncertain and not resent", "[mail][integration]") {
  SmtpSink sink;
  TestServer server(mail_to(sink.url()));
  auto p = make_personas(server);
  server.app().services().db.write([&](storage::Connection& c) {
    c.exec(
        "INSERT INTO mail_outbox (user_id, kind, to_address, subject, body, status, attempts, next_attempt_at, "
        "created_at) VALUES (?, 'expert.approved', 'alice@example.cn', '中断的邮件', '', 'sending', 1, "
        "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        p.expert_alice_id);
  });
  server.restart();
  auto row = only_message(server);
  CHECK(row.status == MailStatus::uncertain);
  CHECK_FALSE(row.last_error.empty());
  std::this_thread::sleep_for(300ms);
  CHECK(sink.received().empty());
}
