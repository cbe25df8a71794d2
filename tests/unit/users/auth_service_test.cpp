#include "users/auth_service.hpp"

#include <catch2/catch.hpp>

using namespace zhiku;

TEST_CASE("a principal and its account state carry what the gate needs from the account", "[users][auth]") {
  User u;
  u.id = 7;
  u.username = "root";
  u.display_name = "管理员";
  u.roles = {Role::admin};
  Principal p = principal_for(u);
  CHECK(p.user_id == 7);
  CHECK(p.username == "root");
  CHECK(p.roles == RoleSet{Role::admin});
  AccountState s = account_state_of(u);
  CHECK(s.must_enrol_totp);
  CHECK_FALSE(s.must_change_password);
  CHECK_FALSE(s.second_factor_pending);
  CHECK(account_state_of(u, true).second_factor_pending);

  u.totp_enabled = true;
  u.must_change_password = true;
  s = account_state_of(u);
  CHECK_FALSE(s.must_enrol_totp);
  CHECK(s.must_change_password);

  u.roles = {Role::expert};
  u.totp_enabled = false;
  CHECK_FALSE(account_state_of(u).must_enrol_totp);
}
