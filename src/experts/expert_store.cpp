// SQL of the expert pool. No text from the request ever enters the SQL: values are bound.
#include "experts/expert_store.hpp"

#include <algorithm>
#include <unordered_set>
#include <variant>

#include "experts/expert_rules.hpp"
#include "storage/error.hpp"

namespace zhiku {

namespace {

constexpr char kSelectExpert[] =
    "SELECT id, version, status, status_reason, user_id, confirmed_at, created_at, updated_at, name, gender, "
    "birth_year, title, position, organization, department, category, country, academician, phone, email, bio, "
    "keywords FROM experts WHERE id = ?";

Expert expert_from_row(storage::Statement& s) {
  Expert e;
  e.id = s.int64(0);
  e.version = s.int64(1);
  e.status = expert_status_from_string(s.text_view(2)).value_or(ExpertStatus::pending);
  e.status_reason = s.opt_text(3);
  e.user_id = s.opt_int64(4);
  e.confirmed_at = s.opt_text(5);
  e.created_at = s.text(6);
  e.updated_at = s.text(7);
  auto& p = e.profile;
  p.name = s.text(8);
  p.gender = s.opt_text(9);
  if (!s.is_null(10)) p.birth_year = s.int32(10);
  p.title = s.opt_text(11);
  p.position = s.opt_text(12);
  p.organization = s.text(13);
  p.department = s.opt_text(14);
  p.category = s.text(15);
  p.country = s.opt_text(16);
  p.academician = s.opt_text(17);
  p.phone = s.opt_text(18);
  p.email = s.opt_text(19);
  p.bio = s.text(20);
  p.keywords = split_keywords(s.text_view(21));
  return e;
}

std::optional<std::string> norm_or_null(std::optional<std::string> const& v, bool email) {
  if (!v) return std::nullopt;
  return email ? normalize_email(*v) : normalize_phone(*v);
}

}  // namespace

void ExpertStore::replace_children(storage::Connection& c, Id id, ExpertProfile const& p) const {
  constexpr char kDeleteFields[] = "DELETE FROM expert_fields WHERE expert_id = ?";
  constexpr char kDeletePools[] = "DELETE FROM expert_pools WHERE expert_id = ?";
  constexpr char kDeleteJobs[] = "DELETE FROM expert_employment WHERE expert_id = ?";
  constexpr char kInsertField[] = "INSERT INTO expert_fields (expert_id, field_id, position) VALUES (?, ?, ?)";
  constexpr char kInsertPool[] = "INSERT INTO expert_pools (expert_id, pool_id) VALUES (?, ?)";
  constexpr char kInsertJob[] =
      "INSERT INTO expert_employment (expert_id, organization, from_date, to_date, position) VALUES (?, ?, ?, ?, ?)";
  c.exec(kDeleteFields, id);
  c.exec(kDeletePools, id);
  c.exec(kDeleteJobs, id);
  for (size_t i = 0; i < p.field_ids.size(); ++i)
    c.exec(kInsertField, id, p.field_ids[i], static_cast<std::int64_t>(i));
  for (Id pool : p.pool_ids) c.exec(kInsertPool, id, pool);
  for (size_t i = 0; i < p.employment.size(); ++i) {
    auto const& job = p.employment[i];
    c.exec(kInsertJob, id, job.organization, job.from, job.to, static_cast<std::int64_t>(i));
  }
}

Id ExpertStore::insert(storage::Connection& c, ExpertProfile const& p, ExpertStatus status,
                       std::optional<std::string> const& status_reason, ExpertSource source,
                       std::string const& now) const {
  constexpr char kInsert[] =
      "INSERT INTO experts (name, gender, birth_year, title, position, organization, department, category, country, "
      "academician, phone, phone_norm, email, email_norm, bio, keywords, status, status_reason, source, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  auto s = c.prepare(kInsert);
  bind_all(s, p.name, p.gender, p.birth_year, p.title, p.position, p.organization, p.department, p.category, p.country,
           p.academician, p.phone, norm_or_null(p.phone, false), p.email, norm_or_null(p.email, true), p.bio,
           join_keywords(p.keywords), to_string(status), status_reason, to_string(source), now, now);
  s.run();
  Id id = c.last_insert_id();
  replace_children(c, id, p);
  return id;
}

bool ExpertStore::update_profile(storage::Connection& c, Id id, std::int64_t version, ExpertProfile const& p,
                                 std::string const& now) const {
  constexpr char kUpdate[] =
      "UPDATE experts SET name = ?, gender = ?, birth_year = ?, title = ?, position = ?, organization = ?, "
      "department = ?, category = ?, country = ?, academician = ?, phone = ?, phone_norm = ?, email = ?, "
      "email_norm = ?, bio = ?, keywords = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?";
  auto s = c.prepare(kUpdate);
  bind_all(s, p.name, p.gender, p.birth_year, p.title, p.position, p.organization, p.department, p.category, p.country,
           p.academician, p.phone, norm_or_null(p.phone, false), p.email, norm_or_null(p.email, true), p.bio,
           join_keywords(p.keywords), now, id, version);
  s.run();
  if (c.changes() == 0) return false;
  replace_children(c, id, p);
  return true;
}

void ExpertStore::update_status(storage::Connection& c, Id id, ExpertStatus status,
                                std::optional<std::string> const& reason, std::string const& now) const {
  constexpr char kUpdate[] =
      "UPDATE experts SET status = ?, status_reason = ?, updated_at = ?, version = version + 1 WHERE id = ?";
  c.exec(kUpdate, to_string(status), reason, now, id);
}

bool ExpertStore::set_user(storage::Connection& c, Id id, Id user_id, std::string const& now) const {
  constexpr char kUpdate[] =
      "UPDATE experts SET user_id = ?, updated_at = ?, version = version + 1 WHERE id = ? AND user_id IS NULL";
  storage::unique_or(Error::conflict("该账号已关联其他专家"), [&] { c.exec(kUpdate, user_id, now, id); });
  return c.changes() > 0;
}

void ExpertStore::confirm(storage::Connection& c, Id id, std::string const& now) const {
  constexpr char kUpdate[] = "UPDATE experts SET confirmed_at = ?, updated_at = ?, version = version + 1 WHERE id = ?";
  c.exec(kUpdate, now, now, id);
}

void ExpertStore::load_details(storage::Connection& c, Expert& e) const {
  constexpr char kFields[] =
      "SELECT f.id, f.name FROM expert_fields ef JOIN fields f ON f.id = ef.field_id WHERE ef.expert_id = ? "
      "ORDER BY ef.position";
  constexpr char kPools[] =
      "SELECT p.id, p.name FROM expert_pools ep JOIN pools p ON p.id = ep.pool_id WHERE ep.expert_id = ? "
      "ORDER BY p.sort, p.id";
  constexpr char kJobs[] =
      "SELECT organization, from_date, to_date FROM expert_employment WHERE expert_id = ? ORDER BY position";
  constexpr char kStats[] =
      "SELECT reviews_done, on_time_rate, avg_rating, submissions, adoptions, endorsements FROM expert_stats "
      "WHERE expert_id = ?";
  {
    auto s = c.prepare(kFields);
    bind_all(s, e.id);
    while (s.step()) {
      e.fields.push_back({s.int64(0), s.text(1)});
      e.profile.field_ids.push_back(s.int64(0));
    }
  }
  {
    auto s = c.prepare(kPools);
    bind_all(s, e.id);
    while (s.step()) {
      e.pools.push_back({s.int64(0), s.text(1)});
      e.profile.pool_ids.push_back(s.int64(0));
    }
  }
  {
    auto s = c.prepare(kJobs);
    bind_all(s, e.id);
    while (s.step()) e.profile.employment.push_back({s.text(0), s.text(1), s.opt_text(2)});
  }
  {
    auto s = c.prepare(kStats);
    bind_all(s, e.id);
    if (s.step()) {
      e.stats.reviews_done = s.int64(0);
      if (!s.is_null(1)) e.stats.on_time_rate = s.real(1);
      if (!s.is_null(2)) e.stats.avg_rating = s.real(2);
      e.stats.submissions = s.int64(3);
      e.stats.adoptions = s.int64(4);
      e.stats.endorsements = s.int64(5);
    }
  }
}

std::optional<Expert> ExpertStore::find(storage::Connection& c, Id id) const {
  std::optional<Expert> e;
  {
    auto s = c.prepare(kSelectExpert);
    bind_all(s, id);
    if (!s.step()) return std::nullopt;
    e = expert_from_row(s);
  }
  load_details(c, *e);
  return e;
}

std::optional<Id> ExpertStore::find_id_by_user(storage::Connection& c, Id user_id) const {
  constexpr char kSql[] = "SELECT id FROM experts WHERE user_id = ?";
  return c.query_one(kSql, storage::first_column<Id>, user_id);
}

std::optional<ExpertBrief> ExpertStore::find_brief(storage::Connection& c, Id id) const {
  constexpr char kSql[] =
      "SELECT id, name, organization, title, academician, birth_year, status, user_id FROM experts WHERE id = ?";
  auto s = c.prepare(kSql);
  bind_all(s, id);
  if (!s.step()) return std::nullopt;
  ExpertBrief b;
  b.id = s.int64(0);
  b.name = s.text(1);
  b.organization = s.text(2);
  b.title = s.opt_text(3);
  b.academician = s.opt_text(4);
  if (!s.is_null(5)) b.birth_year = s.int32(5);
  b.status = expert_status_from_string(s.text_view(6)).value_or(ExpertStatus::pending);
  b.user_id = s.opt_int64(7);
  return b;
}

bool ExpertStore::exists(storage::Connection& c, Id id) const {
  constexpr char kSql[] = "SELECT 1 FROM experts WHERE id = ?";
  return c.has_row(kSql, id);
}

std::optional<Id> ExpertStore::find_by_email_norm(storage::Connection& c, std::string const& email_norm) const {
  constexpr char kSql[] = "SELECT min(id) FROM experts WHERE email_norm = ?";
  return c.query_one(kSql, storage::first_column<std::optional<Id>>, email_norm).value_or(std::nullopt);
}

std::optional<Id> ExpertStore::find_other_by_email_norm(storage::Connection& c, std::string const& email_norm,
                                                        Id self) const {
  constexpr char kSql[] = "SELECT min(id) FROM experts WHERE email_norm = ? AND id <> ?";
  return c.query_one(kSql, storage::first_column<std::optional<Id>>, email_norm, self).value_or(std::nullopt);
}

std::optional<Id> ExpertStore::find_other_by_phone_norm(storage::Connection& c, std::string const& phone_norm,
                                                        Id self) const {
  constexpr char kSql[] = "SELECT min(id) FROM experts WHERE phone_norm = ? AND id <> ?";
  return c.query_one(kSql, storage::first_column<std::optional<Id>>, phone_norm, self).value_or(std::nullopt);
}

bool ExpertStore::flag_duplicate(storage::Connection& c, Id expert_id, Id other_expert_id, std::string_view field,
                                 std::string const& now) const {
  constexpr char kSql[] =
      "INSERT OR IGNORE INTO expert_duplicate_flags (expert_id, other_expert_id, field, created_at) VALUES (?, ?, ?, ?)";
  c.exec(kSql, expert_id, other_expert_id, std::string(field), now);
  return c.changes() > 0;
}

std::optional<Id> ExpertStore::find_by_phone_norm(storage::Connection& c, std::string const& phone_norm) const {
  constexpr char kSql[] = "SELECT min(id) FROM experts WHERE phone_norm = ?";
  return c.query_one(kSql, storage::first_column<std::optional<Id>>, phone_norm).value_or(std::nullopt);
}

ExpertPage ExpertStore::list(storage::Connection& c, ExpertQuery const& q, std::string const& fts_match,
                             std::string const& stale_cutoff, std::vector<Id> const& match_fields) const {
  // FTS5 finds and scores the matches of q (weighting name, organisation, keywords and
  // biography 10:2:5:1); the in-memory index filters, orders and pages them, or the whole pool
  // without q.
  constexpr char kDescendants[] =
      "WITH RECURSIVE sub(id) AS (SELECT ? UNION SELECT f.id FROM fields f JOIN sub ON f.parent_id = sub.id) "
      "SELECT id FROM sub";
  constexpr char kMatches[] =
      "SELECT rowid, zhiku_rank(experts_fts, 10.0, 2.0, 5.0, 1.0) FROM experts_fts WHERE experts_fts MATCH ?";
  constexpr char kSnippet[] =
      "SELECT snippet(experts_fts, -1, char(2), char(3), '\xE2\x80\xA6', 16) FROM experts_fts "
      "WHERE experts_fts MATCH ? AND rowid = ?";
  constexpr char kInField[] = "SELECT expert_id FROM expert_fields WHERE field_id = ?";

  index_.sync(c);
  ExpertIndex::Resolved resolved{{}, stale_cutoff};
  if (q.field_id) {
    auto s = c.prepare(kDescendants);
    bind_all(s, *q.field_id);
    while (s.step()) resolved.field_ids.push_back(s.int64(0));
  }
  bool const search = !fts_match.empty();
  std::vector<ExpertIndex::Match> matches;
  if (search) {
    auto s = c.prepare(kMatches);
    bind_all(s, fts_match);
    while (s.step()) matches.push_back({s.real(1), s.int64(0)});
    if (!match_fields.empty()) {
      // Experts of a field the text names rank after every text match.
      std::unordered_set<Id> seen;
      double worst = 0;
      for (auto const& m : matches) {
        seen.insert(m.id);
        worst = std::max(worst, m.score);
      }
      for (Id field : match_fields)
        for (Id id : c.query_all(kInField, storage::first_column<Id>, field))
          if (seen.insert(id).second) matches.push_back({worst + 1.0, id});
    }
  }
  auto selection = index_.select(q, resolved, search ? &matches : nullptr);

  ExpertPage page;
  page.total = selection.total;
  page.facets = std::move(selection.facets);
  for (Id id : selection.ids) {
    std::optional<std::string> highlight;
    if (search) {
      // Snippets for the page only: computing them in the ranked query would cost one per match.
      auto s = c.prepare(kSnippet);
      bind_all(s, fts_match, id);
      if (s.step()) highlight = s.opt_text(0);
    }
    page.rows.emplace_back(id, std::move(highlight));
  }
  return page;
}

std::vector<Conflict> ExpertStore::conflicts(storage::Connection& c, Id expert_id) const {
  constexpr char kSql[] =
      "SELECT id, expert_id, kind, other_expert_id, name, until, note, created_at FROM expert_conflicts "
      "WHERE expert_id = ? ORDER BY id";
  std::vector<Conflict> out;
  auto s = c.prepare(kSql);
  bind_all(s, expert_id);
  while (s.step())
    out.push_back({s.int64(0), s.int64(1), s.text(2), s.opt_int64(3), s.text(4), s.opt_text(5), s.text(6), s.text(7)});
  return out;
}

std::optional<Conflict> ExpertStore::find_conflict(storage::Connection& c, Id expert_id, Id conflict_id) const {
  constexpr char kSql[] =
      "SELECT id, expert_id, kind, other_expert_id, name, until, note, created_at FROM expert_conflicts "
      "WHERE id = ? AND expert_id = ?";
  auto s = c.prepare(kSql);
  bind_all(s, conflict_id, expert_id);
  if (!s.step()) return std::nullopt;
  return Conflict{s.int64(0), s.int64(1), s.text(2), s.opt_int64(3), s.text(4), s.opt_text(5), s.text(6), s.text(7)};
}

Id ExpertStore::insert_conflict(storage::Connection& c, Conflict const& k) const {
  constexpr char kSql[] =
      "INSERT INTO expert_conflicts (expert_id, kind, other_expert_id, name, until, note, created_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?)";
  c.exec(kSql, k.expert_id, k.kind, k.other_expert_id, k.name, k.until, k.note, k.created_at);
  return c.last_insert_id();
}

void ExpertStore::delete_conflict(storage::Connection& c, Id conflict_id) const {
  constexpr char kSql[] = "DELETE FROM expert_conflicts WHERE id = ?";
  c.exec(kSql, conflict_id);
}

std::pair<std::int64_t, std::optional<std::string>> ExpertStore::applications_since(storage::Connection& c,
                                                                                    std::string const& client_address,
                                                                                    std::string const& since) const {
  constexpr char kSql[] =
      "SELECT count(*), min(created_at) FROM expert_applications WHERE client_address = ? AND created_at > ?";
  auto s = c.prepare(kSql);
  bind_all(s, client_address, since);
  if (!s.step()) return {0, std::nullopt};
  return {s.int64(0), s.opt_text(1)};
}

void ExpertStore::record_application(storage::Connection& c, Id expert_id, std::string const& client_address,
                                     std::string const& receipt_hash, std::string const& now,
                                     std::string const& challenge_salt) const {
  constexpr char kSql[] =
      "INSERT INTO expert_applications (expert_id, client_address, receipt_hash, created_at, consented_at, "
      "challenge_salt) VALUES (?, ?, ?, ?, ?, ?)";
  c.exec(kSql, expert_id, client_address, receipt_hash, now, now, challenge_salt);
}

std::optional<std::pair<Id, std::string>> ExpertStore::find_application(storage::Connection& c,
                                                                        std::string const& receipt_hash) const {
  constexpr char kSql[] =
      "SELECT expert_id, created_at FROM expert_applications WHERE receipt_hash = ? AND expert_id IS NOT NULL";
  auto s = c.prepare(kSql);
  bind_all(s, receipt_hash);
  if (!s.step()) return std::nullopt;
  return std::make_pair(s.int64(0), s.text(1));
}

std::vector<ExpertLookupItem> ExpertStore::lookup(storage::Connection& c, std::string const& fts_match,
                                                  std::optional<Id> exclude, int limit) const {
  // Name and organisation only: a match in keywords or biography would tell the caller what a
  // profile they may not read says. zhiku_rank, not bm25: the ranked set of a two-character
  // query can be large (see storage/fts_rank.hpp).
  constexpr char kSql[] =
      "SELECT e.id, e.name, e.organization, e.department FROM experts_fts "
      "JOIN experts e ON e.id = experts_fts.rowid "
      "WHERE experts_fts MATCH ? AND e.status = ? AND e.id IS NOT ? "
      "ORDER BY zhiku_rank(experts_fts, 10.0, 2.0, 5.0, 1.0), e.id LIMIT ?";
  // fts_match quotes every term, so the column filter applies to the whole expression.
  std::string const scoped = "{name organization} : (" + fts_match + ")";
  std::vector<ExpertLookupItem> out;
  auto s = c.prepare(kSql);
  bind_all(s, scoped, to_string(ExpertStatus::active), exclude, static_cast<std::int64_t>(limit));
  while (s.step()) out.push_back({s.int64(0), s.text(1), s.text(2), s.opt_text(3)});
  return out;
}

}  // namespace zhiku
