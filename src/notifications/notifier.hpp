// In-app notifications: what a transition tells the people it concerns.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
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

// The accounts that hold any of `roles` and should hear from the product (the users module owns
// the rule: active accounts only; app passes UserService::active_ids_with_roles).
using RoleMembers = std::function<std::vector<Id>(storage::Connection&, RoleSet roles)>;

// What else a notification becomes inside the same transaction: the mail module queues an
// e-mail where the user's address, their opt-outs and the configuration allow (app sets it).
using NotificationMail = std::function<void(storage::Connection&, Id user_id, std::string_view kind,
                                            std::string_view title, std::string_view body, std::string_view link)>;

class Notifier {
 public:
  Notifier(Clock const& clock, RoleMembers role_members) : clock_(&clock), role_members_(std::move(role_members)) {}

  // Sets the e-mail step of every notification (once, at start-up, before any notify).
  void set_mail(NotificationMail mail) { mail_ = std::move(mail); }

  // Queues a notification for `user_id` inside the caller's write transaction, and its e-mail
  // (set_mail) in the same transaction.
  // REQUIRES: `c` is the writer connection inside Database::write. Throws storage::Error.
  void notify(storage::Connection& c, Id user_id, std::string_view kind, std::string_view title, std::string_view body,
              std::string_view link) const;
  // Notifies every account the role_members query finds for `roles` (e.g. coordinators about a
  // new application). Returns how many.
  int notify_roles(storage::Connection& c, RoleSet roles, std::string_view kind, std::string_view title,
                   std::string_view body, std::string_view link) const;

 private:
  Clock const* clock_;
  RoleMembers role_members_;
  NotificationMail mail_;
};

}  // namespace zhiku
