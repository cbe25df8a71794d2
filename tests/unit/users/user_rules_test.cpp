#include "users/user_rules.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace zhiku;

namespace {
std::set<std::string> fields(std::vector<FieldError> const& errors) {
  std::set<std::string> out;
  for (auto const& e : errors) out.insert(e.field);
  return out;
}
}  // namespace

TEST_CASE("user names are 3 to 32 of letters, digits, underscore, dot and dash", "[users][rules]") {
  for (char const* ok : {"abc", "wang.fang", "li_lei-2", "A1_", "abcdefghijklmnopqrstuvwxyz012345"})
    CHECK(is_valid_username(ok));
  for (char const* bad : {"", "ab", "abcdefghijklmnopqrstuvwxyz0123456", "wang fang", "王芳", "a@b", "a/b", "abc\n"})
    CHECK_FALSE(is_valid_username(bad));
}

TEST_CASE("e-mail addresses need a local part, one @ and a dotted domain", "[users][rules]") {
  for (char const* ok : {"", "a@b.cn", "wang.fang+zk@cast.org.cn"}) CHECK(is_valid_email(ok));
  for (char const* bad : {"a", "@b.cn", "a@b", "a@@b.cn", "a@b.", "a@.cn", "a b@c.cn", "a@b..cn"})
    CHECK_FALSE(is_valid_email(bad));
  CHECK_FALSE(is_valid_email(std::string(250, 'a') + "@b.cn"));
}

TEST_CASE("role names map to a role set, unknown ones are reported", "[users][rules]") {
  std::vector<std::string> unknown;
  RoleSet r = parse_roles({"admin", "leader", "boss"}, &unknown);
  CHECK(r == RoleSet{Role::admin, Role::leader});
  CHECK(unknown == std::vector<std::string>{"boss"});
}

TEST_CASE("a new user is checked field by field", "[users][rules]") {
  NewUser ok{"wangfang", "王芳", "wf@example.cn", {Role::expert}};
  CHECK(validate_new_user(ok).empty());
  NewUser bad{"w", "", "nope", {}};
  CHECK(fields(validate_new_user(bad)) == std::set<std::string>{"username", "display_name", "email", "roles"});
  std::string fifty, fifty_one;
  for (int i = 0; i < 50; ++i) fifty += "名";
  fifty_one = fifty + "名";
  CHECK(validate_new_user({"abc", fifty, "", {Role::expert}}).empty());
  CHECK(fields(validate_new_user({"abc", fifty_one, "", {Role::expert}})) == std::set<std::string>{"display_name"});
}

TEST_CASE("an edit checks only the fields it sets", "[users][rules]") {
  CHECK(validate_patch({}).empty());
  UserPatch p;
  p.email = "bad";
  p.roles = RoleSet{};
  CHECK(fields(validate_patch(p)) == std::set<std::string>{"email", "roles"});
}

TEST_CASE("admins may not disable themselves or drop their own admin role", "[users][rules]") {
  Principal admin;
  admin.user_id = 1;
  admin.roles = {Role::admin};
  User self;
  self.id = 1;
  self.roles = {Role::admin, Role::coordinator};
  User other = self;
  other.id = 2;

  UserPatch disable;
  disable.status = UserStatus::disabled;
  UserPatch demote;
  demote.roles = RoleSet{Role::coordinator};
  UserPatch rename;
  rename.display_name = "新名字";
  UserPatch keep_admin;
  keep_admin.roles = RoleSet{Role::admin};

  CHECK(why_not_edit(admin, self, disable));
  CHECK(why_not_edit(admin, self, demote));
  CHECK_FALSE(why_not_edit(admin, self, rename));
  CHECK_FALSE(why_not_edit(admin, self, keep_admin));
  CHECK_FALSE(why_not_edit(admin, other, disable));
  CHECK_FALSE(why_not_edit(admin, other, demote));
}

TEST_CASE("TOTP is required for admins and leaders only", "[users][rules]") {
  CHECK(totp_required({Role::admin}));
  CHECK(totp_required({Role::leader, Role::expert}));
  CHECK_FALSE(totp_required({Role::coordinator, Role::expert}));
  CHECK_FALSE(totp_required({}));
}
