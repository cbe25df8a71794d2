// An http::Server around a test's own Router, without the App: for transport tests that need
// routes the product does not have (a handler that sleeps, throws or echoes JSON).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <thread>

#include "http/router.hpp"
#include "http/server.hpp"

namespace zhiku::test {

class BareServer {
 public:
  // Registers the routes with `add_routes`, lets `tweak` change the configuration (bind
  // 127.0.0.1, port 0, two io threads, four workers, no access log by default), and starts.
  explicit BareServer(std::function<void(http::Router&)> const& add_routes,
                      std::function<void(http::ServerConfig&)> const& tweak = {});
  ~BareServer();  // stops gracefully and waits
  std::uint16_t port() const { return port_; }
  http::Server& server() { return *server_; }
  // Begins graceful shutdown (returns at once); wait_stopped() blocks until it is complete.
  void stop();
  void wait_stopped();

 private:
  http::Router router_;
  std::unique_ptr<http::Server> server_;
  std::thread waiter_;
  std::uint16_t port_ = 0;
};

}  // namespace zhiku::test
