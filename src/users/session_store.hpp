// SQL for sign-in sessions and API tokens: rows ↔ structs. Lookups by credential join the user,
// so authenticating a request is one indexed read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "storage/connection.hpp"
#include "users/user.hpp"

namespace zhiku {

struct SessionWithUser {
  Session session;
  User user;
};

struct TokenWithUser {
  ApiToken token;
  User user;
};

class SessionStore {
 public:
  void insert(storage::Connection& c, Session const& s) const;
  // The session whose id (token hash) is `id`, with its user.
  std::optional<SessionWithUser> find(storage::Connection& c, std::string const& id) const;
  // The user's session named `public_id`, or nullopt.
  std::optional<Session> find_public(storage::Connection& c, Id user_id, std::string const& public_id) const;
  // The user's sessions, newest first.
  std::vector<Session> list_for_user(storage::Connection& c, Id user_id) const;
  void touch(storage::Connection& c, std::string const& id, std::string const& now) const;
  // Ends the second-factor wait of the user's session `public_id` and sets its absolute expiry.
  // False when there is no such waiting session.
  bool complete_second_factor(storage::Connection& c, Id user_id, std::string const& public_id,
                              std::string const& expires_at) const;
  // Removes one session; false when there was none.
  bool remove(storage::Connection& c, std::string const& id) const;
  // Removes the user's session named `public_id`; false when the user has no such session.
  bool remove_public(storage::Connection& c, Id user_id, std::string const& public_id) const;
  // Removes every session of the user except the one named `keep_public_id`. Returns how many.
  int remove_for_user(storage::Connection& c, Id user_id, std::optional<std::string> const& keep_public_id = {}) const;
  // Housekeeping: removes sessions past their absolute expiry or idle since before `idle_cutoff`.
  int remove_expired(storage::Connection& c, std::string const& now, std::string const& idle_cutoff) const;
};

class TokenStore {
 public:
  // Inserts and returns the id.
  Id insert(storage::Connection& c, ApiToken const& t, std::string const& token_hash) const;
  std::optional<TokenWithUser> find_by_hash(storage::Connection& c, std::string const& token_hash) const;
  // The user's tokens that are not revoked, newest first.
  std::vector<ApiToken> list_for_user(storage::Connection& c, Id user_id) const;
  std::optional<ApiToken> find(storage::Connection& c, Id user_id, Id id) const;
  void touch(storage::Connection& c, Id id, std::string const& now) const;
  // Revokes one of the user's tokens; false when the user has no such live token.
  bool revoke(storage::Connection& c, Id user_id, Id id, std::string const& now) const;
  // Revokes all of the user's live tokens. Returns how many.
  int revoke_for_user(storage::Connection& c, Id user_id, std::string const& now) const;
};

}  // namespace zhiku
