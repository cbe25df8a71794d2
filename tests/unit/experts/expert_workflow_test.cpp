// The expert workflow table: every status × action × role.
#include "experts/expert_workflow.hpp"

#include <catch2/catch.hpp>

using namespace zhiku;

namespace {
Principal with_roles(RoleSet roles) {
  Principal p;
  p.user_id = 7;
  p.username = "someone";
  p.roles = roles;
  return p;
}

struct Expected {
  ExpertStatus from;
  ExpertAction action;
  std::optional<ExpertStatus> to;  // nullopt: not allowed from this status
};
}  // namespace

TEST_CASE("the expert workflow allows exactly the transitions of the SPEC", "[experts][workflow]") {
  using S = ExpertStatus;
  using A = ExpertAction;
  std::vector<Expected> const table = {
      {S::pending, A::approve, S::active},      {S::pending, A::reject, S::retired},
      {S::pending, A::suspend, std::nullopt},   {S::pending, A::reinstate, std::nullopt},
      {S::pending, A::retire, S::retired},      {S::active, A::approve, std::nullopt},
      {S::active, A::reject, std::nullopt},     {S::active, A::suspend, S::suspended},
      {S::active, A::reinstate, std::nullopt},  {S::active, A::retire, S::retired},
      {S::suspended, A::approve, std::nullopt}, {S::suspended, A::reject, std::nullopt},
      {S::suspended, A::suspend, std::nullopt}, {S::suspended, A::reinstate, S::active},
      {S::suspended, A::retire, S::retired},    {S::retired, A::approve, std::nullopt},
      {S::retired, A::reject, std::nullopt},    {S::retired, A::suspend, std::nullopt},
      {S::retired, A::reinstate, std::nullopt}, {S::retired, A::retire, std::nullopt},
  };
  REQUIRE(table.size() == std::size(kAllExpertStatuses) * std::size(kAllExpertActions));

  for (RoleSet roles : {RoleSet{Role::coordinator}, RoleSet{Role::admin}, RoleSet{Role::leader}, RoleSet{Role::expert},
                        RoleSet{}, RoleSet{Role::leader, Role::expert}}) {
    Principal who = with_roles(roles);
    bool curator = roles.has(Role::coordinator) || roles.has(Role::admin);
    for (auto const& row : table) {
      INFO("roles " << roles.bits() << ": " << to_string(row.from) << " --" << to_string(row.action) << "-->");
      auto denial = expert_workflow::why_not(row.from, row.action, who);
      if (!curator) {
        REQUIRE(denial);
        CHECK(denial->code == Errc::forbidden);
        continue;
      }
      if (row.to) {
        CHECK_FALSE(denial);
        auto t = expert_workflow::find(row.from, row.action);
        REQUIRE(t);
        CHECK(t->to == *row.to);
      } else {
        REQUIRE(denial);
        CHECK(denial->code == Errc::conflict);
        for (auto const& name : denial->allowed) {
          auto a = expert_action_from_string(name);
          REQUIRE(a);
          CHECK(expert_workflow::find(row.from, *a));
        }
      }
    }
  }
}

TEST_CASE("allowed actions list what a coordinator may do now and nothing for others", "[experts][workflow]") {
  auto coordinator = with_roles({Role::coordinator});
  auto leader = with_roles({Role::leader});
  auto names = [](std::vector<ExpertAction> const& v) {
    std::vector<std::string> out;
    for (auto a : v) out.emplace_back(to_string(a));
    return out;
  };
  CHECK(names(expert_workflow::allowed_actions(ExpertStatus::pending, coordinator)) ==
        std::vector<std::string>{"approve", "reject", "retire"});
  CHECK(names(expert_workflow::allowed_actions(ExpertStatus::active, coordinator)) ==
        std::vector<std::string>{"suspend", "retire"});
  CHECK(names(expert_workflow::allowed_actions(ExpertStatus::suspended, coordinator)) ==
        std::vector<std::string>{"reinstate", "retire"});
  CHECK(expert_workflow::allowed_actions(ExpertStatus::retired, coordinator).empty());
  CHECK(expert_workflow::allowed_actions(ExpertStatus::pending, leader).empty());
}

TEST_CASE("reject and retire need a reason, approve does not", "[experts][workflow]") {
  auto admin = with_roles({Role::admin});
  CHECK_THROWS_AS(expert_workflow::check(ExpertStatus::pending, ExpertAction::reject, admin, ""), Error);
  CHECK_THROWS_AS(expert_workflow::check(ExpertStatus::active, ExpertAction::retire, admin, ""), Error);
  CHECK(expert_workflow::check(ExpertStatus::pending, ExpertAction::reject, admin, "领域不符").to ==
        ExpertStatus::retired);
  CHECK(expert_workflow::check(ExpertStatus::pending, ExpertAction::approve, admin, "").to == ExpertStatus::active);
  try {
    expert_workflow::check(ExpertStatus::retired, ExpertAction::approve, admin, "");
    FAIL("expected a conflict");
  } catch (Error const& e) {
    CHECK(e.code() == Errc::conflict);
    CHECK(e.allowed().empty());
  }
  try {
    expert_workflow::check(ExpertStatus::active, ExpertAction::approve, admin, "");
    FAIL("expected a conflict");
  } catch (Error const& e) {
    CHECK(e.code() == Errc::conflict);
    CHECK(e.allowed() == std::vector<std::string>{"suspend", "retire"});
  }
}
