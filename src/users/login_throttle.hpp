// Sign-in throttling: failures counted per key ("user:<name>", "addr:<ip>") in login_failures;
// after `max_failures` within the window the key is locked, and each further failure doubles the
// lockout. The rule is pure (next_failure); the class keeps the state in SQL.
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
};

struct FailureState {
  int count = 0;
  SysTime last_at{};
  std::optional<SysTime> locked_until;
};

// The state after one more failure at `now`. Failures older than the window are forgotten; from
// the `max_failures`-th failure on the key is locked for lockout_seconds × 2^(count − max), at
// most a day. Pure.
FailureState next_failure(std::optional<FailureState> const& prev, SysTime now, ThrottleRule const& rule);

// Whole seconds (rounded up) until `state` is unlocked at `now`; 0 when it is not locked. Pure.
int seconds_locked(FailureState const& state, SysTime now);

inline std::string user_throttle_key(std::string_view username) {
  std::string key = "user:";
  for (char ch : username) key += static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
  return key;
}
inline std::string address_throttle_key(std::string_view address) { return "addr:" + std::string(address); }

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

 private:
  std::optional<FailureState> load(storage::Connection& c, std::string const& key) const;
  ThrottleRule rule_;
};

}  // namespace zhiku
