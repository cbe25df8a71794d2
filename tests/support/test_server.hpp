// A real server for integration tests: the whole App on 127.0.0.1, port 0, against a fresh
// SQLite file in its own temporary directory, removed afterwards.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "app/app.hpp"

namespace zhiku::test {

// A temporary directory removed (recursively) on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(TempDir const&) = delete;
  TempDir& operator=(TempDir const&) = delete;
  std::filesystem::path const& path() const { return path_; }
  std::string file(std::string const& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// Configuration for tests: small thread counts, cheap password hashing, quiet logs, and the
// database inside `dir`.
AppConfig test_config(TempDir const& dir);

class TestServer {
 public:
  // Starts the server; `tweak` may change the configuration first. Every service takes the time
  // from `clock` when given (it must outlive the server; freeze or advance it to test deadlines
  // and expiry), else from the App's own system clock.
  explicit TestServer(std::function<void(AppConfig&)> const& tweak = {}, Clock* clock = nullptr);
  ~TestServer();
  std::uint16_t port() const { return port_; }
  App& app() { return *app_; }
  Clock& clock() { return app_->clock(); }
  std::string const& db_path() const { return db_path_; }
  TempDir const& dir() const { return dir_; }
  // Stops gracefully and waits (idempotent).
  void stop();
  // Stops, then starts a new App on the same database, configuration and clock (what a restart
  // of the process keeps). The port may change; clients must be made anew.
  void restart();

 private:
  void start();

  TempDir dir_;
  AppConfig config_;
  std::unique_ptr<Clock> own_clock_;  // restart() of a server that had no clock of the test's
  Clock* clock_ = nullptr;
  std::string db_path_;
  std::unique_ptr<App> app_;
  std::thread waiter_;
  std::uint16_t port_ = 0;
};

}  // namespace zhiku::test
