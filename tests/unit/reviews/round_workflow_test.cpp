#include "reviews/round_workflow.hpp"

#include <catch2/catch.hpp>

#include "support/chinese_text.hpp"

using namespace zhiku;
using zhiku::test::has_cjk;

TEST_CASE("a round walks draft → assigning → reviewing → closed → finalized", "[reviews][workflow]") {
  RoundStatus s = RoundStatus::draft;
  for (auto a : {RoundAction::start_assigning, RoundAction::start_reviewing, RoundAction::close, RoundAction::finalize}) {
    REQUIRE(!round_workflow::why_not(s, a));
    s = round_workflow::next(s, a);
  }
  CHECK(s == RoundStatus::finalized);
  CHECK(round_workflow::allowed_actions(RoundStatus::finalized).empty());
  CHECK(round_workflow::next(RoundStatus::assigning, RoundAction::back_to_draft) == RoundStatus::draft);
  CHECK(round_workflow::next(RoundStatus::closed, RoundAction::reopen) == RoundStatus::reviewing);
}

TEST_CASE("a step not allowed now says why and what is allowed", "[reviews][workflow]") {
  for (auto status : kAllRoundStatuses)
    for (auto action : kAllRoundActions) {
      auto d = round_workflow::why_not(status, action);
      bool in_table = false;
      for (auto const& t : round_workflow::transitions()) in_table |= t.from == status && t.action == action;
      CHECK(d.has_value() == !in_table);
      if (!d) continue;
      CHECK(d->code == Errc::conflict);
      CHECK(has_cjk(d->reason));
      std::vector<std::string> allowed;
      for (auto a : round_workflow::allowed_actions(status)) allowed.emplace_back(to_string(a));
      CHECK(d->allowed == allowed);
    }
}

TEST_CASE("settings change until the round closes; while reviewing only the name and deadline",
          "[reviews][workflow]") {
  CHECK(round_workflow::settings_editable(RoundStatus::draft));
  CHECK(round_workflow::settings_editable(RoundStatus::assigning));
  CHECK(round_workflow::only_name_and_deadline(RoundStatus::reviewing));
  CHECK(!round_workflow::settings_editable(RoundStatus::closed));
  CHECK(!round_workflow::settings_editable(RoundStatus::finalized));
}

TEST_CASE("round enums round-trip through their names", "[reviews][workflow]") {
  for (auto s : kAllRoundStatuses) CHECK(round_status_from_string(to_string(s)) == s);
  for (auto a : kAllRoundActions) CHECK(round_action_from_string(to_string(a)) == a);
  for (auto p : kAllRoundPurposes) CHECK(round_purpose_from_string(to_string(p)) == p);
  CHECK(!round_action_from_string("approve"));
}
