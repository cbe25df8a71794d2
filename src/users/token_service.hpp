// API tokens for scripts: a user creates one for themselves with a name, a scope (read only, or
// read and write) and an expiry, sees it once, lists and revokes them. A token carries its user's
// roles and needs no CSRF header; it never manages tokens, passwords, TOTP or sessions (the
// account gate's kSessionOnly), and the audit log names it beside its user.
#pragma once

#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "storage/database.hpp"
#include "users/session_store.hpp"
#include "users/user.hpp"

namespace zhiku {

inline constexpr int kMaxTokenDays = 366;
inline constexpr size_t kMaxTokenNameChars = 50;

struct CreatedToken {
  ApiToken token;
  std::string secret;  // "zk_…", shown once; only its SHA-256 is stored
};

class TokenService {
 public:
  TokenService(storage::Database& db, AuditLog const& audit, Clock const& clock);

  // The caller's tokens that are not revoked, newest first.
  std::vector<ApiToken> list(Actor const& actor) const;
  // Creates a token of `scope` valid for `expires_in_days` (1..kMaxTokenDays). Throws
  // Error{invalid_argument} naming `name` or `expires_in_days`.
  CreatedToken create(Actor const& actor, std::string const& name, int expires_in_days, TokenScope scope);
  // Revokes one of the caller's tokens. Throws Error{not_found} when the caller has no such live token.
  void revoke(Actor const& actor, Id id);

 private:
  storage::Database& db_;
  AuditLog const& audit_;
  Clock const& clock_;
  TokenStore store_;
};

}  // namespace zhiku
