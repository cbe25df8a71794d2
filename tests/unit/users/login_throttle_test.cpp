#include "users/login_throttle.hpp"

#include <algorithm>
#include <string>

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

TEST_CASE("a reserved attempt is counted before its check; a refused one leaves no trace; a right one is given back",
          "[users][throttle][security]") {
  auto db = test::migrated_connection();
  storage::Connection& c = *db;
  SignInThrottle t(sign_in_rules(3, 30, 30, 15));
  auto now = at(0);
  SignInThrottle::Ticket ticket;
  for (int i = 0; i < 3; ++i) CHECK(t.reserve(c, "Carol", "10.0.0.1", now, ticket) == 0);
  // The third reservation reached the limit: the fourth waits, before anything is verified.
  CHECK(t.reserve(c, "carol", "10.0.0.1", now, ticket) == 30);
  CHECK(LoginThrottle(ThrottleRule{30, 30, 15}).load(c, "addr:10.0.0.1")->count == 3);
  // Another address is held back by its own pair only.
  SignInThrottle::Ticket other;
  CHECK(t.reserve(c, "carol", "10.0.0.2", now, other) == 0);
  t.succeeded(c, other, now);
  CHECK(!LoginThrottle(ThrottleRule{}).load(c, "addr:10.0.0.2"));
  CHECK(t.reserve(c, "carol", "10.0.0.1", now, ticket) == 30);  // the right password elsewhere does not unlock this pair
}

TEST_CASE("guessers at many addresses slow the account for minutes, never a day, and not at the owner's usual address",
          "[users][throttle][security]") {
  auto db = test::migrated_connection();
  storage::Connection& c = *db;
  SignInThrottle t(sign_in_rules(5, 1000, 30, 15));
  SignInThrottle::Ticket ticket;
  // The owner signed in from their office once.
  REQUIRE(t.reserve(c, "carol", "10.1.1.1", at(0), ticket) == 0);
  t.succeeded(c, ticket, at(0));
  // 200 guesses from 50 addresses, 4 each (under the pair limit of 5).
  int refused = 0, longest = 0;
  for (int i = 0; i < 200; ++i) {
    std::string address = "203.0.113." + std::to_string(i % 50);
    int wait = t.reserve(c, "carol", address, at(10 + i), ticket);
    if (wait > 0) ++refused;
    longest = std::max(longest, wait);
  }
  CHECK(refused > 150);                              // the account-wide limit (20) slows them down
  CHECK(longest <= kAccountMaxLockoutSeconds);        // ... for minutes at most
  CHECK(t.reserve(c, "carol", "10.1.1.1", at(215), ticket) == 0);  // the owner's office is not locked out
  CHECK(t.reserve(c, "carol", "198.51.100.7", at(215), ticket) > 0);  // a new address is
}
