// Ids, roles and the signed-in user (Principal) as every module names them.
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
  static constexpr RoleSet from_bits(unsigned b) {
    RoleSet s;
    s.bits_ = b & 0xFu;
    return s;
  }
  std::vector<std::string> names() const;
  friend constexpr bool operator==(RoleSet, RoleSet) = default;

 private:
  static constexpr unsigned bit(Role r) { return 1u << static_cast<unsigned>(r); }
  unsigned bits_ = 0;
};

// A signed-in user as services see them: who, and which roles they hold. How they signed in
// (cookie or token, the sign-in steps still owed) is the users module's business, not core's.
struct Principal {
  Id user_id = 0;
  std::string username;
  std::string display_name;
  RoleSet roles;
  // The API token the caller acts through ("API 令牌 #3（备份脚本）"), or empty for a session: the
  // audit log names it beside the user.
  std::string via_token;

  bool is(Role r) const { return roles.has(r); }
  bool has_any(RoleSet s) const { return roles.intersects(s); }
  // "李专家（alice）", or the user name when there is no display name: how exports and messages
  // name a person.
  std::string label() const { return display_name.empty() ? username : display_name + "（" + username + "）"; }
};

}  // namespace zhiku
