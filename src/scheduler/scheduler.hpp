// Reminders kept in the database and fired when due, exactly once.
//
// Other modules register reminders inside their own write transactions:
//   scheduler.schedule(c, "notify", "topic.42.deadline.7d", due_at, payload);
//   scheduler.cancel(c, "topic.42.deadline.7d");
// and, once at start-up, the handler of their kind:
//   scheduler.on("topic.deadline", [](storage::Connection& c, Reminder const& r) { ... });
// Firing runs the handler on the writer connection in the same transaction that marks the
// reminder fired, so what the handler writes (a notification, its e-mail in the outbox) and the
// mark commit together: a crash before the commit leaves the reminder pending (it fires after
// the restart), a crash after it leaves it fired (it never fires again).
//
// The built-in kind "notify" needs no handler of the caller's: its payload
// {"user_id", "kind", "title", "body", "link"} (or "roles": [..] instead of user_id) becomes an
// in-app notification (and e-mail) through the Notifier the app gives it.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "scheduler/reminder.hpp"
#include "scheduler/reminder_store.hpp"
#include "storage/database.hpp"

namespace zhiku {

using ReminderHandler = std::function<void(storage::Connection&, Reminder const&)>;

class Scheduler {
 public:
  static constexpr int kMaxAttempts = 5;  // a handler that throws this often gives up: 'failed'

  Scheduler(storage::Database& db, Clock const& clock) : db_(&db), clock_(&clock) {}

  // Sets the handler of `kind` (replacing one set before). Call at start-up. Thread-safe.
  void on(std::string kind, ReminderHandler handler);

  // Registers the reminder `key` (idempotent per key): a new key is added pending; a key that
  // exists keeps its row: unchanged when kind, due_at and payload are the same (so a reminder
  // already fired is not fired again), otherwise re-armed as pending with the new values (a
  // moved deadline is reminded of anew). `due_at` is ISO 8601 UTC. Returns the reminder's id.
  // REQUIRES: `c` is the writer connection inside Database::write. Throws storage::Error.
  Id schedule(storage::Connection& c, std::string_view kind, std::string_view key, std::string const& due_at,
              Json const& payload = Json::object()) const;
  // Cancels the pending reminder `key`; returns whether there was one.
  bool cancel(storage::Connection& c, std::string_view key) const;

  // Fires every pending reminder due by the clock's now, each in its own write transaction.
  // Returns how many fired. Called by the app's timer; tests may call it too (a reminder is
  // claimed inside the transaction, so concurrent calls never fire one twice).
  int run_due();

  std::optional<Reminder> find(std::string_view key) const;
  std::vector<Reminder> list(std::optional<ReminderStatus> status, int offset, int limit) const;

 private:
  std::optional<ReminderHandler> handler_of(std::string const& kind) const;

  storage::Database* db_;
  Clock const* clock_;
  ReminderStore store_;
  mutable std::mutex mutex_;
  std::map<std::string, ReminderHandler, std::less<>> handlers_;
};

}  // namespace zhiku
