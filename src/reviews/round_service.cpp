// Use cases of review rounds: load, check (the workflow table, the rules of the round), change,
// audit, in one write. Conflicts are read from the experts' and proposals' services.
#include "reviews/round_service.hpp"

#include <map>
#include <set>

#include "core/text.hpp"
#include "reviews/review_json.hpp"
#include "reviews/round_workflow.hpp"

namespace zhiku {

namespace {

constexpr char kNotFound[] = "评审批次不存在";

Json audit_view(RoundSettings const& s) {
  Json j = s;
  j["rubric"].erase("max_total");
  return j;
}

void validate(RoundSettings const& s) {
  std::vector<FieldError> errors;
  if (trim_text(s.name).empty()) errors.push_back({"name", "请填写评审批次名称"});
  for (auto& e : rubric_errors(s.rubric, "rubric")) errors.push_back(std::move(e));
  for (auto& e : award_tier_errors(s.tiers, "tiers")) errors.push_back(std::move(e));
  if (s.min_reviews > s.reviewers_per_proposal)
    errors.push_back({"min_reviews", "有效评审数下限（" + std::to_string(s.min_reviews) +
                                         "）不能多于每项评审人数（" + std::to_string(s.reviewers_per_proposal) + "）"});
  Error::throw_if_any(std::move(errors));
}

// What may still change while reviewing: the name and the deadline.
bool same_but_name_and_deadline(RoundSettings a, RoundSettings b) {
  a.name = b.name;
  a.deadline = b.deadline;
  return a == b;
}

}  // namespace

// The people of the conflict rules, read once per request.
struct RoundService::People {
  ExpertService const& experts;
  ProposalService const& proposals;
  storage::Database& db;
  Actor const& actor;
  std::map<Id, ConflictPerson> persons;
  std::map<Id, std::set<Id>> coauthors;

  ConflictPerson const& person(Id id) {
    auto it = persons.find(id);
    if (it != persons.end()) return it->second;
    ConflictPerson p;
    p.expert_id = id;
    Expert e = experts.get(actor, id);
    p.name = e.profile.name;
    p.organization = e.profile.organization;
    p.employment = e.profile.employment;
    p.declared = experts.conflicts(actor, id);
    return persons.emplace(id, std::move(p)).first->second;
  }
  std::set<Id> const& coauthors_of(Id id) {
    auto it = coauthors.find(id);
    if (it != coauthors.end()) return it->second;
    auto c = db.read();
    auto ids = proposals.coauthors(*c, id);
    return coauthors.emplace(id, std::set<Id>(ids.begin(), ids.end())).first->second;
  }
};

RoundService::RoundService(storage::Database& db, AuditLog const& audit, Notifier const& notifier,
                           ExpertService const& experts, ProposalService const& proposals, Clock const& clock)
    : db_(db), audit_(audit), notifier_(notifier), experts_(experts), proposals_(proposals), clock_(clock) {}

Round RoundService::load(storage::Connection& c, Id id) const {
  auto r = store_.find(c, id);
  if (!r) throw Error::not_found(kNotFound);
  return std::move(*r);
}

RoundView RoundService::view_of(Round r) const {
  RoundView v;
  v.allowed = round_workflow::allowed_actions(r.status);
  v.round = std::move(r);
  return v;
}

RoundView RoundService::create(Actor const& actor, RoundSettings const& settings) {
  validate(settings);
  std::string now = clock_.now_iso();
  return db_.write([&](storage::Connection& c) {
    std::optional<Id> by;
    if (actor.signed_in()) by = actor.user_id();
    Id id = store_.insert(c, settings, by, now);
    audit_.record(c, actor, "round.create", "round", id, audit_diff(Json::object(), audit_view(settings)));
    return view_of(load(c, id));
  });
}

RoundView RoundService::update(Actor const& actor, Id id, std::int64_t version, RoundSettings const& settings) {
  validate(settings);
  std::string now = clock_.now_iso();
  return db_.write([&](storage::Connection& c) {
    Round before = load(c, id);
    if (!round_workflow::settings_editable(before.status))
      throw Error::conflict("评审批次已「" + std::string(label_of(before.status)) + "」，设置不能再修改");
    if (round_workflow::only_name_and_deadline(before.status) &&
        !same_but_name_and_deadline(before.settings, settings))
      throw Error::conflict("评审已开始，只能修改名称和截止时间");
    if (!store_.update(c, id, version, settings, now))
      throw Error::precondition_failed("评审批次已被他人修改，请刷新后再改");
    audit_.record(c, actor, "round.update", "round", id,
                  audit_diff(audit_view(before.settings), audit_view(settings)));
    return view_of(load(c, id));
  });
}

RoundView RoundService::transition(Actor const& actor, Id id, RoundAction action, std::string const& note) {
  std::string now = clock_.now_iso();
  return db_.write([&](storage::Connection& c) {
    Round before = load(c, id);
    if (auto d = round_workflow::why_not(before.status, action)) throw Error::denied(*d);
    if (action == RoundAction::start_assigning && before.proposal_count == 0)
      throw Error::conflict("批次中还没有建议：请先加入已受理的建议");
    RoundStatus to = round_workflow::next(before.status, action);
    store_.set_status(c, id, to, now);
    Json before_j = Json::object();
    before_j["status"] = to_string(before.status);
    Json after_j = Json::object();
    after_j["status"] = to_string(to);
    Json diff = audit_diff(before_j, after_j);
    if (!trim_text(note).empty()) diff["note"] = trim_text(note);
    audit_.record(c, actor, "round." + std::string(to_string(action)), "round", id, diff);
    return view_of(load(c, id));
  });
}

RoundView RoundService::get(Actor const&, Id id) const {
  auto c = db_.read();
  return view_of(load(*c, id));
}

RoundList RoundService::list(Actor const&, std::optional<RoundStatus> status, int offset, int limit) const {
  auto c = db_.read();
  RoundList out;
  out.items = store_.list(*c, status, offset, limit);
  out.total = store_.count(*c, status);
  return out;
}

std::vector<RoundProposal> RoundService::listed(storage::Connection& c, Actor const& actor, Id id) const {
  std::vector<RoundProposal> out;
  for (auto const& [pid, added_at] : store_.proposals(c, id)) {
    RoundProposal rp;
    rp.proposal_id = pid;
    rp.added_at = added_at;
    try {
      auto v = proposals_.get(actor, pid);
      rp.title = v.proposal.content.title;
      rp.status = std::string(to_string(v.proposal.status));
      for (auto const& a : v.proposal.authors) {
        rp.author_ids.push_back(a.expert_id);
        rp.author_names.push_back(a.name);
      }
    } catch (Error const&) {
      // A proposal the caller may no longer read keeps its row, without its content.
    }
    out.push_back(std::move(rp));
  }
  return out;
}

std::vector<RoundProposal> RoundService::proposals(Actor const& actor, Id id) const {
  auto c = db_.read();
  load(*c, id);
  return listed(*c, actor, id);
}

std::vector<RoundProposal> RoundService::add_proposal(Actor const& actor, Id id, Id proposal_id) {
  // The proposal is read first, as the caller sees it (404 for what they may not see).
  auto v = proposals_.get(actor, proposal_id);
  if (v.proposal.status != ProposalStatus::accepted)
    throw Error::conflict("只能加入已受理的建议，这项建议处于「" + std::string(label_of(v.proposal.status)) + "」状态");
  std::string now = clock_.now_iso();
  db_.write([&](storage::Connection& c) {
    Round r = load(c, id);
    if (r.status != RoundStatus::draft && r.status != RoundStatus::assigning)
      throw Error::conflict("评审已开始，不能再加入建议");
    if (store_.has_proposal(c, id, proposal_id)) return 0;
    if (auto other = store_.open_round_of(c, proposal_id, id))
      throw Error::conflict("这项建议已在另一评审批次（编号 " + std::to_string(*other) + "）中");
    std::optional<Id> by;
    if (actor.signed_in()) by = actor.user_id();
    store_.add_proposal(c, id, proposal_id, by, now);
    Json diff = Json::object();
    diff["proposal_id"] = proposal_id;
    diff["title"] = v.proposal.content.title;
    audit_.record(c, actor, "round.add_proposal", "round", id, diff);
    return 0;
  });
  return proposals(actor, id);
}

std::vector<RoundProposal> RoundService::remove_proposal(Actor const& actor, Id id, Id proposal_id) {
  db_.write([&](storage::Connection& c) {
    Round r = load(c, id);
    if (!store_.has_proposal(c, id, proposal_id)) throw Error::not_found("这项建议不在该评审批次中");
    if (r.status != RoundStatus::draft && r.status != RoundStatus::assigning)
      throw Error::conflict("评审已开始，不能再移出建议");
    store_.remove_proposal(c, id, proposal_id);
    Json diff = Json::object();
    diff["proposal_id"] = proposal_id;
    audit_.record(c, actor, "round.remove_proposal", "round", id, diff);
    return 0;
  });
  return proposals(actor, id);
}

std::vector<PairConflicts> RoundService::conflicts(Actor const& actor, Id id, std::vector<Id> const& expert_ids) const {
  if (expert_ids.size() > kMaxConflictReviewers)
    throw Error::invalid_field("expert_ids", "一次最多查看 " + std::to_string(kMaxConflictReviewers) + " 位评审人");
  std::vector<RoundProposal> rows;
  std::vector<ConflictOverride> overrides;
  {
    auto c = db_.read();
    load(*c, id);
    rows = listed(*c, actor, id);
    overrides = store_.overrides(*c, id);
  }
  People people{experts_, proposals_, db_, actor, {}, {}};
  std::string const today = clock_.now_iso().substr(0, 10);
  // Each proposal's authors once, not once per reviewer.
  std::vector<std::vector<ConflictPerson>> authors_of;
  for (auto const& rp : rows) {
    std::vector<ConflictPerson> authors;
    for (Id a : rp.author_ids) authors.push_back(people.person(a));
    authors_of.push_back(std::move(authors));
  }
  std::vector<PairConflicts> out;
  for (Id eid : expert_ids) {
    ConflictPerson const reviewer = people.person(eid);
    auto const& coauthors = people.coauthors_of(eid);
    for (size_t i = 0; i < rows.size(); ++i) {
      auto const& rp = rows[i];
      auto const& authors = authors_of[i];
      PairConflicts pc;
      pc.proposal_id = rp.proposal_id;
      pc.expert_id = eid;
      pc.hits = conflict_hits(reviewer, authors, coauthors, today);
      for (auto const& o : overrides)
        if (o.proposal_id == rp.proposal_id && o.expert_id == eid) pc.override_ = o;
      out.push_back(std::move(pc));
    }
  }
  return out;
}

PairConflicts RoundService::pair_conflicts(Actor const& actor, Id id, Id proposal_id, Id expert_id) const {
  for (auto& pc : conflicts(actor, id, {expert_id}))
    if (pc.proposal_id == proposal_id) return pc;
  throw Error::not_found("这项建议不在该评审批次中");
}

PairConflicts RoundService::override_conflict(Actor const& actor, Id id, Id proposal_id, Id expert_id,
                                              std::string const& reason) {
  std::string const why = trim_text(reason);
  if (why.empty()) throw Error::invalid_field("reason", "请写明豁免利益冲突的理由");
  if (utf8_length(why) > kMaxOverrideReasonChars)
    throw Error::invalid_field("reason", "理由最多 " + std::to_string(kMaxOverrideReasonChars) + " 个字符");
  PairConflicts pc = pair_conflicts(actor, id, proposal_id, expert_id);
  if (pc.hits.empty()) throw Error::conflict("这位评审人与该建议没有利益冲突，无需豁免");
  std::string now = clock_.now_iso();
  db_.write([&](storage::Connection& c) {
    Round r = load(c, id);
    if (r.status == RoundStatus::closed || r.status == RoundStatus::finalized)
      throw Error::conflict("评审批次已「" + std::string(label_of(r.status)) + "」，不能再豁免利益冲突");
    record_override(c, actor, id, pc, why, now);
    return 0;
  });
  return pair_conflicts(actor, id, proposal_id, expert_id);
}

void RoundService::record_override(storage::Connection& c, Actor const& actor, Id id, PairConflicts const& pc,
                                   std::string const& why, std::string const& now) const {
  ConflictOverride o{id, pc.proposal_id, pc.expert_id, why, std::nullopt, now};
  if (actor.signed_in()) o.created_by = actor.user_id();
  store_.put_override(c, o);
  Json diff = Json::object();
  diff["proposal_id"] = pc.proposal_id;
  diff["expert_id"] = pc.expert_id;
  diff["reason"] = why;
  Json rules = Json::array();
  for (auto const& h : pc.hits) rules.push_back(h.detail);
  diff["conflicts"] = std::move(rules);
  audit_.record(c, actor, "round.override_conflict", "round", id, diff);
}

PairConflicts RoundService::withdraw_override(Actor const& actor, Id id, Id proposal_id, Id expert_id) {
  db_.write([&](storage::Connection& c) {
    Round r = load(c, id);
    if (r.status == RoundStatus::closed || r.status == RoundStatus::finalized)
      throw Error::conflict("评审批次已「" + std::string(label_of(r.status)) + "」，不能再修改");
    if (!store_.delete_override(c, id, proposal_id, expert_id)) throw Error::not_found("没有这项豁免");
    Json diff = Json::object();
    diff["proposal_id"] = proposal_id;
    diff["expert_id"] = expert_id;
    audit_.record(c, actor, "round.withdraw_override", "round", id, diff);
    return 0;
  });
  return pair_conflicts(actor, id, proposal_id, expert_id);
}

}  // namespace zhiku
