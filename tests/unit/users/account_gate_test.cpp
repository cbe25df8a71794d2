// The account gate's rule and the route policy together, as a table: what every kind of caller
// gets from a route open to anyone, to the signed-in, to staff, and to the sign-in routes
// callable while a password change, the second factor or TOTP enrolment is owed.
#include "users/account_gate.hpp"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

using namespace zhiku;
using http::Policy;

namespace {

// What the server answers before the handler: the gate's refusal, else the policy's role check.
int answer(Policy const& policy, Principal const* p, AccountState const& state) {
  if (p && policy.who != Policy::Who::anyone)
    if (auto refused = refusal_for(state, policy.exempt)) return refused->status;
  return policy.gate(p);
}

}  // namespace

TEST_CASE("the gate and the policy answer 0, 401 or 403 for every kind of caller", "[users][gate]") {
  Principal expert;
  expert.user_id = 1;
  expert.roles = RoleSet{Role::expert};
  Principal coordinator;
  coordinator.user_id = 2;
  coordinator.roles = RoleSet{Role::coordinator};
  Principal admin_and_leader;
  admin_and_leader.user_id = 3;
  admin_and_leader.roles = RoleSet{Role::admin, Role::leader};
  Principal no_roles;
  no_roles.user_id = 4;
  AccountState fine;
  AccountState changing;
  changing.must_change_password = true;
  AccountState second_factor;
  second_factor.second_factor_pending = true;
  AccountState owes_totp;
  owes_totp.must_enrol_totp = true;

  Policy anyone = Policy::anyone();
  Policy signed_in = Policy::signed_in();
  Policy staff = Policy::any_of({Role::coordinator, Role::admin});
  Policy password_change = Policy::signed_in("self");
  password_change.exempt = kDuringPasswordChange;
  Policy totp = Policy::signed_in("self");
  totp.exempt = kDuringSecondFactor;
  Policy enrol = Policy::signed_in("self");
  enrol.exempt = kDuringTotpEnrolment;

  struct Case {
    char const* who;
    Principal const* p;
    AccountState state;
    int anyone, signed_in, staff, password_change, totp, enrol;
  };
  std::vector<Case> const table = {
      {"anonymous", nullptr, fine, 0, 401, 401, 401, 401, 401},
      {"expert", &expert, fine, 0, 0, 403, 0, 0, 0},
      {"coordinator", &coordinator, fine, 0, 0, 0, 0, 0, 0},
      {"admin+leader", &admin_and_leader, fine, 0, 0, 0, 0, 0, 0},
      {"no roles", &no_roles, fine, 0, 0, 403, 0, 0, 0},
      {"must change password", &coordinator, changing, 0, 403, 403, 0, 403, 403},
      {"second factor pending", &coordinator, second_factor, 0, 401, 401, 401, 0, 401},
      {"TOTP enrolment owed", &admin_and_leader, owes_totp, 0, 403, 403, 403, 403, 0},
  };
  for (auto const& c : table) {
    CAPTURE(c.who);
    CHECK(answer(anyone, c.p, c.state) == c.anyone);
    CHECK(answer(signed_in, c.p, c.state) == c.signed_in);
    CHECK(answer(staff, c.p, c.state) == c.staff);
    CHECK(answer(password_change, c.p, c.state) == c.password_change);
    CHECK(answer(totp, c.p, c.state) == c.totp);
    CHECK(answer(enrol, c.p, c.state) == c.enrol);
  }
}

TEST_CASE("the gate names the step that is owed", "[users][gate]") {
  AccountState changing;
  changing.must_change_password = true;
  CHECK(refusal_for(changing, 0)->detail == std::string(account_refusal::kPasswordChangeFirst));
  AccountState owes_totp;
  owes_totp.must_enrol_totp = true;
  CHECK(refusal_for(owes_totp, kDuringPasswordChange)->detail == std::string(account_refusal::kTotpEnrolmentFirst));
  AccountState second_factor;
  second_factor.second_factor_pending = true;
  CHECK(refusal_for(second_factor, 0)->detail == std::string(http::refusal::kSignInRequired));
  CHECK_FALSE(refusal_for(AccountState{}, 0));
}

TEST_CASE("a token reads by its scope and never manages the account", "[users][gate][tokens]") {
  std::uint32_t const ordinary = 0;
  std::uint32_t const account = kSessionOnly | kDuringPasswordChange;
  for (auto scope : {TokenScope::read_only, TokenScope::read_write}) {
    INFO(to_string(scope));
    CHECK_FALSE(token_refusal_for(scope, "GET", ordinary));
    CHECK_FALSE(token_refusal_for(scope, "HEAD", ordinary));
    for (char const* method : {"GET", "POST", "PATCH", "PUT", "DELETE"}) {
      auto refused = token_refusal_for(scope, method, account);
      REQUIRE(refused);
      CHECK(refused->status == 403);
      CHECK(refused->detail == account_refusal::kNotForTokens);
    }
  }
  for (char const* method : {"POST", "PATCH", "PUT", "DELETE"}) {
    INFO(method);
    auto refused = token_refusal_for(TokenScope::read_only, method, ordinary);
    REQUIRE(refused);
    CHECK(refused->status == 403);
    CHECK(refused->detail == account_refusal::kReadOnlyToken);
    CHECK_FALSE(token_refusal_for(TokenScope::read_write, method, ordinary));
  }
  CHECK(token_scope_from_string("read_only") == TokenScope::read_only);
  CHECK(token_scope_from_string("read_write") == TokenScope::read_write);
  CHECK_FALSE(token_scope_from_string("admin"));
}
