// The round table and its questions.
#include "reviews/round_workflow.hpp"

#include <string>

namespace zhiku::round_workflow {

std::vector<Transition> const& transitions() {
  static std::vector<Transition> const table = {
      {RoundStatus::draft, RoundAction::start_assigning, RoundStatus::assigning},
      {RoundStatus::assigning, RoundAction::back_to_draft, RoundStatus::draft},
      {RoundStatus::assigning, RoundAction::start_reviewing, RoundStatus::reviewing},
      {RoundStatus::reviewing, RoundAction::close, RoundStatus::closed},
      {RoundStatus::closed, RoundAction::reopen, RoundStatus::reviewing},
      {RoundStatus::closed, RoundAction::finalize, RoundStatus::finalized},
  };
  return table;
}

std::vector<RoundAction> allowed_actions(RoundStatus status) {
  std::vector<RoundAction> out;
  for (auto const& t : transitions())
    if (t.from == status) out.push_back(t.action);
  return out;
}

std::optional<Denial> why_not(RoundStatus status, RoundAction action) {
  for (auto const& t : transitions())
    if (t.from == status && t.action == action) return std::nullopt;
  std::vector<std::string> allowed;
  for (auto a : allowed_actions(status)) allowed.emplace_back(to_string(a));
  return Denial::conflict("评审批次处于「" + std::string(label_of(status)) + "」状态，不能" +
                              std::string(label_of(action)),
                          std::move(allowed));
}

RoundStatus next(RoundStatus status, RoundAction action) {
  for (auto const& t : transitions())
    if (t.from == status && t.action == action) return t.to;
  return status;
}

bool settings_editable(RoundStatus status) {
  return status == RoundStatus::draft || status == RoundStatus::assigning || status == RoundStatus::reviewing;
}

bool only_name_and_deadline(RoundStatus status) { return status == RoundStatus::reviewing; }

}  // namespace zhiku::round_workflow
