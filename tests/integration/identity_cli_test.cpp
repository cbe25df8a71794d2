// The identity commands of the zhiku binary: `user add` bootstraps an admin who can then sign in,
// `user passwd` sets a password, `audit verify` checks the audit chain and catches tampering.
#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <sys/wait.h>

#include "identity_helpers.hpp"
#include "support/http_client.hpp"
#include "support/test_server.hpp"

using namespace zhiku;
using namespace zhiku::test;

namespace {

struct CliResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

std::string shell_quote(std::string const& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out.append("'\\''");
    else
      out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

// Runs the built binary with `args`, feeding `input` on standard input.
CliResult run_zhiku(std::vector<std::string> const& args, std::string const& input = "") {
  std::string command = "printf '%s\\n' ";
  command.append(shell_quote(input)).append(" | ").append(shell_quote(ZHIKU_BINARY));
  for (auto const& a : args) command.append(" ").append(shell_quote(a));
  command.append(" 2>&1");
  CliResult r;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe);
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) r.output.append(buf, n);
  int status = pclose(pipe);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string empty_config(TempDir const& dir) {
  std::string path = dir.file("empty.toml");
  std::ofstream(path) << "# defaults only\n";
  return path;
}

}  // namespace

TEST_CASE("zhiku user add bootstraps an admin who then signs in", "[integration][identity][cli]") {
  TempDir dir;
  std::string db = dir.file("cli.db");
  std::string config = empty_config(dir);

  auto weak = run_zhiku(
      {"--config", config, "user", "add", "--username", "root", "--role", "admin", "--password-stdin", "--db", db},
      "password123");
  CHECK(weak.exit_code == 1);
  CHECK_THAT(weak.output, Catch::Contains("password"));

  auto bad_role = run_zhiku(
      {"--config", config, "user", "add", "--username", "root", "--role", "boss", "--password-stdin", "--db", db},
      "Winter-Garden-2026!");
  CHECK(bad_role.exit_code != 0);

  auto added =
      run_zhiku({"--config", config, "user", "add", "--username", "root", "--role", "admin", "--role", "coordinator",
                 "--display-name", "系统管理员", "--email", "root@example.cn", "--password-stdin", "--db", db},
                "Winter-Garden-2026!");
  INFO(added.output);
  REQUIRE(added.exit_code == 0);
  CHECK_THAT(added.output, Catch::Contains("created user root"));
  CHECK(added.output.find("Winter-Garden-2026!") == std::string::npos);

  auto again = run_zhiku(
      {"--config", config, "user", "add", "--username", "ROOT", "--role", "expert", "--password-stdin", "--db", db},
      "Autumn-River-2026!");
  CHECK(again.exit_code == 1);

  {
    TestServer server([&](AppConfig& c) { c.database.path = db; });
    HttpClient client(server.port());
    auto login = client.post("/api/v1/auth/login", credentials("root", "Winter-Garden-2026!"));
    REQUIRE(login.status == 200);
    auto user = login.json()["user"];
    CHECK(user["display_name"] == "系统管理员");
    CHECK(user["roles"] == Json::array({"admin", "coordinator"}));
    CHECK(user["must_change_password"] == false);
    CHECK(user["totp_required"] == true);
    CHECK(user["totp_enabled"] == false);
  }

  auto passwd_weak = run_zhiku({"--config", config, "user", "passwd", "root", "--password-stdin", "--db", db}, "root");
  CHECK(passwd_weak.exit_code == 1);
  auto passwd_unknown =
      run_zhiku({"--config", config, "user", "passwd", "nobody", "--password-stdin", "--db", db}, "Autumn-River-2026!");
  CHECK(passwd_unknown.exit_code == 1);
  auto passwd =
      run_zhiku({"--config", config, "user", "passwd", "root", "--password-stdin", "--db", db}, "Autumn-River-2026!");
  INFO(passwd.output);
  CHECK(passwd.exit_code == 0);

  TestServer server([&](AppConfig& c) { c.database.path = db; });
  HttpClient client(server.port());
  CHECK(client.post("/api/v1/auth/login", credentials("root", "Winter-Garden-2026!")).status == 401);
  CHECK(client.post("/api/v1/auth/login", credentials("root", "Autumn-River-2026!")).status == 200);
  CHECK(audit_count(server, "user.create") == 1);
  CHECK(audit_count(server, "user.password_set") == 1);
}

TEST_CASE("zhiku audit verify reports an intact chain and the first altered row", "[integration][identity][cli]") {
  TempDir dir;
  std::string db = dir.file("audit.db");
  std::string config = empty_config(dir);
  REQUIRE(run_zhiku({"--config", config, "user", "add", "--username", "root", "--role", "coordinator",
                     "--password-stdin", "--db", db},
                    "Winter-Garden-2026!")
              .exit_code == 0);
  {
    TestServer server([&](AppConfig& c) { c.database.path = db; });
    HttpClient client(server.port());
    client.post("/api/v1/auth/login", credentials("root", "wrong-password-1"));
    REQUIRE(client.post("/api/v1/auth/login", credentials("root", "Winter-Garden-2026!")).status == 200);
    REQUIRE(audit_count(server, "session.login") == 1);
  }

  auto ok = run_zhiku({"--config", config, "audit", "verify", "--db", db});
  INFO(ok.output);
  CHECK(ok.exit_code == 0);
  CHECK_THAT(ok.output, Catch::StartsWith("OK: 3 audit rows"));

  // Someone with the file edits the failed sign-in's row behind the triggers' back.
  raw_sql(db,
          "DROP TRIGGER audit_log_no_update;"
          "UPDATE audit_log SET actor_name = 'someone-else' WHERE action = 'session.login_failed';");
  auto bad = run_zhiku({"--config", config, "audit", "verify", "--db", db});
  INFO(bad.output);
  CHECK(bad.exit_code == 1);
  CHECK_THAT(bad.output, Catch::StartsWith("FAILED at audit row 2"));
}
