// Storage: migrations (order, checksums, refusals), the group-commit writer, read connections
// that never wait behind a write, online backup while writing, and the statement cache.
#include "storage/database.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "core/crypto.hpp"
#include "storage/migrations.hpp"
#include "support/test_server.hpp"

using namespace std::chrono_literals;
using zhiku::storage::Connection;
using zhiku::storage::ConnectionOptions;
using zhiku::storage::Database;
using zhiku::storage::DatabaseConfig;
using zhiku::storage::Migration;
using zhiku::storage::MigrationError;
using zhiku::storage::Statement;
using zhiku::storage::Transaction;
using zhiku::test::TempDir;

namespace {

ConnectionOptions file_options(std::string path) {
  ConnectionOptions o;
  o.path = std::move(path);
  o.synchronous = "NORMAL";
  return o;
}

DatabaseConfig db_config(TempDir const& dir, std::string synchronous = "NORMAL") {
  DatabaseConfig c;
  c.path = dir.file("test.db");
  c.synchronous = std::move(synchronous);
  return c;
}

std::int64_t scalar(Connection& c, std::string const& sql) {
  Statement s = c.prepare(sql);
  REQUIRE(s.step());
  return s.int64(0);
}

std::string text_scalar(Connection& c, std::string const& sql) {
  Statement s = c.prepare(sql);
  REQUIRE(s.step());
  return s.text(0);
}

std::int64_t count_rows(Database& db, std::string const& table) {
  auto c = db.read();
  return scalar(*c, "SELECT count(*) FROM " + table);
}

void create_items(Database& db) {
  db.write([](Connection& c) { c.exec_script("CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"); });
}

std::vector<Migration> const kThree = {
    {"0001_a.sql", "CREATE TABLE a (id INTEGER PRIMARY KEY, name TEXT);"},
    {"0002_b.sql",
     "CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id));\n"
     "INSERT INTO a(name) VALUES ('first');"},
    {"0003_c.sql", "ALTER TABLE a ADD COLUMN note TEXT; UPDATE a SET note = 'after 0002';"},
};

// The message a MigrationError carries, or "" when `fn` throws none.
template <class F>
std::string migration_error(F&& fn) {
  try {
    fn();
  } catch (MigrationError const& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("migrations apply in order, once, and are recorded with their checksums", "[storage][migrations]") {
  TempDir dir;
  Connection c(file_options(dir.file("m.db")));
  auto report = zhiku::storage::migrate(c, kThree);
  CHECK(report.applied == std::vector<std::string>{"0001_a.sql", "0002_b.sql", "0003_c.sql"});
  CHECK(report.already == 0);
  // 0003 ran after 0002's insert, so the row carries its note.
  CHECK(text_scalar(c, "SELECT note FROM a WHERE name = 'first'") == "after 0002");
  {
    Statement s = c.prepare("SELECT name, checksum, applied_at FROM schema_migrations ORDER BY name");
    for (auto const& m : kThree) {
      REQUIRE(s.step());
      CHECK(s.text(0) == m.name);
      CHECK(s.text(1) == zhiku::sha256_hex(m.sql));
      CHECK(s.text(2).size() == 20);
    }
    CHECK_FALSE(s.step());
  }

  auto again = zhiku::storage::migrate(c, kThree);
  CHECK(again.applied.empty());
  CHECK(again.already == 3);

  auto four = kThree;
  four.push_back({"0004_d.sql", "CREATE TABLE d (x INTEGER);"});
  auto more = zhiku::storage::migrate(c, four);
  CHECK(more.applied == std::vector<std::string>{"0004_d.sql"});
  CHECK(more.already == 3);
}

TEST_CASE("a failing migration is rolled back whole and names its file", "[storage][migrations]") {
  TempDir dir;
  Connection c(file_options(dir.file("m.db")));
  std::vector<Migration> bad = {kThree[0],
                                {"0002_broken.sql", "CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);"}};
  auto message = migration_error([&] { zhiku::storage::migrate(c, bad); });
  CHECK_THAT(message, Catch::Contains("0002_broken.sql"));
  CHECK(scalar(c, "SELECT count(*) FROM sqlite_master WHERE name = 'half'") == 0);
  CHECK(scalar(c, "SELECT count(*) FROM schema_migrations") == 1);
}

TEST_CASE("an applied migration whose text changed stops start-up, naming it", "[storage][migrations]") {
  TempDir dir;
  Connection c(file_options(dir.file("m.db")));
  zhiku::storage::migrate(c, kThree);
  auto edited = kThree;
  edited[1].sql += "\n-- a harmless-looking edit";
  auto message = migration_error([&] { zhiku::storage::migrate(c, edited); });
  CHECK_THAT(message, Catch::Contains("0002_b.sql") && Catch::Contains("changed"));
}

TEST_CASE("a database with a migration this binary does not know is refused as newer", "[storage][migrations]") {
  TempDir dir;
  Connection c(file_options(dir.file("m.db")));
  auto newer = kThree;
  newer.push_back({"0004_future.sql", "CREATE TABLE future (x);"});
  zhiku::storage::migrate(c, newer);
  auto message = migration_error([&] { zhiku::storage::migrate(c, kThree); });
  CHECK_THAT(message, Catch::Contains("0004_future.sql") && Catch::Contains("newer"));
}

TEST_CASE("the embedded migrations are numbered, ordered and all applied by Database", "[storage][migrations]") {
  // Numbers grow strictly; each module has its own range (BOARD.md), so there are gaps.
  auto const& all = zhiku::storage::embedded_migrations();
  REQUIRE_FALSE(all.empty());
  CHECK(all.front().name == "0001_foundation.sql");
  int previous = 0;
  for (auto const& m : all) {
    CAPTURE(m.name);
    REQUIRE(m.name.size() > 9);
    CHECK(std::all_of(m.name.begin(), m.name.begin() + 4, [](char ch) { return ch >= '0' && ch <= '9'; }));
    CHECK(m.name[4] == '_');
    int number = std::stoi(m.name.substr(0, 4));
    CHECK(number > previous);
    previous = number;
    CHECK(m.name.substr(m.name.size() - 4) == ".sql");
  }
  TempDir dir;
  Database db(db_config(dir));
  CHECK(count_rows(db, "schema_migrations") == static_cast<std::int64_t>(all.size()));
  auto c = db.read();
  CHECK(text_scalar(*c, "PRAGMA journal_mode") == "wal");
  CHECK(scalar(*c, "PRAGMA foreign_keys") == 1);
}

TEST_CASE("writes from many threads are group-committed and all land", "[storage][writer]") {
  TempDir dir;
  Database db(db_config(dir, "FULL"));
  create_items(db);
  auto before = db.writer_stats();

  constexpr int kThreads = 16, kEach = 25;
  std::promise<void> writer_busy;
  // Hold the writer for a moment so the other threads' jobs queue up behind it.
  std::thread holder([&] {
    db.write([&](Connection&) {
      writer_busy.set_value();
      std::this_thread::sleep_for(50ms);
    });
  });
  writer_busy.get_future().wait();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&db, t] {
      for (int i = 0; i < kEach; ++i) {
        std::int64_t id = db.write([&](Connection& c) {
          c.exec("INSERT INTO items(name) VALUES (?)", "t" + std::to_string(t) + "-" + std::to_string(i));
          return c.last_insert_id();
        });
        REQUIRE(id > 0);
      }
    });
  for (auto& t : threads) t.join();
  holder.join();

  auto after = db.writer_stats();
  auto jobs = after.jobs - before.jobs;
  auto commits = after.commits - before.commits;
  CHECK(jobs == kThreads * kEach + 1);
  CHECK(commits < jobs);
  CHECK(count_rows(db, "items") == kThreads * kEach);
}

TEST_CASE("a throwing write job rolls back alone while the rest of its batch commits", "[storage][writer]") {
  TempDir dir;
  Database db(db_config(dir));
  create_items(db);

  std::atomic<int> callers{0};
  std::promise<void> writer_busy;
  std::thread holder([&] {
    db.write([&](Connection&) {
      writer_busy.set_value();
      // Wait until the three callers below are (about to be) queued: they then form one batch.
      auto deadline = std::chrono::steady_clock::now() + 2s;
      while (callers.load() < 3 && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(1ms);
      std::this_thread::sleep_for(30ms);
    });
  });
  writer_busy.get_future().wait();
  auto before = db.writer_stats();

  auto insert = [&](int id, bool fail) {
    ++callers;
    return db.write([&](Connection& c) {
      c.exec("INSERT INTO items(id, name) VALUES (?, ?)", id, "row " + std::to_string(id));
      if (fail) throw std::runtime_error("job " + std::to_string(id) + " failed on purpose");
      return id;
    });
  };
  auto a = std::async(std::launch::async, insert, 1, false);
  auto b = std::async(std::launch::async, insert, 2, true);
  auto c = std::async(std::launch::async, insert, 3, false);
  CHECK(a.get() == 1);
  CHECK_THROWS_WITH(b.get(), "job 2 failed on purpose");
  CHECK(c.get() == 3);
  holder.join();

  auto after = db.writer_stats();
  CHECK(after.jobs - before.jobs == 4);        // the holder's job and the three
  CHECK(after.commits - before.commits == 2);  // the holder's batch and one for the three
  auto r = db.read();
  CHECK(scalar(*r, "SELECT count(*) FROM items") == 2);
  CHECK(scalar(*r, "SELECT count(*) FROM items WHERE id = 2") == 0);

  SECTION("a unique violation comes back as a storage::Error the store can recognise") {
    try {
      db.write([](Connection& conn) { conn.exec("INSERT INTO items(id, name) VALUES (1, 'again')"); });
      FAIL("expected a unique violation");
    } catch (zhiku::storage::Error const& e) {
      CHECK(e.is_constraint());
      CHECK(e.is_unique_violation());
    }
    CHECK(count_rows(db, "items") == 2);
  }
}

TEST_CASE("read connections see committed data and never wait behind an open write", "[storage][reader]") {
  TempDir dir;
  Database db(db_config(dir, "FULL"));
  create_items(db);
  db.write([](Connection& c) { c.exec("INSERT INTO items(name) VALUES ('committed')"); });
  CHECK(count_rows(db, "items") == 1);

  std::promise<void> inserted;
  std::promise<void> release;
  auto release_future = release.get_future();
  std::thread writer([&] {
    db.write([&](Connection& c) {
      c.exec("INSERT INTO items(name) VALUES ('uncommitted')");
      inserted.set_value();
      release_future.wait_for(5s);  // the write transaction stays open meanwhile
    });
  });
  inserted.get_future().wait();

  auto started = std::chrono::steady_clock::now();
  auto rows = count_rows(db, "items");
  auto took = std::chrono::steady_clock::now() - started;
  CHECK(rows == 1);     // the open write is invisible
  CHECK(took < 500ms);  // and did not make the read wait
  release.set_value();
  writer.join();
  CHECK(count_rows(db, "items") == 2);  // a pooled connection sees the commit at once
}

TEST_CASE("backup_to makes a consistent copy while another thread keeps writing", "[storage][backup]") {
  TempDir dir;
  Database db(db_config(dir));
  db.write([](Connection& c) {
    c.exec_script("CREATE TABLE blobs (id INTEGER PRIMARY KEY, data BLOB NOT NULL)");
    // About 8 MB, so the copy takes many backup steps.
    c.exec_script(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
        "INSERT INTO blobs(data) SELECT randomblob(4000) FROM n");
  });
  std::atomic<bool> stop{false};
  std::atomic<int> written{0};
  std::thread writer([&] {
    while (!stop) {
      db.write([](Connection& c) { c.exec("INSERT INTO blobs(data) VALUES (randomblob(100))"); });
      ++written;
    }
  });
  while (written < 5) std::this_thread::sleep_for(1ms);

  auto before = count_rows(db, "blobs");
  std::string dest = dir.file("backup.db");
  auto copy = std::async(std::launch::async, [&] { db.backup_to(dest); });
  bool finished = copy.wait_for(20s) == std::future_status::ready;
  auto written_during = written.load();
  stop = true;
  writer.join();
  REQUIRE(finished);
  copy.get();
  auto after = count_rows(db, "blobs");
  CHECK(written_during > 5);

  Connection b(file_options(dest));
  CHECK(text_scalar(b, "PRAGMA integrity_check") == "ok");
  auto copied = scalar(b, "SELECT count(*) FROM blobs");
  CHECK(copied >= before);
  CHECK(copied <= after);
  CHECK_FALSE(std::filesystem::exists(dest + ".partial"));
}

TEST_CASE("the statement cache hands out a second statement for nested use of the same SQL", "[storage][statement]") {
  TempDir dir;
  Connection c(file_options(dir.file("s.db")));
  c.exec_script("CREATE TABLE n (x INTEGER); INSERT INTO n VALUES (1), (2), (3);");
  constexpr char kAll[] = "SELECT x FROM n WHERE x >= ? ORDER BY x";
  std::vector<std::pair<std::int64_t, std::int64_t>> pairs;
  {
    Statement outer = c.prepare(kAll);
    bind_all(outer, 1);
    while (outer.step()) {
      Statement inner = c.prepare(kAll);  // same text while `outer` is live
      bind_all(inner, outer.int64(0));
      while (inner.step()) pairs.emplace_back(outer.int64(0), inner.int64(0));
    }
  }
  CHECK(pairs == std::vector<std::pair<std::int64_t, std::int64_t>>{{1, 1}, {1, 2}, {1, 3}, {2, 2}, {2, 3}, {3, 3}});

  SECTION("a statement dropped mid-iteration is reset and its bindings cleared for the next user") {
    {
      Statement s = c.prepare(kAll);
      bind_all(s, 2);
      REQUIRE(s.step());
    }
    Statement again = c.prepare(kAll);
    bind_all(again, 1);
    REQUIRE(again.step());
    CHECK(again.int64(0) == 1);
  }
  SECTION("optional values bind NULL") {
    c.exec("INSERT INTO n VALUES (?)", std::optional<std::int64_t>{});
    CHECK(scalar(c, "SELECT count(*) FROM n WHERE x IS NULL") == 1);
  }
}

TEST_CASE("a Transaction rolls back unless committed", "[storage][transaction]") {
  TempDir dir;
  Connection c(file_options(dir.file("t.db")));
  c.exec_script("CREATE TABLE n (x INTEGER)");
  {
    Transaction tx(c);
    c.exec("INSERT INTO n VALUES (1)");
  }
  CHECK(scalar(c, "SELECT count(*) FROM n") == 0);
  {
    Transaction tx(c);
    c.exec("INSERT INTO n VALUES (2)");
    tx.commit();
  }
  CHECK(scalar(c, "SELECT count(*) FROM n") == 1);
  CHECK_FALSE(c.in_transaction());
}

TEST_CASE("a :memory: database shares one schema between the writer and the readers", "[storage][reader]") {
  DatabaseConfig cfg;
  cfg.path = ":memory:";
  Database db(cfg);
  create_items(db);
  db.write([](Connection& c) { c.exec("INSERT INTO items(name) VALUES ('in memory')"); });
  CHECK(count_rows(db, "items") == 1);

  Database other(cfg);  // a second in-memory database is a different one
  CHECK_THROWS(count_rows(other, "items"));
}

TEST_CASE("closing a Database checkpoints and removes the WAL file", "[storage]") {
  TempDir dir;
  auto cfg = db_config(dir);
  {
    Database db(cfg);
    create_items(db);
    db.write([](Connection& c) { c.exec("INSERT INTO items(name) VALUES ('x')"); });
    CHECK(count_rows(db, "items") == 1);
    CHECK(std::filesystem::exists(cfg.path + "-wal"));
  }
  CHECK_FALSE(std::filesystem::exists(cfg.path + "-wal"));
  Database reopened(cfg);
  CHECK(count_rows(reopened, "items") == 1);
}

TEST_CASE("write_detached runs in the background and a failure does not affect other jobs", "[storage][writer]") {
  TempDir dir;
  Database db(db_config(dir));
  create_items(db);
  db.write_detached([](Connection&) { throw std::runtime_error("detached failure"); });
  db.write_detached([](Connection& c) { c.exec("INSERT INTO items(name) VALUES ('detached')"); });
  db.write([](Connection&) {});  // queued after both: when it returns, they have run
  CHECK(count_rows(db, "items") == 1);
}
