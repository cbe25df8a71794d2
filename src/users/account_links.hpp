// What later modules link to an account and show with it (the `expert_id` of an account's JSON).
// The users module comes first in the domain order and reads no later module's tables: app points
// the link at the experts module's own query once both exist.
#pragma once

#include <functional>
#include <optional>
#include <utility>

#include "core/principal.hpp"
#include "storage/connection.hpp"
#include "users/user.hpp"

namespace zhiku {

class AccountLinks {
 public:
  // The expert profile linked to an account (experts.user_id), or nullopt.
  using ExpertOf = std::function<std::optional<Id>(storage::Connection&, Id user_id)>;

  // Set once while the App is wired, before any request. Not thread-safe against fill().
  void set_expert_of(ExpertOf expert_of) { expert_of_ = std::move(expert_of); }

  // Fills in what the links say of `u` (nothing until set). Thread-safe once set.
  void fill(storage::Connection& c, User& u) const {
    if (expert_of_) u.expert_id = expert_of_(c, u.id);
  }

 private:
  ExpertOf expert_of_;
};

}  // namespace zhiku
