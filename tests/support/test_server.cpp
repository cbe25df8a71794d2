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
  c.auth.hash_ops = 1;  // tests hash many passwords; production keeps argon2id t=3, 64 MiB
  c.auth.hash_mem_mib = 8;
  c.log.level = "warn";
  c.log.access_log = false;
  return c;
}

TestServer::TestServer(std::function<void(AppConfig&)> const& tweak, Clock* clock)
    : config_(test_config(dir_)), clock_(clock) {
  spdlog::set_level(spdlog::level::warn);
  if (tweak) tweak(config_);
  db_path_ = config_.database.path;
  start();
}

TestServer::~TestServer() { stop(); }

void TestServer::start() {
  app_ = std::make_unique<App>(config_, clock_);
  port_ = app_->start();
  waiter_ = std::thread([this] { app_->wait(false); });
}

void TestServer::stop() {
  if (!waiter_.joinable()) return;
  app_->stop();
  waiter_.join();
}

void TestServer::restart() {
  stop();
  if (!clock_) {
    // The App's own clock dies with it: keep its time in a clock of ours.
    own_clock_ = std::make_unique<Clock>();
    if (app_->clock().is_frozen())
      own_clock_->freeze_at(app_->clock().now());
    else
      own_clock_->advance(app_->clock().now() - std::chrono::system_clock::now());
    clock_ = own_clock_.get();
  }
  app_.reset();
  start();
}

}  // namespace zhiku::test
