#include "app/services.hpp"

namespace zhiku {

Services::Services(storage::Database& db, AppConfig const& config, Clock& clock)
    : db(db), config(config), clock(clock) {
  account_links.set_expert_of(
      [this](storage::Connection& c, Id user_id) { return experts.expert_of_user(c, user_id); });
}

}  // namespace zhiku
