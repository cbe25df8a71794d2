// Durable-write throughput through the whole request path: C keep-alive connections each send
// small POSTs as fast as answers come; every POST is one db.write (an INSERT) on a file database
// with synchronous=FULL, so it is acknowledged only after its group commit is on disk. Prints
// req/s, latency percentiles and how many jobs each commit carried (the batch the writer got).
//
//   build/release/bench/write_bench [seconds=3] [workers=16] [conns...=16 64 256]
//
// `workers` is ServerConfig::worker_threads: a write handler holds its worker thread until its
// commit is durable, so at most `workers` writes can wait in one batch.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <spdlog/spdlog.h>

#include "bench_clock.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "storage/database.hpp"

using namespace zhiku;
using Clock = std::chrono::steady_clock;

namespace {

int connect_to(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) std::abort();
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) std::abort();
  return fd;
}

// Sends one request and reads its whole answer; false when the connection failed.
bool round_trip(int fd, std::string const& request, std::string& buffer) {
  for (std::size_t sent = 0; sent < request.size();) {
    ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<std::size_t>(n);
  }
  buffer.clear();
  char chunk[4096];
  for (;;) {
    ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer.append(chunk, static_cast<std::size_t>(n));
    auto end = buffer.find("\r\n\r\n");
    if (end == std::string::npos) continue;
    auto cl = buffer.find("Content-Length: ");
    std::size_t length = cl == std::string::npos ? 0 : std::strtoul(buffer.c_str() + cl + 16, nullptr, 10);
    if (buffer.size() >= end + 4 + length) return buffer.compare(9, 3, "201") == 0;
  }
}

struct Figures {
  double rps = 0, p50_ms = 0, p99_ms = 0, jobs_per_commit = 0, server_cpu_us = 0;
  std::uint64_t errors = 0;
};

Figures run(int conns, int workers, double seconds) {
  std::filesystem::path dir = std::filesystem::temp_directory_path() / ("zhiku-write-bench-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  storage::DatabaseConfig dc;
  dc.path = (dir / "bench.db").string();
  dc.synchronous = "FULL";
  Figures f;
  {
    storage::Database db(dc, /*apply_migrations=*/false);
    db.write([](storage::Connection& c) { c.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"); });
    http::Router router;
    router.post("/api/v1/notes", http::Policy::anyone(), [&db](http::Request& req) {
      db.write([&](storage::Connection& c) { c.exec("INSERT INTO notes (body) VALUES (?)", req.body); });
      return http::Response::created(Json::object(), "/api/v1/notes/1");
    });
    http::ServerConfig sc;
    sc.bind = "127.0.0.1";
    sc.port = 0;
    sc.threads = 2;
    sc.worker_threads = workers;
    sc.access_log = false;
    sc.max_connections = conns + 16;
    http::Server server(sc, router, [](http::Request const&, http::Route const&) { return http::Admission{}; });
    auto port = server.start();
    std::thread waiter([&] { server.wait(false); });

    std::string const request =
        "POST /api/v1/notes HTTP/1.1\r\nHost: b\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n"
        "{\"note\":\"hello\"}\n";
    std::atomic<bool> measuring{false}, done{false};
    std::atomic<std::uint64_t> errors{0};
    std::mutex mu;
    std::vector<double> latencies;
    std::vector<std::thread> clients;
    for (int i = 0; i < conns; ++i)
      clients.emplace_back([&] {
        int fd = connect_to(port);
        std::string buffer;
        std::vector<double> mine;
        while (!done) {
          auto t0 = Clock::now();
          bool ok = round_trip(fd, request, buffer);
          if (!ok) {
            ++errors;
            ::close(fd);
            fd = connect_to(port);
            continue;
          }
          if (measuring) mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        }
        ::close(fd);
        std::lock_guard lock(mu);
        latencies.insert(latencies.end(), mine.begin(), mine.end());
      });
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // warm-up
    auto before = db.writer_stats();
    bench::Stopwatch watch;
    measuring = true;
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    measuring = false;
    double wall = watch.wall(), cpu = watch.cpu();
    auto after = db.writer_stats();
    done = true;
    for (auto& t : clients) t.join();
    server.stop();
    waiter.join();

    std::sort(latencies.begin(), latencies.end());
    auto n = latencies.size();
    f.rps = static_cast<double>(n) / wall;
    f.p50_ms = n ? latencies[n / 2] : 0;
    f.p99_ms = n ? latencies[std::min(n - 1, n * 99 / 100)] : 0;
    auto commits = after.commits - before.commits;
    f.jobs_per_commit = commits ? static_cast<double>(after.jobs - before.jobs) / static_cast<double>(commits) : 0;
    f.server_cpu_us = n ? cpu * 1e6 / static_cast<double>(n) : 0;  // client threads included: same process
    f.errors = errors;
  }
  std::filesystem::remove_all(dir);
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  spdlog::set_level(spdlog::level::warn);
  double seconds = argc > 1 ? std::atof(argv[1]) : 3.0;
  int workers = argc > 2 ? std::atoi(argv[2]) : 16;
  std::vector<int> levels;
  for (int i = 3; i < argc; ++i) levels.push_back(std::atoi(argv[i]));
  if (levels.empty()) levels = {16, 64, 256};
  std::printf("durable writes (synchronous=FULL), one INSERT per POST, %d worker threads, %.0f s per level\n",
              workers, seconds);
  std::printf("%6s %10s %8s %8s %12s %14s %7s\n", "conns", "req/s", "p50_ms", "p99_ms", "jobs/commit",
              "cpu_us/req", "errors");
  for (int conns : levels) {
    Figures f = run(conns, workers, seconds);
    std::printf("%6d %10.0f %8.2f %8.2f %12.1f %14.1f %7llu\n", conns, f.rps, f.p50_ms, f.p99_ms, f.jobs_per_commit,
                f.server_cpu_us, static_cast<unsigned long long>(f.errors));
    std::fflush(stdout);
  }
}
