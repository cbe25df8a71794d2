// The round state machine as a pure table: status × action → next status, or a Denial saying
// why not (SPEC "Review rounds"). Only coordinators act on rounds (the routes' policy).
#pragma once

#include <optional>
#include <vector>

#include "core/denial.hpp"
#include "reviews/round.hpp"

namespace zhiku::round_workflow {

struct Transition {
  RoundStatus from;
  RoundAction action;
  RoundStatus to;
};

// The whole table, in a fixed order.
std::vector<Transition> const& transitions();

// The actions allowed from `status`, in table order. Pure.
std::vector<RoundAction> allowed_actions(RoundStatus status);

// The next status, or Denial::conflict with the actions allowed now. Pure.
std::optional<Denial> why_not(RoundStatus status, RoundAction action);
RoundStatus next(RoundStatus status, RoundAction action);  // REQUIRES: why_not is empty

// Whether the settings may change now: all of them in draft and assigning; the name and the
// deadline while reviewing; nothing once closed.
bool settings_editable(RoundStatus status);
bool only_name_and_deadline(RoundStatus status);

}  // namespace zhiku::round_workflow
