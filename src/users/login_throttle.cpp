#include "users/login_throttle.hpp"

#include <algorithm>
#include <chrono>

namespace zhiku {

FailureState next_failure(std::optional<FailureState> const& prev, SysTime now, ThrottleRule const& rule) {
  FailureState s;
  bool fresh = !prev || now - prev->last_at > std::chrono::minutes(rule.window_minutes);
  s.count = fresh ? 1 : prev->count + 1;
  s.last_at = now;
  if (s.count >= rule.max_failures) {
    int doublings = std::min(s.count - rule.max_failures, 20);
    long long seconds =
        std::min<long long>(static_cast<long long>(rule.lockout_seconds) << doublings, rule.max_lockout_seconds);
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

void LoginThrottle::save(storage::Connection& c, std::string const& key, FailureState const& s) const {
  static constexpr char kSave[] =
      "INSERT INTO login_failures (key, count, last_at, locked_until) VALUES (?1, ?2, ?3, ?4) "
      "ON CONFLICT (key) DO UPDATE SET count = ?2, last_at = ?3, locked_until = ?4";
  std::optional<std::string> until;
  if (s.locked_until) until = to_iso(*s.locked_until);
  c.exec(kSave, key, s.count, to_iso(s.last_at), until);
}

int LoginThrottle::record_failure(storage::Connection& c, std::string const& key, SysTime now) const {
  auto next = next_failure(load(c, key), now, rule_);
  save(c, key, next);
  return seconds_locked(next, now);
}

int LoginThrottle::reserve(storage::Connection& c, std::string const& key, SysTime now,
                           std::optional<FailureState>& before) const {
  before = load(c, key);
  if (before)
    if (int seconds = seconds_locked(*before, now); seconds > 0) return seconds;
  save(c, key, next_failure(before, now, rule_));
  return 0;
}

void LoginThrottle::refund(storage::Connection& c, std::string const& key,
                           std::optional<FailureState> const& before) const {
  auto now_state = load(c, key);
  if (!now_state) return;
  bool untouched = before ? now_state->count == before->count + 1 : now_state->count == 1;
  if (untouched && !before) return clear(c, key);
  if (untouched) return save(c, key, *before);
  // Others failed since: keep their count and lock, less this attempt.
  now_state->count = std::max(0, now_state->count - 1);
  save(c, key, *now_state);
}

SignInRules sign_in_rules(int max_failures, int max_failures_per_address, int lockout_seconds, int window_minutes) {
  SignInRules r;
  r.pair = ThrottleRule{max_failures, lockout_seconds, window_minutes};
  r.account = ThrottleRule{max_failures * 4, lockout_seconds, window_minutes, kAccountMaxLockoutSeconds};
  r.address = ThrottleRule{max_failures_per_address, lockout_seconds, window_minutes};
  return r;
}

namespace {
std::string account_key(std::string_view username) { return "account:" + user_throttle_key(username).substr(5); }

bool is_usual_address(storage::Connection& c, std::string const& account, std::string_view address, SysTime now) {
  static constexpr char kSql[] =
      "SELECT 1 FROM login_usual_addresses WHERE account_key = ? AND address = ? AND last_success_at >= ?";
  return c.has_row(kSql, account, std::string(address), to_iso(now - std::chrono::hours(24 * kUsualAddressDays)));
}
}  // namespace

int SignInThrottle::reserve(storage::Connection& c, std::string_view username, std::string_view address, SysTime now,
                            Ticket& ticket) const {
  ticket.username = std::string(username);
  ticket.address = std::string(address);
  std::string const account = account_key(username);
  ticket.usual_address = is_usual_address(c, account, address, now);
  // Check every rule before counting under any, so a refused attempt leaves no trace.
  int wait = pair_.locked_for(c, pair_throttle_key(username, address), now);
  wait = std::max(wait, address_.locked_for(c, address_throttle_key(address), now));
  if (!ticket.usual_address) wait = std::max(wait, account_.locked_for(c, account, now));
  if (wait > 0) return wait;
  pair_.reserve(c, pair_throttle_key(username, address), now, ticket.pair_before);
  account_.reserve(c, account, now, ticket.account_before);
  address_.reserve(c, address_throttle_key(address), now, ticket.address_before);
  return 0;
}

void SignInThrottle::succeeded(storage::Connection& c, Ticket const& ticket, SysTime now) const {
  std::string const account = account_key(ticket.username);
  pair_.clear(c, pair_throttle_key(ticket.username, ticket.address));
  account_.clear(c, account);
  address_.refund(c, address_throttle_key(ticket.address), ticket.address_before);
  static constexpr char kUsual[] =
      "INSERT INTO login_usual_addresses (account_key, address, last_success_at) VALUES (?1, ?2, ?3) "
      "ON CONFLICT (account_key, address) DO UPDATE SET last_success_at = ?3";
  c.exec(kUsual, account, ticket.address, to_iso(now));
}

void SignInThrottle::cancel(storage::Connection& c, Ticket const& ticket) const {
  pair_.refund(c, pair_throttle_key(ticket.username, ticket.address), ticket.pair_before);
  account_.refund(c, account_key(ticket.username), ticket.account_before);
  address_.refund(c, address_throttle_key(ticket.address), ticket.address_before);
}

void SignInThrottle::clear_account(storage::Connection& c, std::string_view username) const {
  static constexpr char kClearPairs[] = "DELETE FROM login_failures WHERE key >= ? AND key < ?";
  std::string const prefix = pair_throttle_key(username, "");
  c.exec(kClearPairs, prefix, prefix.substr(0, prefix.size() - 1) + "}");
  account_.clear(c, account_key(username));
  account_.clear(c, user_throttle_key(username));
}

void LoginThrottle::clear(storage::Connection& c, std::string const& key) const {
  static constexpr char kClear[] = "DELETE FROM login_failures WHERE key = ?";
  c.exec(kClear, key);
}

}  // namespace zhiku
