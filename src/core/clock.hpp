// UTC time as ISO 8601 text (the only time format in the database and the API).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace zhiku {

using SysTime = std::chrono::system_clock::time_point;

// "2026-11-29T02:45:11Z" (seconds precision). Thread-safe.
std::string to_iso(SysTime t);
inline std::string now_iso() { return to_iso(std::chrono::system_clock::now()); }
// Years parse_iso accepts: system_clock counts nanoseconds in 64 bits, which end in 2262.
inline constexpr int kMinIsoYear = 1900;
inline constexpr int kMaxIsoYear = 2200;
// Accepts "YYYY-MM-DDTHH:MM:SSZ", with optional fractional seconds, and "YYYY-MM-DD"
// (midnight UTC), for years kMinIsoYear..kMaxIsoYear. Returns nullopt for anything else.
std::optional<SysTime> parse_iso(std::string_view s);
// True for a valid calendar date "YYYY-MM-DD".
bool is_iso_date(std::string_view s);

}  // namespace zhiku
