// SQL of in-app notifications: insert one, list a user's own, mark them read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/principal.hpp"
#include "notifications/notifier.hpp"
#include "storage/connection.hpp"

namespace zhiku {

struct NotificationText {
  std::string_view kind, title, body, link;
};

struct NotificationPage {
  std::vector<Notification> items;  // newest first
  std::int64_t total = 0;           // rows matching the filter
  std::int64_t unread = 0;          // the user's unread notifications, whatever the filter
};

// Stateless; every method runs on the connection it is given (writes: the writer connection).
// Throws storage::Error.
class NotificationStore {
 public:
  Id insert(storage::Connection& c, Id user_id, NotificationText const& t, std::string const& created_at) const;
  // The user's notifications (only unread ones when `unread_only`), newest first.
  NotificationPage list(storage::Connection& c, Id user_id, bool unread_only, int offset, int limit) const;
  // The notification if it belongs to `user_id`.
  std::optional<Notification> find(storage::Connection& c, Id user_id, Id id) const;
  // Sets read_at where still unread. Returns whether a row changed.
  bool mark_read(storage::Connection& c, Id user_id, Id id, std::string const& at) const;
  // Sets read_at on all of the user's unread notifications. Returns how many.
  int mark_all_read(storage::Connection& c, Id user_id, std::string const& at) const;
};

}  // namespace zhiku
