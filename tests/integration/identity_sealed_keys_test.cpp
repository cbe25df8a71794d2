// TOTP keys are sealed in the database with the key file beside it: the SQLite file alone does
// not hold them, a restart with the same key file signs in as before, keys stored in the clear by
// an older version are sealed at start-up, `zhiku key rotate` reseals them under a new key, and
// with the wrong key file two-factor sign-in fails until `zhiku user reset-2fa`.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

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

struct CliResult {
  int exit_code = -1;
  std::string output;
};

CliResult run_zhiku(std::vector<std::string> const& args) {
  std::string command = std::string("'") + ZHIKU_BINARY + "'";
  for (auto const& a : args) command += " '" + a + "'";
  command += " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  CliResult r;
  char buf[512];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, pipe)) > 0;) r.output.append(buf, n);
  int const status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string read_file(std::filesystem::path const& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Whether the server's current key (not an older one of its ring) sealed `stored`.
bool storage_is_current(TestServer& server, std::string const& stored, Id user) {
  return server.app().services().secret_box.sealed_with_current_key(stored, totp_key_context(user));
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
  std::string stored_key_before_rotation;
  {
    TestServer server(same_files);
    std::string const resealed = stored_key(db, "carol");
    stored_key_before_rotation = resealed;
    CHECK(resealed.rfind("sb1:", 0) == 0);
    CHECK(server.app().services().secret_box.open(resealed, totp_key_context(carol)) == secret);
  }

  // Rotation: a new key, every TOTP key resealed with it, the old key gone from the file.
  std::string const old_key_file = read_file(dir.path() / "zhiku.key");
  auto rotated = run_zhiku({"key", "rotate", "--db", db});
  INFO(rotated.output);
  CHECK(rotated.exit_code == 0);
  CHECK_THAT(rotated.output, Catch::Contains("1 two-factor keys resealed"));
  std::string const new_key_file = read_file(dir.path() / "zhiku.key");
  CHECK(new_key_file != old_key_file);
  CHECK(new_key_file.size() == 65);  // one key: 64 hex digits and a newline
  CHECK(stored_key(db, "carol") != stored_key_before_rotation);
  {
    TestServer server(same_files);
    CHECK(server.app().services().secret_box.open(stored_key(db, "carol"), totp_key_context(carol)) == secret);
    CHECK(storage_is_current(server, stored_key(db, "carol"), carol));
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
  auto reset = run_zhiku({"user", "reset-2fa", "carol", "--db", db});
  std::string const& output = reset.output;
  INFO(output);
  CHECK(reset.exit_code == 0);
  CHECK_THAT(output, Catch::Contains("two-factor sign-in reset for carol"));
  CHECK(stored_key(db, "carol").empty());
  TestServer server(same_files);
  HttpClient c(server.port());
  auto r = c.post("/api/v1/auth/login", credentials("carol", kPassword));
  CHECK(r.status == 200);
  CHECK(r.json()["second_factor_required"] == false);
  CHECK(audit_count(server, "user.totp_reset") == 1);
}
