#include "users/user.hpp"

namespace zhiku {

std::string_view to_string(UserStatus s) {
  switch (s) {
    case UserStatus::active:
      return "active";
    case UserStatus::disabled:
      return "disabled";
  }
  return "unknown";
}

std::optional<UserStatus> user_status_from_string(std::string_view s) {
  if (s == "active") return UserStatus::active;
  if (s == "disabled") return UserStatus::disabled;
  return std::nullopt;
}

std::string_view to_string(TokenScope s) { return s == TokenScope::read_only ? "read_only" : "read_write"; }

std::optional<TokenScope> token_scope_from_string(std::string_view s) {
  if (s == "read_only") return TokenScope::read_only;
  if (s == "read_write") return TokenScope::read_write;
  return std::nullopt;
}

}  // namespace zhiku
