// Sign-in and what hangs off it: password sign-in with throttling, the TOTP second factor and its
// enrolment, sessions (create, authenticate, list, revoke, sign out), and turning a session or
// API token into the caller that the account gate admits (users/account_gate.hpp).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "storage/database.hpp"
#include "users/account_links.hpp"
#include "users/auth_config.hpp"
#include "users/login_throttle.hpp"
#include "users/password_hasher.hpp"
#include "users/session_store.hpp"
#include "users/user.hpp"
#include "users/user_store.hpp"

namespace zhiku {

struct LoginAttempt {
  std::string username;
  std::string password;
  std::string user_agent;
  std::optional<std::string> previous_token;  // the cookie the browser still sent; that session ends
};

struct SignedIn {
  User user;
  std::string token;  // for the cookie; only its hash is stored
  std::string csrf_token;
  bool second_factor_required = false;
  int max_age_seconds = 0;  // the session's absolute lifetime, for the cookie
};

struct TotpSetup {
  std::string secret;       // Base32
  std::string otpauth_uri;  // for the QR code
};

// How the session list shows a session: `current` marks the caller's own.
struct SessionView {
  Session session;
  bool current = false;
};

// The principal an account signs in as. Pure.
Principal principal_for(User const& u);
// The sign-in steps the account still owes (the second factor is the session's to know). Pure.
AccountState account_state_of(User const& u, bool second_factor_pending = false);

// A request's caller as their credential shows them.
struct Authenticated {
  Principal principal;
  AccountState state;
  std::string session_id;  // the session's public id; empty for an API token
  std::string csrf_token;  // the session's CSRF token; empty for an API token
  std::optional<TokenScope> token_scope;  // set for an API token
};

class AuthService {
 public:
  // `box` seals the TOTP keys stored in the database.
  AuthService(storage::Database& db, AuditLog const& audit, PasswordHasher& hasher, SecretBox const& box,
              Clock const& clock, AccountLinks const& links, AuthConfig config);

  // Seals every stored TOTP key with the box's current key: keys in the clear (from a version
  // before sealing) and keys sealed with an older key of the ring (after `zhiku key rotate`).
  // `unreadable` counts keys no key of the ring opens (logged; their owners need reset-2fa).
  struct Resealed {
    int resealed = 0;
    int unreadable = 0;
  };
  Resealed reseal_totp_keys();

  // Password sign-in. Answers every refusal the same way: Error{unauthenticated,
  // "用户名或密码错误"} for an unknown user, a wrong password and a disabled account alike, at
  // comparable cost. Error{too_many_requests} with retry_after_seconds while the account or
  // the client address is locked out (login_max_failures failures of the account, or
  // login_max_failures_per_address from the address, within the window; the lockout doubles with
  // each further failure). Error{unavailable} when the hashing queue is full.
  // With TOTP enabled the new session waits for the second factor (second_factor_required).
  // Audits "session.login" or "session.login_failed". `actor` is the anonymous caller (its
  // address is throttled). Worker threads only.
  SignedIn login(Actor const& actor, LoginAttempt const& attempt);

  // Completes the caller's session `session_id` (its public id; nullopt for an API token) that
  // waits for its second factor, with a TOTP code (not one used before) or an unused recovery
  // code. Throws Error{invalid_argument} naming `code` or `recovery_code` when it does not match
  // (counted like a failed sign-in), Error{too_many_requests} while locked out, Error{conflict}
  // when the session is not waiting. Returns the user.
  User verify_second_factor(Actor const& actor, std::optional<std::string> const& session_id,
                            std::optional<std::string> const& code, std::optional<std::string> const& recovery_code);

  // Ends the caller's session `session_id` (nothing to end for an API token: nullopt).
  void logout(Actor const& actor, std::optional<std::string> const& session_id);

  // The caller for a session cookie's token, or nullopt when there is no such live session
  // (unknown, idle too long, past its absolute expiry, or its user disabled). Records the use
  // at most once a minute without waiting. Thread-safe; one indexed read.
  std::optional<Authenticated> authenticate_session(std::string_view token) const;
  // The caller for a bearer token, or nullopt when unknown, revoked, expired or its user
  // disabled. Thread-safe; one indexed read.
  std::optional<Authenticated> authenticate_token(std::string_view token) const;

  // The caller's account. Throws Error{unauthenticated} when it no longer exists.
  User me(Actor const& actor) const;
  // The caller's sessions; `current_session` (nullopt for an API token) is marked current.
  std::vector<SessionView> sessions(Actor const& actor, std::optional<std::string> const& current_session) const;
  // Ends one of the caller's sessions. Throws Error{not_found} when the caller has none by that id.
  void revoke_session(Actor const& actor, std::string const& public_id);

  // Starts TOTP enrolment with a fresh secret (replacing an unfinished one). Throws
  // Error{conflict} when TOTP is already enabled.
  TotpSetup setup_totp(Actor const& actor);
  // Finishes enrolment when `code` matches the secret from setup_totp; returns ten one-time
  // recovery codes to show once. Throws Error{conflict} when not set up or already enabled,
  // Error{invalid_argument} on field code when it does not match.
  std::vector<std::string> enable_totp(Actor const& actor, std::string const& code);
  // Turns TOTP off after checking the password (Error{invalid_argument} on field password).
  // Throws Error{conflict} when the caller's roles require TOTP or it is not enabled.
  void disable_totp(Actor const& actor, std::string_view password);

  AuthConfig const& config() const { return config_; }

 private:
  // Audits a failed secret check (already counted by the throttle's reservation). The typed user
  // name is kept only when it names an account (`user_id`): people type passwords there too.
  void audit_failure(storage::Connection& c, std::optional<Id> user_id, std::string const& username,
                     Actor const& actor, std::string_view action, std::string_view reason) const;
  User with_links(storage::Connection& c, User u) const;
  // The account with its TOTP key opened (nullopt, logged, when it does not open: another key file).
  UserWithSecrets load_secrets(storage::Connection& c, Id user_id) const;
  std::string seal_totp_key(Id user_id, std::string const& key) const;

  storage::Database& db_;
  AuditLog const& audit_;
  PasswordHasher& hasher_;
  SecretBox const& box_;
  Clock const& clock_;
  AccountLinks const& links_;
  AuthConfig config_;
  UserStore users_;
  SessionStore sessions_;
  TokenStore tokens_;
  SignInThrottle throttle_;
};

}  // namespace zhiku
