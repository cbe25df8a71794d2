// Schema migrations: schema/migrations/NNNN_name.sql, embedded at build time, applied in order,
// each in its own transaction, recorded with its SHA-256.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "storage/connection.hpp"

namespace zhiku::storage {

struct Migration {
  std::string name;  // "0001_foundation.sql"
  std::string sql;
};

// Why the schema cannot be brought up to date: an applied migration whose text changed, a
// database that has migrations this binary does not know (newer than the binary), or a
// migration that failed. The message names the file.
class MigrationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The migrations compiled into this binary, in order.
std::vector<Migration> const& embedded_migrations();

struct MigrationReport {
  std::vector<std::string> applied;  // names applied by this call
  size_t already = 0;                // names found applied before
};

// Applies the migrations in `all` that are not yet recorded. Throws MigrationError.
MigrationReport migrate(Connection& conn, std::vector<Migration> const& all);

}  // namespace zhiku::storage
