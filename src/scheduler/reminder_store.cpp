#include "scheduler/reminder_store.hpp"

#include <array>

namespace zhiku {

namespace {

constexpr std::array<std::string_view, 4> kStatusNames = {"pending", "fired", "cancelled", "failed"};

constexpr char kColumns[] =
    "id, kind, key, due_at, payload, status, attempts, last_error, created_at, updated_at, fired_at";

Reminder read_row(storage::Statement const& s) {
  Reminder r;
  r.id = s.int64(0);
  r.kind = s.text(1);
  r.key = s.text(2);
  r.due_at = s.text(3);
  r.payload = Json::parse(s.text(4), nullptr, false);
  if (r.payload.is_discarded()) r.payload = Json::object();
  r.status = reminder_status_from(s.text(5)).value_or(ReminderStatus::failed);
  r.attempts = static_cast<int>(s.int64(6));
  r.last_error = s.text(7);
  r.created_at = s.text(8);
  r.updated_at = s.text(9);
  r.fired_at = s.opt_text(10);
  return r;
}

std::string select(std::string_view tail) { return std::string("SELECT ") + kColumns + " FROM reminders " + std::string(tail); }

}  // namespace

std::string_view to_string(ReminderStatus s) { return kStatusNames[static_cast<std::size_t>(s)]; }

std::optional<ReminderStatus> reminder_status_from(std::string_view s) {
  for (std::size_t i = 0; i < kStatusNames.size(); ++i)
    if (kStatusNames[i] == s) return static_cast<ReminderStatus>(i);
  return std::nullopt;
}

std::optional<Reminder> ReminderStore::find_by_key(storage::Connection& c, std::string_view key) const {
  static std::string const sql = select("WHERE key = ?");
  return c.query_one(sql, read_row, key);
}

Id ReminderStore::insert(storage::Connection& c, Reminder const& r) const {
  constexpr char kSql[] =
      "INSERT INTO reminders (kind, key, due_at, payload, status, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, 'pending', ?, ?)";
  c.exec(kSql, r.kind, r.key, r.due_at, r.payload.dump(), r.created_at, r.created_at);
  return c.last_insert_id();
}

void ReminderStore::rearm(storage::Connection& c, Id id, Reminder const& r, std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE reminders SET kind = ?, due_at = ?, payload = ?, status = 'pending', attempts = 0, last_error = '', "
      "fired_at = NULL, updated_at = ? WHERE id = ?";
  c.exec(kSql, r.kind, r.due_at, r.payload.dump(), now, id);
}

bool ReminderStore::cancel(storage::Connection& c, std::string_view key, std::string const& now) const {
  constexpr char kSql[] = "UPDATE reminders SET status = 'cancelled', updated_at = ? WHERE key = ? AND status = 'pending'";
  c.exec(kSql, now, key);
  return c.changes() > 0;
}

std::vector<Reminder> ReminderStore::due(storage::Connection& c, std::string const& now, int limit) const {
  static std::string const sql = select("WHERE status = 'pending' AND due_at <= ? ORDER BY due_at, id LIMIT ?");
  return c.query_all(sql, read_row, now, limit);
}

bool ReminderStore::mark_fired(storage::Connection& c, Id id, std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE reminders SET status = 'fired', fired_at = ?, updated_at = ? "
      "WHERE id = ? AND status = 'pending' AND due_at <= ?";
  c.exec(kSql, now, now, id, now);
  return c.changes() > 0;
}

void ReminderStore::mark_error(storage::Connection& c, Id id, std::string_view error, int max_attempts,
                               std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE reminders SET attempts = attempts + 1, last_error = ?, updated_at = ?, "
      "status = CASE WHEN attempts + 1 >= ? THEN 'failed' ELSE status END WHERE id = ? AND status = 'pending'";
  c.exec(kSql, error, now, max_attempts, id);
}

std::vector<Reminder> ReminderStore::list(storage::Connection& c, std::optional<ReminderStatus> status, int offset,
                                          int limit) const {
  static std::string const sql = select("WHERE (?1 IS NULL OR status = ?1) ORDER BY due_at DESC, id DESC LIMIT ?2 OFFSET ?3");
  std::optional<std::string> s;
  if (status) s = std::string(to_string(*status));
  return c.query_all(sql, read_row, s, limit, offset);
}

}  // namespace zhiku
