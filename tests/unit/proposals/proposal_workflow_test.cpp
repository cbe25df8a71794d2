// The proposal workflow table: every status × action × standing, written out independently of
// the implementation's table.
#include "proposals/proposal_workflow.hpp"

#include <catch2/catch.hpp>

#include "support/chinese_text.hpp"

using namespace zhiku;
using zhiku::test::has_cjk;
namespace wf = zhiku::proposal_workflow;

namespace {

using S = ProposalStatus;
using A = ProposalAction;
using wf::Actor;

// SPEC "Proposals", as the expected outcome of every allowed pair; every other pair is refused.
struct Allowed {
  S from;
  A action;
  S to;
  Actor by;
};

std::vector<Allowed> const kSpec = {
    {S::draft, A::submit, S::submitted, Actor::author},
    {S::returned, A::submit, S::submitted, Actor::author},
    {S::submitted, A::withdraw, S::withdrawn, Actor::author},
    {S::screening, A::withdraw, S::withdrawn, Actor::author},
    {S::returned, A::withdraw, S::withdrawn, Actor::author},
    {S::accepted, A::withdraw, S::withdrawn, Actor::author},
    {S::withdrawn, A::reopen, S::draft, Actor::author},
    {S::submitted, A::start_screening, S::screening, Actor::coordinator},
    {S::submitted, A::accept, S::accepted, Actor::coordinator},
    {S::screening, A::accept, S::accepted, Actor::coordinator},
    {S::submitted, A::send_back, S::returned, Actor::coordinator},
    {S::screening, A::send_back, S::returned, Actor::coordinator},
    {S::accepted, A::start_review, S::under_review, Actor::module},
    {S::under_review, A::finish_review, S::reviewed, Actor::module},
    {S::reviewed, A::decide, S::decided, Actor::module},
};

std::optional<Allowed> spec_row(S from, A action) {
  for (auto const& r : kSpec)
    if (r.from == from && r.action == action) return r;
  return std::nullopt;
}

bool stands_as(wf::Standing const& w, Actor by) {
  switch (by) {
    case Actor::author:
      return w.author;
    case Actor::coordinator:
      return w.coordinator;
    case Actor::leader:
      return w.leader;
    case Actor::module:
      return w.module;
  }
  return false;
}

// Whether the SPEC lets this actor take this action from any status (forbidden vs conflict).
bool ever_allowed(A action, wf::Standing const& w) {
  for (auto const& r : kSpec)
    if (r.action == action && stands_as(w, r.by)) return true;
  return false;
}

}  // namespace

TEST_CASE("the proposal workflow allows exactly the transitions of the SPEC, to the right people",
          "[proposals][workflow]") {
  std::vector<std::pair<char const*, wf::Standing>> const standings = {
      {"nobody", {}},
      {"author", {.author = true}},
      {"coordinator", {.coordinator = true}},
      {"leader", {.leader = true}},
      {"module", {.module = true}},
      {"author and coordinator", {.author = true, .coordinator = true}},
  };
  for (auto const& [name, who] : standings) {
    for (S from : kAllProposalStatuses) {
      for (A action : kAllProposalActions) {
        INFO(name << ": " << to_string(from) << " --" << to_string(action) << "-->");
        auto row = spec_row(from, action);
        auto denial = wf::why_not(from, action, who);
        if (row && stands_as(who, row->by)) {
          CHECK_FALSE(denial);
          auto t = wf::find(from, action);
          REQUIRE(t);
          CHECK(t->to == row->to);
          continue;
        }
        REQUIRE(denial);
        CHECK(has_cjk(denial->reason));
        CHECK(denial->code == (ever_allowed(action, who) ? Errc::conflict : Errc::forbidden));
        // What the caller may do instead is exactly what the SPEC allows them from here.
        std::vector<std::string> expected;
        for (auto const& r : kSpec)
          if (r.from == from && stands_as(who, r.by)) expected.emplace_back(to_string(r.action));
        CHECK(denial->allowed == expected);
      }
    }
  }
}

TEST_CASE("the table has no row the SPEC does not have", "[proposals][workflow]") {
  CHECK(wf::transitions().size() == kSpec.size());
  for (auto const& t : wf::transitions()) {
    auto row = spec_row(t.from, t.action);
    REQUIRE(row);
    CHECK(row->to == t.to);
    CHECK(row->by == t.by);
  }
}

TEST_CASE("returning a proposal needs a reason the authors will see", "[proposals][workflow]") {
  wf::Standing coordinator{.coordinator = true};
  CHECK_THROWS_AS(wf::check(S::screening, A::send_back, coordinator, "  \n"), Error);
  try {
    wf::check(S::submitted, A::send_back, coordinator, "");
    FAIL("no reason accepted");
  } catch (Error const& e) {
    CHECK(e.code() == Errc::invalid_argument);
    REQUIRE(e.errors().size() == 1);
    CHECK(e.errors()[0].field == "note");
    CHECK(has_cjk(e.errors()[0].message));
  }
  CHECK(wf::check(S::screening, A::send_back, coordinator, "请补充数据来源").to == S::returned);
  CHECK(wf::check(S::submitted, A::accept, coordinator, "").to == S::accepted);
}

TEST_CASE("a refused transition names the actions allowed now", "[proposals][workflow]") {
  try {
    wf::check(S::draft, A::withdraw, wf::Standing{.author = true}, "");
    FAIL("withdrew a draft");
  } catch (Error const& e) {
    CHECK(e.code() == Errc::conflict);
    CHECK(e.allowed() == std::vector<std::string>{"submit"});
  }
  try {
    wf::check(S::submitted, A::accept, wf::Standing{.author = true}, "");
    FAIL("an author accepted their own proposal");
  } catch (Error const& e) {
    CHECK(e.code() == Errc::forbidden);
    CHECK(e.allowed() == std::vector<std::string>{"withdraw"});
  }
}

TEST_CASE("only drafts and returned proposals are editable", "[proposals][workflow]") {
  for (S s : kAllProposalStatuses) CHECK(is_editable(s) == (s == S::draft || s == S::returned));
}

TEST_CASE("proposal enums round-trip through their API names", "[proposals][model]") {
  for (auto k : kAllProposalKinds) CHECK(proposal_kind_from_string(to_string(k)) == k);
  for (auto s : kAllProposalStatuses) CHECK(proposal_status_from_string(to_string(s)) == s);
  for (auto a : kAllProposalActions) CHECK(proposal_action_from_string(to_string(a)) == a);
  for (auto s : kAllSensitivities) CHECK(sensitivity_from_string(to_string(s)) == s);
  for (auto s : kAllProposalStatuses) CHECK(has_cjk(std::string(label_of(s))));
  CHECK(to_string(A::send_back) == "return");
  CHECK(to_string(Sensitivity::open) == "public");
  CHECK_FALSE(proposal_status_from_string("deleted"));
}
