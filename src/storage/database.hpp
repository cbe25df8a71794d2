// The database as the rest of the server sees it: pooled read connections that never wait
// behind a write, and one writer thread that group-commits write jobs.
//
// Design (measured in bench/, explained in README "Storage"): every write use case is a job run
// on the single writer connection. The writer takes all jobs waiting for it, runs each inside its
// own SAVEPOINT within one BEGIN IMMEDIATE transaction, and commits once; a job that throws is
// rolled back alone and its exception is handed back to its caller. With synchronous=FULL the
// fsync is paid once per batch, not once per request, and it is paid on the writer thread: the
// caller (a worker thread, never an io thread) waits for the commit to be durable.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "storage/connection.hpp"

namespace zhiku::storage {

struct DatabaseConfig {
  std::string path = "data/zhiku.db";  // the SQLite file; created when missing
  std::string synchronous = "FULL";    // FULL: every acknowledged write survives power loss
  int busy_timeout_ms = 5000;          // how long a connection waits for a lock
  int max_batch = 256;                 // most write jobs committed together
  int cache_mib = 16;                  // page cache per connection
  int mmap_mib = 1024;                 // of the file read through a memory map (0: read(2) only)
};

class Database;

// A read connection borrowed from the pool; returned when destroyed.
class ReadLease {
 public:
  ReadLease(ReadLease&& o) noexcept : db_(o.db_), conn_(std::move(o.conn_)) {}
  ~ReadLease();
  Connection& operator*() const { return *conn_; }
  Connection* operator->() const { return conn_.get(); }

 private:
  friend class Database;
  ReadLease(Database& db, std::unique_ptr<Connection> conn) : db_(&db), conn_(std::move(conn)) {}
  Database* db_;
  std::unique_ptr<Connection> conn_;
};

struct WriterStats {
  std::uint64_t jobs = 0;
  std::uint64_t commits = 0;
};

class Database {
 public:
  // Opens (creating) the file, applies pending migrations and starts the writer thread.
  // Throws storage::Error, or MigrationError when the schema cannot be brought up to date.
  // Path ":memory:" (tests) gives a private in-memory database shared by the writer and the
  // read connections (SQLite shared cache: a read may fail with SQLITE_LOCKED while a write to
  // the same table is in progress, so use it for tests that do not read and write at once).
  explicit Database(DatabaseConfig config, bool apply_migrations = true);
  ~Database();  // stops the writer after finishing queued jobs; checkpoints the WAL
  Database(Database const&) = delete;
  Database& operator=(Database const&) = delete;

  // A read connection for this thread's use (autocommit; wrap several reads that must agree in
  // a Transaction(deferred)). Thread-safe.
  ReadLease read();

  // Runs `fn(Connection&)` on the writer thread inside a savepoint of a group transaction and
  // waits until that transaction is committed. Returns fn's result, or rethrows what fn threw
  // (its changes rolled back). Must not be called from the writer thread itself. Thread-safe.
  template <class F>
  auto write(F&& fn) -> std::invoke_result_t<F&, Connection&> {
    using R = std::invoke_result_t<F&, Connection&>;
    std::promise<void> done;
    auto finished = done.get_future();
    if constexpr (std::is_void_v<R>) {
      enqueue([&](Connection& c) { fn(c); }, &done);
      finished.get();
    } else {
      std::optional<R> result;
      enqueue([&](Connection& c) { result.emplace(fn(c)); }, &done);
      finished.get();
      return std::move(*result);
    }
  }

  // Queues `fn` like write() but does not wait; failures are logged. For bookkeeping that a
  // request need not wait for (e.g. a session's last-seen time).
  void write_detached(std::function<void(Connection&)> fn);

  // Copies the live database into `dest_path` with SQLite's online backup API, consistent while
  // writes continue. Throws storage::Error.
  void backup_to(std::string const& dest_path);

  std::string const& path() const { return config_.path; }
  WriterStats writer_stats() const;

 private:
  friend class ReadLease;
  struct Job {
    std::function<void(Connection&)> fn;
    std::promise<void>* done;  // null for detached jobs
  };
  void enqueue(std::function<void(Connection&)> fn, std::promise<void>* done);
  void writer_loop();
  void give_back(std::unique_ptr<Connection> conn);
  ConnectionOptions options(bool read_only) const;

  DatabaseConfig config_;
  std::string open_path_;  // config_.path, or a private shared-cache URI for ":memory:"
  std::unique_ptr<Connection> writer_conn_;
  std::thread writer_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  WriterStats stats_;

  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Connection>> pool_;
};

// Copies the database behind `src` into `dest_path` with SQLite's online backup API (writes to
// `dest_path`.partial, then renames). Consistent while other connections keep writing.
// Throws storage::Error.
void backup_connection(Connection& src, std::string const& dest_path);

}  // namespace zhiku::storage
