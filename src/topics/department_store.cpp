// SQL of member departments and topic suggestions.
#include "topics/department_store.hpp"

#include "core/error.hpp"
#include "storage/error.hpp"

namespace zhiku {

namespace {

constexpr char kDepartmentColumns[] = "id, name, short_name, sort, active, version FROM member_departments";

MemberDepartment department_from_row(storage::Statement& s) {
  return {s.int64(0), s.text(1), s.text(2), s.int64(3), s.int64(4) != 0, s.int64(5)};
}

[[noreturn]] void rethrow_name_in_use(storage::Error const& e, std::string const& name) {
  if (e.is_unique_violation()) throw Error(Errc::conflict, "成员单位「" + name + "」已存在");
  throw e;
}

constexpr char kSuggestionColumns[] =
    "s.id, s.version, s.expert_id, s.title, s.description, s.status, s.reason, s.topic_id, t.code, s.decided_at, "
    "s.created_at FROM topic_suggestions s LEFT JOIN topics t ON t.id = s.topic_id";

TopicSuggestion suggestion_from_row(storage::Statement& s) {
  TopicSuggestion x;
  x.id = s.int64(0);
  x.version = s.int64(1);
  x.expert_id = s.int64(2);
  x.title = s.text(3);
  x.description = s.text(4);
  x.status = suggestion_status_from_string(s.text_view(5)).value_or(SuggestionStatus::pending);
  x.reason = s.opt_text(6);
  x.topic_id = s.opt_int64(7);
  x.topic_code = s.opt_text(8);
  x.decided_at = s.opt_text(9);
  x.created_at = s.text(10);
  return x;
}

}  // namespace

std::vector<MemberDepartment> DepartmentStore::list(storage::Connection& c, bool active_only) const {
  static std::string const sql =
      std::string("SELECT ") + kDepartmentColumns + " WHERE (? = 0 OR active = 1) ORDER BY active DESC, sort, id";
  std::vector<MemberDepartment> out;
  auto s = c.prepare(sql);
  bind_all(s, active_only);
  while (s.step()) out.push_back(department_from_row(s));
  return out;
}

std::optional<MemberDepartment> DepartmentStore::find(storage::Connection& c, Id id) const {
  static std::string const sql = std::string("SELECT ") + kDepartmentColumns + " WHERE id = ?";
  auto s = c.prepare(sql);
  bind_all(s, id);
  if (!s.step()) return std::nullopt;
  return department_from_row(s);
}

Id DepartmentStore::insert(storage::Connection& c, MemberDepartment const& d, std::string const& now) const {
  constexpr char kSql[] =
      "INSERT INTO member_departments (name, short_name, sort, active, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?)";
  try {
    c.exec(kSql, d.name, d.short_name, d.sort, d.active, now, now);
  } catch (storage::Error const& e) {
    rethrow_name_in_use(e, d.name);
  }
  return c.last_insert_id();
}

bool DepartmentStore::update(storage::Connection& c, MemberDepartment const& d, std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE member_departments SET name = ?, short_name = ?, sort = ?, active = ?, updated_at = ?, "
      "version = version + 1 WHERE id = ? AND version = ?";
  try {
    c.exec(kSql, d.name, d.short_name, d.sort, d.active, now, d.id, d.version);
  } catch (storage::Error const& e) {
    rethrow_name_in_use(e, d.name);
  }
  return c.changes() > 0;
}

Id SuggestionStore::insert(storage::Connection& c, Id expert_id, std::string const& title,
                           std::string const& description, std::string const& now) const {
  constexpr char kSql[] =
      "INSERT INTO topic_suggestions (expert_id, title, description, created_at) VALUES (?, ?, ?, ?)";
  c.exec(kSql, expert_id, title, description, now);
  return c.last_insert_id();
}

std::optional<TopicSuggestion> SuggestionStore::find(storage::Connection& c, Id id) const {
  static std::string const sql = std::string("SELECT ") + kSuggestionColumns + " WHERE s.id = ?";
  auto s = c.prepare(sql);
  bind_all(s, id);
  if (!s.step()) return std::nullopt;
  return suggestion_from_row(s);
}

std::vector<TopicSuggestion> SuggestionStore::list(storage::Connection& c, std::optional<SuggestionStatus> status,
                                                   std::optional<Id> expert_id) const {
  static std::string const sql = std::string("SELECT ") + kSuggestionColumns +
                                 " WHERE (?1 IS NULL OR s.status = ?1) AND (?2 IS NULL OR s.expert_id = ?2) "
                                 "ORDER BY s.id DESC";
  std::optional<std::string> status_text;
  if (status) status_text = std::string(to_string(*status));
  std::vector<TopicSuggestion> out;
  auto s = c.prepare(sql);
  bind_all(s, status_text, expert_id);
  while (s.step()) out.push_back(suggestion_from_row(s));
  return out;
}

bool SuggestionStore::decide(storage::Connection& c, Id id, std::int64_t version, SuggestionStatus status,
                             std::optional<std::string> const& reason, std::optional<Id> topic_id,
                             std::optional<Id> decided_by, std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE topic_suggestions SET status = ?, reason = ?, topic_id = ?, decided_by = ?, decided_at = ?, "
      "version = version + 1 WHERE id = ? AND version = ?";
  c.exec(kSql, to_string(status), reason, topic_id, decided_by, now, id, version);
  return c.changes() > 0;
}

}  // namespace zhiku
