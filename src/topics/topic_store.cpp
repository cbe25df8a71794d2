// SQL of topic guides, topics, teams and history. No text from the request ever enters the SQL:
// values are bound, and the list's optional filters are fixed "? IS NULL OR …" conditions.
#include "topics/topic_store.hpp"

#include "core/error.hpp"
#include "storage/error.hpp"
#include "topics/id_lists.hpp"

namespace zhiku {

namespace {

constexpr char kGuideColumns[] =
    "g.id, g.year, g.title, g.description, g.lead_min_title, g.lead_max_per_year, g.member_max_applications, "
    "g.lead_max_age, g.team_max_size, g.version, g.created_at, g.updated_at, "
    "(SELECT count(*) FROM topics t WHERE t.guide_id = g.id), "
    "(SELECT count(*) FROM topics t WHERE t.guide_id = g.id AND t.status <> 'draft')";

std::optional<int> opt_int(storage::Statement& s, int col) {
  if (s.is_null(col)) return std::nullopt;
  return s.int32(col);
}

TopicGuide guide_from_row(storage::Statement& s) {
  TopicGuide g;
  g.id = s.int64(0);
  g.year = s.int32(1);
  g.title = s.text(2);
  g.description = s.text(3);
  if (auto level = s.opt_text(4)) g.rules.lead_min_title = title_level_from_string(*level);
  g.rules.lead_max_per_year = opt_int(s, 5);
  g.rules.member_max_applications = opt_int(s, 6);
  g.rules.lead_max_age = opt_int(s, 7);
  g.rules.team_max_size = opt_int(s, 8);
  g.version = s.int64(9);
  g.created_at = s.text(10);
  g.updated_at = s.text(11);
  g.topic_count = s.int64(12);
  g.published_count = s.int64(13);
  return g;
}

std::optional<std::string> level_text(EligibilityRules const& r) {
  if (!r.lead_min_title) return std::nullopt;
  return std::string(to_string(*r.lead_min_title));
}

// Columns of the topic_rows view, in its order (migration 0030).
Topic topic_from_row(storage::Statement& s) {
  Topic t;
  t.id = s.int64(0);
  t.version = s.int64(1);
  t.code = s.text(2);
  t.guide_id = s.int64(3);
  t.year = s.int32(4);
  auto& d = t.details;
  d.title = s.text(5);
  d.description = s.text(6);
  d.source = topic_source_from_string(s.text_view(7)).value_or(TopicSource::association);
  d.department_id = s.opt_int64(8);
  d.proposed_by_expert_id = s.opt_int64(9);
  d.priority = topic_priority_from_string(s.text_view(10)).value_or(TopicPriority::normal);
  d.budget_yuan = s.opt_int64(11);
  d.application_deadline = s.opt_text(12);
  d.midterm_due = s.opt_text(13);
  d.due_date = s.opt_text(14);
  t.status = topic_status_from_string(s.text_view(15)).value_or(TopicStatus::draft);
  t.status_reason = s.opt_text(16);
  t.lead_expert_id = s.opt_int64(17);
  t.selected_application_id = s.opt_int64(18);
  t.selection_round_id = s.opt_int64(19);
  t.deliverable_proposal_id = s.opt_int64(20);
  t.rectify_by = s.opt_text(21);
  t.published_at = s.opt_text(22);
  t.assigned_at = s.opt_text(23);
  t.concluded_at = s.opt_text(24);
  t.created_by = s.opt_int64(25);
  t.created_at = s.text(26);
  t.updated_at = s.text(27);
  if (auto name = s.opt_text(28); name && d.department_id) t.department = NamedRef{*d.department_id, *name};
  t.application_count = s.int64(29);
  t.midterm_count = s.int64(30);
  t.midterm_report_pending = !s.is_null(31) && s.int64(31) != 0;
  t.last_midterm_verdict = s.opt_text(32);
  t.acceptance_verdict = s.opt_text(33);
  t.commission_pending = s.int64(34) != 0;
  return t;
}

void load_field_ids(storage::Connection& c, Topic& t) {
  constexpr char kSql[] = "SELECT field_id FROM topic_fields WHERE topic_id = ? ORDER BY position";
  t.details.field_ids = id_lists::read(c, kSql, t.id);
}

void replace_fields(storage::Connection& c, Id id, std::vector<Id> const& field_ids) {
  constexpr char kDelete[] = "DELETE FROM topic_fields WHERE topic_id = ?";
  constexpr char kInsert[] = "INSERT INTO topic_fields (topic_id, field_id, position) VALUES (?, ?, ?)";
  id_lists::replace(c, kDelete, kInsert, id, field_ids);
}

// ",a,b,c," for the "list LIKE '%,' || x || ',%'" membership test (portable, no dynamic SQL).
template <class T, class F>
std::optional<std::string> comma_list(std::vector<T> const& items, F&& name) {
  if (items.empty()) return std::nullopt;
  std::string out = ",";
  for (auto const& x : items) {
    out += name(x);
    out += ',';
  }
  return out;
}

}  // namespace

std::string like_anywhere(std::string_view text) {
  std::string out = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  out += '%';
  return out;
}

// ---- guides

std::vector<TopicGuide> TopicStore::guides(storage::Connection& c) const {
  static std::string const sql = std::string("SELECT ") + kGuideColumns + " FROM topic_guides g ORDER BY g.year DESC";
  std::vector<TopicGuide> out;
  auto s = c.prepare(sql);
  while (s.step()) out.push_back(guide_from_row(s));
  return out;
}

std::optional<TopicGuide> TopicStore::find_guide(storage::Connection& c, Id id) const {
  static std::string const sql = std::string("SELECT ") + kGuideColumns + " FROM topic_guides g WHERE g.id = ?";
  auto s = c.prepare(sql);
  bind_all(s, id);
  if (!s.step()) return std::nullopt;
  return guide_from_row(s);
}

std::optional<TopicGuide> TopicStore::find_guide_by_year(storage::Connection& c, int year) const {
  static std::string const sql = std::string("SELECT ") + kGuideColumns + " FROM topic_guides g WHERE g.year = ?";
  auto s = c.prepare(sql);
  bind_all(s, year);
  if (!s.step()) return std::nullopt;
  return guide_from_row(s);
}

Id TopicStore::insert_guide(storage::Connection& c, TopicGuide const& g, std::string const& now) const {
  constexpr char kSql[] =
      "INSERT INTO topic_guides (year, title, description, lead_min_title, lead_max_per_year, "
      "member_max_applications, lead_max_age, team_max_size, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  try {
    c.exec(kSql, g.year, g.title, g.description, level_text(g.rules), g.rules.lead_max_per_year,
           g.rules.member_max_applications, g.rules.lead_max_age, g.rules.team_max_size, now, now);
  } catch (storage::Error const& e) {
    if (e.is_unique_violation()) throw Error(Errc::conflict, std::to_string(g.year) + " 年度的课题指南已存在");
    throw;
  }
  return c.last_insert_id();
}

bool TopicStore::update_guide(storage::Connection& c, TopicGuide const& g, std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE topic_guides SET title = ?, description = ?, lead_min_title = ?, lead_max_per_year = ?, "
      "member_max_applications = ?, lead_max_age = ?, team_max_size = ?, updated_at = ?, version = version + 1 "
      "WHERE id = ? AND version = ?";
  c.exec(kSql, g.title, g.description, level_text(g.rules), g.rules.lead_max_per_year, g.rules.member_max_applications,
         g.rules.lead_max_age, g.rules.team_max_size, now, g.id, g.version);
  return c.changes() > 0;
}

std::int64_t TopicStore::next_code_seq(storage::Connection& c, int year) const {
  constexpr char kSql[] =
      "INSERT INTO topic_code_counters (year, last_seq) VALUES (?, 1) "
      "ON CONFLICT (year) DO UPDATE SET last_seq = last_seq + 1 RETURNING last_seq";
  auto s = c.prepare(kSql);
  bind_all(s, year);
  if (!s.step()) throw std::logic_error("topic code counter returned no row");
  std::int64_t seq = s.int64(0);
  while (s.step()) {
  }
  return seq;
}

// ---- topics

Id TopicStore::insert(storage::Connection& c, Id guide_id, std::string const& code, TopicDetails const& d,
                      std::optional<Id> created_by, std::string const& now) const {
  constexpr char kSql[] =
      "INSERT INTO topics (code, guide_id, title, description, source, department_id, proposed_by_expert_id, "
      "priority, budget_yuan, application_deadline, midterm_due, due_date, created_by, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  c.exec(kSql, code, guide_id, d.title, d.description, to_string(d.source), d.department_id, d.proposed_by_expert_id,
         to_string(d.priority), d.budget_yuan, d.application_deadline, d.midterm_due, d.due_date, created_by, now, now);
  Id id = c.last_insert_id();
  replace_fields(c, id, d.field_ids);
  return id;
}

bool TopicStore::update_details(storage::Connection& c, Id id, std::int64_t version, TopicDetails const& d,
                                std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE topics SET title = ?, description = ?, source = ?, department_id = ?, proposed_by_expert_id = ?, "
      "priority = ?, budget_yuan = ?, application_deadline = ?, midterm_due = ?, due_date = ?, updated_at = ?, "
      "version = version + 1 WHERE id = ? AND version = ?";
  c.exec(kSql, d.title, d.description, to_string(d.source), d.department_id, d.proposed_by_expert_id,
         to_string(d.priority), d.budget_yuan, d.application_deadline, d.midterm_due, d.due_date, now, id, version);
  if (c.changes() == 0) return false;
  replace_fields(c, id, d.field_ids);
  return true;
}

void TopicStore::set_status(storage::Connection& c, Id id, TopicStatus status, std::optional<std::string> const& reason,
                            std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE topics SET status = ?1, status_reason = ?2, updated_at = ?3, version = version + 1, "
      "published_at = CASE WHEN ?1 = 'published' THEN coalesce(published_at, ?3) ELSE published_at END, "
      "assigned_at = CASE WHEN ?1 = 'assigned' THEN coalesce(assigned_at, ?3) ELSE assigned_at END, "
      "concluded_at = CASE WHEN ?1 IN ('concluded', 'cancelled') THEN ?3 ELSE concluded_at END "
      "WHERE id = ?4";
  c.exec(kSql, to_string(status), reason, now, id);
}

void TopicStore::set_lead(storage::Connection& c, Id id, Id lead_expert_id, std::optional<Id> application_id) const {
  constexpr char kSql[] = "UPDATE topics SET lead_expert_id = ?, selected_application_id = ? WHERE id = ?";
  c.exec(kSql, lead_expert_id, application_id, id);
}

void TopicStore::set_rectify_by(storage::Connection& c, Id id, std::optional<std::string> const& date) const {
  constexpr char kSql[] = "UPDATE topics SET rectify_by = ? WHERE id = ?";
  c.exec(kSql, date, id);
}

void TopicStore::set_deliverable(storage::Connection& c, Id id, std::optional<Id> proposal_id) const {
  constexpr char kSql[] = "UPDATE topics SET deliverable_proposal_id = ? WHERE id = ?";
  c.exec(kSql, proposal_id, id);
}

void TopicStore::set_selection_round(storage::Connection& c, Id id, std::optional<Id> round_id) const {
  constexpr char kSql[] = "UPDATE topics SET selection_round_id = ?, version = version + 1 WHERE id = ?";
  c.exec(kSql, round_id, id);
}

void TopicStore::set_date(storage::Connection& c, Id id, std::string const& field, std::string const& date,
                          std::string const& now) const {
  constexpr char kMidterm[] = "UPDATE topics SET midterm_due = ?, updated_at = ?, version = version + 1 WHERE id = ?";
  constexpr char kDue[] = "UPDATE topics SET due_date = ?, updated_at = ?, version = version + 1 WHERE id = ?";
  if (field == "midterm_due")
    c.exec(kMidterm, date, now, id);
  else if (field == "due_date")
    c.exec(kDue, date, now, id);
  else
    throw std::logic_error("set_date: unknown field " + field);
}

std::optional<Topic> TopicStore::find(storage::Connection& c, Id id) const {
  constexpr char kSql[] = "SELECT * FROM topic_rows WHERE id = ?";
  std::optional<Topic> t;
  {
    auto s = c.prepare(kSql);
    bind_all(s, id);
    if (!s.step()) return std::nullopt;
    t = topic_from_row(s);
  }
  load_field_ids(c, *t);
  return t;
}

std::optional<Id> TopicStore::find_id_by_code(storage::Connection& c, std::string const& code) const {
  constexpr char kSql[] = "SELECT id FROM topics WHERE code = ?";
  auto s = c.prepare(kSql);
  bind_all(s, code);
  if (!s.step()) return std::nullopt;
  return s.int64(0);
}

std::pair<std::vector<Topic>, std::int64_t> TopicStore::list(storage::Connection& c, TopicListFilter const& f) const {
  // ?1 year, ?2 source, ?3 department, ?4 statuses ",a,b,", ?5 fields ",1,2,", ?6 LIKE pattern,
  // ?7 member expert, ?8 sort, ?9 limit, ?10 offset.
  constexpr char kWhere[] =
      " FROM topic_rows r WHERE (?1 IS NULL OR r.year = ?1) AND (?2 IS NULL OR r.source = ?2) "
      "AND (?3 IS NULL OR r.department_id = ?3) AND (?4 IS NULL OR ?4 LIKE '%,' || r.status || ',%') "
      "AND (?5 IS NULL OR EXISTS (SELECT 1 FROM topic_fields tf WHERE tf.topic_id = r.id "
      "AND ?5 LIKE '%,' || tf.field_id || ',%')) "
      "AND (?6 IS NULL OR r.title LIKE ?6 ESCAPE '\\' OR r.code LIKE ?6 ESCAPE '\\') "
      "AND (?7 IS NULL OR EXISTS (SELECT 1 FROM topic_members m WHERE m.topic_id = r.id AND m.expert_id = ?7 "
      "AND m.left_at IS NULL))";
  static std::string const count_sql = std::string("SELECT count(*)") + kWhere;
  static std::string const page_sql =
      std::string("SELECT r.*") + kWhere +
      " ORDER BY CASE WHEN ?8 = 'code' THEN r.year END ASC, CASE WHEN ?8 = 'code' THEN length(r.code) END ASC, "
      "CASE WHEN ?8 = 'code' THEN r.code END ASC, CASE WHEN ?8 = '-code' THEN r.year END DESC, "
      "CASE WHEN ?8 = '-code' THEN length(r.code) END DESC, CASE WHEN ?8 = '-code' THEN r.code END DESC, "
      "CASE WHEN ?8 = 'deadline' THEN r.application_deadline END ASC, "
      "CASE WHEN ?8 = '-updated_at' THEN r.updated_at END DESC, r.id LIMIT ?9 OFFSET ?10";

  auto const& q = f.query;
  auto statuses = comma_list(q.statuses, [](TopicStatus s) { return std::string(to_string(s)); });
  auto fields = comma_list(f.field_ids, [](Id id) { return std::to_string(id); });
  std::optional<std::string> pattern;
  if (q.q) pattern = like_anywhere(*q.q);
  std::optional<std::string> source;
  if (q.source) source = std::string(to_string(*q.source));
  static constexpr char const* kSortNames[] = {"code", "-code", "deadline", "-updated_at"};
  std::string sort = kSortNames[static_cast<int>(q.sort)];

  std::pair<std::vector<Topic>, std::int64_t> out;
  {
    auto s = c.prepare(count_sql);
    bind_all(s, q.year, source, q.department_id, statuses, fields, pattern, q.member_expert_id);
    if (s.step()) out.second = s.int64(0);
  }
  {
    auto s = c.prepare(page_sql);
    bind_all(s, q.year, source, q.department_id, statuses, fields, pattern, q.member_expert_id, sort,
             static_cast<std::int64_t>(q.limit), static_cast<std::int64_t>(q.offset));
    while (s.step()) out.first.push_back(topic_from_row(s));
  }
  for (auto& t : out.first) load_field_ids(c, t);
  return out;
}

std::vector<std::pair<TopicStatus, std::int64_t>> TopicStore::count_by_status(storage::Connection& c) const {
  constexpr char kSql[] = "SELECT status, count(*) FROM topics GROUP BY status";
  std::vector<std::pair<TopicStatus, std::int64_t>> out;
  auto s = c.prepare(kSql);
  while (s.step())
    if (auto status = topic_status_from_string(s.text_view(0))) out.emplace_back(*status, s.int64(1));
  return out;
}

std::vector<Topic> TopicStore::in_statuses(storage::Connection& c, std::vector<TopicStatus> const& statuses) const {
  constexpr char kSql[] =
      "SELECT * FROM topic_rows WHERE ? LIKE '%,' || status || ',%' ORDER BY year, length(code), code";
  std::vector<Topic> out;
  auto list = comma_list(statuses, [](TopicStatus s) { return std::string(to_string(s)); });
  if (!list) return out;
  {
    auto s = c.prepare(kSql);
    bind_all(s, *list);
    while (s.step()) out.push_back(topic_from_row(s));
  }
  for (auto& t : out) load_field_ids(c, t);
  return out;
}

// ---- team

std::vector<TeamRow> TopicStore::team(storage::Connection& c, Id topic_id, bool with_former) const {
  constexpr char kSql[] =
      "SELECT expert_id, role, position, joined_at, left_at FROM topic_members WHERE topic_id = ? "
      "AND (? OR left_at IS NULL) ORDER BY left_at IS NOT NULL, role = 'member', position, id";
  std::vector<TeamRow> out;
  auto s = c.prepare(kSql);
  bind_all(s, topic_id, with_former);
  while (s.step()) out.push_back({s.int64(0), s.text(1), s.int64(2), s.text(3), s.opt_text(4)});
  return out;
}

void TopicStore::add_member(storage::Connection& c, Id topic_id, Id expert_id, std::string const& role,
                            std::int64_t position, std::string const& now) const {
  constexpr char kSql[] =
      "INSERT INTO topic_members (topic_id, expert_id, role, position, joined_at) VALUES (?, ?, ?, ?, ?)";
  c.exec(kSql, topic_id, expert_id, role, position, now);
}

bool TopicStore::remove_member(storage::Connection& c, Id topic_id, Id expert_id, std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE topic_members SET left_at = ? WHERE topic_id = ? AND expert_id = ? AND left_at IS NULL";
  c.exec(kSql, now, topic_id, expert_id);
  return c.changes() > 0;
}

void TopicStore::set_member_role(storage::Connection& c, Id topic_id, Id expert_id, std::string const& role) const {
  constexpr char kSql[] = "UPDATE topic_members SET role = ? WHERE topic_id = ? AND expert_id = ? AND left_at IS NULL";
  c.exec(kSql, role, topic_id, expert_id);
}

bool TopicStore::is_member(storage::Connection& c, Id topic_id, Id expert_id) const {
  constexpr char kSql[] = "SELECT 1 FROM topic_members WHERE topic_id = ? AND expert_id = ? AND left_at IS NULL";
  auto s = c.prepare(kSql);
  bind_all(s, topic_id, expert_id);
  return s.step();
}

std::int64_t TopicStore::commissioned_leads_in_year(storage::Connection& c, Id expert_id, int year) const {
  constexpr char kSql[] =
      "SELECT count(*) FROM topics t JOIN topic_guides g ON g.id = t.guide_id WHERE t.lead_expert_id = ? "
      "AND g.year = ? AND t.selected_application_id IS NULL AND t.status <> 'cancelled'";
  auto s = c.prepare(kSql);
  bind_all(s, expert_id, year);
  return s.step() ? s.int64(0) : 0;
}

// ---- history

void TopicStore::add_event(storage::Connection& c, Id topic_id, TopicEvent const& e) const {
  constexpr char kSql[] =
      "INSERT INTO topic_events (topic_id, at, actor_id, actor_name, action, from_status, to_status, note) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  c.exec(kSql, topic_id, e.at, e.actor_id, e.actor_name, e.action, e.from_status, e.to_status, e.note);
}

std::vector<TopicEvent> TopicStore::events(storage::Connection& c, Id topic_id) const {
  constexpr char kSql[] =
      "SELECT id, at, actor_id, actor_name, action, from_status, to_status, note FROM topic_events "
      "WHERE topic_id = ? ORDER BY id";
  std::vector<TopicEvent> out;
  auto s = c.prepare(kSql);
  bind_all(s, topic_id);
  while (s.step())
    out.push_back(
        {s.int64(0), s.text(1), s.opt_int64(2), s.text(3), s.text(4), s.opt_text(5), s.opt_text(6), s.text(7)});
  return out;
}

}  // namespace zhiku
