// JSON of rounds. Keys are assigned one by one (cheaper than nested initializer lists).
#include "reviews/review_json.hpp"

#include "core/clock.hpp"

namespace zhiku {

namespace {

Json opt(std::optional<std::string> const& v) { return v ? Json(*v) : Json(); }

std::string at(std::string const& prefix, std::string const& rest) {
  return prefix.empty() ? rest : prefix + (rest.empty() || rest[0] == '[' ? "" : ".") + rest;
}

double number_of(Json const& j, char const* key, double fallback, std::string const& field,
                 std::vector<FieldError>& errors) {
  if (!j.contains(key) || j[key].is_null()) return fallback;
  if (!j[key].is_number()) {
    errors.push_back({at(field, key), "须为数字"});
    return fallback;
  }
  return j[key].get<double>();
}

std::string text_of(Json const& j, char const* key, std::string const& field, std::vector<FieldError>& errors) {
  if (!j.contains(key) || j[key].is_null()) return "";
  if (!j[key].is_string()) {
    errors.push_back({at(field, key), "须为文本"});
    return "";
  }
  return j[key].get<std::string>();
}

}  // namespace

void to_json(Json& j, Criterion const& c) {
  j = Json::object();
  j["name"] = c.name;
  j["description"] = c.description;
  j["weight"] = c.weight;
  j["max_score"] = c.max_score;
  j["half_points"] = c.half_points;
}

void to_json(Json& j, Rubric const& r) {
  j = Json::object();
  Json criteria = Json::array();
  for (auto const& c : r.criteria) criteria.push_back(c);
  j["criteria"] = std::move(criteria);
  j["max_total"] = max_total(r);
}

void to_json(Json& j, AwardTiers const& t) {
  j = Json::object();
  j["basis"] = t.basis == TierBasis::count ? "count" : "share";
  Json tiers = Json::array();
  for (auto const& tier : t.tiers) {
    Json x = Json::object();
    x["name"] = tier.name;
    x["count"] = tier.count;
    x["share"] = tier.share;
    tiers.push_back(std::move(x));
  }
  j["tiers"] = std::move(tiers);
}

void to_json(Json& j, RoundSettings const& s) {
  j = Json::object();
  j["name"] = s.name;
  j["purpose"] = to_string(s.purpose);
  j["rubric"] = s.rubric;
  j["tiers"] = s.tiers;
  j["blind"] = s.blind;
  j["min_reviews"] = s.min_reviews;
  j["reviewers_per_proposal"] = s.reviewers_per_proposal;
  j["max_load"] = s.max_load;
  j["deadline"] = opt(s.deadline);
  j["method"] = to_string(s.method);
  j["disagreement_spread"] = s.disagreement_spread;
}

void to_json(Json& j, Round const& r) {
  to_json(j, r.settings);
  j["id"] = r.id;
  j["version"] = r.version;
  j["status"] = to_string(r.status);
  j["created_at"] = r.created_at;
  j["updated_at"] = r.updated_at;
  j["proposal_count"] = r.proposal_count;
}

void to_json(Json& j, RoundProposal const& p) {
  j = Json::object();
  j["proposal_id"] = p.proposal_id;
  j["title"] = p.title;
  j["status"] = p.status;
  j["author_ids"] = p.author_ids;
  j["author_names"] = p.author_names;
  j["added_at"] = p.added_at;
}

void to_json(Json& j, ConflictOverride const& o) {
  j = Json::object();
  j["proposal_id"] = o.proposal_id;
  j["expert_id"] = o.expert_id;
  j["reason"] = o.reason;
  j["created_by"] = o.created_by ? Json(*o.created_by) : Json();
  j["created_at"] = o.created_at;
}

void to_json(Json& j, PairConflicts const& p) {
  j = Json::object();
  j["proposal_id"] = p.proposal_id;
  j["expert_id"] = p.expert_id;
  Json hits = Json::array();
  for (auto const& h : p.hits) {
    Json x = Json::object();
    x["rule"] = to_string(h.rule);
    x["detail"] = h.detail;
    hits.push_back(std::move(x));
  }
  j["hits"] = std::move(hits);
  j["override"] = p.override_ ? Json(*p.override_) : Json();
  j["blocks"] = p.blocks();
}

Rubric rubric_from_json(Json const& j, std::string const& prefix) {
  std::vector<FieldError> errors;
  Json const* list = j.is_object() && j.contains("criteria") ? &j["criteria"] : &j;
  std::string const field = at(prefix, "criteria");
  if (!list->is_array()) throw Error::invalid_field(field, "须为评分项列表");
  Rubric r;
  for (size_t i = 0; i < list->size(); ++i) {
    Json const& x = (*list)[i];
    std::string const item = field + "[" + std::to_string(i) + "]";
    if (!x.is_object()) {
      errors.push_back({item, "须为评分项"});
      continue;
    }
    Criterion c;
    c.name = text_of(x, "name", item, errors);
    c.description = text_of(x, "description", item, errors);
    c.weight = number_of(x, "weight", 1, item, errors);
    c.max_score = number_of(x, "max_score", 20, item, errors);
    if (x.contains("half_points") && !x["half_points"].is_null()) {
      if (x["half_points"].is_boolean()) c.half_points = x["half_points"].get<bool>();
      else errors.push_back({item + ".half_points", "须为 true 或 false"});
    }
    r.criteria.push_back(std::move(c));
  }
  Error::throw_if_any(errors);
  return r;
}

AwardTiers tiers_from_json(Json const& j, std::string const& prefix) {
  std::vector<FieldError> errors;
  if (!j.is_object()) throw Error::invalid_field(prefix, "须为奖项设置");
  AwardTiers t;
  std::string basis = text_of(j, "basis", prefix, errors);
  if (basis == "share") t.basis = TierBasis::share;
  else if (basis != "count" && !basis.empty()) errors.push_back({at(prefix, "basis"), "须为 count 或 share"});
  if (j.contains("tiers")) {
    if (!j["tiers"].is_array()) throw Error::invalid_field(at(prefix, "tiers"), "须为奖项列表");
    for (size_t i = 0; i < j["tiers"].size(); ++i) {
      Json const& x = j["tiers"][i];
      std::string const item = at(prefix, "tiers") + "[" + std::to_string(i) + "]";
      if (!x.is_object()) {
        errors.push_back({item, "须为奖项"});
        continue;
      }
      AwardTier tier;
      tier.name = text_of(x, "name", item, errors);
      tier.count = static_cast<int>(number_of(x, "count", 0, item, errors));
      tier.share = number_of(x, "share", 0, item, errors);
      t.tiers.push_back(std::move(tier));
    }
  }
  Error::throw_if_any(errors);
  return t;
}

RoundSettings round_settings_from_json(Json const& body, RoundSettings const& base) {
  RoundSettings s = base;
  JsonFields f(body);
  if (f.has("name")) s.name = f.req_string("name", kMaxRoundNameChars);
  if (auto v = f.opt_string("purpose", 40)) {
    if (auto p = round_purpose_from_string(*v)) s.purpose = *p;
    else f.fail("purpose", "须为 award_selection、topic_selection 或 suggestion_evaluation");
  }
  if (auto v = f.opt_bool("blind")) s.blind = *v;
  if (auto v = f.opt_int("min_reviews", 1, kMaxReviewersPerProposal))
    s.min_reviews = static_cast<int>(*v);
  if (auto v = f.opt_int("reviewers_per_proposal", 1, kMaxReviewersPerProposal))
    s.reviewers_per_proposal = static_cast<int>(*v);
  if (auto v = f.opt_int("max_load", 1, kMaxReviewerLoad)) s.max_load = static_cast<int>(*v);
  if (f.has("deadline")) {
    if (auto v = f.opt_string("deadline", 40)) {
      if (!parse_iso(*v)) f.fail("deadline", "截止时间须为 ISO 8601 时间，如 2026-12-31T16:00:00Z");
      else s.deadline = *v;
    } else {
      s.deadline.reset();
    }
  }
  if (auto v = f.opt_string("method", 20)) {
    if (auto m = aggregation_from_string(*v)) s.method = *m;
    else f.fail("method", "须为 mean、trimmed_mean 或 z_score");
  }
  if (auto v = f.opt_number("disagreement_spread", 0, kMaxCriterionScore * kMaxCriterionWeight))
    s.disagreement_spread = *v;
  if (auto const* r = f.raw("rubric")) {
    try {
      s.rubric = rubric_from_json(*r);
    } catch (Error const& e) {
      for (auto const& fe : e.errors()) f.fail(fe.field, fe.message);
    }
  }
  if (auto const* t = f.raw("tiers")) {
    try {
      s.tiers = tiers_from_json(*t);
    } catch (Error const& e) {
      for (auto const& fe : e.errors()) f.fail(fe.field, fe.message);
    }
  }
  f.finish();
  return s;
}

}  // namespace zhiku
