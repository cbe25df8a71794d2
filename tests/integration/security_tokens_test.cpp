// Issue 9 item 2: API tokens have a scope (read only, or read and write) and a capped expiry; no
// token manages tokens, passwords, TOTP, sessions or accounts; an admin's password reset and a
// TOTP reset revoke the account's tokens (a self-service change does when asked); the audit entry
// names the token that acted.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "app/services.hpp"
#include "identity_helpers.hpp"
#include "support/http_client.hpp"
#include "support/personas.hpp"
#include "support/test_server.hpp"
#include "users/account_gate.hpp"

using namespace zhiku;
using namespace zhiku::test;

namespace {

constexpr char kPassword[] = "Winter-Garden-2026!";

Json token_body(std::string const& name, std::optional<std::string> scope, int days = 30) {
  Json j = Json::object();
  j["name"] = name;
  j["expires_in_days"] = days;
  if (scope) j["scope"] = *scope;
  return j;
}

// A client that acts through a new token of `owner`'s.
HttpClient script_of(TestServer& server, HttpClient& owner, std::string const& name, std::optional<std::string> scope) {
  auto created = owner.post("/api/v1/tokens", token_body(name, std::move(scope)));
  REQUIRE(created.status == 201);
  HttpClient script(server.port());
  script.set_bearer(created.json()["token"].get<std::string>());
  return script;
}

std::string detail_of(HttpResponse const& r) {
  auto j = Json::parse(r.body, nullptr, false);
  return j.is_object() && j.contains("detail") && j["detail"].is_string() ? j["detail"].get<std::string>() : "";
}

// The route's pattern with every parameter replaced by an id that names nothing.
std::string concrete_path(std::string const& pattern) {
  std::string out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '{') {
      out += pattern[i];
      continue;
    }
    out += "999999999";
    i = pattern.find('}', i);
  }
  return out;
}

Json new_expert(std::string const& name) {
  Json j = Json::object();
  j["name"] = name;
  j["organization"] = "测试大学";
  return j;
}

}  // namespace

TEST_CASE("a token is read-only unless made read-write, and says so", "[integration][security][tokens]") {
  TestServer server;
  create_user(server, "carol", {Role::coordinator}, kPassword);
  HttpClient carol = sign_in(server, "carol", kPassword);

  auto plain = carol.post("/api/v1/tokens", token_body("只读脚本", std::nullopt));
  REQUIRE(plain.status == 201);
  CHECK(plain.json()["scope"] == "read_only");
  HttpClient reader(server.port());
  reader.set_bearer(plain.json()["token"].get<std::string>());
  CHECK(reader.get("/api/v1/experts").status == 200);
  auto refused = reader.post("/api/v1/experts", new_expert("只读新增"));
  CHECK(refused.status == 403);
  CHECK(detail_of(refused) == account_refusal::kReadOnlyToken);
  CHECK(reader.patch("/api/v1/experts/1", Json::object()).status == 403);
  CHECK(reader.del("/api/v1/fields/1").status == 403);

  HttpClient writer = script_of(server, carol, "读写脚本", "read_write");
  CHECK(writer.post("/api/v1/experts", new_expert("读写新增")).status == 201);

  auto listed = carol.get("/api/v1/tokens").json()["items"];
  REQUIRE(listed.size() == 2);
  CHECK(listed[0]["scope"] == "read_write");
  CHECK(listed[1]["scope"] == "read_only");

  auto bad_scope = carol.post("/api/v1/tokens", token_body("x", "admin"));
  CHECK(bad_scope.status == 400);
  REQUIRE(bad_scope.json()["errors"].size() == 1);
  CHECK(bad_scope.json()["errors"][0]["field"] == "scope");
  CHECK(carol.post("/api/v1/tokens", token_body("x", "read_write", 367)).status == 400);  // the cap
  Json no_expiry = token_body("x", "read_only");
  no_expiry.erase("expires_in_days");
  CHECK(carol.post("/api/v1/tokens", no_expiry).status == 400);  // chosen at creation, no default
}

TEST_CASE("no token manages tokens, passwords, TOTP, sessions or accounts", "[integration][security][tokens]") {
  TestServer server;
  Personas p = make_personas(server);
  // An expert's token could otherwise enable TOTP on the expert's account and lock them out.
  HttpClient alice = script_of(server, p.expert_alice, "alice 的脚本", "read_write");
  HttpClient admin = script_of(server, p.admin, "管理脚本", "read_write");

  struct Call {
    HttpClient* client;
    char const* method;
    std::string path;
    Json body;
  };
  Json password = Json::object();
  password["current_password"] = kPersonaPassword;
  password["new_password"] = "Autumn-Leaves-2026!";
  Json totp_disable = Json::object();
  totp_disable["password"] = kPersonaPassword;
  Json code = Json::object();
  code["code"] = "123456";
  Json account = Json::object();
  account["username"] = "mallory";
  account["display_name"] = "马洛里";
  account["roles"] = Json::array({"admin"});
  Json promote = Json::object();
  promote["roles"] = Json::array({"admin", "expert"});
  promote["version"] = 1;
  std::string const bob = "/api/v1/users/" + std::to_string(p.expert_bob_id);
  std::vector<Call> calls = {
      {&alice, "POST", "/api/v1/tokens", token_body("再造一个", "read_write")},
      {&alice, "GET", "/api/v1/tokens", Json()},
      {&alice, "DELETE", "/api/v1/tokens/1", Json()},
      {&alice, "POST", "/api/v1/auth/password", password},
      {&alice, "POST", "/api/v1/auth/totp/setup", Json::object()},
      {&alice, "POST", "/api/v1/auth/totp/enable", code},
      {&alice, "POST", "/api/v1/auth/totp/disable", totp_disable},
      {&alice, "POST", "/api/v1/auth/totp/verify", code},
      {&alice, "GET", "/api/v1/auth/sessions", Json()},
      {&alice, "DELETE", "/api/v1/auth/sessions/x", Json()},
      {&alice, "POST", "/api/v1/auth/logout", Json::object()},
      {&admin, "POST", "/api/v1/users", account},
      {&admin, "PATCH", bob, promote},
      {&admin, "POST", bob + "/password-reset", Json::object()},
      {&admin, "POST", bob + "/totp-reset", Json::object()},
      // A token must neither mint an expert's account nor silence its owner's e-mail.
      {&admin, "POST", "/api/v1/experts/1/invite", Json::object()},
      {&alice, "PUT", "/api/v1/me/mail-preferences/expert.approved", Json{{"wanted", false}}},
  };
  for (auto& call : calls) {
    INFO(call.method << " " << call.path);
    auto r = call.body.is_null() ? call.client->request(call.method, call.path)
                                 : call.client->request(call.method, call.path, call.body.dump(), "application/json");
    CHECK(r.status == 403);
    CHECK(detail_of(r) == account_refusal::kNotForTokens);
  }
  // Nothing happened: one token each, alice has no TOTP, bob is still an expert, no mallory.
  CHECK(p.expert_alice.get("/api/v1/tokens").json()["items"].size() == 1);
  CHECK(p.expert_alice.get("/api/v1/auth/me").json()["user"]["totp_enabled"] == false);
  CHECK(p.admin.get(bob).json()["roles"] == Json::array({"expert"}));
  CHECK(audit_count(server, "user.create") == 5);
  CHECK(p.expert_alice.get("/api/v1/me/mail-preferences").json().dump().find("expert.approved") == std::string::npos);
  // A token may still say whose it is, and read what its owner may.
  CHECK(alice.get("/api/v1/auth/me").status == 200);
  CHECK(admin.get("/api/v1/users").status == 200);

  // Every route the gate keeps from tokens, from the route table: a route added later with the
  // bit is refused too.
  int session_only = 0;
  for (auto const& route : server.app().router().routes()) {
    if (!(route.policy.exempt & kSessionOnly)) continue;
    ++session_only;
    INFO(route.method << " " << route.pattern);
    auto r = admin.request(route.method, concrete_path(route.pattern), route.method == "GET" ? "" : "{}", "application/json");
    CHECK(r.status == 403);
  }
  CHECK(session_only >= static_cast<int>(calls.size()));
}

TEST_CASE("resets revoke the account's tokens; a self-service change does when asked",
          "[integration][security][tokens]") {
  TestServer server;
  Personas p = make_personas(server);
  create_user(server, "carol", {Role::coordinator}, kPassword);
  Id carol_id = server.app().services().users.find_by_username("carol")->id;
  std::string const carol_path = "/api/v1/users/" + std::to_string(carol_id);

  SECTION("an admin's password reset") {
    HttpClient carol = sign_in(server, "carol", kPassword);
    HttpClient script = script_of(server, carol, "脚本", "read_only");
    CHECK(script.get("/api/v1/auth/me").status == 200);
    REQUIRE(p.admin.post(carol_path + "/password-reset").status == 200);
    CHECK(script.get("/api/v1/auth/me").status == 401);
  }
  SECTION("an admin's TOTP reset") {
    enrol_totp(server, carol_id);
    HttpClient carol = sign_in(server, "carol", kPassword);
    HttpClient script = script_of(server, carol, "脚本", "read_only");
    CHECK(script.get("/api/v1/auth/me").status == 200);
    REQUIRE(p.admin.post(carol_path + "/totp-reset").status == 204);
    CHECK(script.get("/api/v1/auth/me").status == 401);
  }
  SECTION("a self-service change keeps tokens unless asked to revoke them") {
    HttpClient carol = sign_in(server, "carol", kPassword);
    HttpClient kept = script_of(server, carol, "留下", "read_only");
    Json change = Json::object();
    change["current_password"] = kPassword;
    change["new_password"] = "Autumn-Leaves-2026!";
    REQUIRE(carol.post("/api/v1/auth/password", change).status == 204);
    CHECK(kept.get("/api/v1/auth/me").status == 200);

    change["current_password"] = "Autumn-Leaves-2026!";
    change["new_password"] = "Spring-Rivers-2027!";
    change["revoke_tokens"] = true;
    REQUIRE(carol.post("/api/v1/auth/password", change).status == 204);
    CHECK(kept.get("/api/v1/auth/me").status == 401);
    CHECK(carol.get("/api/v1/tokens").json()["items"].empty());
  }
  // The audit entry of whichever change it was says how many tokens went with it.
  auto db = server.app().database().read();
  auto s = db->prepare(
      "SELECT diff FROM audit_log WHERE action IN ('user.password_reset', 'user.totp_reset', 'user.password_change') "
      "AND entity_id = ? ORDER BY id DESC LIMIT 1");
  storage::bind_all(s, carol_id);
  REQUIRE(s.step());
  CHECK(Json::parse(s.text(0))["tokens_revoked"] == 1);
}

TEST_CASE("the audit entry names the token that acted", "[integration][security][tokens][audit]") {
  TestServer server;
  create_user(server, "carol", {Role::coordinator}, kPassword, "陈协调");
  HttpClient carol = sign_in(server, "carol", kPassword);
  auto created = carol.post("/api/v1/tokens", token_body("夜间导入", "read_write"));
  REQUIRE(created.status == 201);
  Id token_id = created.json()["id"];
  HttpClient script(server.port());
  script.set_bearer(created.json()["token"].get<std::string>());
  REQUIRE(script.post("/api/v1/experts", new_expert("脚本新增")).status == 201);
  REQUIRE(carol.post("/api/v1/experts", new_expert("本人新增")).status == 201);

  auto rows = carol.get("/api/v1/audit?action=expert.create").json()["items"];
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]["actor_name"] == "陈协调");
  CHECK(rows[1]["actor_name"] == "陈协调（经API 令牌 #" + std::to_string(token_id) + "（夜间导入））");
}
