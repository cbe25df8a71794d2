// The scheduler's rules on a real database file: one reminder per key, fired once when due, a
// failing handler retried and then given up.
#include <catch2/catch.hpp>

#include "scheduler/scheduler.hpp"
#include "support/test_database.hpp"

using namespace zhiku;
using namespace std::chrono_literals;

TEST_CASE("a reminder fires once when due, and registering it again changes nothing", "[notifications][reminders]") {
  test::TestDatabase t;
  t.clock.freeze_at(*parse_iso("2026-12-01T00:00:00Z"));
  Scheduler scheduler(t.db, t.clock);
  int runs = 0;
  scheduler.on("count", [&](storage::Connection& c, Reminder const& r) {
    ++runs;
    CHECK(r.payload.at("n") == 7);
    CHECK(c.in_transaction());
  });
  auto schedule = [&](std::string const& due) {
    return t.db.write([&](storage::Connection& c) { return scheduler.schedule(c, "count", "k1", due, {{"n", 7}}); });
  };
  Id const id = schedule("2026-12-01T01:00:00Z");
  CHECK(schedule("2026-12-01T01:00:00Z") == id);
  CHECK(scheduler.run_due() == 0);
  t.clock.advance(1h);
  CHECK(scheduler.run_due() == 1);
  CHECK(scheduler.run_due() == 0);
  CHECK(schedule("2026-12-01T01:00:00Z") == id);
  CHECK(scheduler.run_due() == 0);
  CHECK(runs == 1);
  CHECK(scheduler.list(ReminderStatus::fired, 0, 10).size() == 1);
}

TEST_CASE("a handler that throws leaves nothing behind and is retried, then the reminder is failed",
          "[notifications][reminders]") {
  test::TestDatabase t;
  t.clock.freeze_at(*parse_iso("2026-12-01T00:00:00Z"));
  Scheduler scheduler(t.db, t.clock);
  scheduler.on("boom", [](storage::Connection& c, Reminder const&) {
    c.exec("UPDATE reminders SET payload = '{\"touched\":1}'");  // rolled back with the throw
    throw std::runtime_error("handler failed");
  });
  t.db.write([&](storage::Connection& c) { scheduler.schedule(c, "boom", "k", "2026-11-30T00:00:00Z"); });
  for (int i = 0; i < Scheduler::kMaxAttempts; ++i) CHECK(scheduler.run_due() == 0);
  auto r = scheduler.find("k");
  CHECK(r->status == ReminderStatus::failed);
  CHECK(r->attempts == Scheduler::kMaxAttempts);
  CHECK(r->last_error == "handler failed");
  CHECK(r->payload == Json::object());
}

TEST_CASE("a reminder of a kind nobody handles is failed after its attempts, not fired", "[notifications][reminders]") {
  test::TestDatabase t;
  Scheduler scheduler(t.db, t.clock);
  t.db.write([&](storage::Connection& c) { scheduler.schedule(c, "unknown", "k", "2000-01-01T00:00:00Z"); });
  for (int i = 0; i < Scheduler::kMaxAttempts; ++i) scheduler.run_due();
  CHECK(scheduler.find("k")->status == ReminderStatus::failed);
}
