// The proposal state machine as a pure table: status × action × who → next status, or a Denial
// saying why not (SPEC "Proposals").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/denial.hpp"
#include "core/error.hpp"
#include "proposals/proposal.hpp"

namespace zhiku::proposal_workflow {

// Who may take an action. `module` actions are taken by the module that owns the next step
// (the review round moves accepted proposals into review, the leadership's decision closes them)
// through ProposalService, never through POST …/transitions.
enum class Actor { author, coordinator, leader, module };

// How the caller stands to one proposal: the relation (an author of it) and the roles that act
// in the workflow. A caller may be several at once (a coordinator who co-wrote a proposal).
struct Standing {
  bool author = false;
  bool coordinator = false;
  bool leader = false;
  bool module = false;  // a call from another module's service (reviews, decisions)
};

struct Transition {
  ProposalStatus from;
  ProposalAction action;
  ProposalStatus to;
  Actor by;
  bool needs_note;  // the note is the reason the authors see, and must not be blank
};

// The whole table, in a fixed order (for the UI's documentation and the tests).
std::vector<Transition> const& transitions();

// The transition for `action` from `status`, or nullopt when the table has none.
std::optional<Transition> find(ProposalStatus status, ProposalAction action);

// The actions `who` may take from `status`, in table order. Pure.
std::vector<ProposalAction> allowed_actions(ProposalStatus status, Standing const& who);

// Nullopt when `who` may take `action` now, else the Denial: forbidden (the caller may not take it
// at all) or conflict (not from the current status, with what the caller may do now). Pure.
std::optional<Denial> why_not(ProposalStatus status, ProposalAction action, Standing const& who);

// Throws Error{forbidden} or Error{conflict, allowed = …} from why_not, and
// Error::invalid_field("note") when the transition needs a reason and `note` is blank; returns
// the transition.
Transition check(ProposalStatus status, ProposalAction action, Standing const& who, std::string const& note);

}  // namespace zhiku::proposal_workflow
