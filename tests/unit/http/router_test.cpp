// Route matching (parameters, literal precedence, 404/405, HEAD) and the role gate as tables.
#include "http/router.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

using zhiku::Principal;
using zhiku::Role;
using zhiku::RoleSet;
using zhiku::http::Exec;
using zhiku::http::Match;
using zhiku::http::Policy;
using zhiku::http::Request;
using zhiku::http::Response;
using zhiku::http::Router;

namespace {

Response ok(Request&) { return Response::no_content(); }

Router sample_router() {
  Router r;
  r.get("/api/v1/health", Policy::anyone(), ok);
  r.get("/api/v1/experts", Policy::signed_in(), ok);
  r.post("/api/v1/experts", Policy::signed_in(), ok);
  r.get("/api/v1/experts/{id}", Policy::signed_in(), ok);
  r.patch("/api/v1/experts/{id}", Policy::signed_in(), ok);
  r.get("/api/v1/experts/me", Policy::signed_in(), ok);
  r.get("/api/v1/topics/{topic_id}/proposals/{id}", Policy::signed_in(), ok);
  r.post("/api/v1/proposals/{id}/transitions", Policy::signed_in(), ok);
  r.del("/api/v1/sessions/current", Policy::signed_in(), ok);
  return r;
}

std::string joined(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  std::string out;
  for (auto const& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}

}  // namespace

TEST_CASE("the router matches methods and paths, extracting parameters", "[http][router]") {
  Router const r = sample_router();
  struct Case {
    char const* method;
    char const* path;
    char const* pattern;  // "" when no route matches
    std::vector<std::pair<std::string, std::string>> params;
    char const* allowed;  // sorted, comma-separated, for 405s
  };
  std::vector<Case> const cases = {
      {"GET", "/api/v1/health", "/api/v1/health", {}, ""},
      {"HEAD", "/api/v1/health", "/api/v1/health", {}, ""},
      {"GET", "/api/v1/experts", "/api/v1/experts", {}, ""},
      {"POST", "/api/v1/experts", "/api/v1/experts", {}, ""},
      {"GET", "/api/v1/experts/42", "/api/v1/experts/{id}", {{"id", "42"}}, ""},
      {"PATCH", "/api/v1/experts/42", "/api/v1/experts/{id}", {{"id", "42"}}, ""},
      {"GET", "/api/v1/experts/me", "/api/v1/experts/me", {}, ""},
      {"HEAD", "/api/v1/experts/me", "/api/v1/experts/me", {}, ""},
      {"PATCH", "/api/v1/experts/me", "/api/v1/experts/{id}", {{"id", "me"}}, ""},
      {"GET",
       "/api/v1/topics/7/proposals/9",
       "/api/v1/topics/{topic_id}/proposals/{id}",
       {{"topic_id", "7"}, {"id", "9"}},
       ""},
      {"POST", "/api/v1/proposals/3/transitions", "/api/v1/proposals/{id}/transitions", {{"id", "3"}}, ""},
      {"GET", "/api/v1/proposals/3/transitions", "", {}, "POST"},
      {"DELETE", "/api/v1/experts/42", "", {}, "GET,HEAD,PATCH"},
      {"PUT", "/api/v1/health", "", {}, "GET,HEAD"},
      {"GET", "/api/v1/sessions/current", "", {}, "DELETE"},
      {"DELETE", "/api/v1/experts", "", {}, "GET,HEAD,POST"},
      {"GET", "/api/v1/nothing", "", {}, ""},
      {"GET", "/api/v1/experts/42/extra", "", {}, ""},
      {"GET", "/api/v1", "", {}, ""},
      {"GET", "/api/v1/HEALTH", "", {}, ""},
      {"OPTIONS", "/api/v1/nothing", "", {}, ""},
  };
  for (auto const& c : cases) {
    CAPTURE(c.method, c.path);
    Match m = r.match(c.method, c.path);
    if (*c.pattern) {
      REQUIRE(m.route != nullptr);
      CHECK(m.route->pattern == c.pattern);
      CHECK(m.params == c.params);
      CHECK(m.allowed.empty());
    } else {
      CHECK(m.route == nullptr);
      CHECK(joined(m.allowed) == c.allowed);
    }
  }
}

TEST_CASE("a literal segment beats a parameter whatever the registration order", "[http][router]") {
  Router r;
  r.get("/api/v1/experts/{id}", Policy::signed_in(), ok, "by id");
  r.get("/api/v1/experts/me", Policy::signed_in(), ok, "me");
  r.get("/api/v1/{kind}/me", Policy::signed_in(), ok, "kind me");
  CHECK(r.match("GET", "/api/v1/experts/me").route->summary == "me");
  CHECK(r.match("GET", "/api/v1/experts/5").route->summary == "by id");
  CHECK(r.match("GET", "/api/v1/topics/me").route->summary == "kind me");
}

TEST_CASE("registering a duplicate or malformed route throws at start-up", "[http][router]") {
  Router r;
  r.get("/api/v1/experts/{id}", Policy::signed_in(), ok);
  CHECK_THROWS_AS(r.get("/api/v1/experts/{id}", Policy::signed_in(), ok), std::logic_error);
  CHECK_THROWS_AS(r.get("/api/v1/experts/{expert_id}", Policy::signed_in(), ok), std::logic_error);
  CHECK_NOTHROW(r.post("/api/v1/experts/{id}", Policy::signed_in(), ok));
  CHECK_THROWS_AS(r.get("api/v1/no-slash", Policy::anyone(), ok), std::logic_error);
  CHECK_THROWS_AS(r.add({"TRACE", "/api/v1/x", Policy::anyone(), ok, Exec::inline_read, "", false}), std::logic_error);
}

TEST_CASE("reads run inline and every other method runs on the worker pool", "[http][router]") {
  Router r;
  r.add({"GET", "/a", Policy::anyone(), ok, Exec::inline_read, "", false});
  r.add({"POST", "/a", Policy::anyone(), ok, Exec::inline_read, "", false});
  r.del("/a", Policy::anyone(), ok);
  CHECK(r.match("GET", "/a").route->exec == Exec::inline_read);
  CHECK(r.match("POST", "/a").route->exec == Exec::worker);
  CHECK(r.match("DELETE", "/a").route->exec == Exec::worker);
}

TEST_CASE("Policy::gate answers 0, 401 or 403 for every kind of caller", "[http][router][policy]") {
  Principal expert;
  expert.user_id = 1;
  expert.roles = RoleSet{Role::expert};
  Principal coordinator;
  coordinator.user_id = 2;
  coordinator.roles = RoleSet{Role::coordinator};
  Principal admin_and_leader;
  admin_and_leader.user_id = 3;
  admin_and_leader.roles = RoleSet{Role::admin, Role::leader};
  Principal no_roles;
  no_roles.user_id = 4;

  Policy anyone = Policy::anyone();
  Policy signed_in = Policy::signed_in();
  Policy staff = Policy::any_of({Role::coordinator, Role::admin});

  // The sign-in steps an account still owes are the application's gate's (users/account_gate).
  struct Case {
    char const* who;
    Principal const* p;
    int anyone, signed_in, staff;
  };
  std::vector<Case> const table = {
      {"anonymous", nullptr, 0, 401, 401},    {"expert", &expert, 0, 0, 403},
      {"coordinator", &coordinator, 0, 0, 0}, {"admin+leader", &admin_and_leader, 0, 0, 0},
      {"no roles", &no_roles, 0, 0, 403},
  };
  for (auto const& c : table) {
    CAPTURE(c.who);
    CHECK(anyone.gate(c.p) == c.anyone);
    CHECK(signed_in.gate(c.p) == c.signed_in);
    CHECK(staff.gate(c.p) == c.staff);
  }
}
