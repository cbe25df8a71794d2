#include "storage/fts5_api.hpp"

#include <string>

#include "storage/error.hpp"

namespace zhiku::storage {

fts5_api* find_fts5_api(sqlite3* db) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    throw Error(std::string("FTS5 is unavailable: ") + sqlite3_errmsg(db), rc, sqlite3_extended_errcode(db));
  }
  fts5_api* api = nullptr;
  sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
  rc = sqlite3_step(stmt);
  int const extended = sqlite3_extended_errcode(db);
  sqlite3_finalize(stmt);
  if (rc != SQLITE_ROW || api == nullptr) {
    throw Error("FTS5 did not hand out its API pointer", rc == SQLITE_ROW ? SQLITE_ERROR : rc, extended);
  }
  return api;
}

}  // namespace zhiku::storage
