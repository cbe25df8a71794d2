#include "support/test_server.hpp"

#include <atomic>
#include <random>

#include <spdlog/spdlog.h>

namespace zhiku::test {

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() /
          ("zhiku-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + std::to_string(rd()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

AppConfig test_config(TempDir const& dir) {
  AppConfig c;
  c.http.bind = "127.0.0.1";
  c.http.port = 0;
  c.http.threads = 2;
  c.http.worker_threads = 8;
  c.http.shutdown_grace = std::chrono::milliseconds(3000);
  c.database.path = dir.file("zhiku.db");
  c.database.synchronous = "NORMAL";
  c.auth.hash_ops = 1;       // tests hash many passwords; production keeps argon2id t=3, 64 MiB
  c.auth.hash_mem_mib = 8;
  c.log.level = "warn";
  c.log.access_log = false;
  return c;
}

TestServer::TestServer(std::function<void(AppConfig&)> const& tweak) {
  spdlog::set_level(spdlog::level::warn);
  AppConfig c = test_config(dir_);
  if (tweak) tweak(c);
  db_path_ = c.database.path;
  app_ = std::make_unique<App>(c);
  port_ = app_->start();
  waiter_ = std::thread([this] { app_->wait(false); });
}

TestServer::~TestServer() { stop(); }

void TestServer::stop() {
  if (!waiter_.joinable()) return;
  app_->stop();
  waiter_.join();
}

}  // namespace zhiku::test
