// The HTTP/1.1 server: Beast sessions on an Asio io_context run by N threads, hardened framing,
// deadlines, limits, the middleware chain (request id, access log, the application's gate, role
// check, CSRF) and graceful shutdown. Beast and Asio types stay in server.cpp.
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
  std::string bind = "127.0.0.1";  // address to listen on
  std::uint16_t port = 8080;       // 0 picks a free port (tests)
  int threads = 0;                 // io threads; 0 = hardware threads
  int worker_threads = 16;         // threads for Exec::worker handlers (writes, hashing)
  std::size_t header_limit_bytes = 16 * 1024;
  std::size_t body_limit_bytes = 1024 * 1024;         // larger bodies answer 413
  std::size_t upload_limit_bytes = 20 * 1024 * 1024;  // for routes that accept uploads
  std::chrono::milliseconds header_timeout{10'000};   // whole header must arrive within this
  std::chrono::milliseconds body_timeout{30'000};
  std::chrono::milliseconds write_timeout{30'000};
  std::chrono::milliseconds idle_timeout{60'000};  // keep-alive wait for the next request
  int max_connections = 10'000;                    // further connections are closed at once
  std::chrono::milliseconds shutdown_grace{10'000};
  std::string static_dir;  // built web UI; empty: no static files
  std::string tls_cert;    // PEM paths; both set: serve HTTPS
  std::string tls_key;
  bool behind_tls_proxy = false;  // requests arrived over TLS at a proxy in front
  std::string version = "dev";
  bool access_log = true;  // one log line per request
};

// A refusal the application's gate gives before the route's policy is checked.
struct Refusal {
  int status = 403;    // 401 or 403
  std::string detail;  // Chinese, shown as it is
};

// What the application's gate says of a request: who is calling (from its cookie or bearer
// token) and whether they may call this route now.
struct Admission {
  std::optional<Principal> principal;  // nullopt: anonymous
  Credential credential;
  std::optional<Refusal> refusal;  // set: answered instead of running the route
};

// The application's gate (app injects it; users/account_gate.hpp builds it): authentication and
// whatever the application decides about the caller's account before any route runs. After it,
// the server checks the route's Policy (401 / 403) and, for cookie sessions, the CSRF token.
// Called on an io thread for every API request; must be fast and thread-safe.
using Gate = std::function<Admission(Request const& req, Route const& route)>;

class Server {
 public:
  Server(ServerConfig config, Router const& router, Gate gate);
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
