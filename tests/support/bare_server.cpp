#include "support/bare_server.hpp"

#include <spdlog/spdlog.h>

namespace zhiku::test {

BareServer::BareServer(std::function<void(http::Router&)> const& add_routes,
                       std::function<void(http::ServerConfig&)> const& tweak) {
  spdlog::set_level(spdlog::level::warn);
  add_routes(router_);
  http::ServerConfig c;
  c.bind = "127.0.0.1";
  c.port = 0;
  c.threads = 2;
  c.worker_threads = 4;
  c.shutdown_grace = std::chrono::milliseconds(3000);
  c.access_log = false;
  if (tweak) tweak(c);
  server_ = std::make_unique<http::Server>(c, router_,
                                           [](http::Request const&, http::Route const&) { return http::Admission{}; });
  port_ = server_->start();
  waiter_ = std::thread([this] { server_->wait(false); });
}

BareServer::~BareServer() {
  stop();
  wait_stopped();
}

void BareServer::stop() { server_->stop(); }

void BareServer::wait_stopped() {
  if (waiter_.joinable()) waiter_.join();
}

}  // namespace zhiku::test
