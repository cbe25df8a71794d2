// TOTP keys are sealed in the database with the key file beside it: the SQLite file alone does
// not hold them, a restart with the same key file signs in as before, keys stored in the clear by
// an older version are sealed at start-up, and with the wrong key file two-factor sign-in fails
// until `zhiku user reset-2fa`.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <string>

#include <sys/wait.h>

#include "app/services.hpp"
#include "identity_helpers.hpp"
#include "storage/connection.hpp"
#include "support/http_client.hpp"
#include "support/personas.hpp"
#include "support/test_server.hpp"
#include "users/totp.hpp"

using namespace zhiku;
using namespace zhiku::test;

namespace {

constexpr char kPassword[] = "Winter-Garden-2026!";

std::string stored_key(std::string const& db, std::string const& username) {
  storage::Connection c(storage::ConnectionOptions{db, "FULL", 5000, true});
  auto s = c.prepare("SELECT coalesce(totp_secret, '') FROM users WHERE username = ?");
  bind_all(s, username);
  REQUIRE(s.step());
  return s.text(0);
}

// Signs in with the password, then sends `code`; returns the answer to the code.
HttpResponse sign_in_with(TestServer& server, std::string const& username, std::string const& code) {
  HttpClient c(server.port());
  auto r = c.post("/api/v1/auth/login", credentials(username, kPassword));
  REQUIRE(r.status == 200);
  REQUIRE(r.json()["second_factor_required"] == true);
  c.remember_login(r);
  Json body = Json::object();
  body["code"] = code;
  return c.post("/api/v1/auth/totp/verify", body);
}

}  // namespace

TEST_CASE("TOTP keys are sealed at rest and survive a restart with the same key file",
          "[integration][identity][totp]") {
  TempDir dir;
  std::string const db = dir.file("zhiku.db");
  auto same_files = [&](AppConfig& c) { c.database.path = db; };
  std::string secret;
  Id carol = 0;
  {
    TestServer server(same_files);
    carol = create_user(server, "carol", {Role::coordinator}, kPassword);
    secret = enrol_totp(server, carol);
  }
  CHECK(std::filesystem::exists(dir.path() / "zhiku.key"));
  std::string const stored = stored_key(db, "carol");
  CHECK(stored.rfind("sb1:", 0) == 0);
  CHECK(stored.find(secret) == std::string::npos);
  {
    TestServer server(same_files);
    CHECK(sign_in_with(server, "carol", next_totp_code(server, carol)).status == 200);
  }

  // A key stored in the clear (by a version before sealing) is sealed at start-up.
  {
    storage::Connection c(storage::ConnectionOptions{db, "FULL", 5000, false});
    c.exec("UPDATE users SET totp_secret = ? WHERE username = 'carol'", secret);
  }
  {
    TestServer server(same_files);
    std::string const resealed = stored_key(db, "carol");
    CHECK(resealed.rfind("sb1:", 0) == 0);
    CHECK(server.app().services().secret_box.open(resealed, totp_key_context(carol)) == secret);
  }

  // With another key file the code cannot be checked: the user is told to use a recovery code.
  {
    TestServer server([&](AppConfig& c) {
      c.database.path = db;
      c.auth.key_file = dir.file("other.key");
    });
    auto refused = sign_in_with(server, "carol", "123456");
    CHECK(refused.status == 409);
    CHECK_THAT(refused.json()["detail"].get<std::string>(), Catch::Contains("恢复码"));
  }

  // An operator turns two-factor sign-in off from the command line.
  std::string command = std::string("'") + ZHIKU_BINARY + "' user reset-2fa carol --db '" + db + "' 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  std::string output;
  char buf[512];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) output.append(buf, n);
  int const status = pclose(pipe);
  INFO(output);
  CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  CHECK_THAT(output, Catch::Contains("two-factor sign-in reset for carol"));
  CHECK(stored_key(db, "carol").empty());
  TestServer server(same_files);
  HttpClient c(server.port());
  auto r = c.post("/api/v1/auth/login", credentials("carol", kPassword));
  CHECK(r.status == 200);
  CHECK(r.json()["second_factor_required"] == false);
  CHECK(audit_count(server, "user.totp_reset") == 1);
}
