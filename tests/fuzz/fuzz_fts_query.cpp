// The CJK tokenizer and the FTS query builder (storage/cjk_tokenizer.hpp), through SQLite itself:
// the input is indexed as a document of a zhiku_cjk FTS5 table and, turned into a query by
// fts_query_for (plain and prefix), matched against it. Promises checked: the query is always
// accepted by FTS5's parser, and a non-empty query built from a valid UTF-8 text finds that text.
#include <cstdlib>
#include <string>
#include <sqlite3.h>
#include "core/text.hpp"
#include "fuzz_check.hpp"
#include "storage/cjk_tokenizer.hpp"

namespace {
sqlite3* db() {
  static sqlite3* d = [] {
    sqlite3* h = nullptr;
    FUZZ_CHECK(sqlite3_open(":memory:", &h) == SQLITE_OK);
    zhiku::storage::register_cjk_tokenizer(h);
    FUZZ_CHECK(sqlite3_exec(h, "CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'zhiku_cjk')", nullptr,
                            nullptr, nullptr) == SQLITE_OK);
    return h;
  }();
  return d;
}

void exec(char const* sql) { FUZZ_CHECK(sqlite3_exec(db(), sql, nullptr, nullptr, nullptr) == SQLITE_OK); }

// Rows of t matching `query`; aborts when SQLite refuses it.
int matches(std::string const& query) {
  sqlite3_stmt* st = nullptr;
  FUZZ_CHECK(sqlite3_prepare_v2(db(), "SELECT count(*) FROM t WHERE t MATCH ?", -1, &st, nullptr) == SQLITE_OK);
  sqlite3_bind_text(st, 1, query.data(), static_cast<int>(query.size()), SQLITE_TRANSIENT);
  int rc = sqlite3_step(st);
  if (rc != SQLITE_ROW) std::fprintf(stderr, "query refused: [%s]: %s\n", query.c_str(), sqlite3_errmsg(db()));
  FUZZ_CHECK(rc == SQLITE_ROW);
  int n = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return n;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(unsigned char const* data, std::size_t size) {
  if (size > 4096) return -1;
  auto in = fuzz_bytes(data, size);
  exec("DELETE FROM t");
  sqlite3_stmt* ins = nullptr;
  FUZZ_CHECK(sqlite3_prepare_v2(db(), "INSERT INTO t(body) VALUES (?)", -1, &ins, nullptr) == SQLITE_OK);
  sqlite3_bind_text(ins, 1, in.data(), static_cast<int>(in.size()), SQLITE_TRANSIENT);
  FUZZ_CHECK(sqlite3_step(ins) == SQLITE_DONE);
  sqlite3_finalize(ins);
  for (bool prefix : {false, true}) {
    auto q = zhiku::storage::fts_query_for(in, prefix);
    if (q.empty()) continue;
    int n = matches(q);
    if (zhiku::is_valid_utf8(in)) FUZZ_CHECK(n == 1);
  }
  return 0;
}
