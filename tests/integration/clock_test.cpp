// Every service takes its time from the App's clock: a test (or the demo seeder) that sets it
// sees that time in what the server records, also after a restart on the same database.
#include <catch2/catch.hpp>

#include "experts_helpers.hpp"
#include "support/http_client.hpp"
#include "support/personas.hpp"
#include "support/test_server.hpp"

using namespace zhiku;
using namespace zhiku::test;

TEST_CASE("what the server records carries the time of its clock, across a restart", "[integration][clock]") {
  Clock clock;
  clock.freeze_at(*parse_iso("2025-03-01T08:00:00Z"));
  TestServer server({}, &clock);
  Personas p = make_personas(server);
  Id id = create_expert(p.coordinator, expert_body("钱学森", "中国科学院"));
  auto created = p.coordinator.get("/api/v1/experts/" + std::to_string(id)).json();
  CHECK(created["created_at"] == "2025-03-01T08:00:00Z");

  auto audit = p.admin.get("/api/v1/audit?entity_type=expert&entity_id=" + std::to_string(id)).json();
  REQUIRE(audit["items"].size() == 1);
  CHECK(audit["items"][0]["at"] == "2025-03-01T08:00:00Z");

  clock.advance(std::chrono::hours(24 * 800));  // past the two years after which a profile is stale
  server.restart();
  auto coordinator = sign_in(server, "coordinator", kPersonaPassword);
  auto later = coordinator.get("/api/v1/experts/" + std::to_string(id)).json();
  CHECK(later["stale"] == true);
  Json edit = Json::object();
  edit["version"] = later["version"];
  edit["title"] = "研究员";
  auto edited = coordinator.patch("/api/v1/experts/" + std::to_string(id), edit);
  REQUIRE(edited.status == 200);
  CHECK(edited.json()["updated_at"] == "2027-05-10T08:00:00Z");
}
