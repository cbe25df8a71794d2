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
  // Starts the server; `tweak` may change the configuration first.
  explicit TestServer(std::function<void(AppConfig&)> const& tweak = {});
  ~TestServer();
  std::uint16_t port() const { return port_; }
  App& app() { return *app_; }
  std::string const& db_path() const { return db_path_; }
  TempDir const& dir() const { return dir_; }
  // Stops gracefully and waits (idempotent).
  void stop();

 private:
  TempDir dir_;
  std::string db_path_;
  std::unique_ptr<App> app_;
  std::thread waiter_;
  std::uint16_t port_ = 0;
};

}  // namespace zhiku::test
