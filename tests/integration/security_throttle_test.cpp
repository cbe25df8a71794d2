// Issue 9 items 3 and 4: every secret check (password at sign-in, TOTP code, recovery code,
// current password) is reserved against the throttle before it is verified, so parallel guesses
// cannot pass the limit; the current-password checks are throttled and audited like sign-in.
#include <catch2/catch.hpp>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "identity_helpers.hpp"
#include "support/http_client.hpp"
#include "support/personas.hpp"
#include "support/test_server.hpp"

using namespace zhiku;
using namespace zhiku::test;

namespace {

constexpr char kPassword[] = "Winter-Garden-2026!";

struct Tally {
  std::atomic<int> unauthorized{0}, invalid{0}, too_many{0}, other{0};
};

void count(Tally& t, int status) {
  if (status == 401) ++t.unauthorized;
  else if (status == 400) ++t.invalid;
  else if (status == 429) ++t.too_many;
  else ++t.other;
}

}  // namespace

TEST_CASE("40 parallel wrong passwords against a limit of 5 get 5 checked", "[integration][security][throttle]") {
  TestServer server([](AppConfig& c) {
    c.auth.login_max_failures = 5;
    c.auth.hash_queue = 64;
  });
  create_user(server, "carol", {Role::coordinator}, kPassword);
  Tally t;
  std::vector<std::thread> threads;
  for (int i = 0; i < 40; ++i)
    threads.emplace_back([&, i] {
      HttpClient c(server.port());
      count(t, c.post("/api/v1/auth/login", credentials("carol", "wrong-guess-" + std::to_string(i))).status);
    });
  for (auto& th : threads) th.join();
  CHECK(t.unauthorized == 5);
  CHECK(t.too_many == 35);
  CHECK(t.other == 0);
  CHECK(audit_count(server, "session.login_failed") == 5);
}

TEST_CASE("40 parallel wrong TOTP codes against a limit of 3 get 3 checked", "[integration][security][throttle]") {
  TestServer server([](AppConfig& c) { c.auth.login_max_failures = 3; });
  Id carol = create_user(server, "carol", {Role::coordinator}, kPassword);
  enrol_totp(server, carol);
  HttpClient first(server.port());
  auto r = first.post("/api/v1/auth/login", credentials("carol", kPassword));
  REQUIRE(r.status == 200);
  REQUIRE(r.json()["second_factor_required"] == true);
  first.remember_login(r);
  Tally t;
  std::vector<std::thread> threads;
  for (int i = 0; i < 40; ++i)
    threads.emplace_back([&, i] {
      HttpClient c(server.port());
      c.set_cookie(first.cookie());
      c.set_csrf(first.csrf());
      Json body = Json::object();
      if (i % 2) body["code"] = "00000" + std::to_string(i % 10);
      else body["recovery_code"] = "aaaa-bbbb-" + std::to_string(1000 + i);
      count(t, c.post("/api/v1/auth/totp/verify", body).status);
    });
  for (auto& th : threads) th.join();
  CHECK(t.invalid == 3);
  CHECK(t.too_many == 37);
  CHECK(audit_count(server, "session.second_factor_failed") == 3);
}

TEST_CASE("a failed sign-in keeps the typed name only when it names an account", "[integration][security][audit]") {
  TestServer server;
  create_user(server, "carol", {Role::coordinator}, kPassword);
  HttpClient c(server.port());
  CHECK(c.post("/api/v1/auth/login", credentials("Winter-Garden-2026!", "x")).status == 401);  // a password typed as the name
  CHECK(c.post("/api/v1/auth/login", credentials("carol", "wrong-password-1")).status == 401);
  auto db = server.app().database().read();
  auto s = db->prepare("SELECT diff FROM audit_log WHERE action = 'session.login_failed' ORDER BY id");
  REQUIRE(s.step());
  CHECK(s.text(0).find("Winter-Garden") == std::string::npos);
  REQUIRE(s.step());
  CHECK(s.text(0).find("carol") != std::string::npos);
}

TEST_CASE("the current-password checks are throttled, audited and confirm no guess",
          "[integration][security][throttle]") {
  TestServer server([](AppConfig& c) { c.auth.login_max_failures = 3; });
  create_user(server, "carol", {Role::expert}, kPassword);
  auto carol = sign_in(server, "carol", kPassword);
  auto change = [&](std::string const& current, std::string const& next) {
    Json j = Json::object();
    j["current_password"] = current;
    j["new_password"] = next;
    return carol.post("/api/v1/auth/password", j);
  };

  SECTION("a weak new password is refused the same way whether the current one is right or wrong") {
    auto right = change(kPassword, "123");
    auto wrong = change("not-my-password-9", "123");
    CHECK(right.status == 400);
    CHECK(right.json()["errors"] == wrong.json()["errors"]);
    CHECK(right.json()["detail"] == wrong.json()["detail"]);
    auto same_right = change(kPassword, kPassword);
    auto same_wrong = change("Autumn-Leaves-2026!", "Autumn-Leaves-2026!");
    CHECK(same_right.status == 400);
    CHECK(same_right.json()["errors"] == same_wrong.json()["errors"]);
    CHECK(audit_count(server, "user.password_check_failed") == 0);  // neither looked at the current one
  }

  SECTION("wrong current passwords count like failed sign-ins and are audited") {
    for (int i = 0; i < 3; ++i) {
      auto r = change("guess-number-" + std::to_string(i) + "-Zz", "Autumn-Leaves-2026!");
      CHECK(r.status == 400);
      CHECK(r.json()["errors"][0]["field"] == "current_password");
    }
    CHECK(audit_count(server, "user.password_check_failed") == 3);
    auto locked = change(kPassword, "Autumn-Leaves-2026!");  // even the right one waits now
    CHECK(locked.status == 429);
    CHECK(!locked.header("retry-after").empty());
  }
}
