// Small helpers shared by the identity integration tests: a login body, raw SQL on the test
// database (to simulate time passing), and counting audit rows.
#pragma once

#include <cstdint>
#include <string>

#include <sqlite3.h>
#include <catch2/catch.hpp>

#include "support/test_server.hpp"

namespace zhiku::test {

inline Json credentials(std::string const& username, std::string const& password) {
  Json j = Json::object();
  j["username"] = username;
  j["password"] = password;
  return j;
}

// Runs SQL on the test database through a separate raw connection, as an operator (or an
// attacker with file access) would.
inline void raw_sql(std::string const& db_path, std::string const& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(db_path.c_str(), &db) == SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  std::string message = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  INFO(message);
  REQUIRE(rc == SQLITE_OK);
}
inline void raw_sql(TestServer& server, std::string const& sql) { raw_sql(server.db_path(), sql); }

inline std::int64_t audit_count(TestServer& server, std::string const& action) {
  auto c = server.app().database().read();
  auto s = c->prepare("SELECT count(*) FROM audit_log WHERE action = ?");
  storage::bind_all(s, action);
  s.step();
  return s.int64(0);
}

}  // namespace zhiku::test
