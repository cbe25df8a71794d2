#include "app/services.hpp"

namespace zhiku {

Services::Services(storage::Database& db, AppConfig const& config, Clock& clock)
    : db(db), config(config), clock(clock) {
  account_links.set_expert_of(
      [this](storage::Connection& c, Id user_id) { return experts.expert_of_user(c, user_id); });
  notifier.set_mail([this](storage::Connection& c, Id user_id, std::string_view kind, std::string_view title,
                           std::string_view body, std::string_view link) {
    mail.enqueue(c, user_id, kind, title, body, link);
  });
  // "notify": payload {kind, title, body?, link?} and user_id, or roles (names, e.g. ["coordinator"]).
  scheduler.on("notify", [this](storage::Connection& c, Reminder const& r) {
    auto const& p = r.payload;
    std::string const kind = p.value("kind", r.kind);
    std::string const title = p.value("title", std::string());
    std::string const body = p.value("body", std::string());
    std::string const link = p.value("link", std::string());
    if (p.contains("user_id")) notifier.notify(c, p.at("user_id").get<Id>(), kind, title, body, link);
    if (p.contains("roles")) {
      RoleSet roles;
      for (auto const& name : p.at("roles"))
        if (auto role = role_from_string(name.get<std::string>())) roles.add(*role);
      notifier.notify_roles(c, roles, kind, title, body, link);
    }
  });
}

}  // namespace zhiku
