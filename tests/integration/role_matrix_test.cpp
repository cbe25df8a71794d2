// The role matrix, generated from the router's own table: every route is called anonymously and
// as each single-role persona, and the answer must match the route's declared policy. A route
// added later is covered without touching this file.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "support/http_client.hpp"
#include "support/personas.hpp"
#include "support/test_server.hpp"
#include "users/account_gate.hpp"

using namespace zhiku;
using namespace zhiku::test;

namespace {

// A path parameter value that names nothing: ids that do not exist, which also keeps the calls
// from changing the personas' own data.
constexpr char kMissingId[] = "999999999";

std::string concrete_path(std::string const& pattern) {
  std::string out;
  size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '{') {
      size_t close = pattern.find('}', i);
      out += kMissingId;
      i = close + 1;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

HttpResponse call(HttpClient& client, http::Route const& route) {
  std::string path = concrete_path(route.pattern);
  if (route.method == "GET" || route.method == "DELETE") return client.request(route.method, path);
  return client.request(route.method, path, "{}", "application/json");
}

std::string detail_of(HttpResponse const& r) {
  if (!r.is_problem()) return "";
  auto j = Json::parse(r.body, nullptr, false);
  return j.is_object() && j.contains("detail") && j["detail"].is_string() ? j["detail"].get<std::string>() : "";
}

// The refusals only the gate in front of the handler gives.
bool is_gate_refusal(HttpResponse const& r) {
  static std::set<std::string> const gate_details = {http::refusal::kSignInRequired, http::refusal::kRoleNotAllowed,
                                                     account_refusal::kPasswordChangeFirst,
                                                     account_refusal::kTotpEnrolmentFirst, http::refusal::kCsrfMissing};
  return (r.status == 401 || r.status == 403) && gate_details.count(detail_of(r)) > 0;
}

// Calls that end the caller's own session go last, so every other call runs signed in.
bool ends_session(http::Route const& r) { return r.pattern == "/api/v1/auth/logout"; }

std::string policy_text(http::Policy const& p) {
  switch (p.who) {
    case http::Policy::Who::anyone:
      return "anyone";
    case http::Policy::Who::signed_in:
      return "signed in";
    case http::Policy::Who::roles: {
      std::string s;
      for (auto const& n : p.roles.names()) s += (s.empty() ? "" : ", ") + n;
      return "roles: " + s;
    }
  }
  return "?";
}

}  // namespace

TEST_CASE("every route answers anonymous callers and each role as its policy declares",
          "[integration][identity][roles]") {
  TestServer server;
  Personas p = make_personas(server);
  struct Caller {
    char const* name;
    HttpClient* client;
    Role role;
  };
  std::vector<Caller> callers = {{"admin", &p.admin, Role::admin},
                                 {"coordinator", &p.coordinator, Role::coordinator},
                                 {"expert", &p.expert_alice, Role::expert},
                                 {"leader", &p.leader, Role::leader}};

  std::vector<http::Route> routes = server.app().router().routes();
  REQUIRE(routes.size() > 20);
  std::stable_partition(routes.begin(), routes.end(), [](auto const& r) { return !ends_session(r); });

  for (auto const& route : routes) {
    INFO(route.method << " " << route.pattern << " (" << policy_text(route.policy) << ")");
    bool anyone = route.policy.who == http::Policy::Who::anyone;

    HttpClient anonymous(server.port());
    auto anon = call(anonymous, route);
    INFO("anonymous: " << anon.status << " " << anon.body);
    CHECK(anon.status != 500);
    if (anyone)
      CHECK(!is_gate_refusal(anon));
    else
      CHECK(anon.status == 401);

    for (auto& caller : callers) {
      bool allowed = route.policy.who != http::Policy::Who::roles || route.policy.roles.has(caller.role);
      auto r = call(*caller.client, route);
      INFO(caller.name << ": " << r.status << " " << r.body);
      CHECK(r.status != 500);
      CHECK(r.status != 405);
      if (allowed) {
        CHECK(!is_gate_refusal(r));
      } else {
        CHECK(r.status == 403);
        CHECK(detail_of(r) == http::refusal::kRoleNotAllowed);
      }
    }
  }
  // Every call above ran signed in (no allowed call met the gate); the logout route came last.
  for (auto& caller : callers) CHECK(caller.client->get("/api/v1/auth/me").status == 401);
}

TEST_CASE("every identity route of the contract is in the route table", "[integration][identity][roles]") {
  TestServer server;
  std::set<std::string> seen;
  for (auto const& r : server.app().router().routes()) seen.insert(r.method + " " + r.pattern);
  for (char const* expected :
       {"POST /api/v1/auth/login", "POST /api/v1/auth/totp/verify", "POST /api/v1/auth/logout", "GET /api/v1/auth/me",
        "POST /api/v1/auth/password", "GET /api/v1/auth/sessions", "DELETE /api/v1/auth/sessions/{id}",
        "POST /api/v1/auth/totp/setup", "POST /api/v1/auth/totp/enable", "POST /api/v1/auth/totp/disable",
        "GET /api/v1/tokens", "POST /api/v1/tokens", "DELETE /api/v1/tokens/{id}", "GET /api/v1/users",
        "POST /api/v1/users", "GET /api/v1/users/{id}", "PATCH /api/v1/users/{id}",
        "POST /api/v1/users/{id}/password-reset", "POST /api/v1/users/{id}/totp-reset"})
    CHECK(seen.count(expected) == 1);
}
