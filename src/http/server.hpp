// The HTTP/1.1 server: Beast sessions on an Asio io_context run by N threads, hardened framing,
// deadlines, limits, the middleware chain (request id, access log, authentication, CSRF, role
// gate) and graceful shutdown. Beast and Asio types stay in server.cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "core/principal.hpp"
#include "http/metrics.hpp"
#include "http/request.hpp"
#include "http/router.hpp"

namespace zhiku::http {

struct ServerConfig {
  std::string bind = "127.0.0.1";          // address to listen on
  std::uint16_t port = 8080;               // 0 picks a free port (tests)
  int threads = 0;                         // io threads; 0 = hardware threads
  int worker_threads = 16;                 // threads for Exec::worker handlers (writes, hashing)
  std::size_t header_limit_bytes = 16 * 1024;
  std::size_t body_limit_bytes = 1024 * 1024;     // larger bodies answer 413
  std::size_t upload_limit_bytes = 20 * 1024 * 1024;  // for routes that accept uploads
  std::chrono::milliseconds header_timeout{10'000};  // whole header must arrive within this
  std::chrono::milliseconds body_timeout{30'000};
  std::chrono::milliseconds write_timeout{30'000};
  std::chrono::milliseconds idle_timeout{60'000};    // keep-alive wait for the next request
  int max_connections = 10'000;            // further connections are closed at once
  std::chrono::milliseconds shutdown_grace{10'000};
  std::string static_dir;                  // built web UI; empty: no static files
  std::string tls_cert;                    // PEM paths; both set: serve HTTPS
  std::string tls_key;
  bool behind_tls_proxy = false;           // requests arrived over TLS at a proxy in front
  std::string version = "dev";
  bool access_log = true;                  // one log line per request
};

// Turns a request's credentials (cookie or bearer token) into a Principal, or nullopt.
// Called on an io thread; must be fast and thread-safe.
using Authenticator = std::function<std::optional<Principal>(Request const&)>;

class Server {
 public:
  Server(ServerConfig config, Router const& router, Authenticator auth);
  ~Server();
  // Binds and starts the io and worker threads; returns the bound port. Throws on bind failure.
  std::uint16_t start();
  // Blocks until stop() or SIGINT/SIGTERM (when handle_signals), then shuts down gracefully:
  // stops accepting, lets in-flight requests finish within the grace period, closes the rest.
  void wait(bool handle_signals = false);
  // Begins graceful shutdown. Thread-safe; returns at once.
  void stop();
  std::uint16_t port() const;
  Metrics& metrics();
  ServerConfig const& config() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace zhiku::http
