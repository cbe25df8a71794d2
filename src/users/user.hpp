// Accounts, sessions and API tokens as plain values; secrets live in their own structs so a User
// can travel anywhere (JSON, audit diffs, logs) without carrying one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/principal.hpp"

namespace zhiku {

enum class UserStatus { active, disabled };

std::string_view to_string(UserStatus s);
std::optional<UserStatus> user_status_from_string(std::string_view s);

// Admins and leaders must sign in with a second factor (ASVS level 2 for privileged accounts).
constexpr bool totp_required(RoleSet roles) { return roles.has(Role::admin) || roles.has(Role::leader); }

struct User {
  Id id = 0;
  std::string username;
  std::string display_name;
  std::string email;
  RoleSet roles;
  UserStatus status = UserStatus::active;
  bool must_change_password = false;
  bool totp_enabled = false;
  std::optional<Id> expert_id;  // the account's expert profile: the experts module's link (AccountLinks)
  std::string created_at;
  std::string updated_at;
  std::int64_t version = 1;  // counts changes to the fields an admin edits

  bool is_active() const { return status == UserStatus::active; }
  bool totp_required() const { return zhiku::totp_required(roles); }
};

// The steps of signing in an account still owes; until they are done the account may call only
// the routes exempt from them (users/account_gate.hpp).
struct AccountState {
  bool must_change_password = false;   // a one-time password is still in use
  bool second_factor_pending = false;  // signed in with the password, the TOTP code still to come
  bool must_enrol_totp = false;        // the roles require TOTP and it is not set up yet
};

// What sign-in needs beyond the User: never leaves the users module.
struct UserSecrets {
  std::string password_hash;
  std::optional<std::string> totp_secret;  // set at setup; in force once User::totp_enabled
  std::int64_t totp_last_step = 0;         // last accepted TOTP time step (replay protection)
};

// A new account as an admin (or the experts module, or the CLI) describes it.
struct NewUser {
  std::string username;
  std::string display_name;
  std::string email;
  RoleSet roles;
};

// An admin's edit: absent fields stay as they are.
struct UserPatch {
  std::optional<std::string> display_name;
  std::optional<std::string> email;
  std::optional<RoleSet> roles;
  std::optional<UserStatus> status;
};

struct UserFilter {
  std::optional<std::string> q;  // substring of username, display name or e-mail
  std::optional<Role> role;
  std::optional<UserStatus> status;
  int offset = 0;
  int limit = 20;
};

struct Session {
  std::string id;         // SHA-256 hex of the cookie token
  std::string public_id;  // how the API names the session
  Id user_id = 0;
  std::string csrf_token;
  std::string created_at;
  std::string last_seen_at;
  std::string expires_at;  // absolute limit
  std::string client_address;
  std::string user_agent;
  bool second_factor_pending = false;
};

// What an API token may do: read only, or read and write. No token manages tokens, passwords,
// TOTP or sessions (the account gate refuses those routes to tokens).
enum class TokenScope { read_only, read_write };
std::string_view to_string(TokenScope s);
std::optional<TokenScope> token_scope_from_string(std::string_view s);

struct ApiToken {
  Id id = 0;
  Id user_id = 0;
  std::string name;
  TokenScope scope = TokenScope::read_write;
  std::string created_at;
  std::string expires_at;
  std::optional<std::string> last_used_at;
  std::optional<std::string> revoked_at;
};

}  // namespace zhiku
