// The table and its questions; everything here is pure.
#include "experts/expert_workflow.hpp"

namespace zhiku::expert_workflow {

std::vector<Transition> const& transitions() {
  using S = ExpertStatus;
  using A = ExpertAction;
  static std::vector<Transition> const table = {
      {S::pending, A::approve, S::active, false},
      {S::pending, A::reject, S::retired, true},
      {S::active, A::suspend, S::suspended, false},
      {S::suspended, A::reinstate, S::active, false},
      // 出库 from any status but retired, with a reason.
      {S::pending, A::retire, S::retired, true},
      {S::active, A::retire, S::retired, true},
      {S::suspended, A::retire, S::retired, true},
  };
  return table;
}

bool can_curate(Principal const& who) { return who.is(Role::coordinator) || who.is(Role::admin); }

std::optional<Transition> find(ExpertStatus status, ExpertAction action) {
  for (auto const& t : transitions())
    if (t.from == status && t.action == action) return t;
  return std::nullopt;
}

std::vector<ExpertAction> allowed_actions(ExpertStatus status, Principal const& who) {
  std::vector<ExpertAction> out;
  if (!can_curate(who)) return out;
  for (ExpertAction a : kAllExpertActions)
    if (find(status, a)) out.push_back(a);
  return out;
}

std::optional<Denial> why_not(ExpertStatus status, ExpertAction action, Principal const& who) {
  if (!can_curate(who))
    return Denial{Errc::forbidden, "only coordinators and administrators change an expert's status", {}};
  if (find(status, action)) return std::nullopt;
  Denial d;
  d.code = Errc::conflict;
  d.reason = "cannot " + std::string(to_string(action)) + " an expert who is " + std::string(to_string(status));
  for (ExpertAction a : allowed_actions(status, who)) d.allowed.emplace_back(to_string(a));
  return d;
}

Transition check(ExpertStatus status, ExpertAction action, Principal const& who, std::string const& note) {
  if (auto d = why_not(status, action, who)) {
    Error e(d->code, d->reason);
    e.allowed = d->allowed;
    throw e;
  }
  Transition t = *find(status, action);
  if (t.needs_reason && note.empty())
    throw Error::invalid_field("note", "a reason is required to " + std::string(to_string(action)));
  return t;
}

}  // namespace zhiku::expert_workflow
