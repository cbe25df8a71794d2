// Notifications written inside other modules' write transactions.
#include "notifications/notifier.hpp"

#include "core/clock.hpp"
#include "notifications/notification_store.hpp"

namespace zhiku {

void Notifier::notify(storage::Connection& c, Id user_id, std::string_view kind, std::string_view title,
                      std::string_view body, std::string_view link) const {
  NotificationStore().insert(c, user_id, {kind, title, body, link}, now_iso());
}

void Notifier::notify_role(storage::Connection& c, Role role, std::string_view kind, std::string_view title,
                           std::string_view body, std::string_view link) const {
  NotificationStore().insert_for_roles(c, RoleSet{role}, {kind, title, body, link}, now_iso());
}

}  // namespace zhiku
