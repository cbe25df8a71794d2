// One SQLite connection with a cache of prepared statements, and the Statement handle that
// binds and reads them. sqlite3.h stays inside storage/ (STYLE.md).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <variant>
#include <vector>

#include <sqlite3.h>

#include "storage/error.hpp"

namespace zhiku::storage {

struct ConnectionOptions {
  std::string path;                  // database file; ":memory:" for tests
  std::string synchronous = "FULL";  // FULL | NORMAL | OFF
  int busy_timeout_ms = 5000;
  bool read_only = false;
  int cache_mib = 16;  // page cache of this connection
  int mmap_mib = 0;    // file bytes read through a memory map instead of read(2)
};

class Connection;

// Bytes bound as a BLOB rather than as text (files, which are not UTF-8).
struct Blob {
  std::string_view bytes;
};

// A prepared statement borrowed from the connection's cache. Resets and clears its bindings when
// destroyed, so the next user starts clean. Not thread-safe (nor is its connection).
class Statement {
 public:
  Statement(Statement&& o) noexcept : conn_(o.conn_), stmt_(o.stmt_), in_use_(o.in_use_) { o.stmt_ = nullptr; }
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Binding: 1-based positions; std::optional binds NULL when empty.
  void bind(int pos, std::nullptr_t);
  void bind(int pos, std::int64_t v);
  void bind(int pos, int v) { bind(pos, static_cast<std::int64_t>(v)); }
  void bind(int pos, bool v) { bind(pos, static_cast<std::int64_t>(v ? 1 : 0)); }
  void bind(int pos, double v);
  void bind(int pos, std::string_view v);
  void bind(int pos, std::string const& v) { bind(pos, std::string_view(v)); }
  void bind(int pos, char const* v) { bind(pos, std::string_view(v)); }
  void bind(int pos, Blob v);
  template <class T>
  void bind(int pos, std::optional<T> const& v) {
    if (v)
      bind(pos, *v);
    else
      bind(pos, nullptr);
  }

  // Steps once. True when a row is available; false when done. Throws storage::Error.
  bool step();
  // Runs to completion (for INSERT/UPDATE/DELETE). Throws storage::Error.
  void run();

  bool is_null(int col) const;
  std::int64_t int64(int col) const;
  int int32(int col) const { return static_cast<int>(int64(col)); }
  double real(int col) const;
  std::string text(int col) const;
  std::string_view text_view(int col) const;  // valid until the next step
  std::optional<std::string> opt_text(int col) const;
  std::string blob(int col) const;  // a BLOB (or text) column's bytes
  std::optional<std::int64_t> opt_int64(int col) const;
  int column_count() const;
  // Column `col` as T: std::int64_t, int, bool, double, std::string, or std::optional of one of
  // these (nullopt for NULL).
  template <class T>
  T get(int col) const;

  sqlite3_stmt* handle() const { return stmt_; }

 private:
  friend class Connection;
  Statement(Connection& conn, sqlite3_stmt* stmt, bool* in_use) : conn_(&conn), stmt_(stmt), in_use_(in_use) {}
  Connection* conn_;
  sqlite3_stmt* stmt_;
  bool* in_use_;  // the cache entry's flag; nullptr for an uncached copy
};

// Binds each argument to positions 1..n.
template <class... Args>
void bind_all(Statement& stmt, Args const&... args) {
  int pos = 0;
  (stmt.bind(++pos, args), ...);
}

template <class T>
T Statement::get(int col) const {
  if constexpr (std::is_same_v<T, std::int64_t>)
    return int64(col);
  else if constexpr (std::is_same_v<T, int>)
    return int32(col);
  else if constexpr (std::is_same_v<T, bool>)
    return int64(col) != 0;
  else if constexpr (std::is_same_v<T, double>)
    return real(col);
  else if constexpr (std::is_same_v<T, std::string>)
    return text(col);
  else {
    static_assert(std::is_same_v<T, std::optional<typename T::value_type>>, "unsupported column type");
    if (is_null(col)) return std::nullopt;
    return get<typename T::value_type>(col);
  }
}

// A row reader for Connection::query_one / query_all that takes the first column as T:
// `c.query_one(kSql, storage::first_column<Id>, user_id)`.
template <class T>
inline constexpr auto first_column = [](Statement const& s) { return s.get<T>(0); };

// A value for a statement whose filters are assembled from fixed fragments at run time.
using BindValue = std::variant<std::int64_t, std::string>;
// Binds `values` to positions 1..n; returns n (the last position used).
int bind_list(Statement& stmt, std::vector<BindValue> const& values);

class Connection {
 public:
  // Opens the database and sets journal_mode=WAL, foreign_keys=ON, busy_timeout and
  // synchronous once. Throws storage::Error.
  explicit Connection(ConnectionOptions const& options);
  ~Connection();
  Connection(Connection const&) = delete;
  Connection& operator=(Connection const&) = delete;

  // Returns the cached prepared statement for `sql`, keyed by the text. Statements that are
  // in use elsewhere (nested use of the same text) get a fresh, uncached copy.
  Statement prepare(std::string_view sql);
  // Prepares, binds and runs a statement that returns no rows.
  template <class... Args>
  void exec(std::string_view sql, Args const&... args) {
    Statement s = prepare(sql);
    bind_all(s, args...);
    s.run();
  }
  // The store shape "prepare, bind, step, read": the first row of `sql` with `args` bound, as
  // `row(statement)` reads it, or nullopt when there is none. Throws storage::Error.
  template <class Row, class... Args>
  auto query_one(std::string_view sql, Row&& row, Args const&... args)
      -> std::optional<std::invoke_result_t<Row&, Statement&>> {
    Statement s = prepare(sql);
    bind_all(s, args...);
    if (!s.step()) return std::nullopt;
    return row(s);
  }
  // Every row of `sql` with `args` bound, each as `row(statement)` reads it, in order.
  template <class Row, class... Args>
  auto query_all(std::string_view sql, Row&& row, Args const&... args)
      -> std::vector<std::invoke_result_t<Row&, Statement&>> {
    std::vector<std::invoke_result_t<Row&, Statement&>> out;
    Statement s = prepare(sql);
    bind_all(s, args...);
    while (s.step()) out.push_back(row(s));
    return out;
  }
  // Whether `sql` with `args` bound returns a row.
  template <class... Args>
  bool has_row(std::string_view sql, Args const&... args) {
    Statement s = prepare(sql);
    bind_all(s, args...);
    return s.step();
  }
  // Runs a script of several statements with no parameters (migrations, pragmas).
  void exec_script(std::string const& sql);

  std::int64_t last_insert_id() const;
  int changes() const;
  bool in_transaction() const;
  sqlite3* handle() const { return db_; }
  std::string const& path() const { return path_; }

  [[noreturn]] void throw_error(std::string_view context) const;

 private:
  friend class Statement;

  sqlite3* db_ = nullptr;
  std::string path_;
  struct Cached {
    sqlite3_stmt* stmt;
    bool in_use;
  };
  std::unordered_map<std::string, Cached> cache_;
};

// RAII transaction: BEGIN IMMEDIATE (or DEFERRED for reads) in the constructor, ROLLBACK in the
// destructor unless commit() was called. The destructor never throws.
class Transaction {
 public:
  enum class Mode { deferred, immediate };
  explicit Transaction(Connection& conn, Mode mode = Mode::immediate);
  ~Transaction();
  void commit();

 private:
  Connection& conn_;
  bool done_ = false;
};

}  // namespace zhiku::storage
