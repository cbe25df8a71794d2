// The one place that knows every module: builds the database, the services and the route table
// from an AppConfig, and runs the server. Used by `zhiku serve` and by the integration tests.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/config.hpp"
#include "core/clock.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "storage/database.hpp"

namespace zhiku {

struct Services;
class PeriodicTask;

class App {
 public:
  // Opens the database (applying migrations) and wires every module. Every service takes the
  // time from `clock` (a test's or the demo seeder's, kept across restarts), or from the App's
  // own system clock when it is null. Throws ConfigError, storage::MigrationError or
  // storage::Error.
  explicit App(AppConfig config, Clock* clock = nullptr);
  ~App();

  // Starts listening and the background work (due reminders, the e-mail sender; e-mails an
  // earlier process left mid-delivery are marked uncertain first); returns the bound port
  // (config.http.port 0 picks one).
  std::uint16_t start();
  // Blocks until stop() or, when handle_signals, SIGINT/SIGTERM; then shuts down gracefully.
  void wait(bool handle_signals);
  void stop();

  storage::Database& database();
  http::Router const& router() const;
  http::Server& server();
  Services& services();
  AppConfig const& config() const;
  Clock& clock();

 private:
  AppConfig config_;
  std::unique_ptr<Clock> own_clock_;
  Clock* clock_;
  std::unique_ptr<storage::Database> db_;
  std::unique_ptr<Services> services_;
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  http::Server* server_raw_ = nullptr;  // for routes registered before the server exists
  std::chrono::steady_clock::time_point started_;
  // Last, so it stops first: its tasks use the services and the database.
  std::vector<std::unique_ptr<PeriodicTask>> background_;
  void stop_background();
};

std::string version_string();

}  // namespace zhiku
