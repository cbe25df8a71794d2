// User administration by an admin: create with a one-time password, list and filter, edit with
// optimistic concurrency, disable (ending sessions and tokens), reset passwords; and its audit.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "identity_helpers.hpp"
#include "support/http_client.hpp"
#include "support/personas.hpp"
#include "support/test_server.hpp"

using namespace zhiku;
using namespace zhiku::test;

namespace {

Json new_user(std::string const& username, std::string const& name, Json roles) {
  Json j = Json::object();
  j["username"] = username;
  j["display_name"] = name;
  j["email"] = username + "@example.cn";
  j["roles"] = std::move(roles);
  return j;
}

std::string user_path(Id id) { return "/api/v1/users/" + std::to_string(id); }

std::set<std::string> error_fields(HttpResponse const& r) {
  std::set<std::string> out;
  Json errors = r.json()["errors"];
  for (auto const& e : errors) out.insert(e["field"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("an admin creates a user who signs in with the one-time password", "[integration][identity][users]") {
  TestServer server;
  Personas p = make_personas(server);

  auto created = p.admin.post("/api/v1/users", new_user("wangfang", "王芳", {"expert", "coordinator"}));
  REQUIRE(created.status == 201);
  auto u = created.json()["user"];
  CHECK(u["username"] == "wangfang");
  CHECK(u["display_name"] == "王芳");
  CHECK(u["email"] == "wangfang@example.cn");
  CHECK(u["roles"] == Json::array({"coordinator", "expert"}));
  CHECK(u["status"] == "active");
  CHECK(u["must_change_password"] == true);
  CHECK(u["version"] == 1);
  std::string otp = created.json()["one_time_password"];
  CHECK(otp.size() >= 10);

  HttpClient c(server.port());
  CHECK(c.post("/api/v1/auth/login", credentials("WangFang", otp)).status == 200);  // names ignore case
  CHECK(audit_count(server, "user.create") == 6);                                   // five personas and this one

  SECTION("the user name is unique, ignoring case") {
    auto dup = p.admin.post("/api/v1/users", new_user("WANGFANG", "另一个", {"expert"}));
    CHECK(dup.status == 409);
    CHECK(error_fields(dup) == std::set<std::string>{"username"});
  }
  SECTION("every invalid field is named") {
    Json bad = new_user("x", "", {"expert", "boss"});
    bad["email"] = "not-an-address";
    auto r = p.admin.post("/api/v1/users", bad);
    CHECK(r.status == 400);
    CHECK(error_fields(r) == std::set<std::string>{"username", "display_name", "email", "roles"});
    std::string long_name;
    for (int i = 0; i < 51; ++i) long_name += "很";  // 51 characters (153 bytes)
    Json too_long = new_user("abc", long_name, Json::array());
    auto r2 = p.admin.post("/api/v1/users", too_long);
    CHECK(r2.status == 400);
    CHECK(error_fields(r2) == std::set<std::string>{"display_name", "roles"});
    Json bad_chars = new_user("张三", "张三", {"expert"});
    CHECK(p.admin.post("/api/v1/users", bad_chars).status == 400);
  }
}

TEST_CASE("an admin lists users with filters and pages", "[integration][identity][users]") {
  TestServer server;
  Personas p = make_personas(server);
  auto all = p.admin.get("/api/v1/users");
  REQUIRE(all.status == 200);
  CHECK(all.json()["total"] == 5);
  CHECK(all.json()["page"] == 1);
  CHECK(all.json()["items"].size() == 5);

  auto experts = p.admin.get("/api/v1/users?role=expert");
  CHECK(experts.json()["total"] == 2);
  auto by_name = p.admin.get("/api/v1/users?q=%E8%B5%B5");  // 赵 (the leader's display name)
  REQUIRE(by_name.json()["total"] == 1);
  CHECK(by_name.json()["items"][0]["username"] == "leader");
  CHECK(p.admin.get("/api/v1/users?q=ALI").json()["total"] == 1);
  auto page2 = p.admin.get("/api/v1/users?page=2&page_size=2");
  CHECK(page2.json()["items"].size() == 2);
  CHECK(page2.json()["total"] == 5);
  CHECK(p.admin.get("/api/v1/users?status=disabled").json()["total"] == 0);
  CHECK(p.admin.get("/api/v1/users?role=boss").status == 400);
  CHECK(p.admin.get("/api/v1/users?status=gone").status == 400);
  CHECK(p.admin.get("/api/v1/users?page_size=1000").status == 400);
}

TEST_CASE("an edit based on a stale version is refused with 412", "[integration][identity][users]") {
  TestServer server;
  Personas p = make_personas(server);
  auto got = p.admin.get(user_path(p.expert_alice_id));
  REQUIRE(got.status == 200);
  CHECK(got.header("etag") == "\"1\"");

  Json edit = Json::object();
  edit["version"] = 1;
  edit["display_name"] = "李爱丽（教授）";
  edit["roles"] = Json::array({"expert", "leader"});
  auto first = p.admin.patch(user_path(p.expert_alice_id), edit);
  REQUIRE(first.status == 200);
  CHECK(first.json()["version"] == 2);
  CHECK(first.json()["display_name"] == "李爱丽（教授）");
  CHECK(first.json()["roles"] == Json::array({"expert", "leader"}));
  CHECK(first.json()["totp_required"] == true);

  edit["display_name"] = "另一位管理员的修改";
  auto stale = p.admin.patch(user_path(p.expert_alice_id), edit);
  CHECK(stale.status == 412);
  CHECK(p.admin.get(user_path(p.expert_alice_id)).json()["display_name"] == "李爱丽（教授）");

  SECTION("If-Match carries the version instead") {
    Json body = Json::object();
    body["email"] = "alice@univ.edu.cn";
    auto r = p.admin.request("PATCH", user_path(p.expert_alice_id), body.dump(), "application/json",
                             {{"If-Match", "\"1\""}});
    CHECK(r.status == 412);
    r = p.admin.request("PATCH", user_path(p.expert_alice_id), body.dump(), "application/json",
                        {{"If-Match", "\"2\""}});
    CHECK(r.status == 200);
    CHECK(r.header("etag") == "\"3\"");
  }
  SECTION("without a version the edit is refused") {
    Json body = Json::object();
    body["email"] = "alice@univ.edu.cn";
    auto r = p.admin.patch(user_path(p.expert_alice_id), body);
    CHECK(r.status == 400);
    CHECK(error_fields(r) == std::set<std::string>{"version"});
  }
  CHECK(p.admin.get("/api/v1/users/999999").status == 404);
  CHECK(p.admin.patch("/api/v1/users/999999", edit).status == 404);
}

TEST_CASE("disabling a user ends their sessions and tokens", "[integration][identity][users]") {
  TestServer server;
  Personas p = make_personas(server);
  Json tb = Json::object();
  tb["name"] = "script";
  tb["expires_in_days"] = 10;
  auto token = p.expert_bob.post("/api/v1/tokens", tb);
  REQUIRE(token.status == 201);
  HttpClient script(server.port());
  script.set_bearer(token.json()["token"].get<std::string>());
  CHECK(script.get("/api/v1/auth/me").status == 200);

  Json edit = Json::object();
  edit["version"] = 1;
  edit["status"] = "disabled";
  auto r = p.admin.patch(user_path(p.expert_bob_id), edit);
  REQUIRE(r.status == 200);
  CHECK(r.json()["status"] == "disabled");
  CHECK(p.expert_bob.get("/api/v1/auth/me").status == 401);
  CHECK(script.get("/api/v1/auth/me").status == 401);
  HttpClient again(server.port());
  CHECK(again.post("/api/v1/auth/login", credentials("bob", kPersonaPassword)).status == 401);
  CHECK(audit_count(server, "user.disable") == 1);

  edit["version"] = 2;
  edit["status"] = "active";
  CHECK(p.admin.patch(user_path(p.expert_bob_id), edit).status == 200);
  CHECK(again.post("/api/v1/auth/login", credentials("bob", kPersonaPassword)).status == 200);
  CHECK(script.get("/api/v1/auth/me").status == 401);  // revoked tokens stay revoked
  CHECK(audit_count(server, "user.enable") == 1);
}

TEST_CASE("an admin may not disable themselves or drop their own admin role", "[integration][identity][users]") {
  TestServer server;
  Personas p = make_personas(server);
  Json edit = Json::object();
  edit["version"] = 1;
  edit["status"] = "disabled";
  auto r = p.admin.patch(user_path(p.admin_id), edit);
  CHECK(r.status == 409);
  CHECK(r.json()["detail"] == "不能停用自己的账号");
  edit.erase("status");
  edit["roles"] = Json::array({"coordinator"});
  r = p.admin.patch(user_path(p.admin_id), edit);
  CHECK(r.status == 409);
  CHECK(r.json()["detail"] == "不能移除自己的管理员角色");
  edit["roles"] = Json::array({"admin", "coordinator"});
  CHECK(p.admin.patch(user_path(p.admin_id), edit).status == 200);
}

TEST_CASE("an admin resets a password: a new one-time password, the old sessions end",
          "[integration][identity][users]") {
  TestServer server;
  Personas p = make_personas(server);
  auto r = p.admin.post(user_path(p.coordinator_id) + "/password-reset");
  REQUIRE(r.status == 200);
  std::string otp = r.json()["one_time_password"];
  CHECK(p.coordinator.get("/api/v1/auth/me").status == 401);
  HttpClient c(server.port());
  CHECK(c.post("/api/v1/auth/login", credentials("coordinator", kPersonaPassword)).status == 401);
  auto login = c.post("/api/v1/auth/login", credentials("coordinator", otp));
  REQUIRE(login.status == 200);
  CHECK(login.json()["user"]["must_change_password"] == true);
  CHECK(p.admin.post("/api/v1/users/999999/password-reset").status == 404);
  CHECK(audit_count(server, "user.password_reset") == 1);

  // The audit diff of the reset holds no secret.
  auto conn = server.app().database().read();
  auto s = conn->prepare("SELECT diff FROM audit_log WHERE action = 'user.password_reset'");
  REQUIRE(s.step());
  CHECK(s.text(0).find(otp) == std::string::npos);
}
