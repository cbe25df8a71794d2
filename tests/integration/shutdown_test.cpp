// Graceful shutdown: a request in flight completes, new connections are refused, idle ones are
// closed at once, and `zhiku serve` exits 0 on SIGTERM leaving a checkpointed database.
#include <csignal>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <string>
#include <thread>

#include <catch2/catch.hpp>

#include "support/bare_server.hpp"
#include "support/http_client.hpp"
#include "support/process.hpp"
#include "support/test_server.hpp"

using namespace std::chrono_literals;
using namespace zhiku::test;
using zhiku::Json;
using zhiku::http::Policy;
using zhiku::http::Request;
using zhiku::http::Response;
using zhiku::http::Router;
using zhiku::http::ServerConfig;

namespace {

using Clock = std::chrono::steady_clock;

void add_slow_route(Router& r) {
  r.post("/api/v1/slow", Policy::anyone(), [](Request&) {
    std::this_thread::sleep_for(500ms);
    return Response::json(Json{{"slept_ms", 500}});
  });
  r.get("/api/v1/fast", Policy::anyone(), [](Request&) { return Response::json(Json{{"ok", true}}); });
}

bool can_connect(std::uint16_t port) {
  try {
    raw_exchange(port, "", 200ms);
    return true;
  } catch (std::exception const&) {
    return false;
  }
}

// Waits until `text()` matches `re`; returns the first capture group, or "" after `timeout`.
template <class F>
std::string wait_for_match(F const& text, std::regex const& re, std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  std::smatch m;
  while (Clock::now() < deadline) {
    std::string t = text();
    if (std::regex_search(t, m, re)) return m[1].str();
    std::this_thread::sleep_for(20ms);
  }
  return "";
}

}  // namespace

TEST_CASE("stop lets a request in flight finish, refuses new connections and returns", "[integration][shutdown]") {
  BareServer server(add_slow_route);
  std::optional<HttpResponse> slow_response;
  std::string slow_error;
  std::thread slow([&] {
    try {
      HttpClient c(server.port());
      slow_response = c.post("/api/v1/slow");
    } catch (std::exception const& e) {
      slow_error = e.what();
    }
  });
  std::this_thread::sleep_for(150ms);  // the request is now sleeping in its handler
  auto stop_started = Clock::now();
  server.stop();
  std::this_thread::sleep_for(100ms);
  CHECK_FALSE(can_connect(server.port()));
  server.wait_stopped();
  auto stop_took = Clock::now() - stop_started;
  slow.join();

  CHECK(slow_error.empty());
  REQUIRE(slow_response);
  CHECK(slow_response->status == 200);
  CHECK(slow_response->json()["slept_ms"] == 500);
  CHECK(slow_response->header("connection") == "close");
  CHECK(stop_took < 2s);  // it waited for the request, not for the whole grace period
}

TEST_CASE("stop closes idle keep-alive connections without waiting for the grace period", "[integration][shutdown]") {
  BareServer server(add_slow_route, [](ServerConfig& c) { c.shutdown_grace = 10s; });
  HttpClient idle(server.port());
  REQUIRE(idle.get("/api/v1/fast").status == 200);  // now idle, kept alive
  auto started = Clock::now();
  server.stop();
  server.wait_stopped();
  CHECK(Clock::now() - started < 1s);
}

TEST_CASE("a request still running when the grace period ends is cut off", "[integration][shutdown]") {
  BareServer server(add_slow_route, [](ServerConfig& c) { c.shutdown_grace = 100ms; });
  std::string error;
  std::thread slow([&] {
    try {
      HttpClient c(server.port());
      c.post("/api/v1/slow");
    } catch (std::exception const& e) {
      error = e.what();
    }
  });
  std::this_thread::sleep_for(100ms);
  auto started = Clock::now();
  server.stop();
  server.wait_stopped();
  slow.join();
  CHECK_FALSE(error.empty());  // the connection was closed before an answer
  CHECK(Clock::now() - started < 2s);
}

TEST_CASE("zhiku serve exits 0 on SIGTERM and leaves no WAL behind", "[integration][shutdown]") {
  TempDir dir;
  std::string config = dir.file("zhiku.toml");
  std::ofstream(config) << "[log]\nlevel = \"info\"\naccess_log = false\n[database]\nsynchronous = \"NORMAL\"\n";
  std::string db = dir.file("serve.db");

  for (int sig : {SIGTERM, SIGINT}) {
    CAPTURE(sig);
    ChildProcess zhiku({ZHIKU_BINARY, "--config", config, "serve", "--port", "0", "--db", db});
    std::string port =
        wait_for_match([&] { return zhiku.out(); }, std::regex("listening on http://127\\.0\\.0\\.1:([0-9]+)"), 15s);
    REQUIRE_FALSE(port.empty());
    HttpClient client(static_cast<std::uint16_t>(std::stoi(port)));
    auto health = client.get("/api/v1/health");
    CHECK(health.status == 200);
    CHECK(std::filesystem::exists(db + "-wal"));

    zhiku.signal(sig);
    int code = zhiku.wait(15s);
    INFO("stdout: " << zhiku.out() << "\nstderr: " << zhiku.err());
    CHECK(code == 0);
    CHECK_THAT(zhiku.out(), Catch::Contains("zhiku stopped"));
    CHECK_FALSE(std::filesystem::exists(db + "-wal"));
    CHECK_FALSE(std::filesystem::exists(db + "-shm"));
  }
}
