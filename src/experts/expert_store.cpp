// SQL of the expert pool. The list query is assembled from the constant fragments below, one
// per filter and sort, so that each combination gets a plan that uses its index (a single
// statement with "? IS NULL OR …" for every filter scans all 100,000 rows). No text from the
// request ever enters the SQL: values are bound.
#include "experts/expert_store.hpp"

#include <algorithm>
#include <variant>

#include "experts/expert_rules.hpp"

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

using Bind = storage::BindValue;

// The largest code point: every text starting with a prefix sorts below prefix + this.
constexpr char kMaxCodePoint[] = "\xF4\x8F\xBF\xBF";

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
  c.exec(kUpdate, user_id, now, id);
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
  auto s = c.prepare(kSql);
  bind_all(s, user_id);
  if (!s.step()) return std::nullopt;
  return s.int64(0);
}

bool ExpertStore::exists(storage::Connection& c, Id id) const {
  constexpr char kSql[] = "SELECT 1 FROM experts WHERE id = ?";
  auto s = c.prepare(kSql);
  bind_all(s, id);
  return s.step();
}

std::optional<Id> ExpertStore::find_by_email_norm(storage::Connection& c, std::string const& email_norm) const {
  constexpr char kSql[] = "SELECT min(id) FROM experts WHERE email_norm = ?";
  auto s = c.prepare(kSql);
  bind_all(s, email_norm);
  if (!s.step()) return std::nullopt;
  return s.opt_int64(0);
}

std::optional<Id> ExpertStore::find_by_phone_norm(storage::Connection& c, std::string const& phone_norm) const {
  constexpr char kSql[] = "SELECT min(id) FROM experts WHERE phone_norm = ?";
  auto s = c.prepare(kSql);
  bind_all(s, phone_norm);
  if (!s.step()) return std::nullopt;
  return s.opt_int64(0);
}

ExpertPage ExpertStore::list(storage::Connection& c, ExpertQuery const& q, std::string const& fts_match,
                             std::string const& stale_cutoff) const {
  // Which index drives each query is chosen here, not left to the planner, which has no
  // statistics for a new pool and guesses wrong at 100,000 experts (e.g. walks the category
  // index, 90 % of the table, for "field + category"). A unary + keeps a term from using an
  // index. Three plans:
  //   by_set:    a field or pool filter drives (its expert set is small); other terms are checked
  //   by_facets: only scalar filters: the covering index experts_filter answers the count
  //   by_sort:   many matches: walk the sort's index and stop after the page (and full-text
  //              queries, where the FTS index drives)
  constexpr char kCountAll[] = "SELECT count(*) FROM experts e WHERE 1 = 1";
  constexpr char kCountById[] = "SELECT count(*) FROM experts e INDEXED BY experts_by_id WHERE 1 = 1";
  // A field or pool alone: its membership rows are the answer (foreign keys keep them valid).
  constexpr char kCountFieldSet[] =
      "SELECT count(DISTINCT ef.expert_id) FROM expert_fields ef WHERE ef.field_id IN (WITH RECURSIVE sub(id) AS "
      "(SELECT ? UNION SELECT f.id FROM fields f JOIN sub ON f.parent_id = sub.id) SELECT id FROM sub)";
  constexpr char kCountPoolSet[] = "SELECT count(*) FROM expert_pools ep WHERE ep.pool_id = ?";
  constexpr char kCountByFacets[] = "SELECT count(*) FROM experts e INDEXED BY experts_filter WHERE 1 = 1";
  constexpr char kListHead[] = "SELECT e.id FROM experts e WHERE 1 = 1";
  constexpr char kListByFacets[] = "SELECT e.id FROM experts e INDEXED BY experts_filter WHERE 1 = 1";
  // Full text without other filters never touches the experts table; with filters it joins.
  constexpr char kSearchCount[] = "SELECT count(*) FROM experts_fts WHERE experts_fts MATCH ?";
  // Relevance: one pass yields every match with its score (bm25, weighting name, organisation,
  // keywords and biography 10:2:5:1), giving the total and the page together.
  constexpr char kSearchScored[] =
      "SELECT rowid, bm25(experts_fts, 10.0, 2.0, 5.0, 1.0) FROM experts_fts WHERE experts_fts MATCH ?";
  constexpr char kFilteredSearchScored[] =
      "SELECT e.id, bm25(experts_fts, 10.0, 2.0, 5.0, 1.0) FROM experts_fts "
      "JOIN experts e INDEXED BY experts_by_id ON e.id = experts_fts.rowid WHERE experts_fts MATCH ?";
  constexpr char kFilteredSearchCount[] =
      "SELECT count(*) FROM experts_fts JOIN experts e INDEXED BY experts_by_id ON e.id = experts_fts.rowid "
      "WHERE experts_fts MATCH ?";
  constexpr char kFilteredSearchHead[] =
      "SELECT e.id FROM experts_fts JOIN experts e ON e.id = experts_fts.rowid WHERE experts_fts MATCH ?";
  // Filters, each as an index-driving term and as a checked-only term.
  struct Term {
    char const* drive;
    char const* check;
  };
  constexpr Term kByField = {
      " AND e.id IN (SELECT ef.expert_id FROM expert_fields ef WHERE ef.field_id IN (WITH RECURSIVE sub(id) AS "
      "(SELECT ? UNION SELECT f.id FROM fields f JOIN sub ON f.parent_id = sub.id) SELECT id FROM sub))",
      " AND +e.id IN (SELECT ef.expert_id FROM expert_fields ef WHERE ef.field_id IN (WITH RECURSIVE sub(id) AS "
      "(SELECT ? UNION SELECT f.id FROM fields f JOIN sub ON f.parent_id = sub.id) SELECT id FROM sub))"};
  constexpr Term kByPool = {" AND e.id IN (SELECT ep.expert_id FROM expert_pools ep WHERE ep.pool_id = ?)",
                            " AND +e.id IN (SELECT ep.expert_id FROM expert_pools ep WHERE ep.pool_id = ?)"};
  constexpr Term kByStatus = {" AND e.status = ?", " AND +e.status = ?"};
  constexpr Term kByCategory = {" AND e.category = ?", " AND +e.category = ?"};
  constexpr Term kByAcademician = {" AND e.academician = ?", " AND +e.academician = ?"};
  constexpr Term kAnyAcademician = {" AND e.academician IS NOT NULL", " AND +e.academician IS NOT NULL"};
  constexpr Term kNoAcademician = {" AND e.academician IS NULL", " AND +e.academician IS NULL"};
  constexpr Term kByCountry = {" AND e.country = ?", " AND +e.country = ?"};
  constexpr Term kByTitle = {" AND e.title = ?", " AND +e.title = ?"};
  constexpr Term kByOrganization = {" AND e.organization >= ? AND e.organization < ?",
                                    " AND +e.organization >= ? AND +e.organization < ?"};
  constexpr Term kStale = {" AND coalesce(e.confirmed_at, e.created_at) < ?",
                           " AND +coalesce(e.confirmed_at, e.created_at) < ?"};
  constexpr Term kFresh = {" AND coalesce(e.confirmed_at, e.created_at) >= ?",
                           " AND +coalesce(e.confirmed_at, e.created_at) >= ?"};
  // Sorts; ties broken by id so pages never overlap.
  constexpr char kByName[] = " ORDER BY e.name, e.id";
  constexpr char kByNameDesc[] = " ORDER BY e.name DESC, e.id DESC";
  constexpr char kByUpdated[] = " ORDER BY e.updated_at, e.id";
  constexpr char kByUpdatedDesc[] = " ORDER BY e.updated_at DESC, e.id DESC";
  constexpr char kByBirthYear[] = " ORDER BY e.birth_year, e.id";
  constexpr char kByBirthYearDesc[] = " ORDER BY e.birth_year DESC, e.id DESC";
  constexpr char kPage[] = " LIMIT ? OFFSET ?";
  constexpr char kSnippet[] =
      "SELECT snippet(experts_fts, -1, char(2), char(3), '\xE2\x80\xA6', 16) FROM experts_fts "
      "WHERE experts_fts MATCH ? AND rowid = ?";
  // Above this many matches, walking the sort index finds a page sooner than sorting them all.
  constexpr std::int64_t kSortDrivenFrom = 2000;

  enum class Plan { by_set, by_facets, by_sort };
  bool const search = !fts_match.empty();
  bool const has_set = q.field_id || q.pool_id;
  bool const has_scalar = q.status || q.category || q.academician || q.country || q.title || q.organization || q.stale;
  // Country, title, organisation and a named academy pick few experts: their own indexes drive.
  // Status, category, stale and "no academician" pick many: the covering index counts them.
  bool const has_specific = q.country || q.title || q.organization || (q.academician && *q.academician != "none");

  // Appends the filters for `plan`; returns their binds (after the MATCH bind, if any).
  auto filters = [&](Plan plan, std::string& sql, std::vector<Bind>& binds) {
    bool set_driven = false;
    auto add = [&](Term const& t, bool drives) { sql += drives ? t.drive : t.check; };
    if (q.field_id) {
      add(kByField, plan == Plan::by_set && !set_driven);
      set_driven = set_driven || plan == Plan::by_set;
      binds.emplace_back(*q.field_id);
    }
    if (q.pool_id) {
      add(kByPool, plan == Plan::by_set && !set_driven);
      set_driven = set_driven || plan == Plan::by_set;
      binds.emplace_back(*q.pool_id);
    }
    // by_facets: the broad terms drive through experts_filter unless a specific term exists,
    // which then drives through its own index.
    bool broad_drives = plan == Plan::by_facets && !has_specific;
    bool specific_drives = plan == Plan::by_facets && has_specific;
    if (q.status) {
      add(kByStatus, broad_drives);
      binds.emplace_back(std::string(to_string(*q.status)));
    }
    if (q.category) {
      add(kByCategory, broad_drives);
      binds.emplace_back(*q.category);
    }
    if (q.academician) {
      if (*q.academician == "any")
        add(kAnyAcademician, specific_drives);
      else if (*q.academician == "none")
        add(kNoAcademician, broad_drives);
      else {
        add(kByAcademician, specific_drives);
        binds.emplace_back(*q.academician);
      }
    }
    if (q.country) {
      add(kByCountry, specific_drives);
      binds.emplace_back(*q.country);
    }
    if (q.title) {
      add(kByTitle, specific_drives);
      binds.emplace_back(*q.title);
    }
    if (q.organization) {
      add(kByOrganization, specific_drives);
      binds.emplace_back(*q.organization);
      binds.emplace_back(*q.organization + kMaxCodePoint);
    }
    if (q.stale) {
      add(*q.stale ? kStale : kFresh, broad_drives);
      binds.emplace_back(stale_cutoff);
    }
  };

  ExpertPage page;
  Plan const filter_plan = has_set ? Plan::by_set : Plan::by_facets;
  bool const filtered = has_set || has_scalar;

  ExpertSort sort = q.sort.value_or(search ? ExpertSort::relevance : ExpertSort::updated_at_desc);
  if (sort == ExpertSort::relevance && !search) sort = ExpertSort::updated_at_desc;

  if (search && sort == ExpertSort::relevance) {
    std::string sql = filtered ? kFilteredSearchScored : kSearchScored;
    std::vector<Bind> binds;
    binds.emplace_back(fts_match);
    filters(Plan::by_sort, sql, binds);  // the FTS index drives; other terms are checked
    std::vector<std::pair<double, Id>> scored;
    {
      auto s = c.prepare(sql);
      storage::bind_list(s, binds);
      while (s.step()) scored.emplace_back(s.real(1), s.int64(0));
    }
    page.total = static_cast<std::int64_t>(scored.size());
    size_t from = std::min(scored.size(), static_cast<size_t>(q.offset));
    size_t to = std::min(scored.size(), from + static_cast<size_t>(q.limit));
    // bm25 is lower for better matches; ties by id.
    std::partial_sort(scored.begin(), scored.begin() + static_cast<long>(to), scored.end());
    for (size_t i = from; i < to; ++i) page.rows.emplace_back(scored[i].second, std::nullopt);
  } else {
    // The total.
    {
      std::string sql;
      std::vector<Bind> binds;
      if (search) {
        sql = filtered ? kFilteredSearchCount : kSearchCount;
        binds.emplace_back(fts_match);
        filters(Plan::by_sort, sql, binds);  // the FTS index drives; other terms are checked
      } else if (q.field_id && !q.pool_id && !has_scalar) {
        sql = kCountFieldSet;
        binds.emplace_back(*q.field_id);
      } else if (q.pool_id && !q.field_id && !has_scalar) {
        sql = kCountPoolSet;
        binds.emplace_back(*q.pool_id);
      } else {
        sql = has_set ? kCountById : !has_scalar || has_specific ? kCountAll : kCountByFacets;
        filters(filter_plan, sql, binds);
      }
      auto s = c.prepare(sql);
      storage::bind_list(s, binds);
      if (s.step()) page.total = s.int64(0);
    }
    if (page.total == 0 || q.offset >= page.total) return page;

    // The page.
    std::string sql;
    std::vector<Bind> binds;
    {
      Plan plan = filter_plan;
      if (search) {
        plan = Plan::by_sort;
        sql = kFilteredSearchHead;
        binds.emplace_back(fts_match);
      } else if (page.total >= kSortDrivenFrom || !filtered) {
        plan = Plan::by_sort;
        sql = kListHead;
      } else {
        sql = has_set || has_specific ? kListHead : kListByFacets;
      }
      filters(plan, sql, binds);
      switch (sort) {
        case ExpertSort::relevance:  // only without q, handled above
        case ExpertSort::updated_at_desc:
          sql += kByUpdatedDesc;
          break;
        case ExpertSort::name:
          sql += kByName;
          break;
        case ExpertSort::name_desc:
          sql += kByNameDesc;
          break;
        case ExpertSort::updated_at:
          sql += kByUpdated;
          break;
        case ExpertSort::birth_year:
          sql += kByBirthYear;
          break;
        case ExpertSort::birth_year_desc:
          sql += kByBirthYearDesc;
          break;
      }
      sql += kPage;
    }
    binds.emplace_back(static_cast<std::int64_t>(q.limit));
    binds.emplace_back(static_cast<std::int64_t>(q.offset));
    {
      auto s = c.prepare(sql);
      storage::bind_list(s, binds);
      while (s.step()) page.rows.emplace_back(s.int64(0), std::nullopt);
    }
  }
  if (search) {
    // Snippets for the page only: computing them inside the ranked query would cost one per match.
    for (auto& [id, highlight] : page.rows) {
      auto s = c.prepare(kSnippet);
      bind_all(s, fts_match, id);
      if (s.step()) highlight = s.opt_text(0);
    }
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
                                     std::string const& receipt_hash, std::string const& now) const {
  constexpr char kSql[] =
      "INSERT INTO expert_applications (expert_id, client_address, receipt_hash, created_at) VALUES (?, ?, ?, ?)";
  c.exec(kSql, expert_id, client_address, receipt_hash, now);
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

}  // namespace zhiku
