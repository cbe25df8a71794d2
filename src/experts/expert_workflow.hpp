// The expert pool's state machine as a pure table: status × action × role → next status, or a
// Denial saying why not (SPEC "Expert pool").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/principal.hpp"
#include "experts/expert.hpp"

namespace zhiku::expert_workflow {

struct Transition {
  ExpertStatus from;
  ExpertAction action;
  ExpertStatus to;
  bool needs_reason;  // the note becomes status_reason and must not be empty
};

// Why an action may not be taken: `code` is forbidden (the caller's role) or conflict (the
// current status); `allowed` lists the actions that are allowed now for this caller.
struct Denial {
  Errc code = Errc::conflict;
  std::string reason;
  std::vector<std::string> allowed;
};

// The whole table, in a fixed order (for the UI's documentation and the tests).
std::vector<Transition> const& transitions();

// True when `who` may move experts through the workflow at all (coordinators and admins).
bool can_curate(Principal const& who);

// The actions `who` may take on an expert in `status`, in table order. Thread-safe, pure.
std::vector<ExpertAction> allowed_actions(ExpertStatus status, Principal const& who);

// The transition for `action` from `status`, or nullopt when the table has none.
std::optional<Transition> find(ExpertStatus status, ExpertAction action);

// Nullopt when `who` may take `action` now, else the Denial. Pure.
std::optional<Denial> why_not(ExpertStatus status, ExpertAction action, Principal const& who);

// Throws Error{forbidden} or Error{conflict, allowed = …} from why_not, Error{invalid_argument}
// naming "note" when the transition needs a reason and `note` is blank; returns the transition.
Transition check(ExpertStatus status, ExpertAction action, Principal const& who, std::string const& note);

}  // namespace zhiku::expert_workflow
