#include "users/user_store.hpp"

#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "support/test_database.hpp"
#include "users/session_store.hpp"

using namespace zhiku;

namespace {

storage::Connection& fresh_db() {
  thread_local std::unique_ptr<storage::Connection> c;
  c = test::migrated_connection();
  return *c;
}

constexpr char kNow[] = "2026-11-29T08:00:00Z";

}  // namespace

TEST_CASE("users are stored, found by id and by name ignoring case", "[users][store]") {
  auto& c = fresh_db();
  UserStore store;
  User u =
      store.insert(c, {"WangFang", "王芳", "wf@example.cn", {Role::expert, Role::coordinator}}, "$hash", true, kNow);
  CHECK(u.id > 0);
  auto byid = store.find_by_id(c, u.id);
  REQUIRE(byid);
  CHECK(byid->username == "WangFang");
  CHECK(byid->roles == RoleSet{Role::expert, Role::coordinator});
  CHECK(byid->must_change_password);
  CHECK(byid->status == UserStatus::active);
  CHECK(byid->version == 1);
  CHECK(!byid->expert_id);
  CHECK(store.find_by_username(c, "wangfang"));
  auto secrets = store.find_with_secrets(c, "WANGFANG");
  REQUIRE(secrets);
  CHECK(secrets->secrets.password_hash == "$hash");

  try {
    store.insert(c, {"wangFANG", "x", "", {Role::expert}}, "$h", false, kNow);
    FAIL("a duplicate name was accepted");
  } catch (Error const& e) {
    CHECK(e.code() == Errc::conflict);
    REQUIRE(e.errors().size() == 1);
    CHECK(e.errors()[0].field == "username");
  }
}

TEST_CASE("an update applies only at the expected version", "[users][store]") {
  auto& c = fresh_db();
  UserStore store;
  User u = store.insert(c, {"abc", "A", "", {Role::expert}}, "$h", false, kNow);
  u.display_name = std::string("B");
  CHECK(store.update(c, u, 1, kNow));
  u.display_name = std::string("C");
  CHECK_FALSE(store.update(c, u, 1, kNow));
  CHECK(store.find_by_id(c, u.id)->display_name == "B");
  CHECK(store.find_by_id(c, u.id)->version == 2);
}

TEST_CASE("users are listed by name with filters and a total", "[users][store]") {
  auto& c = fresh_db();
  UserStore store;
  store.insert(c, {"alice", "李爱丽", "alice@univ.cn", {Role::expert}}, "$h", false, kNow);
  store.insert(c, {"bob", "张博", "bob@univ.cn", {Role::expert, Role::leader}}, "$h", false, kNow);
  User carol = store.insert(c, {"carol", "陈协调", "carol@cast.cn", {Role::coordinator}}, "$h", false, kNow);
  carol.status = UserStatus::disabled;
  REQUIRE(store.update(c, carol, 1, kNow));

  auto names = [](auto const& result) {
    std::vector<std::string> out;
    for (auto const& u : result.first) out.push_back(u.username);
    return out;
  };
  UserFilter all;
  CHECK(names(store.list(c, all)) == std::vector<std::string>{"alice", "bob", "carol"});
  CHECK(store.list(c, all).second == 3);
  UserFilter experts;
  experts.role = Role::expert;
  CHECK(names(store.list(c, experts)) == std::vector<std::string>{"alice", "bob"});
  UserFilter text;
  text.q = "UNIV";
  CHECK(names(store.list(c, text)) == std::vector<std::string>{"alice", "bob"});
  text.q = "张";
  CHECK(names(store.list(c, text)) == std::vector<std::string>{"bob"});
  text.q = "%";
  CHECK(store.list(c, text).second == 0);
  UserFilter disabled;
  disabled.status = UserStatus::disabled;
  CHECK(names(store.list(c, disabled)) == std::vector<std::string>{"carol"});
  UserFilter page;
  page.limit = 1;
  page.offset = 1;
  auto p = store.list(c, page);
  CHECK(names(p) == std::vector<std::string>{"bob"});
  CHECK(p.second == 3);
}

TEST_CASE("a TOTP step is used once, and only moving forward", "[users][store]") {
  auto& c = fresh_db();
  UserStore store;
  User u = store.insert(c, {"abc", "A", "", {Role::expert}}, "$h", false, kNow);
  CHECK(store.use_totp_step(c, u.id, 100));
  CHECK_FALSE(store.use_totp_step(c, u.id, 100));
  CHECK_FALSE(store.use_totp_step(c, u.id, 99));
  CHECK(store.use_totp_step(c, u.id, 101));
}

TEST_CASE("a recovery code works once and a new set replaces the old", "[users][store]") {
  auto& c = fresh_db();
  UserStore store;
  User u = store.insert(c, {"abc", "A", "", {Role::expert}}, "$h", false, kNow);
  store.replace_recovery_codes(c, u.id, {"h1", "h2"});
  CHECK(store.use_recovery_code(c, u.id, "h1", kNow));
  CHECK_FALSE(store.use_recovery_code(c, u.id, "h1", kNow));
  CHECK_FALSE(store.use_recovery_code(c, u.id + 1, "h2", kNow));
  store.replace_recovery_codes(c, u.id, {"h3"});
  CHECK_FALSE(store.use_recovery_code(c, u.id, "h2", kNow));
  CHECK(store.use_recovery_code(c, u.id, "h3", kNow));
}

TEST_CASE("the active holders of any of some roles are found, in id order", "[users][store]") {
  auto& c = fresh_db();
  UserStore store;
  User a = store.insert(c, {"abc", "A", "", {Role::coordinator}}, "$h", false, kNow);
  User b = store.insert(c, {"abd", "B", "", {Role::admin, Role::coordinator}}, "$h", false, kNow);
  User d = store.insert(c, {"abe", "D", "", {Role::coordinator}}, "$h", false, kNow);
  store.insert(c, {"abf", "E", "", {Role::expert}}, "$h", false, kNow);
  d.status = UserStatus::disabled;
  REQUIRE(store.update(c, d, d.version, kNow));
  CHECK(store.active_ids_with_roles(c, {Role::coordinator}) == std::vector<Id>{a.id, b.id});
  CHECK(store.active_ids_with_roles(c, {Role::admin, Role::leader}) == std::vector<Id>{b.id});
  CHECK(store.active_ids_with_roles(c, {Role::leader}).empty());
}

TEST_CASE("sessions are found with their user and removed per user, keeping one", "[users][store]") {
  auto& c = fresh_db();
  UserStore users;
  SessionStore sessions;
  User u = users.insert(c, {"abc", "A", "", {Role::expert}}, "$h", false, kNow);
  for (char const* id : {"s1", "s2", "s3"}) {
    Session s;
    s.id = std::string("hash-") + id;
    s.public_id = id;
    s.user_id = u.id;
    s.csrf_token = "csrf";
    s.created_at = s.last_seen_at = kNow;
    s.expires_at = "2026-11-29T20:00:00Z";
    sessions.insert(c, s);
  }
  auto found = sessions.find(c, "hash-s2");
  REQUIRE(found);
  CHECK(found->session.public_id == "s2");
  CHECK(found->user.username == "abc");
  CHECK(sessions.list_for_user(c, u.id).size() == 3);
  CHECK(sessions.remove_for_user(c, u.id, std::string("s2")) == 2);
  CHECK(sessions.find(c, "hash-s2"));
  CHECK_FALSE(sessions.remove_public(c, u.id + 1, "s2"));
  CHECK(sessions.remove_public(c, u.id, "s2"));
  CHECK(sessions.list_for_user(c, u.id).empty());
}

TEST_CASE("API tokens are found by hash with their user and revoked once", "[users][store]") {
  auto& c = fresh_db();
  UserStore users;
  TokenStore tokens;
  User u = users.insert(c, {"abc", "A", "", {Role::expert}}, "$h", false, kNow);
  ApiToken t;
  t.user_id = u.id;
  t.name = "script";
  t.created_at = kNow;
  t.expires_at = "2027-01-01T00:00:00Z";
  Id id = tokens.insert(c, t, "tokenhash");
  auto found = tokens.find_by_hash(c, "tokenhash");
  REQUIRE(found);
  CHECK(found->token.id == id);
  CHECK(found->user.id == u.id);
  CHECK(tokens.list_for_user(c, u.id).size() == 1);
  CHECK_FALSE(tokens.revoke(c, u.id + 1, id, kNow));
  CHECK(tokens.revoke(c, u.id, id, kNow));
  CHECK_FALSE(tokens.revoke(c, u.id, id, kNow));
  CHECK(tokens.list_for_user(c, u.id).empty());
  CHECK(tokens.find_by_hash(c, "tokenhash")->token.revoked_at);
}
