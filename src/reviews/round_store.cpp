// SQL of review rounds. The rubric and the tiers are kept as JSON text in the round's row: they
// are read and written whole, never queried into.
#include "reviews/round_store.hpp"

#include "reviews/review_json.hpp"

namespace zhiku {

namespace {

constexpr char kColumns[] =
    "r.id, r.version, r.status, r.name, r.purpose, r.rubric, r.tiers, r.blind, r.min_reviews, "
    "r.reviewers_per_proposal, r.max_load, r.deadline, r.method, r.disagreement_spread, r.created_by, "
    "r.created_at, r.updated_at, (SELECT count(*) FROM round_proposals p WHERE p.round_id = r.id) "
    "FROM review_rounds r";

Round round_from_row(storage::Statement& s) {
  Round r;
  r.id = s.int64(0);
  r.version = s.int64(1);
  r.status = round_status_from_string(s.text(2)).value_or(RoundStatus::draft);
  auto& x = r.settings;
  x.name = s.text(3);
  x.purpose = round_purpose_from_string(s.text(4)).value_or(RoundPurpose::award_selection);
  x.rubric = rubric_from_json(Json::parse(s.text(5)));
  x.tiers = tiers_from_json(Json::parse(s.text(6)));
  x.blind = s.int64(7) != 0;
  x.min_reviews = static_cast<int>(s.int64(8));
  x.reviewers_per_proposal = static_cast<int>(s.int64(9));
  x.max_load = static_cast<int>(s.int64(10));
  x.deadline = s.opt_text(11);
  x.method = aggregation_from_string(s.text(12)).value_or(Aggregation::mean);
  x.disagreement_spread = s.real(13);
  r.created_by = s.opt_int64(14);
  r.created_at = s.text(15);
  r.updated_at = s.text(16);
  r.proposal_count = s.int64(17);
  return r;
}

std::string rubric_text(Rubric const& r) {
  Json j = r;
  j.erase("max_total");
  return j.dump();
}

std::string tiers_text(AwardTiers const& t) { return Json(t).dump(); }

ConflictOverride override_from_row(storage::Statement& s) {
  ConflictOverride o;
  o.round_id = s.int64(0);
  o.proposal_id = s.int64(1);
  o.expert_id = s.int64(2);
  o.reason = s.text(3);
  o.created_by = s.opt_int64(4);
  o.created_at = s.text(5);
  return o;
}

}  // namespace

Id RoundStore::insert(storage::Connection& c, RoundSettings const& s, std::optional<Id> created_by,
                      std::string const& now) const {
  constexpr char kSql[] =
      "INSERT INTO review_rounds (name, purpose, rubric, tiers, blind, min_reviews, reviewers_per_proposal, max_load, "
      "deadline, method, disagreement_spread, created_by, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  c.exec(kSql, s.name, to_string(s.purpose), rubric_text(s.rubric), tiers_text(s.tiers), s.blind ? 1 : 0,
         s.min_reviews, s.reviewers_per_proposal, s.max_load, s.deadline, to_string(s.method), s.disagreement_spread,
         created_by, now, now);
  return c.last_insert_id();
}

bool RoundStore::update(storage::Connection& c, Id id, std::int64_t version, RoundSettings const& s,
                        std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE review_rounds SET name = ?, purpose = ?, rubric = ?, tiers = ?, blind = ?, min_reviews = ?, "
      "reviewers_per_proposal = ?, max_load = ?, deadline = ?, method = ?, disagreement_spread = ?, updated_at = ?, "
      "version = version + 1 WHERE id = ? AND version = ?";
  c.exec(kSql, s.name, to_string(s.purpose), rubric_text(s.rubric), tiers_text(s.tiers), s.blind ? 1 : 0,
         s.min_reviews, s.reviewers_per_proposal, s.max_load, s.deadline, to_string(s.method), s.disagreement_spread,
         now, id, version);
  return c.changes() > 0;
}

void RoundStore::set_status(storage::Connection& c, Id id, RoundStatus status, std::string const& now) const {
  constexpr char kSql[] = "UPDATE review_rounds SET status = ?, updated_at = ?, version = version + 1 WHERE id = ?";
  c.exec(kSql, to_string(status), now, id);
}

std::optional<Round> RoundStore::find(storage::Connection& c, Id id) const {
  static std::string const kSql = std::string("SELECT ") + kColumns + " WHERE r.id = ?";
  return c.query_one(kSql, round_from_row, id);
}

std::vector<Round> RoundStore::list(storage::Connection& c, std::optional<RoundStatus> status, int offset,
                                    int limit) const {
  static std::string const kSql =
      std::string("SELECT ") + kColumns + " WHERE (?1 IS NULL OR r.status = ?1) ORDER BY r.id DESC LIMIT ?2 OFFSET ?3";
  std::optional<std::string> s;
  if (status) s = std::string(to_string(*status));
  return c.query_all(kSql, round_from_row, s, limit, offset);
}

std::int64_t RoundStore::count(storage::Connection& c, std::optional<RoundStatus> status) const {
  constexpr char kSql[] = "SELECT count(*) FROM review_rounds WHERE (?1 IS NULL OR status = ?1)";
  std::optional<std::string> s;
  if (status) s = std::string(to_string(*status));
  return c.query_one(kSql, storage::first_column<std::int64_t>, s).value_or(0);
}

std::vector<Id> RoundStore::proposal_ids(storage::Connection& c, Id round_id) const {
  constexpr char kSql[] = "SELECT proposal_id FROM round_proposals WHERE round_id = ? ORDER BY added_at, proposal_id";
  return c.query_all(kSql, storage::first_column<Id>, round_id);
}

std::vector<std::pair<Id, std::string>> RoundStore::proposals(storage::Connection& c, Id round_id) const {
  constexpr char kSql[] =
      "SELECT proposal_id, added_at FROM round_proposals WHERE round_id = ? ORDER BY added_at, proposal_id";
  return c.query_all(kSql, [](storage::Statement& s) { return std::make_pair(s.int64(0), s.text(1)); }, round_id);
}

bool RoundStore::has_proposal(storage::Connection& c, Id round_id, Id proposal_id) const {
  constexpr char kSql[] = "SELECT 1 FROM round_proposals WHERE round_id = ? AND proposal_id = ?";
  return c.has_row(kSql, round_id, proposal_id);
}

std::optional<Id> RoundStore::open_round_of(storage::Connection& c, Id proposal_id, Id except_round) const {
  constexpr char kSql[] =
      "SELECT p.round_id FROM round_proposals p JOIN review_rounds r ON r.id = p.round_id "
      "WHERE p.proposal_id = ? AND p.round_id <> ? AND r.status <> 'finalized' LIMIT 1";
  return c.query_one(kSql, storage::first_column<Id>, proposal_id, except_round);
}

void RoundStore::add_proposal(storage::Connection& c, Id round_id, Id proposal_id, std::optional<Id> by,
                              std::string const& now) const {
  constexpr char kSql[] =
      "INSERT OR IGNORE INTO round_proposals (round_id, proposal_id, added_at, added_by) VALUES (?, ?, ?, ?)";
  c.exec(kSql, round_id, proposal_id, now, by);
}

void RoundStore::remove_proposal(storage::Connection& c, Id round_id, Id proposal_id) const {
  constexpr char kSql[] = "DELETE FROM round_proposals WHERE round_id = ? AND proposal_id = ?";
  c.exec(kSql, round_id, proposal_id);
}

std::vector<ConflictOverride> RoundStore::overrides(storage::Connection& c, Id round_id) const {
  constexpr char kSql[] =
      "SELECT round_id, proposal_id, expert_id, reason, created_by, created_at FROM conflict_overrides "
      "WHERE round_id = ? ORDER BY proposal_id, expert_id";
  return c.query_all(kSql, override_from_row, round_id);
}

void RoundStore::put_override(storage::Connection& c, ConflictOverride const& o) const {
  constexpr char kSql[] =
      "INSERT OR REPLACE INTO conflict_overrides (round_id, proposal_id, expert_id, reason, created_by, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?)";
  c.exec(kSql, o.round_id, o.proposal_id, o.expert_id, o.reason, o.created_by, o.created_at);
}

bool RoundStore::delete_override(storage::Connection& c, Id round_id, Id proposal_id, Id expert_id) const {
  constexpr char kSql[] = "DELETE FROM conflict_overrides WHERE round_id = ? AND proposal_id = ? AND expert_id = ?";
  c.exec(kSql, round_id, proposal_id, expert_id);
  return c.changes() > 0;
}

}  // namespace zhiku
