// The expert pool's state machine as a pure table: status × action × role → next status, or a
// Denial saying why not (SPEC "Expert pool").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/denial.hpp"
#include "core/principal.hpp"
#include "experts/expert.hpp"

namespace zhiku::expert_workflow {

struct Transition {
  ExpertStatus from;
  ExpertAction action;
  ExpertStatus to;
  bool needs_reason;  // the note becomes status_reason and must not be empty
};

// The whole table, in a fixed order (for the UI's documentation and the tests).
std::vector<Transition> const& transitions();

// True when `who` may move experts through the workflow at all (kCurators, expert_access.hpp).
bool can_curate(Principal const& who);

// The actions `who` may take on an expert in `status`, in table order. Thread-safe, pure.
std::vector<ExpertAction> allowed_actions(ExpertStatus status, Principal const& who);

// The transition for `action` from `status`, or nullopt when the table has none.
std::optional<Transition> find(ExpertStatus status, ExpertAction action);

// Nullopt when `who` may take `action` now, else the Denial: forbidden for a caller who may not
// curate, conflict (with the actions allowed now) for an action the current status does not
// allow. Pure.
std::optional<Denial> why_not(ExpertStatus status, ExpertAction action, Principal const& who);

// Throws Error::denied(why_not(…)), or Error::invalid_field("note", …) when the transition needs
// a reason and `note` is blank; returns the transition.
Transition check(ExpertStatus status, ExpertAction action, Principal const& who, std::string const& note);

}  // namespace zhiku::expert_workflow
