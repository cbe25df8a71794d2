// The table and its questions; everything here is pure.
#include "topics/topic_workflow.hpp"

namespace zhiku::topic_workflow {

char const* label_of(TopicStatus s) {
  switch (s) {
    case TopicStatus::draft:
      return "草稿";
    case TopicStatus::published:
      return "已发布";
    case TopicStatus::assigned:
      return "已立项";
    case TopicStatus::in_progress:
      return "研究中";
    case TopicStatus::midterm_review:
      return "中期检查";
    case TopicStatus::delivered:
      return "已提交结题";
    case TopicStatus::concluded:
      return "已结题";
    case TopicStatus::cancelled:
      return "已撤销";
  }
  return "";
}

char const* label_of(TopicAction a) {
  switch (a) {
    case TopicAction::publish:
      return "发布";
    case TopicAction::commission:
      return "委托";
    case TopicAction::withdraw_commission:
      return "撤回委托";
    case TopicAction::accept_commission:
      return "接受委托";
    case TopicAction::decline_commission:
      return "谢绝委托";
    case TopicAction::assign:
      return "立项";
    case TopicAction::start:
      return "开始研究";
    case TopicAction::begin_midterm:
      return "启动中期检查";
    case TopicAction::pass_midterm:
      return "中期检查通过";
    case TopicAction::rectify_midterm:
      return "中期检查需整改";
    case TopicAction::deliver:
      return "提交结题";
    case TopicAction::pass_acceptance:
      return "验收通过";
    case TopicAction::request_rework:
      return "验收需修改";
    case TopicAction::fail_acceptance:
      return "验收不通过";
    case TopicAction::cancel:
      return "撤销课题";
  }
  return "";
}

namespace {

char const* label_of(Standing s) {
  switch (s) {
    case Standing::coordinator:
      return "协调员";
    case Standing::lead:
      return "课题负责人";
    case Standing::member:
      return "课题组成员";
    case Standing::commissionee:
      return "受委托的专家";
    case Standing::system:
      return "系统";
  }
  return "";
}

// "协调员或课题负责人", in the order of the enumeration.
std::string who_may(Standings who) {
  std::string out;
  for (Standing s : {Standing::coordinator, Standing::lead, Standing::member, Standing::commissionee}) {
    if (!who.has(s)) continue;
    if (!out.empty()) out += "或";
    out += label_of(s);
  }
  return out.empty() ? std::string(label_of(Standing::system)) : out;
}

}  // namespace

std::vector<Transition> const& transitions() {
  using S = TopicStatus;
  using A = TopicAction;
  constexpr Standings kOffice{Standing::coordinator};
  constexpr Standings kCommissionee{Standing::commissionee};
  static std::vector<Transition> const table = {
      {S::draft, A::publish, S::published, kOffice, false},
      // A commission leaves the topic published until the expert answers.
      {S::published, A::commission, S::published, kOffice, false},
      {S::published, A::withdraw_commission, S::published, kOffice, true},
      {S::published, A::accept_commission, S::assigned, kCommissionee, false},
      {S::published, A::decline_commission, S::published, kCommissionee, true},
      {S::published, A::assign, S::assigned, kOffice, false},
      {S::assigned, A::start, S::in_progress, {Standing::coordinator, Standing::lead}, false},
      {S::in_progress, A::begin_midterm, S::midterm_review, kOffice, false},
      {S::midterm_review, A::pass_midterm, S::in_progress, kOffice, false},
      {S::midterm_review, A::rectify_midterm, S::in_progress, kOffice, true},
      // Delivery links a deliverable proposal (the proposals hook, as the system) or records one
      // handed in outside the system (a coordinator, with a note saying so).
      {S::in_progress, A::deliver, S::delivered, {Standing::coordinator, Standing::system}, false},
      {S::delivered, A::pass_acceptance, S::concluded, kOffice, false},
      {S::delivered, A::request_rework, S::in_progress, kOffice, true},
      {S::delivered, A::fail_acceptance, S::concluded, kOffice, true},
      // Cancelled from any open state, with a reason (a withdrawal 撤项 approved is one).
      {S::draft, A::cancel, S::cancelled, kOffice, true},
      {S::published, A::cancel, S::cancelled, kOffice, true},
      {S::assigned, A::cancel, S::cancelled, kOffice, true},
      {S::in_progress, A::cancel, S::cancelled, kOffice, true},
      {S::midterm_review, A::cancel, S::cancelled, kOffice, true},
      {S::delivered, A::cancel, S::cancelled, kOffice, true},
  };
  return table;
}

std::optional<Transition> find(TopicStatus status, TopicAction action) {
  for (auto const& t : transitions())
    if (t.from == status && t.action == action) return t;
  return std::nullopt;
}

std::vector<TopicAction> allowed_actions(TopicStatus status, Standings who) {
  std::vector<TopicAction> out;
  for (auto const& t : transitions())
    if (t.from == status && t.who.intersects(who)) out.push_back(t.action);
  return out;
}

std::optional<Denial> why_not(TopicStatus status, TopicAction action, Standings who) {
  auto t = find(status, action);
  if (t && t->who.intersects(who)) return std::nullopt;
  Denial d;
  for (TopicAction a : allowed_actions(status, who)) d.allowed.emplace_back(to_string(a));
  if (t) {
    d.code = Errc::forbidden;
    d.reason = "只有" + who_may(t->who) + "可以「" + label_of(action) + "」";
  } else {
    d.code = Errc::conflict;
    d.reason = std::string("课题当前状态为「") + label_of(status) + "」，不能「" + label_of(action) + "」";
  }
  return d;
}

Transition check(TopicStatus status, TopicAction action, Standings who, std::string const& note) {
  if (auto d = why_not(status, action, who)) throw Error::denied(*d);
  Transition t = *find(status, action);
  if (t.needs_reason && note.empty())
    throw Error::invalid_field("note", std::string("「") + label_of(action) + "」须填写理由");
  return t;
}

}  // namespace zhiku::topic_workflow
