#include "users/auth_service.hpp"

#include <catch2/catch.hpp>

using namespace zhiku;

TEST_CASE("a principal carries what the role gate needs from the account", "[users][auth]") {
  User u;
  u.id = 7;
  u.username = "root";
  u.display_name = "管理员";
  u.roles = {Role::admin};
  Principal p = principal_for(u);
  CHECK(p.user_id == 7);
  CHECK(p.username == "root");
  CHECK(p.roles == RoleSet{Role::admin});
  CHECK(p.must_enrol_totp);
  CHECK_FALSE(p.must_change_password);
  CHECK_FALSE(p.needs_second_factor);

  u.totp_enabled = true;
  u.must_change_password = true;
  p = principal_for(u);
  CHECK_FALSE(p.must_enrol_totp);
  CHECK(p.must_change_password);

  u.roles = {Role::expert};
  u.totp_enabled = false;
  CHECK_FALSE(principal_for(u).must_enrol_totp);
}
