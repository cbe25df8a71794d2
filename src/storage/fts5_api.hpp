// The FTS5 extension API of a connection, for registering tokenizers and functions.
#pragma once

#include <sqlite3.h>

namespace zhiku::storage {

// Throws storage::Error when this SQLite has no FTS5.
// REQUIRES: `db` is an open connection.
fts5_api* find_fts5_api(sqlite3* db);

}  // namespace zhiku::storage
