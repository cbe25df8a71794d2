// SQL for users and their TOTP recovery codes: rows ↔ structs, constraint violations → Error.
// Every function runs on the connection it is given (a read lease, or the writer inside
// Database::write); none checks permissions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "storage/connection.hpp"
#include "users/user.hpp"

namespace zhiku {

// The users columns that user_from_row reads, prefixed by a table alias ("" or "u."), for every
// query that builds a User, including the joins of the session and token stores.
// clang-format off
#define ZHIKU_USER_COLUMNS(t)                                                                          \
  t "id, " t "username, " t "display_name, " t "email, " t "roles, " t "status, "                      \
  t "must_change_password, " t "totp_enabled, " t "created_at, " t "updated_at, " t "version"
// clang-format on
inline constexpr int kUserColumnCount = 11;

// The User in the ZHIKU_USER_COLUMNS starting at column `first` of the current row.
User user_from_row(storage::Statement const& s, int first = 0);

struct UserWithSecrets {
  User user;
  UserSecrets secrets;
};

class UserStore {
 public:
  // Inserts the account and returns it. Throws Error{conflict, field username} when the name is
  // taken (case-insensitively), storage::Error otherwise.
  User insert(storage::Connection& c, NewUser const& u, std::string const& password_hash, bool must_change_password,
              std::string const& now) const;

  std::optional<User> find_by_id(storage::Connection& c, Id id) const;
  // Case-insensitive.
  std::optional<User> find_by_username(storage::Connection& c, std::string const& username) const;
  // The account and its secrets, for sign-in and second-factor checks.
  std::optional<UserWithSecrets> find_with_secrets(storage::Connection& c, std::string const& username) const;
  std::optional<UserWithSecrets> find_with_secrets(storage::Connection& c, Id id) const;

  // Matching users ordered by username, and how many match in all.
  std::pair<std::vector<User>, std::int64_t> list(storage::Connection& c, UserFilter const& f) const;

  // Writes display name, e-mail, roles and status of `u` if the row is still at
  // `expected_version`, and bumps the version. False when the version is stale (or no such row).
  bool update(storage::Connection& c, User const& u, std::int64_t expected_version, std::string const& now) const;
  // Sets the hash and the must-change flag (not a versioned edit).
  void set_password(storage::Connection& c, Id id, std::string const& hash, bool must_change_password,
                    std::string const& now) const;
  // Replaces the hash only if it is still `old_hash` (a rehash at sign-in must not undo a password
  // change that happened meanwhile).
  void upgrade_hash(storage::Connection& c, Id id, std::string const& old_hash, std::string const& new_hash) const;
  // Stores a secret for enrolment (not yet enabled), or clears it with enabled = false.
  void set_totp(storage::Connection& c, Id id, std::optional<std::string> const& secret, bool enabled,
                std::string const& now) const;
  // Every stored TOTP key (sealed or, from before sealing, in the clear) with its account; and
  // replacing one.
  std::vector<std::pair<Id, std::string>> totp_keys(storage::Connection& c) const;
  void replace_totp_key(storage::Connection& c, Id id, std::string const& key) const;
  // Records `step` as the last TOTP step used if it is newer than the stored one. False when it
  // is not (the code was replayed, perhaps by a concurrent request).
  bool use_totp_step(storage::Connection& c, Id id, std::int64_t step) const;
  // The ids of active accounts holding any of `roles`, ascending (who hears what a role hears).
  std::vector<Id> active_ids_with_roles(storage::Connection& c, RoleSet roles) const;
  // Whether a user name is free (case-insensitive).
  bool username_taken(storage::Connection& c, std::string const& username) const;

  // Replaces the user's recovery codes with `code_hashes`.
  void replace_recovery_codes(storage::Connection& c, Id user_id, std::vector<std::string> const& code_hashes) const;
  // Marks an unused code as used. False when there is no such unused code.
  bool use_recovery_code(storage::Connection& c, Id user_id, std::string const& code_hash,
                         std::string const& now) const;
};

}  // namespace zhiku
