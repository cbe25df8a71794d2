// The table and its questions; everything here is pure.
#include "experts/expert_workflow.hpp"

namespace zhiku::expert_workflow {

namespace {
// The names the web UI gives statuses and actions (web/src/locales/zh-CN.ts), for messages.
char const* label_of(ExpertStatus s) {
  switch (s) {
    case ExpertStatus::pending:
      return "待审核";
    case ExpertStatus::active:
      return "在库";
    case ExpertStatus::suspended:
      return "暂停";
    case ExpertStatus::retired:
      return "出库";
  }
  return "";
}

char const* label_of(ExpertAction a) {
  switch (a) {
    case ExpertAction::approve:
      return "批准入库";
    case ExpertAction::reject:
      return "驳回";
    case ExpertAction::suspend:
      return "暂停";
    case ExpertAction::reinstate:
      return "恢复";
    case ExpertAction::retire:
      return "出库";
  }
  return "";
}
}  // namespace

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
  if (!can_curate(who)) return Denial{Errc::forbidden, "只有协调员和管理员可以变更专家状态", {}};
  if (find(status, action)) return std::nullopt;
  Denial d;
  d.code = Errc::conflict;
  d.reason = std::string("专家当前状态为「") + label_of(status) + "」，不能执行「" + label_of(action) + "」";
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
    throw Error::invalid_field("note", std::string("「") + label_of(action) + "」须填写原因");
  return t;
}

}  // namespace zhiku::expert_workflow
