// The audit chain on a migrated database file: recording, verification, the tamper cases,
// the append-only triggers, redaction, and the filtered reader.
#include "audit/audit_log.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "storage/database.hpp"
#include "support/test_database.hpp"

using namespace zhiku;

namespace {

// A migrated database in its own directory, and a raw connection to the same file for the
// tamper tests (it bypasses nothing but the application: triggers still apply until dropped).
struct AuditDb {
  test::TestDatabase t{"audit.db"};
  storage::Database& db = t.db;
  AuditLog audit{t.clock};

  std::unique_ptr<storage::Connection> raw() { return t.raw_connection(); }

  void record(Principal const* who, std::string const& action, Id entity_id, Json const& diff = Json::object()) {
    RequestMeta meta{"req-" + std::to_string(entity_id), "10.0.0.7"};
    db.write([&](storage::Connection& c) {
      audit.record(c, who ? Actor::of(*who, meta) : Actor::anonymous(meta), action, "expert", entity_id, diff);
    });
  }

  // n rows: actions "expert.update" on entities 1..n with a small diff each.
  void record_rows(int n, Principal const* who) {
    for (int i = 1; i <= n; ++i) {
      Json diff = Json::object();
      diff["name"] = {{"from", "旧名" + std::to_string(i)}, {"to", "新名" + std::to_string(i)}};
      record(who, "expert.update", i, diff);
    }
  }

  AuditVerification verify() {
    auto c = db.read();
    return audit.verify(*c);
  }

  std::pair<std::vector<AuditRecord>, std::int64_t> query(AuditFilter const& f) {
    auto c = db.read();
    return audit.query(*c, f);
  }
};

Principal coordinator() {
  Principal p;
  p.user_id = 7;
  p.username = "zhang";
  p.display_name = "张协调";
  p.roles = {Role::coordinator};
  return p;
}

}  // namespace

TEST_CASE("a chain of audit rows verifies", "[audit]") {
  AuditDb t;
  Principal who = coordinator();
  t.record_rows(40, &who);
  // Several rows in one write job chain just the same.
  t.db.write([&](storage::Connection& c) {
    for (int i = 0; i < 5; ++i)
      t.audit.record(c, Actor::anonymous({}), "system.tick", "system", std::nullopt, Json::object());
  });

  auto v = t.verify();
  CHECK(v.ok);
  CHECK(v.rows_checked == 45);
  CHECK_FALSE(v.first_bad_id);

  AuditFilter all;
  all.limit = 100;
  auto [rows, total] = t.query(all);
  REQUIRE(total == 45);
  REQUIRE(rows.size() == 45);
  // Newest first; ids contiguous from 1; each row links to the one before.
  CHECK(rows.back().id == 1);
  CHECK(rows.back().prev_hash == kAuditGenesisHash);
  for (size_t i = 0; i + 1 < rows.size(); ++i) {
    CHECK(rows[i].id == rows[i + 1].id + 1);
    CHECK(rows[i].prev_hash == rows[i + 1].hash);
    CHECK(rows[i].hash.size() == 64);
  }
}

TEST_CASE("an empty audit log verifies", "[audit]") {
  AuditDb t;
  auto v = t.verify();
  CHECK(v.ok);
  CHECK(v.rows_checked == 0);
}

TEST_CASE("an audit row records who, what, where and the redacted diff", "[audit]") {
  AuditDb t;
  Principal who = coordinator();
  Json before = {{"name", "李四"}, {"password_hash", "$argon2id$old"}};
  Json after = {{"name", "李四（院士）"}, {"password_hash", "$argon2id$new"}};
  t.db.write([&](storage::Connection& c) {
    t.audit.record(c, Actor::of(who, RequestMeta{"r-123", "192.0.2.4"}), "expert.update", "expert", 42,
                   audit_diff(before, after));
  });
  t.db.write([&](storage::Connection& c) {
    t.audit.record(c, Actor::anonymous(RequestMeta{"r-124", "192.0.2.5"}), "session.login_failed", "user", std::nullopt,
                   {{"username", "nobody"}});
  });

  auto [rows, total] = t.query(AuditFilter{});
  REQUIRE(total == 2);
  auto const& anon = rows[0];
  CHECK_FALSE(anon.actor_id);
  CHECK(anon.actor_name.empty());
  CHECK_FALSE(anon.entity_id);
  CHECK(anon.diff == Json{{"username", "nobody"}});

  auto const& r = rows[1];
  CHECK(r.actor_id == 7);
  CHECK(r.actor_name == "张协调");
  CHECK(r.action == "expert.update");
  CHECK(r.entity_type == "expert");
  CHECK(r.entity_id == 42);
  CHECK(r.request_id == "r-123");
  CHECK(r.client_address == "192.0.2.4");
  CHECK(r.at.size() == 20);
  CHECK(r.diff["name"] == Json{{"from", "李四"}, {"to", "李四（院士）"}});
  CHECK(r.diff["password_hash"] == Json{{"from", "[redacted]"}, {"to", "[redacted]"}});
}

TEST_CASE("record refuses to run outside a write transaction", "[audit]") {
  AuditDb t;
  auto c = t.raw();
  CHECK_THROWS_AS(t.audit.record(*c, Actor::anonymous({}), "x.y", "x", 1, Json::object()), std::logic_error);
}

TEST_CASE("a rolled-back write takes its audit row with it and the chain stays whole", "[audit]") {
  AuditDb t;
  Principal who = coordinator();
  t.record_rows(3, &who);
  CHECK_THROWS_AS(t.db.write([&](storage::Connection& c) {
    t.audit.record(c, Actor::of(who, {}), "expert.update", "expert", 99, Json::object());
    throw std::runtime_error("the use case failed after auditing");
  }),
                  std::runtime_error);
  t.record_rows(2, &who);

  auto v = t.verify();
  CHECK(v.ok);
  CHECK(v.rows_checked == 5);
  AuditFilter f;
  f.entity_id = 99;
  CHECK(t.query(f).second == 0);
}

TEST_CASE("audit rows written from many threads at once form one chain", "[audit]") {
  AuditDb t;
  Principal who = coordinator();
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&t, &who, k] {
      for (int i = 0; i < 25; ++i) t.record(&who, "expert.update", k * 100 + i);
    });
  }
  for (auto& th : threads) th.join();
  auto v = t.verify();
  CHECK(v.ok);
  CHECK(v.rows_checked == 100);
}

TEST_CASE("verify reports the row whose content was altered behind the triggers' back", "[audit]") {
  AuditDb t;
  Principal who = coordinator();
  t.record_rows(10, &who);
  REQUIRE(t.verify().ok);

  auto raw = t.raw();
  raw->exec_script("DROP TRIGGER audit_log_no_update");

  SECTION("the diff") {
    raw->exec("UPDATE audit_log SET diff = ? WHERE id = 4", std::string(R"({"name":{"from":"旧名4","to":"假名"}})"));
  }
  SECTION("the actor") { raw->exec("UPDATE audit_log SET actor_id = 1, actor_name = 'admin' WHERE id = 4"); }
  SECTION("the time") { raw->exec("UPDATE audit_log SET at = '2020-01-01T00:00:00Z' WHERE id = 4"); }
  SECTION("the entity, set to null") { raw->exec("UPDATE audit_log SET entity_id = NULL WHERE id = 4"); }
  SECTION("the client address") { raw->exec("UPDATE audit_log SET client_address = '127.0.0.1' WHERE id = 4"); }
  SECTION("the stored hash itself") { raw->exec("UPDATE audit_log SET hash = ? WHERE id = 4", std::string(64, 'a')); }

  auto v = t.verify();
  CHECK_FALSE(v.ok);
  REQUIRE(v.first_bad_id);
  CHECK(*v.first_bad_id == 4);
  CHECK(v.rows_checked == 4);
  CHECK(v.problem.find("altered") != std::string::npos);
}

TEST_CASE("verify reports the row after one that was altered and re-hashed", "[audit]") {
  AuditDb t;
  Principal who = coordinator();
  t.record_rows(6, &who);
  AuditFilter f;
  f.entity_id = 3;
  auto [rows, total] = t.query(f);
  REQUIRE(total == 1);
  AuditRecord forged = rows[0];
  forged.diff = Json::object();
  std::string const forged_hash = audit_hash(forged.prev_hash, forged);
  REQUIRE(forged_hash != forged.hash);
  CHECK(audit_hash(rows[0].prev_hash, rows[0]) == rows[0].hash);

  // The forger recomputes row 3's own hash, but row 4 still links to the original.
  auto raw = t.raw();
  raw->exec_script("DROP TRIGGER audit_log_no_update");
  raw->exec("UPDATE audit_log SET diff = '{}', hash = ? WHERE id = ?", forged_hash, forged.id);
  auto v = t.verify();
  CHECK_FALSE(v.ok);
  REQUIRE(v.first_bad_id);
  CHECK(*v.first_bad_id == forged.id + 1);
  CHECK(v.problem.find("prev_hash") != std::string::npos);
}

TEST_CASE("verify reports the row after a removed one", "[audit]") {
  AuditDb t;
  Principal who = coordinator();
  t.record_rows(8, &who);
  auto raw = t.raw();
  raw->exec_script("DROP TRIGGER audit_log_no_delete");

  SECTION("a row in the middle") {
    raw->exec("DELETE FROM audit_log WHERE id = 5");
    auto v = t.verify();
    CHECK_FALSE(v.ok);
    REQUIRE(v.first_bad_id);
    CHECK(*v.first_bad_id == 6);
  }
  SECTION("the first row") {
    raw->exec("DELETE FROM audit_log WHERE id = 1");
    auto v = t.verify();
    CHECK_FALSE(v.ok);
    REQUIRE(v.first_bad_id);
    CHECK(*v.first_bad_id == 2);
    CHECK(v.problem.find("genesis") != std::string::npos);
  }
  SECTION("a middle row, with the ids of the later rows closed up") {
    // Renumbering hides the gap, but the next row's prev_hash still names the removed row.
    raw->exec_script("DROP TRIGGER audit_log_no_update");
    raw->exec("DELETE FROM audit_log WHERE id = 5");
    raw->exec("UPDATE audit_log SET id = id - 1 WHERE id > 5");
    auto v = t.verify();
    CHECK_FALSE(v.ok);
    REQUIRE(v.first_bad_id);
    CHECK(*v.first_bad_id == 5);
  }
}

TEST_CASE("verify reports a row inserted out of order", "[audit]") {
  AuditDb t;
  Principal who = coordinator();
  t.record_rows(5, &who);
  auto raw = t.raw();

  SECTION("a copy of the last row appended after a gap") {
    raw->exec(
        "INSERT INTO audit_log (id, at, actor_id, actor_name, action, entity_type, entity_id, diff, request_id, "
        "client_address, prev_hash, hash) SELECT 9, at, actor_id, actor_name, action, entity_type, entity_id, diff, "
        "request_id, client_address, prev_hash, hash FROM audit_log WHERE id = 5");
    auto v = t.verify();
    CHECK_FALSE(v.ok);
    REQUIRE(v.first_bad_id);
    CHECK(*v.first_bad_id == 9);
  }
  SECTION("a later row moved into the place of a removed one") {
    raw->exec_script("DROP TRIGGER audit_log_no_delete");
    raw->exec("DELETE FROM audit_log WHERE id = 3");
    raw->exec(
        "INSERT INTO audit_log (id, at, actor_id, actor_name, action, entity_type, entity_id, diff, request_id, "
        "client_address, prev_hash, hash) SELECT 3, at, actor_id, actor_name, action, entity_type, entity_id, diff, "
        "request_id, client_address, prev_hash, hash FROM audit_log WHERE id = 5");
    auto v = t.verify();
    CHECK_FALSE(v.ok);
    REQUIRE(v.first_bad_id);
    CHECK(*v.first_bad_id == 3);
  }
}

TEST_CASE("the audit log refuses UPDATE and DELETE while its triggers are in place", "[audit]") {
  AuditDb t;
  Principal who = coordinator();
  t.record_rows(3, &who);

  SECTION("through the writer") {
    CHECK_THROWS_AS(t.db.write([](storage::Connection& c) { c.exec("UPDATE audit_log SET diff = '{}' WHERE id = 2"); }),
                    storage::Error);
    CHECK_THROWS_AS(t.db.write([](storage::Connection& c) { c.exec("DELETE FROM audit_log WHERE id = 2"); }),
                    storage::Error);
  }
  SECTION("through a raw connection") {
    auto raw = t.raw();
    CHECK_THROWS_WITH(raw->exec("UPDATE audit_log SET actor_name = 'x'"), Catch::Contains("append-only"));
    CHECK_THROWS_WITH(raw->exec("DELETE FROM audit_log"), Catch::Contains("append-only"));
  }
  auto v = t.verify();
  CHECK(v.ok);
  CHECK(v.rows_checked == 3);
}

TEST_CASE("audit_diff lists changed keys only, absent keys as null", "[audit]") {
  SECTION("an update") {
    Json d = audit_diff({{"name", "王五"}, {"title", "教授"}, {"fields", {1, 2}}},
                        {{"name", "王五"}, {"title", "研究员"}, {"fields", {1, 3}}});
    CHECK(d == Json{{"title", {{"from", "教授"}, {"to", "研究员"}}}, {"fields", {{"from", {1, 2}}, {"to", {1, 3}}}}});
  }
  SECTION("a creation") {
    Json d = audit_diff(Json::object(), {{"name", "王五"}, {"phone", nullptr}});
    CHECK(d == Json{{"name", {{"from", nullptr}, {"to", "王五"}}}});
  }
  SECTION("a deletion") {
    Json d = audit_diff({{"name", "王五"}}, Json::object());
    CHECK(d == Json{{"name", {{"from", "王五"}, {"to", nullptr}}}});
  }
  SECTION("nothing changed") { CHECK(audit_diff({{"a", 1}}, {{"a", 1}}) == Json::object()); }
  SECTION("null counts as an empty object") {
    CHECK(audit_diff(nullptr, {{"a", 1}}) == Json{{"a", {{"from", nullptr}, {"to", 1}}}});
  }
}

TEST_CASE("audit_diff redacts every key that names a secret", "[audit]") {
  for (std::string key : {"password", "new_password", "password_hash", "token", "api_token_hash", "totp_secret",
                          "client_secret", "recovery_codes", "csrf_token", "totp_code", "Password", "CSRF"}) {
    INFO(key);
    CHECK(is_secret_key(key));
    Json d = audit_diff({{key, "old-value"}}, {{key, "new-value"}});
    CHECK(d == Json{{key, {{"from", "[redacted]"}, {"to", "[redacted]"}}}});
    CHECK(d.dump().find("-value") == std::string::npos);
  }
  for (std::string key : {"name", "email", "roles", "status", "organization", "session", "totp_enabled", "tokens_revoked"}) {
    INFO(key);
    CHECK_FALSE(is_secret_key(key));
  }

  SECTION("setting a secret shows that it was set, not its value") {
    CHECK(audit_diff(Json::object(), {{"totp_secret", "JBSWY3DP"}}) ==
          Json{{"totp_secret", {{"from", nullptr}, {"to", "[redacted]"}}}});
  }
  SECTION("inside nested values") {
    Json d =
        audit_diff({{"smtp", {{"host", "a"}, {"password", "p1"}}}}, {{"smtp", {{"host", "b"}, {"password", "p2"}}}});
    CHECK(d["smtp"]["from"] == Json{{"host", "a"}, {"password", "[redacted]"}});
    CHECK(d["smtp"]["to"] == Json{{"host", "b"}, {"password", "[redacted]"}});
  }
  SECTION("in a hand-built diff passed to record") {
    AuditDb t;
    t.db.write([&](storage::Connection& c) {
      t.audit.record(c, Actor::anonymous({}), "token.create", "api_token", 1, {{"name", "ci"}, {"token", "zk_secret"}});
    });
    auto [rows, total] = t.query(AuditFilter{});
    REQUIRE(total == 1);
    CHECK(rows[0].diff == Json{{"name", "ci"}, {"token", "[redacted]"}});
  }
}

TEST_CASE("the audit log is filtered by actor, entity, action and time, newest first", "[audit]") {
  AuditDb t;
  Principal zhang = coordinator();
  Principal admin;
  admin.user_id = 1;
  admin.username = "admin";
  admin.roles = {Role::admin};
  t.record(&zhang, "expert.approve", 1);
  t.record(&zhang, "expert.update", 2);
  t.record(&admin, "expert.update", 1);
  t.db.write([&](storage::Connection& c) {
    t.audit.record(c, Actor::of(admin, {}), "user.create", "user", 1, Json::object());
  });

  auto ids = [&](AuditFilter const& f) {
    std::vector<Id> out;
    for (auto const& r : t.query(f).first) out.push_back(r.id);
    return out;
  };
  AuditFilter f;
  CHECK(ids(f) == std::vector<Id>{4, 3, 2, 1});
  SECTION("actor") {
    f.actor_id = 7;
    CHECK(ids(f) == std::vector<Id>{2, 1});
  }
  SECTION("entity") {
    f.entity_type = "expert";
    f.entity_id = 1;
    CHECK(ids(f) == std::vector<Id>{3, 1});
  }
  SECTION("entity type alone") {
    f.entity_type = "user";
    CHECK(ids(f) == std::vector<Id>{4});
  }
  SECTION("action") {
    f.action = "expert.update";
    CHECK(ids(f) == std::vector<Id>{3, 2});
  }
  SECTION("several filters together") {
    f.action = "expert.update";
    f.actor_id = 1;
    CHECK(ids(f) == std::vector<Id>{3});
  }
  SECTION("time: from inclusive, to exclusive") {
    auto at = t.query(AuditFilter{}).first.front().at;
    f.from = at;
    CHECK(ids(f).size() >= 1);
    f.from = "2999-01-01T00:00:00Z";
    CHECK(ids(f).empty());
    f.from = "2000-01-01T00:00:00Z";
    f.to = "2000-01-02T00:00:00Z";
    CHECK(ids(f).empty());
    f.to = "2999-01-01T00:00:00Z";
    CHECK(ids(f).size() == 4);
  }
  SECTION("pages") {
    f.limit = 3;
    auto [first, total] = t.query(f);
    CHECK(total == 4);
    CHECK(first.size() == 3);
    f.offset = 3;
    auto [second, total2] = t.query(f);
    CHECK(total2 == 4);
    REQUIRE(second.size() == 1);
    CHECK(second[0].id == 1);
    f.offset = 10;
    auto [beyond, total3] = t.query(f);
    CHECK(beyond.empty());
    CHECK(total3 == 4);
  }
}

TEST_CASE("a diff that is not JSON any more is returned as text", "[audit]") {
  AuditDb t;
  t.record(nullptr, "expert.update", 1);
  auto raw = t.raw();
  raw->exec_script("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET diff = 'not json' WHERE id = 1;");
  auto [rows, total] = t.query(AuditFilter{});
  REQUIRE(total == 1);
  CHECK(rows[0].diff == "not json");
  CHECK(t.verify().first_bad_id == 1);
}
