// SQL of applications and commissions. Values are bound; nothing from a request enters the SQL.
#include "topics/application_store.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "storage/error.hpp"
#include "topics/topic_file_store.hpp"

namespace zhiku {

namespace {

constexpr char kApplicationColumns[] =
    "a.id, a.topic_id, a.version, a.lead_expert_id, a.plan, a.recommending_unit, a.opinion_file_id, a.status, "
    "a.status_reason, a.selection_rank, a.selection_score, a.created_at, a.updated_at";

TopicApplication application_from_row(storage::Statement& s, std::optional<Id>& opinion_file_id) {
  TopicApplication a;
  a.id = s.int64(0);
  a.topic_id = s.int64(1);
  a.version = s.int64(2);
  a.lead_expert_id = s.int64(3);
  a.plan = s.text(4);
  a.recommending_unit = s.text(5);
  opinion_file_id = s.opt_int64(6);
  a.status = topic_application_status_from_string(s.text_view(7)).value_or(TopicApplicationStatus::submitted);
  a.status_reason = s.opt_text(8);
  a.selection_rank = s.opt_int64(9);
  if (!s.is_null(10)) a.selection_score = s.real(10);
  a.created_at = s.text(11);
  a.updated_at = s.text(12);
  return a;
}

void load_details(storage::Connection& c, TopicApplication& a, std::optional<Id> opinion_file_id) {
  constexpr char kMembers[] =
      "SELECT expert_id, status, reason, answered_at FROM topic_application_members WHERE application_id = ? "
      "ORDER BY position";
  constexpr char kFiles[] = "SELECT file_id FROM topic_application_files WHERE application_id = ? ORDER BY file_id";
  {
    auto s = c.prepare(kMembers);
    bind_all(s, a.id);
    while (s.step()) {
      ApplicationMember m;
      m.expert_id = s.int64(0);
      m.answer = member_answer_from_string(s.text_view(1)).value_or(MemberAnswer::invited);
      m.reason = s.opt_text(2);
      m.answered_at = s.opt_text(3);
      a.members.push_back(std::move(m));
    }
  }
  TopicFileStore files;
  if (opinion_file_id) a.opinion_letter = files.find(c, *opinion_file_id);
  std::vector<Id> file_ids;
  {
    auto s = c.prepare(kFiles);
    bind_all(s, a.id);
    while (s.step()) file_ids.push_back(s.int64(0));
  }
  for (Id f : file_ids)
    if (auto meta = files.find(c, f)) a.attachments.push_back(std::move(*meta));
}

template <class... Args>
std::vector<TopicApplication> applications_where(storage::Connection& c, std::string const& sql, Args const&... args) {
  std::vector<std::pair<TopicApplication, std::optional<Id>>> rows;
  {
    auto s = c.prepare(sql);
    bind_all(s, args...);
    while (s.step()) {
      std::optional<Id> letter;
      auto a = application_from_row(s, letter);
      rows.emplace_back(std::move(a), letter);
    }
  }
  std::vector<TopicApplication> out;
  out.reserve(rows.size());
  for (auto& [a, letter] : rows) {
    load_details(c, a, letter);
    out.push_back(std::move(a));
  }
  return out;
}

void replace_files(storage::Connection& c, Id id, std::vector<Id> const& file_ids) {
  constexpr char kDelete[] = "DELETE FROM topic_application_files WHERE application_id = ?";
  constexpr char kInsert[] = "INSERT OR IGNORE INTO topic_application_files (application_id, file_id) VALUES (?, ?)";
  c.exec(kDelete, id);
  for (Id f : file_ids) c.exec(kInsert, id, f);
}

constexpr char kCommissionColumns[] =
    "id, topic_id, expert_id, note, status, reason, created_at, answered_at FROM topic_commissions";

Commission commission_from_row(storage::Statement& s) {
  Commission m;
  m.id = s.int64(0);
  m.topic_id = s.int64(1);
  m.expert_id = s.int64(2);
  m.note = s.text(3);
  m.status = commission_status_from_string(s.text_view(4)).value_or(CommissionStatus::pending);
  m.reason = s.opt_text(5);
  m.created_at = s.text(6);
  m.answered_at = s.opt_text(7);
  return m;
}

void load_commission_members(storage::Connection& c, Commission& m) {
  constexpr char kSql[] = "SELECT expert_id FROM topic_commission_members WHERE commission_id = ? ORDER BY position";
  auto s = c.prepare(kSql);
  bind_all(s, m.id);
  while (s.step()) m.members.push_back({s.int64(0), ""});
}

template <class... Args>
std::vector<Commission> commissions_where(storage::Connection& c, std::string const& sql, Args const&... args) {
  std::vector<Commission> out;
  {
    auto s = c.prepare(sql);
    bind_all(s, args...);
    while (s.step()) out.push_back(commission_from_row(s));
  }
  for (auto& m : out) load_commission_members(c, m);
  return out;
}

}  // namespace

Id ApplicationStore::insert(storage::Connection& c, Id topic_id, Id lead_expert_id, ApplicationForm const& form,
                            std::string const& now) const {
  constexpr char kInsert[] =
      "INSERT INTO topic_applications (topic_id, lead_expert_id, plan, recommending_unit, opinion_file_id, "
      "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
  constexpr char kMember[] =
      "INSERT INTO topic_application_members (application_id, expert_id, position) VALUES (?, ?, ?)";
  try {
    c.exec(kInsert, topic_id, lead_expert_id, form.plan, form.recommending_unit, form.opinion_file_id, now, now);
  } catch (storage::Error const& e) {
    if (e.is_unique_violation()) throw Error(Errc::conflict, "您已申报该课题，可修改或撤回已有申报");
    throw;
  }
  Id id = c.last_insert_id();
  for (size_t i = 0; i < form.member_ids.size(); ++i)
    c.exec(kMember, id, form.member_ids[i], static_cast<std::int64_t>(i));
  replace_files(c, id, form.attachment_ids);
  return id;
}

bool ApplicationStore::update(storage::Connection& c, Id id, std::int64_t version, ApplicationForm const& form,
                              std::string const& now) const {
  constexpr char kUpdate[] =
      "UPDATE topic_applications SET plan = ?, recommending_unit = ?, opinion_file_id = ?, updated_at = ?, "
      "version = version + 1 WHERE id = ? AND version = ?";
  constexpr char kMembers[] = "SELECT expert_id FROM topic_application_members WHERE application_id = ?";
  constexpr char kRemove[] = "DELETE FROM topic_application_members WHERE application_id = ? AND expert_id = ?";
  constexpr char kUpsert[] =
      "INSERT INTO topic_application_members (application_id, expert_id, position) VALUES (?, ?, ?) "
      "ON CONFLICT (application_id, expert_id) DO UPDATE SET position = excluded.position";
  c.exec(kUpdate, form.plan, form.recommending_unit, form.opinion_file_id, now, id, version);
  if (c.changes() == 0) return false;
  std::vector<Id> current;
  {
    auto s = c.prepare(kMembers);
    bind_all(s, id);
    while (s.step()) current.push_back(s.int64(0));
  }
  for (Id m : current)
    if (std::find(form.member_ids.begin(), form.member_ids.end(), m) == form.member_ids.end()) c.exec(kRemove, id, m);
  for (size_t i = 0; i < form.member_ids.size(); ++i)
    c.exec(kUpsert, id, form.member_ids[i], static_cast<std::int64_t>(i));
  replace_files(c, id, form.attachment_ids);
  return true;
}

void ApplicationStore::set_status(storage::Connection& c, Id id, TopicApplicationStatus status,
                                  std::optional<std::string> const& reason, std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE topic_applications SET status = ?, status_reason = ?, updated_at = ?, version = version + 1 "
      "WHERE id = ?";
  c.exec(kSql, to_string(status), reason, now, id);
}

bool ApplicationStore::set_answer(storage::Connection& c, Id id, Id expert_id, MemberAnswer answer,
                                  std::optional<std::string> const& reason, std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE topic_application_members SET status = ?, reason = ?, answered_at = ? "
      "WHERE application_id = ? AND expert_id = ?";
  constexpr char kTouch[] = "UPDATE topic_applications SET updated_at = ?, version = version + 1 WHERE id = ?";
  c.exec(kSql, to_string(answer), reason, now, id, expert_id);
  if (c.changes() == 0) return false;
  c.exec(kTouch, now, id);
  return true;
}

void ApplicationStore::set_selection(storage::Connection& c, Id id, std::optional<std::int64_t> rank,
                                     std::optional<double> score) const {
  constexpr char kSql[] = "UPDATE topic_applications SET selection_rank = ?, selection_score = ? WHERE id = ?";
  c.exec(kSql, rank, score, id);
}

std::optional<TopicApplication> ApplicationStore::find(storage::Connection& c, Id id) const {
  static std::string const sql = std::string("SELECT ") + kApplicationColumns +
                                 " FROM topic_applications a "
                                 "WHERE a.id = ?";
  auto rows = applications_where(c, sql, id);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::vector<TopicApplication> ApplicationStore::for_topic(storage::Connection& c, Id topic_id) const {
  static std::string const sql = std::string("SELECT ") + kApplicationColumns +
                                 " FROM topic_applications a "
                                 "WHERE a.topic_id = ? ORDER BY a.id";
  return applications_where(c, sql, topic_id);
}

std::vector<TopicApplication> ApplicationStore::of_expert(storage::Connection& c, Id expert_id) const {
  static std::string const sql =
      std::string("SELECT ") + kApplicationColumns +
      " FROM topic_applications a WHERE a.lead_expert_id = ? "
      "OR EXISTS (SELECT 1 FROM topic_application_members m WHERE m.application_id = a.id AND m.expert_id = ?) "
      "ORDER BY a.id DESC";
  return applications_where(c, sql, expert_id, expert_id);
}

std::int64_t ApplicationStore::leads_in_year(storage::Connection& c, Id expert_id, int year,
                                             std::optional<Id> except) const {
  constexpr char kSql[] =
      "SELECT count(*) FROM topic_applications a JOIN topics t ON t.id = a.topic_id "
      "JOIN topic_guides g ON g.id = t.guide_id WHERE a.lead_expert_id = ? AND g.year = ? "
      "AND a.status IN ('submitted', 'selected') AND t.status <> 'cancelled' AND (? IS NULL OR a.id <> ?)";
  auto s = c.prepare(kSql);
  bind_all(s, expert_id, year, except, except);
  return s.step() ? s.int64(0) : 0;
}

std::int64_t ApplicationStore::memberships_in_year(storage::Connection& c, Id expert_id, int year,
                                                   std::optional<Id> except) const {
  constexpr char kSql[] =
      "SELECT count(*) FROM topic_application_members m JOIN topic_applications a ON a.id = m.application_id "
      "JOIN topics t ON t.id = a.topic_id JOIN topic_guides g ON g.id = t.guide_id "
      "WHERE m.expert_id = ? AND g.year = ? AND m.status <> 'declined' AND a.status IN ('submitted', 'selected') "
      "AND t.status <> 'cancelled' AND (? IS NULL OR a.id <> ?)";
  auto s = c.prepare(kSql);
  bind_all(s, expert_id, year, except, except);
  return s.step() ? s.int64(0) : 0;
}

std::vector<std::pair<Id, Id>> ApplicationStore::incomplete_with_deadline_in(storage::Connection& c,
                                                                             std::string const& from,
                                                                             std::string const& to) const {
  constexpr char kSql[] =
      "SELECT a.id, a.topic_id FROM topic_applications a JOIN topics t ON t.id = a.topic_id "
      "WHERE t.status = 'published' AND t.application_deadline >= ? AND t.application_deadline < ? "
      "AND a.status = 'submitted' AND EXISTS (SELECT 1 FROM topic_application_members m "
      "WHERE m.application_id = a.id AND m.status <> 'confirmed') ORDER BY a.id";
  std::vector<std::pair<Id, Id>> out;
  auto s = c.prepare(kSql);
  bind_all(s, from, to);
  while (s.step()) out.emplace_back(s.int64(0), s.int64(1));
  return out;
}

// ---- commissions

Id ApplicationStore::insert_commission(storage::Connection& c, Id topic_id, Id expert_id,
                                       std::vector<Id> const& member_ids, std::string const& note,
                                       std::optional<Id> created_by, std::string const& now) const {
  constexpr char kInsert[] =
      "INSERT INTO topic_commissions (topic_id, expert_id, note, created_by, created_at) VALUES (?, ?, ?, ?, ?)";
  constexpr char kMember[] =
      "INSERT INTO topic_commission_members (commission_id, expert_id, position) VALUES (?, ?, ?)";
  try {
    c.exec(kInsert, topic_id, expert_id, note, created_by, now);
  } catch (storage::Error const& e) {
    if (e.is_unique_violation()) throw Error(Errc::conflict, "该课题已有待答复的委托，请先撤回");
    throw;
  }
  Id id = c.last_insert_id();
  for (size_t i = 0; i < member_ids.size(); ++i) c.exec(kMember, id, member_ids[i], static_cast<std::int64_t>(i));
  return id;
}

void ApplicationStore::set_commission_status(storage::Connection& c, Id id, CommissionStatus status,
                                             std::optional<std::string> const& reason, std::string const& now) const {
  constexpr char kSql[] = "UPDATE topic_commissions SET status = ?, reason = ?, answered_at = ? WHERE id = ?";
  c.exec(kSql, to_string(status), reason, now, id);
}

std::optional<Commission> ApplicationStore::pending_commission(storage::Connection& c, Id topic_id) const {
  static std::string const sql =
      std::string("SELECT ") + kCommissionColumns + " WHERE topic_id = ? AND status = 'pending'";
  auto rows = commissions_where(c, sql, topic_id);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::optional<Commission> ApplicationStore::find_commission(storage::Connection& c, Id id) const {
  static std::string const sql = std::string("SELECT ") + kCommissionColumns + " WHERE id = ?";
  auto rows = commissions_where(c, sql, id);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::vector<Commission> ApplicationStore::commissions_for_topic(storage::Connection& c, Id topic_id) const {
  static std::string const sql = std::string("SELECT ") + kCommissionColumns + " WHERE topic_id = ? ORDER BY id";
  return commissions_where(c, sql, topic_id);
}

std::vector<Commission> ApplicationStore::commissions_of_expert(storage::Connection& c, Id expert_id) const {
  static std::string const sql = std::string("SELECT ") + kCommissionColumns + " WHERE expert_id = ? ORDER BY id DESC";
  return commissions_where(c, sql, expert_id);
}

std::vector<Commission> ApplicationStore::pending_commissions_before(storage::Connection& c,
                                                                     std::string const& before) const {
  static std::string const sql =
      std::string("SELECT ") + kCommissionColumns + " WHERE status = 'pending' AND created_at < ? ORDER BY id";
  return commissions_where(c, sql, before);
}

}  // namespace zhiku
