// API tokens: created for oneself, shown once, listed, used as Bearer, revoked, expired.
#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "identity_helpers.hpp"
#include "support/http_client.hpp"
#include "support/personas.hpp"
#include "support/test_server.hpp"

using namespace zhiku;
using namespace zhiku::test;

namespace {

Json token_body(std::string const& name, int days) {
  Json j = Json::object();
  j["name"] = name;
  j["expires_in_days"] = days;
  j["scope"] = "read_write";
  return j;
}

}  // namespace

TEST_CASE("a user creates an API token, uses it, lists it and revokes it", "[integration][identity][tokens]") {
  TestServer server;
  create_user(server, "carol", {Role::coordinator}, "Winter-Garden-2026!");
  HttpClient carol = sign_in(server, "carol", "Winter-Garden-2026!");

  auto created = carol.post("/api/v1/tokens", token_body("导出脚本", 30));
  REQUIRE(created.status == 201);
  auto j = created.json();
  std::string secret = j["token"];
  CHECK(secret.rfind("zk_", 0) == 0);
  CHECK(j["name"] == "导出脚本");
  CHECK(j["expires_at"].is_string());
  Id id = j["id"];

  auto list = carol.get("/api/v1/tokens");
  REQUIRE(list.status == 200);
  auto items = list.json()["items"];
  REQUIRE(items.size() == 1);
  CHECK(items[0]["id"] == id);
  CHECK(items[0]["name"] == "导出脚本");
  CHECK(items[0]["last_used_at"].is_null());
  CHECK(!items[0].contains("token"));
  CHECK(list.body.find(secret) == std::string::npos);

  HttpClient script(server.port());
  script.set_bearer(secret);
  auto me = script.get("/api/v1/auth/me");
  REQUIRE(me.status == 200);
  CHECK(me.json()["user"]["username"] == "carol");
  // Unsafe requests need no CSRF header with a bearer token (but no token makes tokens).
  Json expert = Json::object();
  expert["name"] = "脚本新增";
  expert["organization"] = "测试大学";
  CHECK(script.post("/api/v1/experts", expert).status == 201);
  CHECK(carol.post("/api/v1/tokens", token_body("second", 1)).status == 201);

  // The use is recorded in the background.
  bool used = false;
  for (int i = 0; i < 50 && !used; ++i) {
    Json listed = carol.get("/api/v1/tokens").json()["items"];
    for (auto const& t : listed)
      if (t["id"] == id && t["last_used_at"].is_string()) used = true;
    if (!used) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(used);

  CHECK(carol.del("/api/v1/tokens/" + std::to_string(id)).status == 204);
  CHECK(script.get("/api/v1/auth/me").status == 401);
  CHECK(carol.del("/api/v1/tokens/" + std::to_string(id)).status == 404);
  CHECK(carol.get("/api/v1/tokens").json()["items"].size() == 1);
  CHECK(audit_count(server, "token.create") == 2);  // both by carol in person
  CHECK(audit_count(server, "token.revoke") == 1);
}

TEST_CASE("a bearer token stops working when it expires", "[integration][identity][tokens]") {
  TestServer server;
  create_user(server, "carol", {Role::coordinator}, "Winter-Garden-2026!");
  HttpClient carol = sign_in(server, "carol", "Winter-Garden-2026!");
  auto created = carol.post("/api/v1/tokens", token_body("nightly", 1));
  REQUIRE(created.status == 201);
  HttpClient script(server.port());
  script.set_bearer(created.json()["token"].get<std::string>());
  CHECK(script.get("/api/v1/auth/me").status == 200);
  raw_sql(server, "UPDATE api_tokens SET expires_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 seconds')");
  CHECK(script.get("/api/v1/auth/me").status == 401);
}

TEST_CASE("tokens are validated, private to their owner, and unknown tokens are refused",
          "[integration][identity][tokens]") {
  TestServer server;
  create_user(server, "carol", {Role::coordinator}, "Winter-Garden-2026!");
  create_user(server, "dave", {Role::expert}, "Summer-Stone-2026!");
  HttpClient carol = sign_in(server, "carol", "Winter-Garden-2026!");
  HttpClient dave = sign_in(server, "dave", "Summer-Stone-2026!");

  CHECK(carol.post("/api/v1/tokens", token_body("x", 0)).status == 400);
  CHECK(carol.post("/api/v1/tokens", token_body("x", 367)).status == 400);
  auto no_name = carol.post("/api/v1/tokens", token_body("", 30));
  CHECK(no_name.status == 400);
  CHECK(no_name.json()["errors"][0]["field"] == "name");

  auto created = carol.post("/api/v1/tokens", token_body("mine", 366));
  REQUIRE(created.status == 201);
  Id id = created.json()["id"];
  CHECK(dave.del("/api/v1/tokens/" + std::to_string(id)).status == 404);
  CHECK(dave.get("/api/v1/tokens").json()["items"].empty());

  HttpClient forged(server.port());
  forged.set_bearer("zk_not-a-real-token");
  CHECK(forged.get("/api/v1/auth/me").status == 401);
  HttpClient basic(server.port());
  auto r = basic.request("GET", "/api/v1/auth/me", "", "", {{"Authorization", "Basic Y2Fyb2w6eA=="}});
  CHECK(r.status == 401);
}
