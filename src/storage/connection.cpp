#include "storage/connection.hpp"

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <string>

#include "storage/cjk_tokenizer.hpp"
#include "storage/fts_rank.hpp"

namespace zhiku::storage {

Statement::~Statement() {
  if (!stmt_) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  if (in_use_)
    *in_use_ = false;
  else
    sqlite3_finalize(stmt_);  // an uncached copy made for nested use
}

namespace {
void check_bind(Connection const& c, int rc) {
  if (rc != SQLITE_OK) c.throw_error("bind");
}
}  // namespace

void Statement::bind(int pos, std::nullptr_t) { check_bind(*conn_, sqlite3_bind_null(stmt_, pos)); }
void Statement::bind(int pos, std::int64_t v) { check_bind(*conn_, sqlite3_bind_int64(stmt_, pos, v)); }
void Statement::bind(int pos, double v) { check_bind(*conn_, sqlite3_bind_double(stmt_, pos, v)); }
void Statement::bind(int pos, std::string_view v) {
  check_bind(*conn_, sqlite3_bind_text64(stmt_, pos, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
}

void Statement::bind(int pos, Blob v) {
  check_bind(*conn_, sqlite3_bind_blob64(stmt_, pos, v.bytes.data(), v.bytes.size(), SQLITE_TRANSIENT));
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  conn_->throw_error("step");
}

void Statement::run() {
  while (step()) {
  }
}

bool Statement::is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
std::int64_t Statement::int64(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::real(int col) const { return sqlite3_column_double(stmt_, col); }
std::string_view Statement::text_view(int col) const {
  auto const* p = reinterpret_cast<char const*>(sqlite3_column_text(stmt_, col));
  if (!p) return {};
  return {p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
}
std::string Statement::text(int col) const { return std::string(text_view(col)); }
std::string Statement::blob(int col) const {
  auto const* data = static_cast<char const*>(sqlite3_column_blob(stmt_, col));
  auto size = static_cast<size_t>(sqlite3_column_bytes(stmt_, col));
  return data ? std::string(data, size) : std::string();
}
std::optional<std::string> Statement::opt_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}
std::optional<std::int64_t> Statement::opt_int64(int col) const {
  if (is_null(col)) return std::nullopt;
  return int64(col);
}
int Statement::column_count() const { return sqlite3_column_count(stmt_); }

int bind_list(Statement& stmt, std::vector<BindValue> const& values) {
  int pos = 0;
  for (auto const& v : values) std::visit([&](auto const& value) { stmt.bind(++pos, value); }, v);
  return pos;
}

namespace {

// Process-wide SQLite settings, before the library's first use. Memory statistics take a global
// mutex on every allocation; full-text queries allocate per row, so with them on, concurrent
// searches spend their time waiting for each other. Each connection is used by one thread at a
// time, so per-connection mutexes are not needed either.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite3_initialize();
  });
}

}  // namespace

Connection::Connection(ConnectionOptions const& options) : path_(options.path) {
  configure_sqlite_once();
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI |
              (options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
  if (sqlite3_open_v2(options.path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    int code = db_ ? sqlite3_errcode(db_) : SQLITE_NOMEM;
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw Error("cannot open database " + options.path + ": " + msg, code, code);
  }
  sqlite3_extended_result_codes(db_, 1);
  register_cjk_tokenizer(db_);
  register_rank_function(db_);
  sqlite3_busy_timeout(db_, options.busy_timeout_ms);
  if (!options.read_only) exec_script("PRAGMA journal_mode=WAL;");
  exec_script("PRAGMA foreign_keys=ON;");
  std::string sync = options.synchronous;
  if (sync != "FULL" && sync != "NORMAL" && sync != "OFF") sync = "FULL";
  exec_script("PRAGMA synchronous=" + sync + ";");
  exec_script("PRAGMA cache_size=-" + std::to_string(std::max(1, options.cache_mib) * 1024) + ";");
  if (options.mmap_mib > 0)
    exec_script("PRAGMA mmap_size=" + std::to_string(std::int64_t{options.mmap_mib} * 1024 * 1024) + ";");
}

Connection::~Connection() {
  for (auto& [sql, c] : cache_) sqlite3_finalize(c.stmt);
  sqlite3_close_v2(db_);
}

Statement Connection::prepare(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it != cache_.end() && !it->second.in_use) {
    it->second.in_use = true;
    return Statement(*this, it->second.stmt, &it->second.in_use);
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) !=
      SQLITE_OK)
    throw_error("prepare");
  if (it != cache_.end()) return Statement(*this, stmt, nullptr);
  auto [pos, inserted] = cache_.emplace(std::string(sql), Cached{stmt, true});
  return Statement(*this, stmt, &pos->second.in_use);
}

void Connection::exec_script(std::string const& sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw Error(msg, sqlite3_errcode(db_), sqlite3_extended_errcode(db_));
  }
}

std::int64_t Connection::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
int Connection::changes() const { return sqlite3_changes(db_); }
bool Connection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

void Connection::throw_error(std::string_view context) const {
  throw Error(std::string(context) + ": " + sqlite3_errmsg(db_), sqlite3_errcode(db_), sqlite3_extended_errcode(db_));
}

Transaction::Transaction(Connection& conn, Mode mode) : conn_(conn) {
  conn_.exec_script(mode == Mode::immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
  if (!done_) sqlite3_exec(conn_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  conn_.exec_script("COMMIT");
  done_ = true;
}

}  // namespace zhiku::storage
