// Sign-in throttling: failures counted per key in login_failures; after `max_failures` within the
// window the key is locked, and each further failure doubles the lockout. The rule is pure
// (next_failure); LoginThrottle keeps one key's state in SQL; SignInThrottle combines the keys of
// one secret check (an account from an address, the account, the address) and reserves each
// attempt before the slow part of the check, so parallel guesses cannot pass the limit.
#pragma once

#include <optional>
#include <string>

#include "core/clock.hpp"
#include "storage/connection.hpp"

namespace zhiku {

struct ThrottleRule {
  int max_failures = 5;
  int lockout_seconds = 30;
  int window_minutes = 15;
  int max_lockout_seconds = 24 * 60 * 60;  // the doubling stops here
};

struct FailureState {
  int count = 0;
  SysTime last_at{};
  std::optional<SysTime> locked_until;
};

// The state after one more failure at `now`. Failures older than the window are forgotten; from
// the `max_failures`-th failure on the key is locked for lockout_seconds × 2^(count − max), at
// most max_lockout_seconds. Pure.
FailureState next_failure(std::optional<FailureState> const& prev, SysTime now, ThrottleRule const& rule);

// Whole seconds (rounded up) until `state` is unlocked at `now`; 0 when it is not locked. Pure.
int seconds_locked(FailureState const& state, SysTime now);

inline std::string user_throttle_key(std::string_view username) {
  std::string key = "user:";
  for (char ch : username) key += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  return key;
}
inline std::string address_throttle_key(std::string_view address) { return "addr:" + std::string(address); }
// One account from one address: the first limit a guesser meets.
inline std::string pair_throttle_key(std::string_view username, std::string_view address) {
  return "pair:" + user_throttle_key(username).substr(5) + "|" + std::string(address);
}

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottleRule rule) : rule_(rule) {}

  // Seconds until `key` may try again; 0 when it may now. Throws storage::Error.
  int locked_for(storage::Connection& c, std::string const& key, SysTime now) const;
  // Counts a failure; returns the seconds `key` is now locked for (0 when not locked).
  // REQUIRES: `c` is the writer connection.
  int record_failure(storage::Connection& c, std::string const& key, SysTime now) const;
  // Forgets the key's failures (a successful sign-in, an admin's password reset).
  void clear(storage::Connection& c, std::string const& key) const;

  // Counts one attempt as a failure before its outcome is known, unless `key` is locked now.
  // Returns the seconds it is locked for (nothing recorded), or 0 with the state before the
  // attempt in `before` (for refund). REQUIRES: `c` is the writer connection, so that the check
  // and the count are one step.
  int reserve(storage::Connection& c, std::string const& key, SysTime now, std::optional<FailureState>& before) const;
  // Gives back a reserved attempt that succeeded: the key returns to `before` when nothing else
  // counted since, else loses one count. REQUIRES: the writer connection.
  void refund(storage::Connection& c, std::string const& key, std::optional<FailureState> const& before) const;

  std::optional<FailureState> load(storage::Connection& c, std::string const& key) const;

 private:
  void save(storage::Connection& c, std::string const& key, FailureState const& s) const;
  ThrottleRule rule_;
};

// The rules of one secret check (a password, a TOTP code, a recovery code), from [auth]:
// - pair: one account from one address (login_max_failures, then the doubling lockout);
// - account: the account from anywhere, at four times that limit, and its lockout capped at
//   kAccountMaxLockoutSeconds, so that guessers elsewhere slow the account down but cannot shut
//   it for a day; it does not apply at all from an address the account signed in from within
//   kUsualAddressDays (the owner's office is held back by the pair rule alone);
// - address: every account from one address (login_max_failures_per_address).
struct SignInRules {
  ThrottleRule pair;
  ThrottleRule account;
  ThrottleRule address;
};
inline constexpr int kAccountMaxLockoutSeconds = 5 * 60;
inline constexpr int kUsualAddressDays = 90;
SignInRules sign_in_rules(int max_failures, int max_failures_per_address, int lockout_seconds, int window_minutes);

class SignInThrottle {
 public:
  explicit SignInThrottle(SignInRules rules) : pair_(rules.pair), account_(rules.account), address_(rules.address) {}

  // One reserved attempt of `username` from `address`.
  struct Ticket {
    std::string username;
    std::string address;
    bool usual_address = false;
    std::optional<FailureState> pair_before, account_before, address_before;
  };

  // Seconds to wait when a rule locks this attempt (nothing recorded); else 0, and the attempt
  // is counted as a failure in advance under `ticket`. REQUIRES: the writer connection.
  int reserve(storage::Connection& c, std::string_view username, std::string_view address, SysTime now,
              Ticket& ticket) const;
  // The reserved attempt was right: the pair and the account forget their failures, the address
  // gets its attempt back, and the address becomes a usual one of the account.
  void succeeded(storage::Connection& c, Ticket const& ticket, SysTime now) const;
  // The reserved attempt was never checked (the hashing queue was full): every rule gets it back.
  void cancel(storage::Connection& c, Ticket const& ticket) const;
  // Forgets the account's failures from everywhere (an admin's reset).
  void clear_account(storage::Connection& c, std::string_view username) const;

 private:
  LoginThrottle pair_, account_, address_;
};

}  // namespace zhiku
