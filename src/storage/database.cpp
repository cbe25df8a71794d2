#include "storage/database.hpp"

#include <atomic>
#include <filesystem>
#include <optional>

#include <spdlog/spdlog.h>

#include "storage/migrations.hpp"

namespace zhiku::storage {

ReadLease::~ReadLease() {
  if (conn_) db_->give_back(std::move(conn_));
}

Database::Database(DatabaseConfig config, bool apply_migrations)
    : config_(std::move(config)), open_path_(config_.path) {
  if (config_.path == ":memory:") {
    // Every connection to plain ":memory:" is a separate empty database; a named shared-cache
    // one is the same database for the writer and the readers, and lives while the writer does.
    static std::atomic<std::uint64_t> counter{0};
    open_path_ = "file:zhiku-memory-" + std::to_string(++counter) + "?mode=memory&cache=shared";
  } else if (config_.path.rfind("file:", 0) != 0) {
    auto parent = std::filesystem::path(config_.path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
  }
  writer_conn_ = std::make_unique<Connection>(options(false));
  if (apply_migrations) migrate(*writer_conn_, embedded_migrations());
  writer_ = std::thread([this] { writer_loop(); });
}

Database::~Database() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (writer_.joinable()) writer_.join();
  pool_.clear();
  try {
    writer_conn_->exec_script("PRAGMA wal_checkpoint(TRUNCATE);");
  } catch (std::exception const& e) {
    spdlog::warn("checkpoint at close failed: {}", e.what());
  }
}

ConnectionOptions Database::options(bool read_only) const {
  ConnectionOptions o;
  o.path = open_path_;
  o.synchronous = config_.synchronous;
  o.busy_timeout_ms = config_.busy_timeout_ms;
  o.read_only = read_only;
  o.cache_mib = config_.cache_mib;
  o.mmap_mib = config_.mmap_mib;
  return o;
}

ReadLease Database::read() {
  {
    std::lock_guard lock(pool_mu_);
    if (!pool_.empty()) {
      auto conn = std::move(pool_.back());
      pool_.pop_back();
      return ReadLease(*this, std::move(conn));
    }
  }
  return ReadLease(*this, std::make_unique<Connection>(options(true)));
}

void Database::give_back(std::unique_ptr<Connection> conn) {
  if (conn->in_transaction()) return;  // a lease dropped mid-transaction: discard, do not reuse
  std::lock_guard lock(pool_mu_);
  pool_.push_back(std::move(conn));
}

void Database::enqueue(std::function<void(Connection&)> fn, std::promise<void>* done) {
  {
    std::lock_guard lock(mu_);
    queue_.push_back(Job{std::move(fn), done});
  }
  cv_.notify_one();
}

void Database::write_detached(std::function<void(Connection&)> fn) { enqueue(std::move(fn), nullptr); }

WriterStats Database::writer_stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

void Database::writer_loop() {
  Connection& c = *writer_conn_;
  for (;;) {
    std::vector<Job> batch;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to do
      while (!queue_.empty() && batch.size() < static_cast<size_t>(config_.max_batch)) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    std::vector<std::exception_ptr> failures(batch.size());
    std::exception_ptr commit_failure;
    try {
      c.exec_script("BEGIN IMMEDIATE");
      for (size_t i = 0; i < batch.size(); ++i) {
        c.exec_script("SAVEPOINT job");
        try {
          batch[i].fn(c);
          c.exec_script("RELEASE job");
        } catch (...) {
          failures[i] = std::current_exception();
          c.exec_script("ROLLBACK TO job; RELEASE job;");
        }
      }
      c.exec_script("COMMIT");
    } catch (...) {
      commit_failure = std::current_exception();
      if (c.in_transaction()) sqlite3_exec(c.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
    {
      std::lock_guard lock(mu_);
      stats_.jobs += batch.size();
      stats_.commits += 1;
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      std::exception_ptr e = commit_failure ? commit_failure : failures[i];
      if (batch[i].done) {
        if (e) batch[i].done->set_exception(e);
        else batch[i].done->set_value();
      } else if (e) {
        try {
          std::rethrow_exception(e);
        } catch (std::exception const& ex) {
          spdlog::warn("background write failed: {}", ex.what());
        } catch (...) {
          spdlog::warn("background write failed");
        }
      }
    }
  }
}

void Database::backup_to(std::string const& dest_path) {
  auto src = read();
  backup_connection(*src, dest_path);
}

void backup_connection(Connection& src, std::string const& dest_path) {
  std::filesystem::path tmp = dest_path + ".partial";
  std::filesystem::remove(tmp);
  sqlite3* dest = nullptr;
  if (sqlite3_open(tmp.c_str(), &dest) != SQLITE_OK) {
    std::string msg = dest ? sqlite3_errmsg(dest) : "out of memory";
    sqlite3_close(dest);
    throw Error("cannot create backup file: " + msg, SQLITE_CANTOPEN, SQLITE_CANTOPEN);
  }
  sqlite3_backup* b = sqlite3_backup_init(dest, "main", src.handle(), "main");
  if (!b) {
    std::string msg = sqlite3_errmsg(dest);
    sqlite3_close(dest);
    throw Error("backup failed: " + msg, SQLITE_ERROR, SQLITE_ERROR);
  }
  int rc;
  // Copy every page in one step: in WAL mode the step's read transaction is a snapshot that
  // does not block the writer, so the copy is consistent and writers keep going. Copying in
  // several steps instead restarts from the first page whenever another connection commits in
  // between, which under a steady write load never finishes.
  while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
    sqlite3_sleep(5);
  sqlite3_backup_finish(b);
  int final_rc = sqlite3_errcode(dest);
  sqlite3_close(dest);
  if (rc != SQLITE_DONE) {
    std::filesystem::remove(tmp);
    throw Error("backup failed with code " + std::to_string(rc), rc, final_rc);
  }
  std::filesystem::rename(tmp, dest_path);
}

}  // namespace zhiku::storage
