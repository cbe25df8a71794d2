#include "core/principal.hpp"

namespace zhiku {

std::string_view to_string(Role r) {
  switch (r) {
    case Role::admin: return "admin";
    case Role::coordinator: return "coordinator";
    case Role::expert: return "expert";
    case Role::leader: return "leader";
  }
  return "unknown";
}

std::optional<Role> role_from_string(std::string_view s) {
  for (Role r : kAllRoles)
    if (to_string(r) == s) return r;
  return std::nullopt;
}

std::vector<std::string> RoleSet::names() const {
  std::vector<std::string> out;
  for (Role r : kAllRoles)
    if (has(r)) out.emplace_back(to_string(r));
  return out;
}

}  // namespace zhiku
