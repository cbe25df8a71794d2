// Notifications written inside other modules' write transactions.
#include "notifications/notifier.hpp"

#include "notifications/notification_store.hpp"

namespace zhiku {

void Notifier::notify(storage::Connection& c, Id user_id, std::string_view kind, std::string_view title,
                      std::string_view body, std::string_view link) const {
  NotificationStore().insert(c, user_id, {kind, title, body, link}, clock_->now_iso());
  if (mail_) mail_(c, user_id, kind, title, body, link);
}

int Notifier::notify_roles(storage::Connection& c, RoleSet roles, std::string_view kind, std::string_view title,
                           std::string_view body, std::string_view link) const {
  std::string const now = clock_->now_iso();
  auto const recipients = role_members_(c, roles);
  NotificationStore store;
  for (Id user_id : recipients) {
    store.insert(c, user_id, {kind, title, body, link}, now);
    if (mail_) mail_(c, user_id, kind, title, body, link);
  }
  return static_cast<int>(recipients.size());
}

}  // namespace zhiku
