// The table and its questions; everything here is pure.
#include "proposals/proposal_workflow.hpp"

namespace zhiku::proposal_workflow {

namespace {

bool may_act(Actor by, Standing const& who) {
  switch (by) {
    case Actor::author:
      return who.author;
    case Actor::coordinator:
      return who.coordinator;
    case Actor::leader:
      return who.leader;
    case Actor::module:
      return who.module;
  }
  return false;
}

std::string who_may(Actor by) {
  switch (by) {
    case Actor::author:
      return "只有作者可以";
    case Actor::coordinator:
      return "只有协调员可以";
    case Actor::leader:
      return "只有领导小组成员可以";
    case Actor::module:
      return "该操作由评审和决策流程自动完成，不能手动";
  }
  return "";
}

}  // namespace

std::vector<Transition> const& transitions() {
  using S = ProposalStatus;
  using A = ProposalAction;
  static std::vector<Transition> const table = {
      {S::draft, A::submit, S::submitted, Actor::author, false},
      {S::returned, A::submit, S::submitted, Actor::author, false},
      // Withdrawing is possible until review starts (SPEC); the versions stay.
      {S::submitted, A::withdraw, S::withdrawn, Actor::author, false},
      {S::screening, A::withdraw, S::withdrawn, Actor::author, false},
      {S::returned, A::withdraw, S::withdrawn, Actor::author, false},
      {S::accepted, A::withdraw, S::withdrawn, Actor::author, false},
      {S::withdrawn, A::reopen, S::draft, Actor::author, false},
      // 形式审查: a coordinator may claim a submission first, or decide on it from the queue.
      {S::submitted, A::start_screening, S::screening, Actor::coordinator, false},
      {S::submitted, A::accept, S::accepted, Actor::coordinator, false},
      {S::screening, A::accept, S::accepted, Actor::coordinator, false},
      {S::submitted, A::send_back, S::returned, Actor::coordinator, true},
      {S::screening, A::send_back, S::returned, Actor::coordinator, true},
      // Later steps belong to the review round and the leadership's decision.
      {S::accepted, A::start_review, S::under_review, Actor::module, false},
      {S::under_review, A::finish_review, S::reviewed, Actor::module, false},
      {S::reviewed, A::decide, S::decided, Actor::module, false},
  };
  return table;
}

std::optional<Transition> find(ProposalStatus status, ProposalAction action) {
  for (auto const& t : transitions())
    if (t.from == status && t.action == action) return t;
  return std::nullopt;
}

std::vector<ProposalAction> allowed_actions(ProposalStatus status, Standing const& who) {
  std::vector<ProposalAction> out;
  for (auto const& t : transitions())
    if (t.from == status && may_act(t.by, who)) out.push_back(t.action);
  return out;
}

std::optional<Denial> why_not(ProposalStatus status, ProposalAction action, Standing const& who) {
  auto allowed_now = [&] {
    std::vector<std::string> names;
    for (ProposalAction a : allowed_actions(status, who)) names.emplace_back(to_string(a));
    return names;
  };
  auto t = find(status, action);
  if (t && may_act(t->by, who)) return std::nullopt;
  // Who may take the action at all decides between forbidden and conflict: an author asking to
  // accept is refused for who they are, whatever the status; a coordinator accepting a draft is
  // refused for the status.
  Actor by = Actor::module;
  bool anyone_may = false;
  for (auto const& row : transitions()) {
    if (row.action != action) continue;
    by = row.by;
    if (may_act(row.by, who)) anyone_may = true;
  }
  Denial d;
  d.allowed = allowed_now();
  if (!anyone_may) {
    d.code = Errc::forbidden;
    d.reason = who_may(by) + "「" + std::string(label_of(action)) + "」";
    if (by == Actor::module) d.reason = "「" + std::string(label_of(action)) + "」" + who_may(by) + "执行";
    return d;
  }
  d.code = Errc::conflict;
  d.reason = "当前状态为「" + std::string(label_of(status)) + "」，不能「" + std::string(label_of(action)) + "」";
  return d;
}

Transition check(ProposalStatus status, ProposalAction action, Standing const& who, std::string const& note) {
  if (auto d = why_not(status, action, who)) throw Error::denied(*d);
  Transition t = *find(status, action);
  bool blank = note.find_first_not_of(" \t\r\n") == std::string::npos;
  if (t.needs_note && blank)
    throw Error::invalid_field("note", "「" + std::string(label_of(action)) + "」须填写原因，作者会看到");
  return t;
}

}  // namespace zhiku::proposal_workflow
