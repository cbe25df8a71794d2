#include "core/clock.hpp"

#include <cstdio>
#include <ctime>

namespace zhiku {

std::string to_iso(SysTime t) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {
using Ns = std::chrono::nanoseconds;
std::int64_t ns_of(SysTime t) { return std::chrono::duration_cast<Ns>(t.time_since_epoch()).count(); }
SysTime from_ns(std::int64_t ns) { return SysTime{std::chrono::duration_cast<SysTime::duration>(Ns{ns})}; }
}  // namespace

SysTime Clock::now() const {
  std::int64_t frozen = frozen_ns_.load();
  if (frozen != kNotFrozen) return from_ns(frozen);
  return std::chrono::system_clock::now() + std::chrono::duration_cast<SysTime::duration>(Ns{offset_ns_.load()});
}

std::int64_t Clock::unix_seconds() const {
  return std::chrono::duration_cast<std::chrono::seconds>(now().time_since_epoch()).count();
}

void Clock::freeze_at(SysTime t) { frozen_ns_.store(ns_of(t)); }

void Clock::advance(std::chrono::system_clock::duration d) {
  auto delta = std::chrono::duration_cast<Ns>(d).count();
  std::int64_t frozen = frozen_ns_.load();
  if (frozen != kNotFrozen) {
    frozen_ns_.store(frozen + delta);
  } else {
    offset_ns_.fetch_add(delta);
  }
}

void Clock::use_system() {
  frozen_ns_.store(kNotFrozen);
  offset_ns_.store(0);
}

namespace {
bool digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}
bool valid_ymd(int y, int m, int d) {
  using namespace std::chrono;
  return year_month_day{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}}.ok();
}
}  // namespace

bool is_iso_date(std::string_view s) {
  int y = 0, m = 0, d = 0;
  return s.size() == 10 && digits(s, 0, 4, y) && s[4] == '-' && digits(s, 5, 2, m) && s[7] == '-' &&
         digits(s, 8, 2, d) && valid_ymd(y, m, d);
}

std::optional<SysTime> parse_iso(std::string_view s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
  if (s.size() < 10 || !is_iso_date(s.substr(0, 10))) return std::nullopt;
  digits(s, 0, 4, y);
  if (y < kMinIsoYear || y > kMaxIsoYear) return std::nullopt;  // beyond, system_clock overflows
  digits(s, 5, 2, mo);
  digits(s, 8, 2, d);
  if (s.size() > 10) {
    if (s.size() < 20 || (s[10] != 'T' && s[10] != ' ') || !digits(s, 11, 2, h) || s[13] != ':' ||
        !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, se))
      return std::nullopt;
    size_t pos = 19;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
    }
    if (pos + 1 != s.size() || s[pos] != 'Z') return std::nullopt;
    if (h > 23 || mi > 59 || se > 60) return std::nullopt;
  }
  using namespace std::chrono;
  sys_days days{year{y} / month{static_cast<unsigned>(mo)} / day{static_cast<unsigned>(d)}};
  return SysTime{days} + hours{h} + minutes{mi} + seconds{se};
}

}  // namespace zhiku
