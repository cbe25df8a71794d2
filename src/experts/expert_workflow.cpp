// The table and its questions; everything here is pure.
#include "experts/expert_workflow.hpp"

#include "core/text.hpp"
#include "experts/expert_access.hpp"
#include "experts/expert_rules.hpp"

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

bool can_curate(Principal const& who) { return who.has_any(kCurators); }

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
  if (!can_curate(who)) return Denial::forbidden("只有协调员和管理员可以变更专家状态");
  if (find(status, action)) return std::nullopt;
  std::vector<std::string> allowed;
  for (ExpertAction a : allowed_actions(status, who)) allowed.emplace_back(to_string(a));
  std::string reason = "专家当前状态为「";
  reason += label_of(status);
  reason += "」，不能执行「";
  reason += label_of(action);
  reason += "」";
  return Denial::conflict(std::move(reason), std::move(allowed));
}

Transition check(ExpertStatus status, ExpertAction action, Principal const& who, std::string const& note) {
  if (auto d = why_not(status, action, who)) throw Error::denied(*d);
  Transition t = *find(status, action);
  if (t.needs_reason && note.empty())
    throw Error::invalid_field("note", "「" + std::string(label_of(action)) + "」须填写原因");
  if (utf8_length(note) > kMaxNoteChars)
    throw Error::invalid_field("note", "说明不能超过 " + std::to_string(kMaxNoteChars) + " 个字符");
  return t;
}

}  // namespace zhiku::expert_workflow
