// Sign-in, sessions, throttling, CSRF and forced password change, through the real server.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "app/services.hpp"
#include "identity_helpers.hpp"
#include "support/http_client.hpp"
#include "support/personas.hpp"
#include "support/test_server.hpp"
#include "users/account_gate.hpp"

using namespace zhiku;
using namespace zhiku::test;

TEST_CASE("a user signs in, sees themselves, and signs out", "[integration][identity]") {
  TestServer server;
  Id id = create_user(server, "carol", {Role::coordinator}, "Winter-Garden-2026!", "陈协调");
  HttpClient client(server.port());

  auto login = client.post("/api/v1/auth/login", credentials("carol", "Winter-Garden-2026!"));
  REQUIRE(login.status == 200);
  auto j = login.json();
  CHECK(j["user"]["id"] == id);
  CHECK(j["user"]["username"] == "carol");
  CHECK(j["user"]["display_name"] == "陈协调");
  CHECK(j["user"]["roles"] == Json::array({"coordinator"}));
  CHECK(j["user"]["status"] == "active");
  CHECK(j["user"]["must_change_password"] == false);
  CHECK(j["user"]["totp_enabled"] == false);
  CHECK(j["user"]["totp_required"] == false);
  CHECK(j["user"]["expert_id"].is_null());
  CHECK(j["user"]["version"] == 1);
  CHECK(j["second_factor_required"] == false);
  CHECK(j["csrf_token"].get<std::string>().size() >= 40);

  auto cookie = login.header("set-cookie");
  CHECK(cookie.rfind("zhiku_session=", 0) == 0);
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Strict") != std::string::npos);
  CHECK(cookie.find("Path=/") != std::string::npos);
  CHECK(cookie.find("Secure") == std::string::npos);
  client.remember_login(login);

  auto me = client.get("/api/v1/auth/me");
  REQUIRE(me.status == 200);
  CHECK(me.json()["user"]["username"] == "carol");
  CHECK(me.json()["csrf_token"] == j["csrf_token"]);

  // Only the token's hash is stored.
  std::string token = client.cookie().substr(client.cookie().find('=') + 1);
  {
    auto c = server.app().database().read();
    auto s = c->prepare("SELECT count(*) FROM sessions WHERE id = ?");
    storage::bind_all(s, token);
    s.step();
    CHECK(s.int64(0) == 0);
  }

  auto out = client.post("/api/v1/auth/logout");
  CHECK(out.status == 204);
  CHECK(out.header("set-cookie").find("Max-Age=0") != std::string::npos);
  CHECK(client.get("/api/v1/auth/me").status == 401);
  CHECK(audit_count(server, "session.login") == 1);
  CHECK(audit_count(server, "session.logout") == 1);
}

TEST_CASE("a server configured for TLS sets a Secure __Host- cookie", "[integration][identity]") {
  TestServer server([](AppConfig& c) { c.auth.secure_cookies = true; });
  create_user(server, "carol", {Role::coordinator}, "Winter-Garden-2026!");
  HttpClient client(server.port());
  auto login = client.post("/api/v1/auth/login", credentials("carol", "Winter-Garden-2026!"));
  REQUIRE(login.status == 200);
  auto cookie = login.header("set-cookie");
  CHECK(cookie.rfind("__Host-zhiku_session=", 0) == 0);
  CHECK(cookie.find("; Secure") != std::string::npos);
  client.remember_login(login);
  CHECK(client.get("/api/v1/auth/me").status == 200);
  // The plain name is not accepted in secure mode.
  client.set_cookie("zhiku_session=" + client.cookie().substr(client.cookie().find('=') + 1));
  CHECK(client.get("/api/v1/auth/me").status == 401);
}

TEST_CASE("a wrong password, an unknown user and a disabled account get the same answer", "[integration][identity]") {
  TestServer server;
  create_user(server, "carol", {Role::coordinator}, "Winter-Garden-2026!");
  Id dora = create_user(server, "dora", {Role::expert}, "Spring-Field-2026!");
  auto& users = server.app().services().users;
  auto before = users.find_by_id(dora);
  UserPatch disable;
  disable.status = UserStatus::disabled;
  users.update(Actor::system("test"), dora, before->version, disable);

  HttpClient client(server.port());
  auto wrong = client.post("/api/v1/auth/login", credentials("carol", "Not-Her-Pass-2026!"));
  auto unknown = client.post("/api/v1/auth/login", credentials("nobody", "Not-Her-Pass-2026!"));
  auto disabled = client.post("/api/v1/auth/login", credentials("dora", "Spring-Field-2026!"));
  CHECK(wrong.status == 401);
  CHECK(unknown.status == 401);
  CHECK(disabled.status == 401);
  CHECK(wrong.body == unknown.body);
  CHECK(wrong.body == disabled.body);
  CHECK(wrong.json()["detail"] == "用户名或密码错误");
  CHECK(wrong.header("set-cookie").empty());
  CHECK(audit_count(server, "session.login_failed") == 3);
}

TEST_CASE("repeated failures lock the account, then sign-in works again after the lockout",
          "[integration][identity][throttle]") {
  TestServer server([](AppConfig& c) {
    c.auth.login_max_failures = 5;
    c.auth.login_max_failures_per_address = 5;
    c.auth.login_lockout_seconds = 1;
  });
  create_user(server, "carol", {Role::coordinator}, "Winter-Garden-2026!");
  HttpClient client(server.port());

  for (int i = 0; i < 5; ++i)
    CHECK(client.post("/api/v1/auth/login", credentials("carol", "wrong-password-1")).status == 401);
  auto locked = client.post("/api/v1/auth/login", credentials("carol", "Winter-Garden-2026!"));
  CHECK(locked.status == 429);
  CHECK(!locked.header("retry-after").empty());
  CHECK(std::stoi(locked.header("retry-after")) >= 1);

  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  auto ok = client.post("/api/v1/auth/login", credentials("carol", "Winter-Garden-2026!"));
  CHECK(ok.status == 200);

  SECTION("each further failure doubles the lockout") {
    // Success cleared the account's count but not the address's (five failures within the
    // window): the next failure locks it again, for twice as long.
    CHECK(client.post("/api/v1/auth/login", credentials("carol", "wrong-password-1")).status == 401);
    auto again = client.post("/api/v1/auth/login", credentials("carol", "Winter-Garden-2026!"));
    CHECK(again.status == 429);
    CHECK(std::stoi(again.header("retry-after")) == 2);
  }
}

TEST_CASE("failures from one address lock it for every account, at a limit above an office's typing mistakes",
          "[integration][identity][throttle]") {
  TestServer server([](AppConfig& c) {
    c.auth.login_max_failures = 5;
    c.auth.login_max_failures_per_address = 12;
    c.auth.login_lockout_seconds = 1;
  });
  create_user(server, "carol", {Role::coordinator}, "Winter-Garden-2026!");
  create_user(server, "dave", {Role::expert}, "Summer-Harbour-2026!");
  HttpClient client(server.port());
  // An office behind one address: colleagues mistyping their passwords (fewer failures than
  // the address allows) do not lock the others out.
  for (int i = 0; i < 4; ++i) {
    CHECK(client.post("/api/v1/auth/login", credentials("carol", "wrong-password-1")).status == 401);
    CHECK(client.post("/api/v1/auth/login", credentials("dave", "wrong-password-1")).status == 401);
  }
  CHECK(client.post("/api/v1/auth/login", credentials("dave", "Summer-Harbour-2026!")).status == 200);
  // Guessing across many accounts from the address: the address reaches its limit (12) while
  // no single account reaches its own (5).
  for (int i = 0; i < 4; ++i)
    CHECK(client.post("/api/v1/auth/login", credentials("guess" + std::to_string(i), "wrong-password-1")).status ==
          401);
  auto locked = client.post("/api/v1/auth/login", credentials("carol", "Winter-Garden-2026!"));
  CHECK(locked.status == 429);
  CHECK(!locked.header("retry-after").empty());
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  CHECK(client.post("/api/v1/auth/login", credentials("carol", "Winter-Garden-2026!")).status == 200);
}

TEST_CASE("sign-in answers 503 when the password hashing queue is full", "[integration][identity][throttle]") {
  TestServer server([](AppConfig& c) {
    c.auth.hash_concurrency = 1;
    c.auth.hash_queue = 0;
    c.auth.hash_ops = 3;
    c.auth.hash_mem_mib = 32;
    c.http.worker_threads = 8;
    c.auth.login_max_failures = 10;  // attempts are reserved before hashing: six at once pass a limit of 10
  });
  create_user(server, "carol", {Role::coordinator}, "Winter-Garden-2026!");
  std::vector<std::thread> threads;
  std::atomic<int> ok{0}, busy{0}, other{0};
  for (int i = 0; i < 6; ++i)
    threads.emplace_back([&] {
      HttpClient c(server.port());
      auto r = c.post("/api/v1/auth/login", credentials("carol", "Winter-Garden-2026!"));
      if (r.status == 200)
        ++ok;
      else if (r.status == 503 && !r.header("retry-after").empty())
        ++busy;
      else
        ++other;
    });
  for (auto& t : threads) t.join();
  CHECK(ok >= 1);
  CHECK(busy >= 1);
  CHECK(other == 0);
}

TEST_CASE("a session expires when idle too long and at its absolute limit", "[integration][identity]") {
  TestServer server;
  create_user(server, "carol", {Role::coordinator}, "Winter-Garden-2026!");

  SECTION("idle") {
    HttpClient client = sign_in(server, "carol", "Winter-Garden-2026!");
    CHECK(client.get("/api/v1/auth/me").status == 200);
    // 31 minutes without a request (auth.session_idle_minutes = 30).
    raw_sql(server, "UPDATE sessions SET last_seen_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-31 minutes')");
    CHECK(client.get("/api/v1/auth/me").status == 401);
  }
  SECTION("absolute") {
    HttpClient client = sign_in(server, "carol", "Winter-Garden-2026!");
    raw_sql(server, "UPDATE sessions SET expires_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 seconds')");
    CHECK(client.get("/api/v1/auth/me").status == 401);
  }
  SECTION("a session in use stays alive") {
    HttpClient client = sign_in(server, "carol", "Winter-Garden-2026!");
    raw_sql(server, "UPDATE sessions SET last_seen_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-29 minutes')");
    CHECK(client.get("/api/v1/auth/me").status == 200);
    // The use was recorded (without waiting: poll briefly).
    bool touched = false;
    for (int i = 0; i < 50 && !touched; ++i) {
      auto c = server.app().database().read();
      auto s = c->prepare("SELECT last_seen_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-1 minutes') FROM sessions");
      touched = s.step() && s.int64(0) == 1;
      if (!touched) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(touched);
  }
}

TEST_CASE("unsafe requests with a session cookie need the CSRF token; bearer tokens do not",
          "[integration][identity][csrf]") {
  TestServer server;
  create_user(server, "carol", {Role::coordinator}, "Winter-Garden-2026!");
  HttpClient client = sign_in(server, "carol", "Winter-Garden-2026!");
  Json token_body = Json::object();
  token_body["name"] = "script";
  token_body["expires_in_days"] = 30;
  token_body["scope"] = "read_write";

  std::string csrf = client.csrf();
  client.set_csrf("");
  auto missing = client.post("/api/v1/tokens", token_body);
  CHECK(missing.status == 403);
  CHECK(missing.json()["detail"] == std::string(http::refusal::kCsrfMissing));
  client.set_csrf("wrong-token");
  CHECK(client.post("/api/v1/tokens", token_body).status == 403);
  CHECK(client.post("/api/v1/auth/logout").status == 403);
  client.set_csrf(csrf);
  auto created = client.post("/api/v1/tokens", token_body);
  REQUIRE(created.status == 201);

  HttpClient script(server.port());
  script.set_bearer(created.json()["token"].get<std::string>());
  Json expert = Json::object();
  expert["name"] = "脚本新增";
  expert["organization"] = "测试大学";
  CHECK(script.post("/api/v1/experts", expert).status == 201);
}

TEST_CASE("a new account must change its one-time password before anything else", "[integration][identity]") {
  TestServer server;
  Personas p = make_personas(server);
  Json body = Json::object();
  body["username"] = "erin";
  body["display_name"] = "钱专家";
  body["email"] = "erin@example.cn";
  body["roles"] = Json::array({"expert"});
  auto created = p.admin.post("/api/v1/users", body);
  REQUIRE(created.status == 201);
  std::string otp = created.json()["one_time_password"];
  CHECK(created.json()["user"]["must_change_password"] == true);

  HttpClient erin(server.port());
  auto login = erin.post("/api/v1/auth/login", credentials("erin", otp));
  REQUIRE(login.status == 200);
  CHECK(login.json()["user"]["must_change_password"] == true);
  erin.remember_login(login);

  CHECK(erin.get("/api/v1/auth/me").status == 200);
  auto blocked = erin.get("/api/v1/tokens");
  CHECK(blocked.status == 403);
  CHECK(blocked.json()["detail"] == std::string(account_refusal::kPasswordChangeFirst));

  Json change = Json::object();
  change["current_password"] = otp;
  change["new_password"] = "short";
  auto weak = erin.post("/api/v1/auth/password", change);
  CHECK(weak.status == 400);
  CHECK(weak.json()["errors"][0]["field"] == "new_password");
  change["new_password"] = "password1234";
  CHECK(erin.post("/api/v1/auth/password", change).status == 400);
  change["current_password"] = "not-the-password";
  change["new_password"] = "Quiet-Harbor-2026!";
  auto wrong = erin.post("/api/v1/auth/password", change);
  CHECK(wrong.status == 400);
  CHECK(wrong.json()["errors"][0]["field"] == "current_password");

  change["current_password"] = otp;
  CHECK(erin.post("/api/v1/auth/password", change).status == 204);
  CHECK(erin.get("/api/v1/tokens").status == 200);
  CHECK(erin.get("/api/v1/auth/me").json()["user"]["must_change_password"] == false);
  CHECK(audit_count(server, "user.password_change") == 1);
  // The old one-time password no longer works; the new one does.
  HttpClient again(server.port());
  CHECK(again.post("/api/v1/auth/login", credentials("erin", otp)).status == 401);
  CHECK(again.post("/api/v1/auth/login", credentials("erin", "Quiet-Harbor-2026!")).status == 200);
}

TEST_CASE("changing the password ends the user's other sessions", "[integration][identity]") {
  TestServer server;
  create_user(server, "carol", {Role::coordinator}, "Winter-Garden-2026!");
  HttpClient laptop = sign_in(server, "carol", "Winter-Garden-2026!");
  HttpClient phone = sign_in(server, "carol", "Winter-Garden-2026!");

  auto list = laptop.get("/api/v1/auth/sessions");
  REQUIRE(list.status == 200);
  auto items = list.json()["items"];
  REQUIRE(items.size() == 2);
  int current = 0;
  for (auto const& s : items) {
    CHECK(s["id"].get<std::string>().size() < 20);
    CHECK(s["client_address"] == "127.0.0.1");
    current += s["current"].get<bool>() ? 1 : 0;
  }
  CHECK(current == 1);

  Json change = Json::object();
  change["current_password"] = "Winter-Garden-2026!";
  change["new_password"] = "Autumn-River-2026!";
  CHECK(laptop.post("/api/v1/auth/password", change).status == 204);
  CHECK(laptop.get("/api/v1/auth/me").status == 200);
  CHECK(phone.get("/api/v1/auth/me").status == 401);
  CHECK(laptop.get("/api/v1/auth/sessions").json()["items"].size() == 1);
}

TEST_CASE("a user ends one of their other sessions, but not someone else's", "[integration][identity]") {
  TestServer server;
  create_user(server, "carol", {Role::coordinator}, "Winter-Garden-2026!");
  create_user(server, "dave", {Role::coordinator}, "Summer-Stone-2026!");
  HttpClient laptop = sign_in(server, "carol", "Winter-Garden-2026!");
  HttpClient phone = sign_in(server, "carol", "Winter-Garden-2026!");
  HttpClient dave = sign_in(server, "dave", "Summer-Stone-2026!");

  std::string phone_id;
  auto phone_sessions = phone.get("/api/v1/auth/sessions");
  INFO(phone_sessions.body);
  Json phone_items = phone_sessions.json()["items"];
  for (auto const& s : phone_items)
    if (s["current"] == true) phone_id = s["id"].get<std::string>();
  REQUIRE(!phone_id.empty());
  CHECK(dave.del("/api/v1/auth/sessions/" + phone_id).status == 404);
  CHECK(phone.get("/api/v1/auth/me").status == 200);
  CHECK(laptop.del("/api/v1/auth/sessions/" + phone_id).status == 204);
  CHECK(phone.get("/api/v1/auth/me").status == 401);
  CHECK(laptop.get("/api/v1/auth/me").status == 200);
  CHECK(audit_count(server, "session.revoke") == 1);
}
