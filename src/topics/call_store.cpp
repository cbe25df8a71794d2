// SQL of calls. The status filter mirrors call_status_at in SQL so that paging stays in SQL.
#include "topics/call_store.hpp"

#include "topics/id_lists.hpp"

namespace zhiku {

namespace {

constexpr char kColumns[] =
    "c.id, c.version, c.theme, c.description, c.opens_at, c.closes_at, c.status, c.body_max_chars, "
    "c.summary_threshold_chars, c.summary_chars, c.created_by, c.created_at, c.updated_at, "
    "coalesce((SELECT n.submissions FROM call_submission_counts n WHERE n.call_id = c.id), 0) FROM calls c";

// The status at ?1 (now) of row c, as call_status_at computes it.
constexpr char kStatusAt[] =
    "(CASE WHEN c.status = 'draft' THEN 'draft' WHEN c.status = 'closed' OR c.closes_at <= ?1 THEN 'closed' "
    "WHEN ?1 < c.opens_at THEN 'scheduled' ELSE 'open' END)";

Call call_from_row(storage::Statement& s) {
  Call k;
  k.id = s.int64(0);
  k.version = s.int64(1);
  k.details.theme = s.text(2);
  k.details.description = s.text(3);
  k.details.opens_at = s.text(4);
  k.details.closes_at = s.text(5);
  k.stage = call_stage_from_string(s.text_view(6)).value_or(CallStage::draft);
  k.details.limits = {s.int32(7), s.int32(8), s.int32(9)};
  k.created_by = s.opt_int64(10);
  k.created_at = s.text(11);
  k.updated_at = s.text(12);
  k.submission_count = s.int64(13);
  return k;
}

void load_fields(storage::Connection& c, Call& k) {
  constexpr char kSql[] = "SELECT field_id FROM call_fields WHERE call_id = ? ORDER BY position";
  k.details.field_ids = id_lists::read(c, kSql, k.id);
}

void replace_fields(storage::Connection& c, Id id, std::vector<Id> const& field_ids) {
  constexpr char kDelete[] = "DELETE FROM call_fields WHERE call_id = ?";
  constexpr char kInsert[] = "INSERT INTO call_fields (call_id, field_id, position) VALUES (?, ?, ?)";
  id_lists::replace(c, kDelete, kInsert, id, field_ids);
}

}  // namespace

Id CallStore::insert(storage::Connection& c, CallDetails const& d, std::optional<Id> created_by,
                     std::string const& now) const {
  constexpr char kSql[] =
      "INSERT INTO calls (theme, description, opens_at, closes_at, body_max_chars, summary_threshold_chars, "
      "summary_chars, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  c.exec(kSql, d.theme, d.description, d.opens_at, d.closes_at, d.limits.body_max_chars,
         d.limits.summary_threshold_chars, d.limits.summary_chars, created_by, now, now);
  Id id = c.last_insert_id();
  replace_fields(c, id, d.field_ids);
  return id;
}

bool CallStore::update(storage::Connection& c, Id id, std::int64_t version, CallDetails const& d,
                       std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE calls SET theme = ?, description = ?, opens_at = ?, closes_at = ?, body_max_chars = ?, "
      "summary_threshold_chars = ?, summary_chars = ?, updated_at = ?, version = version + 1 "
      "WHERE id = ? AND version = ?";
  c.exec(kSql, d.theme, d.description, d.opens_at, d.closes_at, d.limits.body_max_chars,
         d.limits.summary_threshold_chars, d.limits.summary_chars, now, id, version);
  if (c.changes() == 0) return false;
  replace_fields(c, id, d.field_ids);
  return true;
}

void CallStore::set_stage(storage::Connection& c, Id id, CallStage stage, std::string const& now) const {
  constexpr char kSql[] = "UPDATE calls SET status = ?, updated_at = ?, version = version + 1 WHERE id = ?";
  c.exec(kSql, to_string(stage), now, id);
}

std::optional<Call> CallStore::find(storage::Connection& c, Id id) const {
  static std::string const sql = std::string("SELECT ") + kColumns + " WHERE c.id = ?";
  std::optional<Call> k;
  {
    auto s = c.prepare(sql);
    bind_all(s, id);
    if (!s.step()) return std::nullopt;
    k = call_from_row(s);
  }
  load_fields(c, *k);
  return k;
}

std::pair<std::vector<Call>, std::int64_t> CallStore::list(storage::Connection& c, CallQuery const& q,
                                                           std::string const& now) const {
  // ?1 now, ?2 include drafts, ?3 status, ?4 limit, ?5 offset.
  static std::string const where =
      std::string(" WHERE (?2 OR c.status <> 'draft') AND (?3 IS NULL OR ") + kStatusAt + " = ?3)";
  static std::string const count_sql = "SELECT count(*) FROM calls c" + where;
  static std::string const page_sql =
      std::string("SELECT ") + kColumns + where + " ORDER BY c.closes_at DESC, c.id DESC LIMIT ?4 OFFSET ?5";
  std::optional<std::string> status;
  if (q.status) status = std::string(to_string(*q.status));
  std::pair<std::vector<Call>, std::int64_t> out;
  {
    auto s = c.prepare(count_sql);
    bind_all(s, now, q.include_drafts, status);
    if (s.step()) out.second = s.int64(0);
  }
  {
    auto s = c.prepare(page_sql);
    bind_all(s, now, q.include_drafts, status, static_cast<std::int64_t>(q.limit), static_cast<std::int64_t>(q.offset));
    while (s.step()) out.first.push_back(call_from_row(s));
  }
  for (auto& k : out.first) load_fields(c, k);
  return out;
}

}  // namespace zhiku
