// SQL of reminders: upsert by key, cancel, the due ones, and their outcome.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scheduler/reminder.hpp"
#include "storage/connection.hpp"

namespace zhiku {

// Stateless; every method runs on the connection it is given. Throws storage::Error.
class ReminderStore {
 public:
  std::optional<Reminder> find_by_key(storage::Connection& c, std::string_view key) const;
  Id insert(storage::Connection& c, Reminder const& r) const;
  // Sets kind, due_at, payload and status 'pending' (attempts 0) on the reminder `id`.
  void rearm(storage::Connection& c, Id id, Reminder const& r, std::string const& now) const;
  // Pending → cancelled. Returns whether a row changed.
  bool cancel(storage::Connection& c, std::string_view key, std::string const& now) const;
  // Pending reminders due at or before `now`, oldest due first, at most `limit`.
  std::vector<Reminder> due(storage::Connection& c, std::string const& now, int limit) const;
  // Pending → fired, only if still pending and due (the claim that makes firing happen once).
  bool mark_fired(storage::Connection& c, Id id, std::string const& now) const;
  // A handler failed: attempts + 1 and the error; 'failed' once attempts reach `max_attempts`.
  void mark_error(storage::Connection& c, Id id, std::string_view error, int max_attempts, std::string const& now) const;
  std::vector<Reminder> list(storage::Connection& c, std::optional<ReminderStatus> status, int offset, int limit) const;
};

}  // namespace zhiku
