// The zhiku command line: version, migrate, backup while the server writes, and configuration
// errors that exit 2 naming the key.
#include <atomic>
#include <fstream>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "support/process.hpp"
#include "support/test_server.hpp"

using namespace std::chrono_literals;
using namespace zhiku::test;
using zhiku::storage::Connection;
using zhiku::storage::ConnectionOptions;
using zhiku::storage::Statement;

namespace {

// An empty configuration file, so the tests do not depend on the working directory's config/.
std::string empty_config(TempDir const& dir) {
  std::string path = dir.file("empty.toml");
  std::ofstream(path) << "# defaults only\n";
  return path;
}

std::int64_t scalar(Connection& c, std::string const& sql) {
  Statement s = c.prepare(sql);
  REQUIRE(s.step());
  return s.int64(0);
}

}  // namespace

TEST_CASE("zhiku version prints the version", "[integration][cli]") {
  auto r = run_process({ZHIKU_BINARY, "version"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "zhiku " + zhiku::version_string() + "\n");
}

TEST_CASE("zhiku migrate applies the embedded migrations once and reports them", "[integration][cli]") {
  TempDir dir;
  std::string db = dir.file("migrate.db");
  auto const& all = zhiku::storage::embedded_migrations();

  auto first = run_process({ZHIKU_BINARY, "--config", empty_config(dir), "migrate", "--db", db});
  INFO(first.err);
  CHECK(first.exit_code == 0);
  for (auto const& m : all) CHECK_THAT(first.out, Catch::Contains("applied " + m.name));
  CHECK_THAT(first.out, Catch::Contains(std::to_string(all.size()) + " applied, 0 already applied"));

  auto second = run_process({ZHIKU_BINARY, "--config", empty_config(dir), "migrate", "--db", db});
  CHECK(second.exit_code == 0);
  CHECK(second.out == "0 applied, " + std::to_string(all.size()) + " already applied\n");

  SECTION("a database changed by a newer binary is refused with exit code 3") {
    {
      Connection c(ConnectionOptions{db, "NORMAL", 5000, false});
      c.exec("INSERT INTO schema_migrations(name, checksum, applied_at) VALUES ('9999_future.sql', 'x', 'now')");
    }
    auto newer = run_process({ZHIKU_BINARY, "--config", empty_config(dir), "migrate", "--db", db});
    CHECK(newer.exit_code == 3);
    CHECK_THAT(newer.err, Catch::Contains("9999_future.sql"));
  }
}

TEST_CASE("zhiku backup copies the database consistently while the server writes to it", "[integration][cli]") {
  TestServer server;
  auto& db = server.app().database();
  db.write([](Connection& c) {
    c.exec_script("CREATE TABLE cli_rows (id INTEGER PRIMARY KEY, data BLOB NOT NULL)");
    c.exec_script(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
        "INSERT INTO cli_rows(data) SELECT randomblob(2000) FROM n");
  });
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    while (!stop) {
      db.write([](Connection& c) { c.exec("INSERT INTO cli_rows(data) VALUES (randomblob(50))"); });
      ++written;
    }
  });
  while (written < 5) std::this_thread::sleep_for(1ms);
  auto count = [&] {
    auto c = db.read();
    return scalar(*c, "SELECT count(*) FROM cli_rows");
  };
  auto before = count();
  TempDir out;
  std::string copy = out.file("copy.db");
  auto r = run_process({ZHIKU_BINARY, "--config", empty_config(out), "backup", copy, "--db", server.db_path()}, 30s);
  auto written_during = written.load();
  stop = true;
  writer.join();
  auto after = count();
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("backed up"));
  CHECK(written_during > 5);

  Connection b(ConnectionOptions{copy, "NORMAL", 5000, false});
  Statement check = b.prepare("PRAGMA integrity_check");
  REQUIRE(check.step());
  CHECK(check.text(0) == "ok");
  auto copied = scalar(b, "SELECT count(*) FROM cli_rows");
  CHECK(copied >= before);
  CHECK(copied <= after);
  CHECK(scalar(b, "SELECT count(*) FROM schema_migrations") ==
        static_cast<std::int64_t>(zhiku::storage::embedded_migrations().size()));
}

TEST_CASE("an invalid configuration exits 2 naming the key on stderr", "[integration][cli]") {
  TempDir dir;
  struct Case {
    char const* toml;
    char const* key;
  };
  for (auto const& c : {Case{"[http]\nport = 70000\n", "http.port"},
                        Case{"[database]\nsynchronous = \"sometimes\"\n", "database.synchronous"},
                        Case{"[log]\nlevel = 3\n", "log.level"}, Case{"[http]\nprot = 1\n", "http.prot"}}) {
    CAPTURE(c.toml);
    std::string path = dir.file("bad.toml");
    std::ofstream(path) << c.toml;
    for (char const* command : {"serve", "migrate"}) {
      CAPTURE(command);
      auto r = run_process({ZHIKU_BINARY, "--config", path, command, "--db", dir.file("x.db")});
      CHECK(r.exit_code == 2);
      CHECK_THAT(r.err, Catch::Contains(c.key));
      CHECK(r.out.empty());
    }
  }
  SECTION("a bad environment override too") {
    ::setenv("ZHIKU_PORT", "eighty", 1);
    auto r = run_process({ZHIKU_BINARY, "--config", empty_config(dir), "serve", "--db", dir.file("x.db")});
    ::unsetenv("ZHIKU_PORT");
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("ZHIKU_PORT"));
  }
}
