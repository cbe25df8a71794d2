#include "storage/migrations.hpp"

#include <algorithm>
#include <map>

#include "core/clock.hpp"
#include "core/crypto.hpp"

namespace zhiku::storage {

namespace {
constexpr char kCreateTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " name TEXT PRIMARY KEY, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)";
constexpr char kSelectApplied[] = "SELECT name, checksum FROM schema_migrations ORDER BY name";
constexpr char kRecord[] = "INSERT INTO schema_migrations(name, checksum, applied_at) VALUES (?, ?, ?)";
}  // namespace

MigrationReport migrate(Connection& conn, std::vector<Migration> const& all) {
  conn.exec_script(kCreateTable);
  std::map<std::string, std::string> applied;
  {
    Statement s = conn.prepare(kSelectApplied);
    while (s.step()) applied.emplace(s.text(0), s.text(1));
  }
  MigrationReport report;
  for (auto const& [name, checksum] : applied) {
    // By value: clang 14 (the fuzz build) cannot capture a structured binding.
    auto it = std::find_if(all.begin(), all.end(), [&all_name = name](Migration const& m) { return m.name == all_name; });
    if (it == all.end())
      throw MigrationError("the database has migration " + name +
                           " that this binary does not know: the database is newer than the binary; "
                           "run a newer zhiku or restore a backup");
    if (sha256_hex(it->sql) != checksum)
      throw MigrationError("migration " + name +
                           " was changed after it was applied (checksum differs); add a new migration "
                           "instead of editing an applied one");
  }
  for (auto const& m : all) {
    if (applied.count(m.name)) {
      ++report.already;
      continue;
    }
    try {
      Transaction tx(conn, Transaction::Mode::immediate);
      conn.exec_script(m.sql);
      conn.exec(kRecord, m.name, sha256_hex(m.sql), to_iso(std::chrono::system_clock::now()));
      tx.commit();
    } catch (Error const& e) {
      throw MigrationError("migration " + m.name + " failed: " + e.what());
    }
    report.applied.push_back(m.name);
  }
  return report;
}

}  // namespace zhiku::storage
