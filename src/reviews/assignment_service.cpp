// Reviewer assignment: the problem is built from the services before it (round, proposals,
// experts, conflicts, taxonomy), solved by src/matching, and written in one transaction.
#include "reviews/assignment_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/text.hpp"
#include "matching/assignment.hpp"
#include "reviews/assignment_text.hpp"
#include "reviews/expertise_match.hpp"

namespace zhiku {

namespace {

constexpr char kNotFound[] = "评审任务不存在";

bool assigning_open(RoundStatus s) { return s == RoundStatus::assigning || s == RoundStatus::reviewing; }

std::string link_of_mine() { return "/reviews"; }

// The round reads its proposals as the office does, on behalf of a reviewer who may not read
// them through the proposals' own rules; what the reviewer then sees is chosen here.
Actor office_reader(Actor const& actor) {
  Principal p;
  p.username = "reviews";
  p.roles = RoleSet{Role::coordinator};
  return Actor::of(p, actor.meta);
}

std::string joined(std::vector<ConflictHit> const& hits) {
  std::string out;
  for (size_t i = 0; i < hits.size(); ++i) out += (i ? "；" : "") + hits[i].detail;
  return out;
}

// What the reviewer may do with the assignment now: accept or decline an offered one; decline an
// accepted one while no review is in.
std::vector<AssignmentAction> allowed_now(Round const& r, Assignment const& a) {
  bool const open = r.status == RoundStatus::assigning || r.status == RoundStatus::reviewing;
  if (open && a.status == AssignmentStatus::released) return {AssignmentAction::accept, AssignmentAction::decline};
  if (open && a.status == AssignmentStatus::accepted) return {AssignmentAction::decline};
  return {};
}

}  // namespace

// Everything the solver and the plan's explanation need, read once.
struct AssignmentService::Problem {
  Round round;
  std::vector<RoundProposal> proposals;
  std::vector<RoundReviewer> reviewers;
  std::vector<Assignment> existing;  // not declined
  matching::AssignmentProblem problem;
  std::vector<std::vector<std::string>> reasons;  // [proposal][reviewer]
};

AssignmentService::AssignmentService(storage::Database& db, AuditLog const& audit, Notifier const& notifier,
                                     ExpertService const& experts, TaxonomyService const& taxonomy,
                                     ProposalService const& proposals, RoundService const& rounds, Clock const& clock)
    : db_(db),
      audit_(audit),
      notifier_(notifier),
      experts_(experts),
      taxonomy_(taxonomy),
      proposals_(proposals),
      rounds_(rounds),
      clock_(clock) {}

Round AssignmentService::round_of(storage::Connection& c, Id round_id) const {
  auto r = rounds_store_.find(c, round_id);
  if (!r) throw Error::not_found("评审批次不存在");
  return std::move(*r);
}

std::vector<RoundReviewer> AssignmentService::reviewers(Actor const& actor, Id round_id) const {
  std::vector<RoundReviewer> out;
  std::vector<Assignment> assigned;
  Round r;
  {
    auto c = db_.read();
    r = round_of(*c, round_id);
    out = store_.reviewers(*c, round_id);
    assigned = store_.of_round(*c, round_id);
  }
  for (auto& rv : out) {
    auto e = experts_.get(actor, rv.expert_id);
    rv.name = e.profile.name;
    rv.organization = e.profile.organization;
    rv.effective_load = rv.max_load.value_or(r.settings.max_load);
    for (auto const& a : assigned)
      if (a.expert_id == rv.expert_id && a.status != AssignmentStatus::declined) ++rv.load;
  }
  return out;
}

std::vector<RoundReviewer> AssignmentService::add_reviewers(Actor const& actor, Id round_id,
                                                            std::vector<Id> const& expert_ids,
                                                            std::optional<int> max_load) {
  if (expert_ids.empty()) throw Error::invalid_field("expert_ids", "请选择评审专家");
  for (Id id : expert_ids) {
    auto e = experts_.get(actor, id);
    if (e.status != ExpertStatus::active)
      throw Error::conflict("专家" + e.profile.name + "不在库（" + std::string(label_of(e.status)) + "），不能评审");
  }
  std::string now = clock_.now_iso();
  db_.write([&](storage::Connection& c) {
    Round r = round_of(c, round_id);
    if (r.status == RoundStatus::closed || r.status == RoundStatus::finalized)
      throw Error::conflict("评审批次已「" + std::string(label_of(r.status)) + "」，不能再加评审专家");
    for (Id id : expert_ids) store_.put_reviewer(c, round_id, id, max_load, now);
    Json diff = Json::object();
    diff["expert_ids"] = expert_ids;
    diff["max_load"] = max_load ? Json(*max_load) : Json();
    audit_.record(c, actor, "round.add_reviewers", "round", round_id, diff);
    return 0;
  });
  return reviewers(actor, round_id);
}

std::vector<RoundReviewer> AssignmentService::remove_reviewer(Actor const& actor, Id round_id, Id expert_id) {
  db_.write([&](storage::Connection& c) {
    round_of(c, round_id);
    for (auto const& a : store_.of_round(c, round_id))
      if (a.expert_id == expert_id && a.status != AssignmentStatus::declined)
        throw Error::conflict("这位专家还有评审任务，请先移除其任务");
    if (!store_.remove_reviewer(c, round_id, expert_id)) throw Error::not_found("这位专家不在评审专家名单中");
    Json diff = Json::object();
    diff["expert_id"] = expert_id;
    audit_.record(c, actor, "round.remove_reviewer", "round", round_id, diff);
    return 0;
  });
  return reviewers(actor, round_id);
}

AssignmentService::Problem AssignmentService::build(Actor const& actor, Id round_id) const {
  Problem p;
  std::vector<Assignment> all;
  {
    auto c = db_.read();
    p.round = round_of(*c, round_id);
    all = store_.of_round(*c, round_id);
  }
  p.proposals = rounds_.proposals(actor, round_id);
  p.reviewers = reviewers(actor, round_id);
  int const np = static_cast<int>(p.proposals.size());
  int const nr = static_cast<int>(p.reviewers.size());
  auto& q = p.problem;
  q.proposal_count = np;
  q.reviewer_count = nr;
  q.reviewers_needed.assign(static_cast<size_t>(np), p.round.settings.reviewers_per_proposal);
  q.max_load.clear();
  for (auto const& r : p.reviewers) q.max_load.push_back(r.effective_load);
  q.scores.assign(static_cast<size_t>(np) * static_cast<size_t>(nr), 0);
  p.reasons.assign(static_cast<size_t>(np), std::vector<std::string>(static_cast<size_t>(nr)));

  std::map<Id, int> p_index, r_index;
  for (int i = 0; i < np; ++i) p_index[p.proposals[static_cast<size_t>(i)].proposal_id] = i;
  for (int j = 0; j < nr; ++j) r_index[p.reviewers[static_cast<size_t>(j)].expert_id] = j;

  // Expertise: the taxonomy's closure, each side prepared once.
  std::vector<std::pair<Id, std::optional<Id>>> links;
  std::map<Id, std::string> field_name;
  for (auto const& f : taxonomy_.fields()) {
    links.emplace_back(f.id, f.parent_id);
    field_name[f.id] = f.name;
  }
  ExpertiseMatcher matcher(FieldClosure::from_parents(links));
  std::vector<PreparedReviewer> prepared_reviewers;
  for (auto const& r : p.reviewers) {
    auto e = experts_.get(actor, r.expert_id);
    prepared_reviewers.push_back(matcher.prepare(ReviewerExpertise{e.profile.field_ids, e.profile.keywords}));
  }
  for (int i = 0; i < np; ++i) {
    auto v = proposals_.get(actor, p.proposals[static_cast<size_t>(i)].proposal_id);
    auto const& content = v.proposal.content;
    auto prepared = matcher.prepare(
        ProposalTopic{content.field_ids, content.keywords, content.title, content.summary + "\n" + content.body});
    for (int j = 0; j < nr; ++j) {
      auto m = matcher.match(prepared_reviewers[static_cast<size_t>(j)], prepared);
      q.set_score(i, j, m.score);
      p.reasons[static_cast<size_t>(i)][static_cast<size_t>(j)] = describe_match(m, field_name);
    }
  }

  // Conflicts that block (no override) forbid the pair; so does a decline.
  std::vector<Id> reviewer_ids;
  for (auto const& r : p.reviewers) reviewer_ids.push_back(r.expert_id);
  if (!reviewer_ids.empty() && np > 0)
    for (auto const& pc : rounds_.conflicts(actor, round_id, reviewer_ids))
      if (pc.blocks()) q.forbid(p_index.at(pc.proposal_id), r_index.at(pc.expert_id));
  for (auto const& a : all) {
    auto pi = p_index.find(a.proposal_id);
    auto ri = r_index.find(a.expert_id);
    if (pi == p_index.end() || ri == r_index.end()) continue;
    if (a.status == AssignmentStatus::declined) {
      q.forbid(pi->second, ri->second);
    } else {
      p.existing.push_back(a);
      q.pinned.push_back({pi->second, ri->second});
    }
  }
  return p;
}

AssignmentPlanView AssignmentService::solve(Problem const& p, std::string const& objective) const {
  AssignmentPlanView view;
  view.objective = objective;
  matching::SolveOptions options;
  options.objective = objective == "fair" ? matching::Objective::fair : matching::Objective::total;
  auto plan = matching::solve_assignment(p.problem, options);
  view.seconds = plan.seconds;
  std::vector<std::string> titles, names;
  for (auto const& rp : p.proposals) titles.push_back(rp.title);
  for (auto const& r : p.reviewers) names.push_back(r.name);
  if (plan.status != matching::AssignmentPlan::Status::optimal) {
    view.feasible = false;
    view.reasons = describe_infeasibility(plan.why_not, titles, names);
    if (view.reasons.empty()) view.reasons.push_back("没有可行的分配方案");
    return view;
  }
  view.feasible = true;
  view.total_score = plan.figures.total_score;
  std::set<std::pair<int, int>> pinned;
  for (auto const& x : p.problem.pinned) pinned.insert({x.proposal, x.reviewer});
  std::vector<int> best(p.proposals.size(), -1);
  for (auto const& pair : plan.pairs) {
    PlannedPair pp;
    pp.proposal_id = p.proposals[static_cast<size_t>(pair.proposal)].proposal_id;
    pp.expert_id = p.reviewers[static_cast<size_t>(pair.reviewer)].expert_id;
    pp.score = p.problem.score(pair.proposal, pair.reviewer);
    pp.reason = p.reasons[static_cast<size_t>(pair.proposal)][static_cast<size_t>(pair.reviewer)];
    pp.existing = pinned.count({pair.proposal, pair.reviewer}) > 0;
    if (!pp.existing) ++view.added;
    best[static_cast<size_t>(pair.proposal)] = std::max(best[static_cast<size_t>(pair.proposal)], pp.score);
    view.pairs.push_back(std::move(pp));
  }
  for (size_t j = 0; j < p.reviewers.size(); ++j)
    view.loads.push_back({p.reviewers[j].expert_id, p.reviewers[j].name,
                          j < plan.figures.load.size() ? plan.figures.load[j] : 0, p.problem.max_load[j]});
  for (size_t i = 0; i < p.proposals.size(); ++i)
    if (best[i] >= 0 && best[i] < kWeakMatch) view.weak.push_back({p.proposals[i].proposal_id, p.proposals[i].title, best[i]});
  return view;
}

AssignmentPlanView AssignmentService::plan(Actor const& actor, Id round_id, std::string const& objective) const {
  return solve(build(actor, round_id), objective);
}

AssignmentPlanView AssignmentService::apply(Actor const& actor, Id round_id, std::string const& objective) {
  Problem p = build(actor, round_id);
  if (!assigning_open(p.round.status))
    throw Error::conflict("评审批次处于「" + std::string(label_of(p.round.status)) + "」状态，不能分配评审");
  AssignmentPlanView view = solve(p, objective);
  if (!view.feasible) {
    std::string detail = "无法分配：";
    for (size_t i = 0; i < view.reasons.size(); ++i) detail += (i ? "；" : "") + view.reasons[i];
    throw Error::conflict(detail);
  }
  std::map<Id, std::string> titles;
  for (auto const& rp : p.proposals) titles[rp.proposal_id] = rp.title;
  std::string now = clock_.now_iso();
  db_.write([&](storage::Connection& c) {
    Round r = round_of(c, round_id);
    if (!assigning_open(r.status)) throw Error::conflict("评审批次的状态已变化，请刷新后再分配");
    // The plan was made from what was assigned when it was read; a change since then (another
    // coordinator's pin, a decline) makes it stale.
    std::set<Id> now_assigned, planned_from;
    for (auto const& a : store_.of_round(c, round_id))
      if (a.status != AssignmentStatus::declined) now_assigned.insert(a.id);
    for (auto const& a : p.existing) planned_from.insert(a.id);
    if (now_assigned != planned_from) throw Error::precondition_failed("分配已被他人修改，请刷新后再试");
    int written = 0;
    for (auto const& pair : view.pairs) {
      if (pair.existing) continue;
      Assignment a;
      a.round_id = round_id;
      a.proposal_id = pair.proposal_id;
      a.expert_id = pair.expert_id;
      a.match_score = pair.score;
      a.match_reasons = pair.reason;
      a.proposal_title = titles[pair.proposal_id];
      a.created_at = a.updated_at = now;
      store_.insert(c, a);
      ++written;
    }
    Json diff = Json::object();
    diff["objective"] = objective;
    diff["added"] = written;
    diff["total_score"] = view.total_score;
    audit_.record(c, actor, "round.apply_plan", "round", round_id, diff);
    return 0;
  });
  return view;
}

std::vector<Assignment> AssignmentService::assignments(Actor const& actor, Id round_id) const {
  std::vector<Assignment> out;
  {
    auto c = db_.read();
    round_of(*c, round_id);
    out = store_.of_round(*c, round_id);
  }
  std::map<Id, std::string> names;
  auto title_of = titles(actor, round_id);
  for (auto& a : out) {
    if (!names.count(a.expert_id)) names[a.expert_id] = experts_.get(actor, a.expert_id).profile.name;
    a.expert_name = names[a.expert_id];
    a.proposal_title = title_of[a.proposal_id];
  }
  return out;
}

std::map<Id, std::string> AssignmentService::titles(Actor const& actor, Id round_id) const {
  std::map<Id, std::string> out;
  for (auto const& rp : rounds_.proposals(actor, round_id)) out[rp.proposal_id] = rp.title;
  return out;
}

Assignment AssignmentService::assign(Actor const& actor, Id round_id, Id proposal_id, Id expert_id,
                                     std::string const& override_reason) {
  auto rows = rounds_.proposals(actor, round_id);
  auto it = std::find_if(rows.begin(), rows.end(), [&](auto const& r) { return r.proposal_id == proposal_id; });
  if (it == rows.end()) throw Error::not_found("这项建议不在该评审批次中");
  std::string const why = trim_text(override_reason);
  if (utf8_length(why) > kMaxOverrideReasonChars)
    throw Error::invalid_field("override_reason", "理由最多 " + std::to_string(kMaxOverrideReasonChars) + " 个字符");
  std::optional<PairConflicts> blocking;
  for (auto const& pc : rounds_.conflicts(actor, round_id, {expert_id}))
    if (pc.proposal_id == proposal_id && pc.blocks()) blocking = pc;
  if (blocking && why.empty())
    throw Error::conflict("利益冲突：" + joined(blocking->hits) + "。如确需指派，请写明豁免该冲突的理由");
  std::string now = clock_.now_iso();
  std::string title = it->title;
  Id id = db_.write([&](storage::Connection& c) {
    Round r = round_of(c, round_id);
    if (!assigning_open(r.status))
      throw Error::conflict("评审批次处于「" + std::string(label_of(r.status)) + "」状态，不能分配评审");
    bool in_pool = false;
    for (auto const& rv : store_.reviewers(c, round_id)) in_pool |= rv.expert_id == expert_id;
    if (!in_pool) throw Error::conflict("这位专家不在本批次的评审专家名单中");
    if (auto existing = store_.find_pair(c, round_id, proposal_id, expert_id)) {
      if (existing->status != AssignmentStatus::declined) throw Error::conflict("这位专家已在评审这项建议");
      store_.remove(c, existing->id);
    }
    if (blocking) rounds_.record_override(c, actor, round_id, *blocking, why, now);
    Assignment a;
    a.round_id = round_id;
    a.proposal_id = proposal_id;
    a.expert_id = expert_id;
    a.pinned = true;
    a.created_at = a.updated_at = now;
    Id new_id = store_.insert(c, a);
    Json diff = Json::object();
    diff["proposal_id"] = proposal_id;
    diff["title"] = title;
    diff["expert_id"] = expert_id;
    audit_.record(c, actor, "round.assign", "round", round_id, diff);
    return new_id;
  });
  auto c = db_.read();
  Assignment out = *store_.find(*c, id);
  out.proposal_title = title;
  out.expert_name = experts_.get(actor, expert_id).profile.name;
  return out;
}

void AssignmentService::unassign(Actor const& actor, Id round_id, Id assignment_id) {
  db_.write([&](storage::Connection& c) {
    Round r = round_of(c, round_id);
    auto a = store_.find(c, assignment_id);
    if (!a || a->round_id != round_id) throw Error::not_found(kNotFound);
    if (a->status == AssignmentStatus::accepted || a->status == AssignmentStatus::submitted)
      throw Error::conflict("评审专家已接受这项任务，不能移除");
    if (r.status == RoundStatus::closed || r.status == RoundStatus::finalized)
      throw Error::conflict("评审批次已「" + std::string(label_of(r.status)) + "」");
    store_.remove(c, assignment_id);
    Json diff = Json::object();
    diff["proposal_id"] = a->proposal_id;
    diff["expert_id"] = a->expert_id;
    diff["status"] = to_string(a->status);
    audit_.record(c, actor, "round.unassign", "round", round_id, diff);
    return 0;
  });
}

int AssignmentService::release(Actor const& actor, Id round_id) {
  std::string now = clock_.now_iso();
  return db_.write([&](storage::Connection& c) {
    Round r = round_of(c, round_id);
    if (!assigning_open(r.status))
      throw Error::conflict("评审批次处于「" + std::string(label_of(r.status)) + "」状态，不能发布评审任务");
    int count = 0;
    for (auto const& a : store_.of_round(c, round_id)) count += a.status == AssignmentStatus::tentative;
    if (count == 0) throw Error::conflict("没有待发布的评审任务");
    for (Id expert : store_.release(c, round_id, now)) {
      auto b = experts_.brief(c, expert);
      if (!b || !b->user_id) continue;
      notifier_.notify(c, *b->user_id, "review.assigned", "您有新的评审任务：" + r.settings.name,
                       "请在评审任务中查看并接受或谢绝。", link_of_mine());
    }
    Json diff = Json::object();
    diff["released"] = count;
    audit_.record(c, actor, "round.release", "round", round_id, diff);
    return count;
  });
}

std::optional<Id> AssignmentService::own_expert(storage::Connection& c, Actor const& actor) const {
  if (!actor.signed_in()) return std::nullopt;
  return experts_.expert_of_user(c, actor.user_id());
}

MyAssignment AssignmentService::my_view(storage::Connection& c, Actor const& actor, Assignment a) const {
  MyAssignment m;
  Round r = round_of(c, a.round_id);
  m.round_name = r.settings.name;
  m.round_status = r.status;
  m.blind = r.settings.blind;
  m.deadline = a.extended_until ? a.extended_until : r.settings.deadline;
  m.allowed = allowed_now(r, a);
  auto v = proposals_.get(office_reader(actor), a.proposal_id);
  a.proposal_title = v.proposal.content.title;
  if (!m.blind)
    for (auto const& author : v.proposal.authors) m.author_names.push_back(author.name);
  a.expert_name.clear();
  a.match_score.reset();
  a.match_reasons.clear();
  a.pinned = false;
  m.assignment = std::move(a);
  return m;
}

std::vector<MyAssignment> AssignmentService::mine(Actor const& actor) const {
  auto c = db_.read();
  auto me = own_expert(*c, actor);
  std::vector<MyAssignment> out;
  if (!me) return out;
  for (auto& a : store_.of_expert(*c, *me)) out.push_back(my_view(*c, actor, std::move(a)));
  return out;
}

MyAssignment AssignmentService::my_assignment(Actor const& actor, Id assignment_id) const {
  auto c = db_.read();
  auto me = own_expert(*c, actor);
  auto a = store_.find(*c, assignment_id);
  if (!a || !me || a->expert_id != *me || a->status == AssignmentStatus::tentative) throw Error::not_found(kNotFound);
  return my_view(*c, actor, std::move(*a));
}

MyAssignment AssignmentService::act(Actor const& actor, Id assignment_id, AssignmentAction action,
                                    std::string const& note) {
  std::string const why = trim_text(note);
  if (utf8_length(why) > kMaxDeclineReasonChars)
    throw Error::invalid_field("note", "理由最多 " + std::to_string(kMaxDeclineReasonChars) + " 个字符");
  std::string now = clock_.now_iso();
  db_.write([&](storage::Connection& c) {
    auto me = own_expert(c, actor);
    auto a = store_.find(c, assignment_id);
    // Someone else's assignment, or one not yet released, does not exist for the caller.
    if (!a || !me || a->expert_id != *me || a->status == AssignmentStatus::tentative)
      throw Error::not_found(kNotFound);
    Round r = round_of(c, a->round_id);
    auto allowed = allowed_now(r, *a);
    if (std::find(allowed.begin(), allowed.end(), action) == allowed.end()) {
      std::vector<std::string> names;
      for (auto x : allowed) names.emplace_back(to_string(x));
      throw Error::conflict("这项评审任务「" + std::string(label_of(a->status)) + "」，不能" +
                                (action == AssignmentAction::accept ? "接受" : "谢绝"),
                            names);
    }
    if (action == AssignmentAction::decline && why.empty()) throw Error::invalid_field("note", "请写明谢绝的理由");
    auto to = action == AssignmentAction::accept ? AssignmentStatus::accepted : AssignmentStatus::declined;
    store_.set_status(c, assignment_id, to, action == AssignmentAction::decline ? std::optional(why) : std::nullopt,
                      now);
    Json diff = Json::object();
    diff["round_id"] = a->round_id;
    diff["proposal_id"] = a->proposal_id;
    diff["status"] = Json::object({{"from", to_string(a->status)}, {"to", to_string(to)}});
    if (!why.empty()) diff["note"] = why;
    audit_.record(c, actor, "assignment." + std::string(to_string(action)), "assignment", assignment_id, diff);
    if (action == AssignmentAction::decline)
      notifier_.notify_roles(c, RoleSet{Role::coordinator}, "review.declined",
                             "评审专家谢绝了评审任务：" + r.settings.name, why,
                             "/rounds/" + std::to_string(a->round_id));
    return 0;
  });
  auto c = db_.read();
  return my_view(*c, actor, *store_.find(*c, assignment_id));
}

}  // namespace zhiku
