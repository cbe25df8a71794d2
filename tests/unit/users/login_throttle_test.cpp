#include "users/login_throttle.hpp"

#include <catch2/catch.hpp>

#include "support/test_database.hpp"

using namespace zhiku;
using namespace std::chrono_literals;

namespace {
SysTime at(int seconds) { return SysTime{} + std::chrono::hours(24 * 365 * 56) + std::chrono::seconds(seconds); }
}  // namespace

TEST_CASE("failures below the limit do not lock; the limit locks; each further failure doubles the lockout",
          "[users][throttle]") {
  ThrottleRule rule{5, 30, 15};
  struct Row {
    int failures;
    int locked_seconds;
  };
  Row const rows[] = {{1, 0}, {4, 0}, {5, 30}, {6, 60}, {7, 120}, {10, 960}};
  for (auto const& row : rows) {
    std::optional<FailureState> s;
    for (int i = 0; i < row.failures; ++i) s = next_failure(s, at(i), rule);
    INFO(row.failures << " failures");
    CHECK(s->count == row.failures);
    CHECK(seconds_locked(*s, at(row.failures - 1)) == row.locked_seconds);
  }
}

TEST_CASE("failures older than the window are forgotten", "[users][throttle]") {
  ThrottleRule rule{5, 30, 15};
  std::optional<FailureState> s;
  for (int i = 0; i < 4; ++i) s = next_failure(s, at(i), rule);
  s = next_failure(s, at(3 + 15 * 60 + 1), rule);
  CHECK(s->count == 1);
  CHECK(!s->locked_until);
}

TEST_CASE("the lockout is at most a day and counts down in whole seconds", "[users][throttle]") {
  ThrottleRule rule{1, 30, 60 * 24 * 365};
  std::optional<FailureState> s;
  for (int i = 0; i < 40; ++i) s = next_failure(s, at(0), rule);
  CHECK(seconds_locked(*s, at(0)) == 24 * 60 * 60);
  FailureState one;
  one.locked_until = at(10);
  CHECK(seconds_locked(one, at(10) - 1ms) == 1);
  CHECK(seconds_locked(one, at(10)) == 0);
  CHECK(seconds_locked(one, at(9)) == 1);
  CHECK(seconds_locked(one, at(0)) == 10);
}

TEST_CASE("throttle keys ignore the letter case of user names", "[users][throttle]") {
  CHECK(user_throttle_key("Alice") == "user:alice");
  CHECK(address_throttle_key("10.0.0.1") == "addr:10.0.0.1");
}

TEST_CASE("the throttle keeps its state in login_failures", "[users][throttle]") {
  auto db = test::migrated_connection();
  storage::Connection& c = *db;
  LoginThrottle t(ThrottleRule{3, 30, 15});
  auto now = std::chrono::system_clock::now();
  CHECK(t.record_failure(c, "user:a", now) == 0);
  CHECK(t.record_failure(c, "user:a", now) == 0);
  CHECK(t.locked_for(c, "user:a", now) == 0);
  CHECK(t.record_failure(c, "user:a", now) == 30);
  CHECK(t.locked_for(c, "user:a", now) >= 29);
  CHECK(t.locked_for(c, "user:b", now) == 0);
  CHECK(t.locked_for(c, "user:a", now + 31s) == 0);
  t.clear(c, "user:a");
  CHECK(t.record_failure(c, "user:a", now) == 0);
}
