// A freshly migrated in-memory database for the experts module's store tests.
#pragma once

#include <memory>
#include <string>

#include "storage/connection.hpp"
#include "storage/migrations.hpp"

namespace zhiku::test {

inline std::unique_ptr<storage::Connection> migrated_experts_db() {
  auto c = std::make_unique<storage::Connection>(storage::ConnectionOptions{":memory:", "OFF", 1000, false});
  storage::migrate(*c, storage::embedded_migrations());
  return c;
}

inline Id field_id_named(storage::Connection& c, std::string const& name) {
  auto s = c.prepare("SELECT id FROM fields WHERE name = ?");
  bind_all(s, name);
  if (!s.step()) throw std::runtime_error("no field " + name);
  return s.int64(0);
}

}  // namespace zhiku::test
