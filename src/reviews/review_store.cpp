// SQL of reviews. The scores are a JSON array kept whole (one number or null per criterion).
#include "reviews/review_store.hpp"

#include "core/json.hpp"

namespace zhiku {

namespace {

std::string scores_text(std::vector<std::optional<double>> const& scores) {
  Json j = Json::array();
  for (auto const& s : scores) j.push_back(s ? Json(*s) : Json());
  return j.dump();
}

std::vector<std::optional<double>> scores_of(std::string const& text) {
  std::vector<std::optional<double>> out;
  Json j = Json::parse(text, nullptr, false);
  if (!j.is_array()) return out;
  for (auto const& s : j) out.push_back(s.is_number() ? std::optional<double>(s.get<double>()) : std::nullopt);
  return out;
}

constexpr char kColumns[] =
    "r.assignment_id, r.scores, r.recommendation, r.confidence, r.comment_office, r.comment_authors, r.status, "
    "r.submitted_at, r.updated_at, r.version";

Review review_from_row(storage::Statement& s, int at = 0) {
  Review r;
  r.assignment_id = s.int64(at);
  r.content.scores = scores_of(s.text(at + 1));
  if (auto v = s.opt_text(at + 2)) r.content.recommendation = recommendation_from_string(*v);
  if (auto v = s.opt_int64(at + 3)) r.content.confidence = static_cast<int>(*v);
  r.content.comment_office = s.text(at + 4);
  r.content.comment_authors = s.text(at + 5);
  r.status = review_status_from_string(s.text(at + 6)).value_or(ReviewStatus::draft);
  r.submitted_at = s.opt_text(at + 7);
  r.updated_at = s.text(at + 8);
  r.version = s.int64(at + 9);
  return r;
}

std::optional<std::string> recommendation_text(ReviewContent const& c) {
  if (!c.recommendation) return std::nullopt;
  return std::string(to_string(*c.recommendation));
}

}  // namespace

std::optional<Review> ReviewStore::find(storage::Connection& c, Id assignment_id) const {
  static std::string const kSql = std::string("SELECT ") + kColumns + " FROM reviews r WHERE r.assignment_id = ?";
  return c.query_one(kSql, [](storage::Statement& s) { return review_from_row(s); }, assignment_id);
}

void ReviewStore::insert(storage::Connection& c, Id assignment_id, ReviewContent const& content,
                         std::string const& now) const {
  constexpr char kSql[] =
      "INSERT INTO reviews (assignment_id, scores, recommendation, confidence, comment_office, comment_authors, "
      "status, updated_at, version) VALUES (?, ?, ?, ?, ?, ?, 'draft', ?, 1)";
  c.exec(kSql, assignment_id, scores_text(content.scores), recommendation_text(content), content.confidence,
         content.comment_office, content.comment_authors, now);
}

bool ReviewStore::update(storage::Connection& c, Id assignment_id, std::int64_t version, ReviewContent const& content,
                         std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE reviews SET scores = ?, recommendation = ?, confidence = ?, comment_office = ?, comment_authors = ?, "
      "updated_at = ?, version = version + 1 WHERE assignment_id = ? AND version = ? AND status = 'draft'";
  c.exec(kSql, scores_text(content.scores), recommendation_text(content), content.confidence, content.comment_office,
         content.comment_authors, now, assignment_id, version);
  return c.changes() > 0;
}

void ReviewStore::submit(storage::Connection& c, Id assignment_id, std::string const& now) const {
  constexpr char kReview[] =
      "UPDATE reviews SET status = 'submitted', submitted_at = ?, updated_at = ?, version = version + 1 "
      "WHERE assignment_id = ?";
  c.exec(kReview, now, now, assignment_id);
  constexpr char kAssignment[] = "UPDATE review_assignments SET status = 'submitted', updated_at = ? WHERE id = ?";
  c.exec(kAssignment, now, assignment_id);
}

std::vector<SubmittedReview> ReviewStore::submitted(storage::Connection& c, Id round_id) const {
  static std::string const kSql =
      std::string("SELECT a.proposal_id, a.expert_id, ") + kColumns +
      " FROM reviews r JOIN review_assignments a ON a.id = r.assignment_id "
      "WHERE a.round_id = ? AND r.status = 'submitted' ORDER BY a.proposal_id, a.expert_id";
  return c.query_all(kSql, [](storage::Statement& s) {
    SubmittedReview out;
    out.proposal_id = s.int64(0);
    out.expert_id = s.int64(1);
    out.review = review_from_row(s, 2);
    out.assignment_id = out.review.assignment_id;
    return out;
  }, round_id);
}

}  // namespace zhiku
