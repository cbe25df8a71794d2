#include "users/login_throttle.hpp"

#include <algorithm>
#include <chrono>

namespace zhiku {

namespace {
constexpr int kMaxLockoutSeconds = 24 * 60 * 60;
}

FailureState next_failure(std::optional<FailureState> const& prev, SysTime now, ThrottleRule const& rule) {
  FailureState s;
  bool fresh = !prev || now - prev->last_at > std::chrono::minutes(rule.window_minutes);
  s.count = fresh ? 1 : prev->count + 1;
  s.last_at = now;
  if (s.count >= rule.max_failures) {
    int doublings = std::min(s.count - rule.max_failures, 20);
    long long seconds =
        std::min<long long>(static_cast<long long>(rule.lockout_seconds) << doublings, kMaxLockoutSeconds);
    s.locked_until = now + std::chrono::seconds(seconds);
  }
  return s;
}

int seconds_locked(FailureState const& state, SysTime now) {
  if (!state.locked_until || *state.locked_until <= now) return 0;
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*state.locked_until - now).count();
  return static_cast<int>((left + 999) / 1000);
}

std::optional<FailureState> LoginThrottle::load(storage::Connection& c, std::string const& key) const {
  static constexpr char kLoad[] = "SELECT count, last_at, locked_until FROM login_failures WHERE key = ?";
  auto s = c.prepare(kLoad);
  bind_all(s, key);
  if (!s.step()) return std::nullopt;
  FailureState state;
  state.count = s.int32(0);
  state.last_at = parse_iso(s.text_view(1)).value_or(SysTime{});
  if (auto until = s.opt_text(2)) state.locked_until = parse_iso(*until);
  return state;
}

int LoginThrottle::locked_for(storage::Connection& c, std::string const& key, SysTime now) const {
  auto state = load(c, key);
  return state ? seconds_locked(*state, now) : 0;
}

int LoginThrottle::record_failure(storage::Connection& c, std::string const& key, SysTime now) const {
  static constexpr char kSave[] =
      "INSERT INTO login_failures (key, count, last_at, locked_until) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (key) DO UPDATE SET count = ?2, last_at = ?3, locked_until = ?4";
  auto next = next_failure(load(c, key), now, rule_);
  std::optional<std::string> until;
  if (next.locked_until) until = to_iso(*next.locked_until);
  c.exec(kSave, key, next.count, to_iso(next.last_at), until);
  return seconds_locked(next, now);
}

void LoginThrottle::clear(storage::Connection& c, std::string const& key) const {
  static constexpr char kClear[] = "DELETE FROM login_failures WHERE key = ?";
  c.exec(kClear, key);
}

}  // namespace zhiku
