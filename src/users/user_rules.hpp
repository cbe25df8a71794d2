// Pure rules of accounts: what a valid user name, e-mail, display name and role list are, and
// which edits an admin may not make to their own account.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/denial.hpp"
#include "core/error.hpp"
#include "users/user.hpp"

namespace zhiku {

inline constexpr size_t kMinUsernameChars = 3;
inline constexpr size_t kMaxUsernameChars = 32;
inline constexpr size_t kMaxDisplayNameChars = 50;
inline constexpr size_t kMaxEmailChars = 254;

// 3..32 characters of [A-Za-z0-9_.-]. Pure.
bool is_valid_username(std::string_view s);
// A plausible address: one '@', a non-empty local part, a dotted domain, no spaces, at most
// kMaxEmailChars. The empty string (no address) is valid. Pure.
bool is_valid_email(std::string_view s);
// Role names ("admin", …) to a RoleSet; the names of unknown ones go to `unknown`. Pure.
RoleSet parse_roles(std::vector<std::string> const& names, std::vector<std::string>* unknown);

// Every problem with `u`, naming the API field. Pure.
std::vector<FieldError> validate_new_user(NewUser const& u);
// Every problem with the fields `p` sets. Pure.
std::vector<FieldError> validate_patch(UserPatch const& p);

// Why `actor` may not apply `p` to `target`, or nullopt. An admin may not disable their own
// account or remove their own admin role (the system could lose its last admin). Pure.
std::optional<Denial> why_not_edit(Principal const& actor, User const& target, UserPatch const& p);

}  // namespace zhiku
