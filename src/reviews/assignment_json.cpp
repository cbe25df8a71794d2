// JSON of reviewer pools, assignments and plans. Keys are assigned one by one.
#include "reviews/assignment_json.hpp"

namespace zhiku {

namespace {

Json opt(std::optional<std::string> const& v) { return v ? Json(*v) : Json(); }

}  // namespace

void to_json(Json& j, RoundReviewer const& r) {
  j = Json::object();
  j["expert_id"] = r.expert_id;
  j["name"] = r.name;
  j["organization"] = r.organization;
  j["max_load"] = r.max_load ? Json(*r.max_load) : Json();
  j["effective_load"] = r.effective_load;
  j["load"] = r.load;
  j["added_at"] = r.added_at;
}

void to_json(Json& j, Assignment const& a) {
  j = Json::object();
  j["id"] = a.id;
  j["round_id"] = a.round_id;
  j["proposal_id"] = a.proposal_id;
  j["proposal_title"] = a.proposal_title;
  j["expert_id"] = a.expert_id;
  j["expert_name"] = a.expert_name;
  j["status"] = to_string(a.status);
  j["pinned"] = a.pinned;
  j["match_score"] = a.match_score ? Json(*a.match_score) : Json();
  j["match_reasons"] = a.match_reasons;
  j["decline_reason"] = opt(a.decline_reason);
  j["extended_until"] = opt(a.extended_until);
  j["review_status"] = opt(a.review_status);
  j["created_at"] = a.created_at;
  j["updated_at"] = a.updated_at;
}

void to_json(Json& j, PlannedPair const& p) {
  j = Json::object();
  j["proposal_id"] = p.proposal_id;
  j["expert_id"] = p.expert_id;
  j["score"] = p.score;
  j["reason"] = p.reason;
  j["existing"] = p.existing;
}

void to_json(Json& j, PlannedLoad const& l) {
  j = Json::object();
  j["expert_id"] = l.expert_id;
  j["name"] = l.name;
  j["load"] = l.load;
  j["max_load"] = l.max_load;
}

void to_json(Json& j, WeakProposal const& w) {
  j = Json::object();
  j["proposal_id"] = w.proposal_id;
  j["title"] = w.title;
  j["best_score"] = w.best_score;
}

void to_json(Json& j, AssignmentPlanView const& v) {
  j = Json::object();
  j["feasible"] = v.feasible;
  j["reasons"] = v.reasons;
  j["objective"] = v.objective;
  j["pairs"] = v.pairs;
  j["loads"] = v.loads;
  j["weak"] = v.weak;
  j["weak_below"] = kWeakMatch;
  j["total_score"] = v.total_score;
  j["seconds"] = v.seconds;
  j["added"] = v.added;
}

void to_json(Json& j, MyAssignment const& m) {
  auto const& a = m.assignment;
  j = Json::object();
  j["id"] = a.id;
  j["round_id"] = a.round_id;
  j["round_name"] = m.round_name;
  j["round_status"] = to_string(m.round_status);
  j["proposal_id"] = a.proposal_id;
  j["proposal_title"] = a.proposal_title;
  j["status"] = to_string(a.status);
  j["deadline"] = opt(m.deadline);
  j["blind"] = m.blind;
  j["author_names"] = m.author_names;
  j["decline_reason"] = opt(a.decline_reason);
  j["review_status"] = opt(a.review_status);
  Json allowed = Json::array();
  for (auto x : m.allowed) allowed.push_back(to_string(x));
  j["allowed"] = std::move(allowed);
  j["updated_at"] = a.updated_at;
}

}  // namespace zhiku
