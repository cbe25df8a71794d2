// In-app notifications: what a transition tells the people it concerns.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/principal.hpp"
#include "storage/connection.hpp"

namespace zhiku {

struct Notification {
  Id id = 0;
  Id user_id = 0;
  std::string kind;   // "expert.approved", "expert.remind_confirm", …
  std::string title;  // shown in the UI (Chinese)
  std::string body;
  std::string link;  // UI path, e.g. "/me/profile"
  std::string created_at;
  std::optional<std::string> read_at;
};

class Notifier {
 public:
  // Queues a notification for `user_id` inside the caller's write transaction.
  // REQUIRES: `c` is the writer connection inside Database::write. Throws storage::Error.
  void notify(storage::Connection& c, Id user_id, std::string_view kind, std::string_view title, std::string_view body,
              std::string_view link) const;
  // Also notifies every active user holding `role` (e.g. coordinators about a new application).
  void notify_role(storage::Connection& c, Role role, std::string_view kind, std::string_view title,
                   std::string_view body, std::string_view link) const;
};

}  // namespace zhiku
