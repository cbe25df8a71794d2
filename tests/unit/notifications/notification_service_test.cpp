// Notifications on a migrated database: who receives them, and each user's inbox.
#include "notifications/notification_service.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "notifications/notifier.hpp"
#include "storage/database.hpp"
#include "support/test_database.hpp"
#include "users/user_store.hpp"

using namespace zhiku;

namespace {

struct InboxDb {
  test::TestDatabase t{"inbox.db"};
  storage::Database& db = t.db;
  AuditLog audit{t.clock};
  // Who holds a role is the users module's rule, as the App wires it.
  Notifier notifier{t.clock,
                    [](storage::Connection& c, RoleSet roles) { return UserStore().active_ids_with_roles(c, roles); }};
  NotificationService inbox{db, audit, t.clock};

  Id add_user(std::string const& username, RoleSet roles, std::string const& status = "active") {
    return db.write([&](storage::Connection& c) {
      std::string const now = t.clock.now_iso();
      c.exec(
          "INSERT INTO users (username, display_name, roles, status, password_hash, created_at, updated_at) "
          "VALUES (?, ?, ?, ?, 'x', ?, ?)",
          username, username, static_cast<std::int64_t>(roles.bits()), status, now, now);
      return c.last_insert_id();
    });
  }

  void notify(Id user_id, std::string const& title) {
    db.write([&](storage::Connection& c) { notifier.notify(c, user_id, "test.kind", title, "正文", "/me"); });
  }

  std::vector<std::string> titles(Id user_id, bool unread_only = false) {
    std::vector<std::string> out;
    for (auto const& n : inbox.list(as(user_id), unread_only, 0, 100).items) out.push_back(n.title);
    return out;
  }

  std::int64_t audit_rows(std::string const& action) {
    AuditFilter f;
    f.action = action;
    auto c = db.read();
    return audit.query(*c, f).second;
  }

  static Actor as(Id user_id) {
    Principal p;
    p.user_id = user_id;
    p.username = "u" + std::to_string(user_id);
    return Actor::of(p, {"req-1", "127.0.0.1"});
  }
};

}  // namespace

TEST_CASE("a notification reaches the one user it names", "[notifications]") {
  InboxDb t;
  Id alice = t.add_user("alice", {Role::expert});
  Id bob = t.add_user("bob", {Role::expert});
  t.notify(alice, "您的专家申请已通过");

  auto page = t.inbox.list(InboxDb::as(alice), false, 0, 20);
  REQUIRE(page.items.size() == 1);
  auto const& n = page.items[0];
  CHECK(n.user_id == alice);
  CHECK(n.kind == "test.kind");
  CHECK(n.title == "您的专家申请已通过");
  CHECK(n.body == "正文");
  CHECK(n.link == "/me");
  CHECK(n.created_at.size() == 20);
  CHECK_FALSE(n.read_at);
  CHECK(page.total == 1);
  CHECK(page.unread == 1);
  CHECK(t.titles(bob).empty());
}

TEST_CASE("a role notification reaches every active holder of the role and nobody else", "[notifications]") {
  InboxDb t;
  Id coord1 = t.add_user("coord1", {Role::coordinator});
  Id coord_admin = t.add_user("coord2", {Role::coordinator, Role::admin});
  Id disabled = t.add_user("coord3", {Role::coordinator}, "disabled");
  Id expert = t.add_user("expert", {Role::expert});
  Id admin = t.add_user("admin", {Role::admin});

  t.db.write([&](storage::Connection& c) {
    t.notifier.notify_roles(c, RoleSet{Role::coordinator}, "expert.applied", "新的入库申请", "",
                            "/experts?status=pending");
  });
  CHECK(t.titles(coord1) == std::vector<std::string>{"新的入库申请"});
  CHECK(t.titles(coord_admin) == std::vector<std::string>{"新的入库申请"});
  CHECK(t.titles(disabled).empty());
  CHECK(t.titles(expert).empty());
  CHECK(t.titles(admin).empty());
}

TEST_CASE("a notification written in a failed use case is rolled back with it", "[notifications]") {
  InboxDb t;
  Id alice = t.add_user("alice", {Role::expert});
  CHECK_THROWS(t.db.write([&](storage::Connection& c) {
    t.notifier.notify(c, alice, "k", "不该出现", "", "");
    throw Error::conflict("the transition failed");
  }));
  CHECK(t.titles(alice).empty());
}

TEST_CASE("an inbox lists newest first, pages, and filters unread", "[notifications]") {
  InboxDb t;
  Id alice = t.add_user("alice", {Role::expert});
  for (int i = 1; i <= 5; ++i) t.notify(alice, "通知" + std::to_string(i));
  CHECK(t.titles(alice) == std::vector<std::string>{"通知5", "通知4", "通知3", "通知2", "通知1"});

  auto first = t.inbox.list(InboxDb::as(alice), false, 0, 2);
  CHECK(first.total == 5);
  CHECK(first.items.size() == 2);
  auto last = t.inbox.list(InboxDb::as(alice), false, 4, 2);
  REQUIRE(last.items.size() == 1);
  CHECK(last.items[0].title == "通知1");
  CHECK(t.inbox.list(InboxDb::as(alice), false, 10, 2).items.empty());

  Id third = t.inbox.list(InboxDb::as(alice), false, 2, 1).items.at(0).id;
  t.inbox.mark_read(InboxDb::as(alice), third);
  auto unread = t.inbox.list(InboxDb::as(alice), true, 0, 20);
  CHECK(unread.total == 4);
  CHECK(unread.unread == 4);
  CHECK(t.titles(alice, true) == std::vector<std::string>{"通知5", "通知4", "通知2", "通知1"});
  auto all = t.inbox.list(InboxDb::as(alice), false, 0, 20);
  CHECK(all.total == 5);
  CHECK(all.unread == 4);
}

TEST_CASE("a user marks only their own notifications read, and it is audited", "[notifications]") {
  InboxDb t;
  Id alice = t.add_user("alice", {Role::expert});
  Id bob = t.add_user("bob", {Role::expert});
  t.notify(alice, "给爱丽丝");
  t.notify(bob, "给鲍勃");
  Id alices = t.inbox.list(InboxDb::as(alice), false, 0, 1).items.at(0).id;
  Id bobs = t.inbox.list(InboxDb::as(bob), false, 0, 1).items.at(0).id;

  SECTION("someone else's answers not found and stays unread") {
    try {
      t.inbox.mark_read(InboxDb::as(alice), bobs);
      FAIL("marked another user's notification");
    } catch (Error const& e) {
      CHECK(e.code() == Errc::not_found);
    }
    CHECK(t.inbox.list(InboxDb::as(bob), true, 0, 20).unread == 1);
    CHECK(t.audit_rows("notification.read") == 0);
  }
  SECTION("one that does not exist answers not found") {
    CHECK_THROWS_AS(t.inbox.mark_read(InboxDb::as(alice), 9999), Error);
  }
  SECTION("one's own is marked once and audited once") {
    t.inbox.mark_read(InboxDb::as(alice), alices);
    auto n = t.inbox.list(InboxDb::as(alice), false, 0, 1).items.at(0);
    REQUIRE(n.read_at);
    CHECK(n.read_at->size() == 20);
    t.inbox.mark_read(InboxDb::as(alice), alices);  // already read: nothing changes
    CHECK(t.inbox.list(InboxDb::as(alice), false, 0, 1).items.at(0).read_at == n.read_at);
    CHECK(t.audit_rows("notification.read") == 1);

    AuditFilter f;
    f.entity_type = "notification";
    auto c = t.db.read();
    auto rows = t.audit.query(*c, f).first;
    REQUIRE(rows.size() == 1);
    CHECK(rows[0].actor_id == alice);
    CHECK(rows[0].entity_id == alices);
    CHECK(rows[0].diff["read_at"]["from"].is_null());
    CHECK(rows[0].diff["read_at"]["to"] == *n.read_at);
    CHECK(t.audit.verify(*c).ok);
  }
}

TEST_CASE("marking all read touches only the caller's unread notifications", "[notifications]") {
  InboxDb t;
  Id alice = t.add_user("alice", {Role::expert});
  Id bob = t.add_user("bob", {Role::expert});
  for (int i = 0; i < 3; ++i) t.notify(alice, "a");
  t.notify(bob, "b");

  CHECK(t.inbox.mark_all_read(InboxDb::as(alice)) == 3);
  CHECK(t.inbox.list(InboxDb::as(alice), false, 0, 20).unread == 0);
  CHECK(t.inbox.list(InboxDb::as(bob), false, 0, 20).unread == 1);
  CHECK(t.audit_rows("notification.read_all") == 1);

  // Nothing left to mark: no change, no audit row.
  CHECK(t.inbox.mark_all_read(InboxDb::as(alice)) == 0);
  CHECK(t.audit_rows("notification.read_all") == 1);
}
