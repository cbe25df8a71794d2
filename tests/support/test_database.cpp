#include "support/test_database.hpp"

#include <stdexcept>

#include "storage/migrations.hpp"

namespace zhiku::test {

std::unique_ptr<storage::Connection> migrated_connection() {
  auto c = std::make_unique<storage::Connection>(storage::ConnectionOptions{":memory:", "OFF", 1000, false});
  storage::migrate(*c, storage::embedded_migrations());
  return c;
}

namespace {
storage::DatabaseConfig config_for(std::string const& path) {
  storage::DatabaseConfig config;
  config.path = path;
  config.synchronous = "OFF";
  config.max_batch = 64;
  return config;
}
}  // namespace

TestDatabase::TestDatabase(std::string const& name) : path(dir.file(name)), db(config_for(path)) {}

std::unique_ptr<storage::Connection> TestDatabase::raw_connection(bool read_only) const {
  return std::make_unique<storage::Connection>(storage::ConnectionOptions{path, "OFF", 5000, read_only});
}

Id field_id_named(storage::Connection& c, std::string const& name) {
  auto id = c.query_one("SELECT id FROM fields WHERE name = ?", storage::first_column<Id>, name);
  if (!id) throw std::runtime_error("no field " + name);
  return *id;
}

}  // namespace zhiku::test
