// Migrated databases for store and service tests, one way for every test (after SQLiteCpp's
// tests): a private in-memory connection for store tests, or a Database on a temporary file with
// its writer thread for service tests (synchronous=OFF: tests need no durability).
#pragma once

#include <memory>
#include <string>

#include "core/clock.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "support/test_server.hpp"

namespace zhiku::test {

// A fresh in-memory database with every migration applied, on one connection (store tests: the
// functions under test take a Connection&).
std::unique_ptr<storage::Connection> migrated_connection();

// A migrated database file in its own temporary directory with the Database (pooled readers and
// the writer thread) on it, and a clock for the services built on it.
struct TestDatabase {
  explicit TestDatabase(std::string const& name = "test.db");
  TempDir dir;
  std::string path;
  storage::Database db;
  Clock clock;
  // Another connection to the same file, outside the Database (to tamper with rows, or to read
  // as another process would). Synchronous OFF, read-write unless `read_only`.
  std::unique_ptr<storage::Connection> raw_connection(bool read_only = false) const;
};

// The id of the field named `name` (from the taxonomy 0003 seeds). Throws std::runtime_error.
Id field_id_named(storage::Connection& c, std::string const& name);

}  // namespace zhiku::test
