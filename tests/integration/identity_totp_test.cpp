// Two-factor sign-in: enrolment, the second step at sign-in, replay refusal, recovery codes,
// enforcement for admins and leaders, and an admin's reset.
#include <catch2/catch.hpp>

#include <cctype>
#include <string>

#include "identity_helpers.hpp"
#include "support/http_client.hpp"
#include "support/personas.hpp"
#include "support/test_server.hpp"
#include "users/account_gate.hpp"
#include "users/totp.hpp"

using namespace zhiku;
using namespace zhiku::test;

namespace {

constexpr char kPassword[] = "Winter-Garden-2026!";

Json code_body(std::string const& key, std::string const& value) {
  Json j = Json::object();
  j[key] = value;
  return j;
}

// Signs in with the password only; the client then holds a session waiting for its second factor.
HttpClient half_signed_in(TestServer& server, std::string const& username) {
  HttpClient c(server.port());
  auto r = c.post("/api/v1/auth/login", credentials(username, kPassword));
  REQUIRE(r.status == 200);
  REQUIRE(r.json()["second_factor_required"] == true);
  c.remember_login(r);
  return c;
}

}  // namespace

TEST_CASE(
    "a user enrols in TOTP, then signs in with a code that cannot be replayed and a recovery code that "
    "works once",
    "[integration][identity][totp]") {
  TestServer server;
  Id carol = create_user(server, "carol", {Role::coordinator}, kPassword);
  HttpClient client = sign_in(server, "carol", kPassword);

  // Enrolment.
  auto setup = client.post("/api/v1/auth/totp/setup");
  REQUIRE(setup.status == 200);
  std::string secret = setup.json()["secret"];
  CHECK(secret.size() == 32);
  CHECK(setup.json()["otpauth_uri"].get<std::string>().rfind("otpauth://totp/", 0) == 0);
  CHECK(setup.json()["otpauth_uri"].get<std::string>().find(secret) != std::string::npos);
  auto bad = client.post("/api/v1/auth/totp/enable", code_body("code", "000000"));
  CHECK(bad.status == 400);
  CHECK(bad.json()["errors"][0]["field"] == "code");
  auto enabled = client.post("/api/v1/auth/totp/enable", code_body("code", next_totp_code(server, carol)));
  REQUIRE(enabled.status == 200);
  auto recovery = enabled.json()["recovery_codes"];
  REQUIRE(recovery.size() == 10);
  CHECK(client.get("/api/v1/auth/me").json()["user"]["totp_enabled"] == true);
  CHECK(client.post("/api/v1/auth/totp/setup").status == 409);
  CHECK(audit_count(server, "user.totp_enable") == 1);

  // Sign-in now takes two steps; between them the session is not signed in.
  HttpClient phone = half_signed_in(server, "carol");
  CHECK(phone.get("/api/v1/auth/me").status == 401);
  CHECK(phone.get("/api/v1/tokens").status == 401);
  auto wrong = phone.post("/api/v1/auth/totp/verify", code_body("code", "123456"));
  CHECK(wrong.status == 400);
  CHECK(wrong.json()["errors"][0]["field"] == "code");
  std::string code = next_totp_code(server, carol);
  auto verified = phone.post("/api/v1/auth/totp/verify", code_body("code", code));
  REQUIRE(verified.status == 200);
  CHECK(verified.json()["user"]["username"] == "carol");
  CHECK(verified.json()["csrf_token"] == phone.csrf());
  CHECK(phone.get("/api/v1/auth/me").status == 200);
  CHECK(phone.get("/api/v1/tokens").status == 200);
  CHECK(phone.post("/api/v1/auth/totp/verify", code_body("code", code)).status == 409);

  // The same code again, from another sign-in: refused.
  HttpClient thief = half_signed_in(server, "carol");
  auto replay = thief.post("/api/v1/auth/totp/verify", code_body("code", code));
  CHECK(replay.status == 400);
  CHECK(thief.get("/api/v1/auth/me").status == 401);

  // A recovery code works once (any case, dashes optional).
  std::string rc = recovery[0];
  HttpClient lost_phone = half_signed_in(server, "carol");
  std::string typed = rc;
  for (auto& ch : typed) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  CHECK(lost_phone.post("/api/v1/auth/totp/verify", code_body("recovery_code", typed)).status == 200);
  CHECK(lost_phone.get("/api/v1/auth/me").status == 200);
  HttpClient again = half_signed_in(server, "carol");
  auto reused = again.post("/api/v1/auth/totp/verify", code_body("recovery_code", rc));
  CHECK(reused.status == 400);
  CHECK(reused.json()["errors"][0]["field"] == "recovery_code");
  CHECK(audit_count(server, "session.second_factor") == 2);
  CHECK(audit_count(server, "session.second_factor_failed") == 3);

  // Turning it off needs the password.
  auto no = client.post("/api/v1/auth/totp/disable", code_body("password", "not-my-password"));
  CHECK(no.status == 400);
  CHECK(no.json()["errors"][0]["field"] == "password");
  CHECK(client.post("/api/v1/auth/totp/disable", code_body("password", kPassword)).status == 204);
  HttpClient plain(server.port());
  auto login = plain.post("/api/v1/auth/login", credentials("carol", kPassword));
  CHECK(login.json()["second_factor_required"] == false);
}

TEST_CASE("wrong second-factor codes count towards the sign-in lockout", "[integration][identity][totp][throttle]") {
  TestServer server([](AppConfig& c) { c.auth.login_max_failures = 3; });
  Id carol = create_user(server, "carol", {Role::coordinator}, kPassword);
  enrol_totp(server, carol);
  HttpClient c = half_signed_in(server, "carol");
  for (int i = 0; i < 3; ++i) CHECK(c.post("/api/v1/auth/totp/verify", code_body("code", "000000")).status == 400);
  auto locked = c.post("/api/v1/auth/totp/verify", code_body("code", next_totp_code(server, carol)));
  CHECK(locked.status == 429);
  CHECK(!locked.header("retry-after").empty());
}

TEST_CASE("admins and leaders without TOTP may only use the sign-in routes until they enrol",
          "[integration][identity][totp]") {
  TestServer server;
  Id root = create_user(server, "root", {Role::admin}, kPassword);
  HttpClient admin = sign_in(server, "root", kPassword);
  auto me = admin.get("/api/v1/auth/me");
  REQUIRE(me.status == 200);
  CHECK(me.json()["user"]["totp_required"] == true);
  CHECK(me.json()["user"]["totp_enabled"] == false);

  auto blocked = admin.get("/api/v1/users");
  CHECK(blocked.status == 403);
  CHECK(blocked.json()["detail"] == std::string(account_refusal::kTotpEnrolmentFirst));
  CHECK(admin.get("/api/v1/tokens").status == 403);
  CHECK(admin.get("/api/v1/auth/sessions").status == 200);

  auto setup = admin.post("/api/v1/auth/totp/setup");
  REQUIRE(setup.status == 200);
  REQUIRE(admin.post("/api/v1/auth/totp/enable", code_body("code", next_totp_code(server, root))).status == 200);
  CHECK(admin.get("/api/v1/users").status == 200);

  // Required for the role: it cannot be turned off.
  auto off = admin.post("/api/v1/auth/totp/disable", code_body("password", kPassword));
  CHECK(off.status == 409);
}

TEST_CASE("an admin resets a user's TOTP after a lost phone", "[integration][identity][totp]") {
  TestServer server;
  Personas p = make_personas(server);
  Id carol = create_user(server, "carol", {Role::coordinator}, kPassword);
  enrol_totp(server, carol);
  HttpClient client = sign_in(server, "carol", kPassword);
  CHECK(client.get("/api/v1/auth/me").json()["user"]["totp_enabled"] == true);

  CHECK(p.admin.post("/api/v1/users/" + std::to_string(carol) + "/totp-reset").status == 204);
  CHECK(p.admin.post("/api/v1/users/999999/totp-reset").status == 404);
  CHECK(client.get("/api/v1/auth/me").status == 401);  // sessions ended
  HttpClient fresh(server.port());
  auto login = fresh.post("/api/v1/auth/login", credentials("carol", kPassword));
  REQUIRE(login.status == 200);
  CHECK(login.json()["second_factor_required"] == false);
  CHECK(login.json()["user"]["totp_enabled"] == false);
  CHECK(audit_count(server, "user.totp_reset") == 1);
}
