// Account use cases: an admin creates, edits, disables users and resets their password or
// second factor; a user changes their own password; the CLI bootstraps accounts; the experts
// module creates expert accounts inside its own transactions; notifications ask who holds a
// role. Every change is one db.write with its audit row.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "storage/database.hpp"
#include "users/account_links.hpp"
#include "users/auth_config.hpp"
#include "users/login_throttle.hpp"
#include "users/password_hasher.hpp"
#include "users/session_store.hpp"
#include "users/user.hpp"
#include "users/user_store.hpp"

namespace zhiku {

struct CreatedUser {
  User user;
  std::string one_time_password;  // shown once to the admin; must be changed at first sign-in
};

struct UserList {
  std::vector<User> items;
  std::int64_t total = 0;
};

class UserService {
 public:
  // `auth` gives the sign-in throttle's rules, which also hold back checks of the current password.
  UserService(storage::Database& db, AuditLog const& audit, PasswordHasher& hasher, Clock const& clock,
              AccountLinks const& links, AuthConfig const& auth);

  // ---- administration (the routes allow admins only: roles are the route policy's to check)

  // Creates an account with a random one-time password and must_change_password set. Throws
  // Error{invalid_argument} naming the bad fields, Error{conflict} when the user name is taken.
  CreatedUser create(Actor const& actor, NewUser const& u);
  // Applies `patch` if the account is still at `expected_version`. Disabling revokes every
  // session and API token of the account. Throws Error{not_found}, Error{invalid_argument},
  // Error{conflict} when an admin would disable themselves or drop their own admin role,
  // Error{precondition_failed} when the version is stale.
  User update(Actor const& actor, Id id, std::int64_t expected_version, UserPatch const& patch);
  // Sets a new one-time password (must be changed at sign-in), ends the account's sessions,
  // revokes its API tokens and clears its sign-in lockout. Returns the password. Throws Error{not_found}.
  std::string reset_password(Actor const& actor, Id id);
  // Turns the account's TOTP off and forgets its secret and recovery codes (a lost phone), and
  // ends its sessions and revokes its API tokens; admins and leaders must enrol again at their next sign-in.
  // Throws Error{not_found}. The command line (`zhiku user reset-2fa`) acts as Actor::system.
  void reset_totp(Actor const& actor, Id id);

  // ---- one's own account

  // Changes the caller's password: `next` must pass why_weak and differ from `current` (else
  // Error{invalid_argument} on field new_password, answered before `current` is looked at, so
  // that no answer tells whether a guessed current password was right); `current` must match
  // (else field current_password; throttled and audited like a sign-in, Error{too_many_requests}
  // while locked). Clears must_change_password and ends the caller's sessions but
  // `keep_session` (the public id of the one in use), and with `revoke_tokens` every API token of
  // the account. Throws Error{unavailable} when the hashing queue is full.
  void change_own_password(Actor const& actor, std::optional<std::string> const& keep_session, std::string_view current,
                           std::string_view next, bool revoke_tokens = false);

  // ---- bootstrap (CLI, tests)

  // Checks the caller's current password `password` against `password_hash`, throttled like a
  // sign-in (Error{too_many_requests}); a mismatch is audited as "user.password_check_failed"
  // with `purpose` and answers Error{invalid_argument} on `field`. Worker threads only.
  void check_current_password(Actor const& actor, std::string const& username, std::string const& password_hash,
                              std::string_view password, std::string const& field, std::string_view purpose) const;

  // Creates an account with a chosen password (checked by why_weak: Error{invalid_argument} on
  // field password). The command line acts as Actor::system.
  User create_with_password(Actor const& actor, NewUser const& u, std::string_view password, bool must_change_password);
  // Sets the password of `username` (checked by why_weak) and ends its sessions.
  // Throws Error{not_found}, Error{invalid_argument}.
  void set_password(Actor const& actor, std::string const& username, std::string_view password,
                    bool must_change_password);

  // ---- for later modules, inside their own Database::write

  // Creates an account with a random one-time password (must_change_password set) and audits it
  // as "user.create", inside the caller's transaction. Returns the user and the password to show
  // once. Cheap enough for the writer thread: a random one-time password has ~96 bits of
  // entropy, so it is hashed at minimal argon2id cost and rehashed when the user replaces it.
  // REQUIRES: `c` is the writer connection inside Database::write. Throws like create().
  std::pair<User, std::string> create_in(storage::Connection& c, Actor const& actor, NewUser const& u) const;
  // The ids of the active accounts holding any of `roles` (Notifier's RoleMembers). Any connection.
  std::vector<Id> active_ids_with_roles(storage::Connection& c, RoleSet roles) const;
  // `base` reduced to a valid user name that is not taken, adding 2, 3, … when needed.
  std::string available_username(storage::Connection& c, std::string_view base) const;

  // ---- reads (any thread)

  // With their links filled in (AccountLinks).
  std::optional<User> find_by_id(Id id) const;
  std::optional<User> find_by_id(storage::Connection& c, Id id) const;
  std::optional<User> find_by_username(std::string const& username) const;
  UserList list(UserFilter const& filter) const;

 private:
  User load(storage::Connection& c, Id id) const;
  void end_sessions(storage::Connection& c, Id user_id, std::optional<std::string> const& keep_public_id) const;

  storage::Database& db_;
  AuditLog const& audit_;
  PasswordHasher& hasher_;
  Clock const& clock_;
  AccountLinks const& links_;
  SignInThrottle throttle_;
  UserStore store_;
  SessionStore sessions_;
  TokenStore tokens_;
};

// A random password that passes why_weak for `username`, and its hash at the minimal cost that
// suits a random secret (see UserService::create_in). Thread-safe.
std::pair<std::string, std::string> new_one_time_password(std::string_view username);

// The audit view of an account: every field of its JSON except timestamps and version.
Json audit_view(User const& u);

}  // namespace zhiku
