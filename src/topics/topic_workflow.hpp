// The topic life cycle as a pure table: status × action × standing → next status, or a Denial
// saying why not (SPEC "Research topics").
//
// A standing is what the caller is to this topic: a coordinator (the role), its lead, a member
// of its team, the expert a pending commission names, or the system (another module's hook,
// e.g. proposals moving a topic to `delivered`). The service works out the standings; this file
// only answers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/denial.hpp"
#include "core/error.hpp"
#include "topics/topic.hpp"

namespace zhiku::topic_workflow {

enum class Standing : unsigned { coordinator = 0, lead = 1, member = 2, commissionee = 3, system = 4 };

// A small set of standings as a bit mask.
class Standings {
 public:
  constexpr Standings() = default;
  constexpr Standings(std::initializer_list<Standing> s) {
    for (Standing x : s) bits_ |= bit(x);
  }
  constexpr bool has(Standing s) const { return (bits_ & bit(s)) != 0; }
  constexpr bool intersects(Standings o) const { return (bits_ & o.bits_) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr void add(Standing s) { bits_ |= bit(s); }

 private:
  static constexpr unsigned bit(Standing s) { return 1u << static_cast<unsigned>(s); }
  unsigned bits_ = 0;
};

struct Transition {
  TopicStatus from;
  TopicAction action;
  TopicStatus to;
  Standings who;      // any of these may take it
  bool needs_reason;  // the note must not be empty
};

// The whole table in a fixed order (for the UI's documentation and the tests).
std::vector<Transition> const& transitions();

// The transition for `action` from `status`, or nullopt when the table has none.
std::optional<Transition> find(TopicStatus status, TopicAction action);

// The actions `who` may take on a topic in `status`, in table order. Pure.
std::vector<TopicAction> allowed_actions(TopicStatus status, Standings who);

// Nullopt when `who` may take `action` now; else a Denial: forbidden when the action exists from
// this status but not for `who`, conflict when it does not exist from this status. Pure.
std::optional<Denial> why_not(TopicStatus status, TopicAction action, Standings who);

// Throws Error{forbidden} or Error{conflict, allowed = …} from why_not, and
// Error{invalid_argument} naming "note" when the transition needs a reason and `note` is blank;
// returns the transition.
Transition check(TopicStatus status, TopicAction action, Standings who, std::string const& note);

// The Chinese names the web UI gives statuses and actions (web locale), for messages.
char const* label_of(TopicStatus s);
char const* label_of(TopicAction a);

}  // namespace zhiku::topic_workflow
