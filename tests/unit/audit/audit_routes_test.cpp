// The audit route's query parameters and JSON shape, without a server.
#include "audit/audit_routes.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"

using namespace zhiku;

namespace {

AuditFilter filter_of(std::vector<std::pair<std::string, std::string>> query) {
  http::Request req;
  req.query = std::move(query);
  return audit_filter_of(req, http::page_of(req));
}

std::string failing_field(std::vector<std::pair<std::string, std::string>> query) {
  try {
    filter_of(std::move(query));
  } catch (Error const& e) {
    if (e.code() == Errc::invalid_argument && e.errors().size() == 1) return e.errors()[0].field;
    return "unexpected error: " + e.detail();
  }
  return "no error";
}

}  // namespace

TEST_CASE("the audit route reads every filter from the query", "[audit]") {
  auto f = filter_of({{"actor_id", "7"},
                      {"entity_type", "expert"},
                      {"entity_id", "42"},
                      {"action", "expert.approve"},
                      {"page", "3"},
                      {"page_size", "50"}});
  CHECK(f.actor_id == 7);
  CHECK(f.entity_type == "expert");
  CHECK(f.entity_id == 42);
  CHECK(f.action == "expert.approve");
  CHECK(f.offset == 100);
  CHECK(f.limit == 50);

  auto none = filter_of({{"actor_id", ""}, {"action", ""}});
  CHECK_FALSE(none.actor_id);
  CHECK_FALSE(none.action);
  CHECK(none.offset == 0);
  CHECK(none.limit == 20);
}

TEST_CASE("audit time bounds are normalised to the stored form", "[audit]") {
  SECTION("dates: from at midnight, to through the whole day") {
    auto f = filter_of({{"from", "2026-03-01"}, {"to", "2026-03-31"}});
    CHECK(f.from == "2026-03-01T00:00:00Z");
    CHECK(f.to == "2026-04-01T00:00:00Z");
  }
  SECTION("date-times are taken as given") {
    auto f = filter_of({{"from", "2026-03-01T08:30:00Z"}, {"to", "2026-03-01T09:00:00.250Z"}});
    CHECK(f.from == "2026-03-01T08:30:00Z");
    CHECK(f.to == "2026-03-01T09:00:00Z");
  }
  SECTION("a date as both bounds is that one day") {
    auto f = filter_of({{"from", "2026-02-28"}, {"to", "2026-02-28"}});
    CHECK(f.from == "2026-02-28T00:00:00Z");
    CHECK(f.to == "2026-03-01T00:00:00Z");
  }
}

TEST_CASE("a malformed audit filter answers 400 naming the parameter", "[audit]") {
  CHECK(failing_field({{"from", "yesterday"}}) == "from");
  CHECK(failing_field({{"from", "2026-02-30"}}) == "from");
  CHECK(failing_field({{"to", "2026-03-01T25:00:00Z"}}) == "to");
  CHECK(failing_field({{"to", "2026-03-01T10:00:00+08:00"}}) == "to");
  CHECK(failing_field({{"from", "2026-03-02"}, {"to", "2026-03-01"}}) == "to");
  CHECK(failing_field({{"from", "2026-03-02T10:00:00Z"}, {"to", "2026-03-02T10:00:00Z"}}) == "to");
  CHECK(failing_field({{"actor_id", "abc"}}) == "actor_id");
  CHECK(failing_field({{"entity_id", "0"}}) == "entity_id");
  CHECK(failing_field({{"action", std::string(65, 'a')}}) == "action");
  CHECK(failing_field({{"entity_type", "\xff\xfe"}}) == "entity_type");
  CHECK(failing_field({{"page_size", "101"}}) == "page_size");
}

TEST_CASE("an audit record renders without its hashes", "[audit]") {
  AuditRecord r;
  r.id = 3;
  r.at = "2026-03-01T08:30:00Z";
  r.actor_name = "";
  r.action = "session.login_failed";
  r.entity_type = "user";
  r.diff = {{"username", "nobody"}};
  r.request_id = "abc";
  r.client_address = "192.0.2.1";
  r.hash = std::string(64, 'f');
  r.prev_hash = std::string(64, '0');
  Json j = r;
  CHECK(j == Json{{"id", 3},
                  {"at", "2026-03-01T08:30:00Z"},
                  {"actor_id", nullptr},
                  {"actor_name", ""},
                  {"action", "session.login_failed"},
                  {"entity_type", "user"},
                  {"entity_id", nullptr},
                  {"diff", {{"username", "nobody"}}},
                  {"request_id", "abc"},
                  {"client_address", "192.0.2.1"}});
}

TEST_CASE("audit time bounds work across month, year and far-future boundaries", "[audit]") {
  CHECK(filter_of({{"to", "2024-02-28"}}).to == "2024-02-29T00:00:00Z");
  CHECK(filter_of({{"to", "2025-12-31"}}).to == "2026-01-01T00:00:00Z");
  CHECK(filter_of({{"from", "2999-01-01"}}).from == "2999-01-01T00:00:00Z");
  CHECK(filter_of({{"to", "9999-12-30"}}).to == "9999-12-31T00:00:00Z");
  CHECK(filter_of({{"to", "9999-12-31"}}).to == "9999-12-31T24:00:00Z");
  CHECK(filter_of({{"from", "2026-03-01 08:30:00Z"}}).from == "2026-03-01T08:30:00Z");
  CHECK(failing_field({{"from", "2026-03-01T08:30:00"}}) == "from");
  CHECK(failing_field({{"from", "2026-03-01T08:30:00.Z"}}) == "from");
  CHECK(failing_field({{"from", "2026-03-01T08:60:00Z"}}) == "from");
}

TEST_CASE("the audit scope of each role", "[audit][security]") {
  Principal admin, coordinator, both, expert;
  admin.roles = RoleSet{Role::admin};
  coordinator.roles = RoleSet{Role::coordinator};
  both.roles = RoleSet{Role::admin, Role::coordinator};
  expert.roles = RoleSet{Role::expert};
  CHECK_FALSE(audit_visible_types(admin));
  CHECK_FALSE(audit_visible_types(both));
  REQUIRE(audit_visible_types(coordinator));
  auto types = *audit_visible_types(coordinator);
  CHECK(std::count(types.begin(), types.end(), "expert") == 1);
  for (char const* account_type : {"user", "api_token", "mail", "notification", "session"})
    CHECK(std::count(types.begin(), types.end(), account_type) == 0);
  REQUIRE(audit_visible_types(expert));
  CHECK(audit_visible_types(expert)->empty());
}
