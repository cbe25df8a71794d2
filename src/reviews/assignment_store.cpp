// SQL of reviewer pools and assignments.
#include "reviews/assignment_store.hpp"

namespace zhiku {

namespace {

constexpr char kColumns[] =
    "id, round_id, proposal_id, expert_id, status, pinned, match_score, match_reasons, decline_reason, "
    "extended_until, created_at, updated_at, "
    "(SELECT r.status FROM reviews r WHERE r.assignment_id = review_assignments.id) FROM review_assignments";

Assignment assignment_from_row(storage::Statement& s) {
  Assignment a;
  a.id = s.int64(0);
  a.round_id = s.int64(1);
  a.proposal_id = s.int64(2);
  a.expert_id = s.int64(3);
  a.status = assignment_status_from_string(s.text(4)).value_or(AssignmentStatus::tentative);
  a.pinned = s.int64(5) != 0;
  a.match_score = s.get<std::optional<double>>(6);
  a.match_reasons = s.opt_text(7).value_or("");
  a.decline_reason = s.opt_text(8);
  a.extended_until = s.opt_text(9);
  a.created_at = s.text(10);
  a.updated_at = s.text(11);
  a.review_status = s.opt_text(12);
  return a;
}

}  // namespace

std::vector<RoundReviewer> AssignmentStore::reviewers(storage::Connection& c, Id round_id) const {
  constexpr char kSql[] =
      "SELECT expert_id, max_load, added_at FROM round_reviewers WHERE round_id = ? ORDER BY added_at, expert_id";
  return c.query_all(kSql, [](storage::Statement& s) {
    RoundReviewer r;
    r.expert_id = s.int64(0);
    if (auto v = s.opt_int64(1)) r.max_load = static_cast<int>(*v);
    r.added_at = s.text(2);
    return r;
  }, round_id);
}

void AssignmentStore::put_reviewer(storage::Connection& c, Id round_id, Id expert_id, std::optional<int> max_load,
                                   std::string const& now) const {
  constexpr char kSql[] =
      "INSERT INTO round_reviewers (round_id, expert_id, max_load, added_at) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (round_id, expert_id) DO UPDATE SET max_load = excluded.max_load";
  c.exec(kSql, round_id, expert_id, max_load, now);
}

bool AssignmentStore::remove_reviewer(storage::Connection& c, Id round_id, Id expert_id) const {
  constexpr char kSql[] = "DELETE FROM round_reviewers WHERE round_id = ? AND expert_id = ?";
  c.exec(kSql, round_id, expert_id);
  return c.changes() > 0;
}

std::vector<Assignment> AssignmentStore::of_round(storage::Connection& c, Id round_id) const {
  static std::string const kSql = std::string("SELECT ") + kColumns + " WHERE round_id = ? ORDER BY proposal_id, id";
  return c.query_all(kSql, assignment_from_row, round_id);
}

std::vector<Assignment> AssignmentStore::of_expert(storage::Connection& c, Id expert_id) const {
  static std::string const kSql =
      std::string("SELECT ") + kColumns + " WHERE expert_id = ? AND status <> 'tentative' ORDER BY id DESC";
  return c.query_all(kSql, assignment_from_row, expert_id);
}

std::optional<Assignment> AssignmentStore::find(storage::Connection& c, Id id) const {
  static std::string const kSql = std::string("SELECT ") + kColumns + " WHERE id = ?";
  return c.query_one(kSql, assignment_from_row, id);
}

std::optional<Assignment> AssignmentStore::find_pair(storage::Connection& c, Id round_id, Id proposal_id,
                                                     Id expert_id) const {
  static std::string const kSql =
      std::string("SELECT ") + kColumns + " WHERE round_id = ? AND proposal_id = ? AND expert_id = ?";
  return c.query_one(kSql, assignment_from_row, round_id, proposal_id, expert_id);
}

Id AssignmentStore::insert(storage::Connection& c, Assignment const& a) const {
  constexpr char kSql[] =
      "INSERT INTO review_assignments (round_id, proposal_id, expert_id, status, pinned, match_score, match_reasons, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  c.exec(kSql, a.round_id, a.proposal_id, a.expert_id, to_string(a.status), a.pinned ? 1 : 0, a.match_score,
         a.match_reasons, a.created_at, a.updated_at);
  return c.last_insert_id();
}

void AssignmentStore::remove(storage::Connection& c, Id id) const {
  constexpr char kSql[] = "DELETE FROM review_assignments WHERE id = ?";
  c.exec(kSql, id);
}

void AssignmentStore::set_status(storage::Connection& c, Id id, AssignmentStatus status,
                                 std::optional<std::string> const& reason, std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE review_assignments SET status = ?, decline_reason = coalesce(?, decline_reason), updated_at = ? "
      "WHERE id = ?";
  c.exec(kSql, to_string(status), reason, now, id);
}

void AssignmentStore::set_extension(storage::Connection& c, Id id, std::string const& until,
                                    std::string const& now) const {
  constexpr char kSql[] = "UPDATE review_assignments SET extended_until = ?, updated_at = ? WHERE id = ?";
  c.exec(kSql, until, now, id);
}

std::vector<Id> AssignmentStore::release(storage::Connection& c, Id round_id, std::string const& now) const {
  constexpr char kExperts[] =
      "SELECT DISTINCT expert_id FROM review_assignments WHERE round_id = ? AND status = 'tentative' ORDER BY expert_id";
  auto experts = c.query_all(kExperts, storage::first_column<Id>, round_id);
  constexpr char kSql[] =
      "UPDATE review_assignments SET status = 'released', updated_at = ? WHERE round_id = ? AND status = 'tentative'";
  c.exec(kSql, now, round_id);
  return experts;
}

}  // namespace zhiku
