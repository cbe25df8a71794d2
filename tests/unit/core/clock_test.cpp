#include "core/clock.hpp"

#include <chrono>

#include <catch2/catch.hpp>

using namespace zhiku;
using namespace std::chrono_literals;

TEST_CASE("a clock runs with the system until frozen, then moves only when advanced", "[core][clock]") {
  Clock clock;
  auto before = std::chrono::system_clock::now();
  auto t = clock.now();
  CHECK(t >= before);
  CHECK(t <= std::chrono::system_clock::now());
  CHECK_FALSE(clock.is_frozen());

  auto then = *parse_iso("2024-02-28T23:59:30Z");
  clock.freeze_at(then);
  CHECK(clock.is_frozen());
  CHECK(clock.now() == then);
  CHECK(clock.now_iso() == "2024-02-28T23:59:30Z");
  CHECK(clock.unix_seconds() == 1709164770);
  clock.advance(45s);
  CHECK(clock.now_iso() == "2024-02-29T00:00:15Z");
  clock.advance(-15s);
  CHECK(clock.now_iso() == "2024-02-29T00:00:00Z");

  clock.use_system();
  CHECK_FALSE(clock.is_frozen());
  CHECK(clock.now() - std::chrono::system_clock::now() < 1s);
}

TEST_CASE("a running clock advanced by hand keeps running from the shifted time", "[core][clock]") {
  Clock clock;
  clock.advance(std::chrono::hours(24 * 365));
  auto ahead = clock.now() - std::chrono::system_clock::now();
  CHECK(ahead > std::chrono::hours(24 * 364));
  CHECK(ahead < std::chrono::hours(24 * 366));
  CHECK_FALSE(clock.is_frozen());
}
