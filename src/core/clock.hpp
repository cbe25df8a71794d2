// Time as the product sees it: UTC instants, their ISO 8601 text (the only time format in the
// database and the API), and the injectable Clock every service takes the time from.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace zhiku {

using SysTime = std::chrono::system_clock::time_point;

// "2026-11-29T02:45:11Z" (seconds precision). Thread-safe.
std::string to_iso(SysTime t);
// Years parse_iso accepts: system_clock counts nanoseconds in 64 bits, which end in 2262.
inline constexpr int kMinIsoYear = 1900;
inline constexpr int kMaxIsoYear = 2200;
// Accepts "YYYY-MM-DDTHH:MM:SSZ", with optional fractional seconds, and "YYYY-MM-DD"
// (midnight UTC), for years kMinIsoYear..kMaxIsoYear. Returns nullopt for anything else.
std::optional<SysTime> parse_iso(std::string_view s);
// True for a valid calendar date "YYYY-MM-DD".
bool is_iso_date(std::string_view s);

// The time services use for everything they record or compare (created_at, deadlines, session
// expiry, audit rows). It is the system clock unless a test or the demo seeder sets it: frozen
// at an instant (freeze_at), then moved by hand (advance), so that deadline edges, expiry and
// a simulated history are exact. The App owns one and hands it to every service; a test that
// restarts the App passes its own Clock to keep the time across the restart. Thread-safe.
class Clock {
 public:
  SysTime now() const;
  std::string now_iso() const { return to_iso(now()); }
  // Seconds since 1970 (TOTP time steps).
  std::int64_t unix_seconds() const;

  // From now on now() answers `t` until advanced or released.
  void freeze_at(SysTime t);
  // Moves the time forward (or back, for a negative `d`): a frozen clock stays frozen at the new
  // instant; a running one runs on from the shifted time.
  void advance(std::chrono::system_clock::duration d);
  // Back to the system clock.
  void use_system();
  bool is_frozen() const { return frozen_ns_.load() != kNotFrozen; }

 private:
  static constexpr std::int64_t kNotFrozen = INT64_MIN;
  std::atomic<std::int64_t> frozen_ns_{kNotFrozen};  // since the epoch, when frozen
  std::atomic<std::int64_t> offset_ns_{0};           // added to the system clock otherwise
};

}  // namespace zhiku
