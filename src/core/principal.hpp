// Who is calling: the signed-in user and their roles, as the HTTP layer hands it to services.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zhiku {

using Id = std::int64_t;

enum class Role : unsigned { admin = 0, coordinator = 1, expert = 2, leader = 3 };
inline constexpr Role kAllRoles[] = {Role::admin, Role::coordinator, Role::expert, Role::leader};

std::string_view to_string(Role r);
std::optional<Role> role_from_string(std::string_view s);

// A small set of roles as a bit mask.
class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) bits_ |= bit(r);
  }
  constexpr bool has(Role r) const { return (bits_ & bit(r)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr bool intersects(RoleSet o) const { return (bits_ & o.bits_) != 0; }
  constexpr void add(Role r) { bits_ |= bit(r); }
  constexpr unsigned bits() const { return bits_; }
  static constexpr RoleSet from_bits(unsigned b) { RoleSet s; s.bits_ = b & 0xFu; return s; }
  std::vector<std::string> names() const;
  friend constexpr bool operator==(RoleSet, RoleSet) = default;

 private:
  static constexpr unsigned bit(Role r) { return 1u << static_cast<unsigned>(r); }
  unsigned bits_ = 0;
};

struct Principal {
  Id user_id = 0;
  std::string username;
  std::string display_name;
  RoleSet roles;
  bool via_api_token = false;      // Bearer token: no CSRF, no cookie
  std::string session_id;          // sessions.session_id (hash prefix) when signed in by cookie
  std::string csrf_token;          // expected X-CSRF-Token for unsafe cookie requests
  bool must_change_password = false;
  bool needs_second_factor = false; // signed in with password, TOTP still pending
  bool must_enrol_totp = false;     // the roles require TOTP and it is not set up yet

  bool is(Role r) const { return roles.has(r); }
  bool is_staff() const { return roles.has(Role::coordinator) || roles.has(Role::admin); }
};

// Where a request came from, for audit rows and throttling.
struct RequestMeta {
  std::string request_id;
  std::string client_address;
};

}  // namespace zhiku
