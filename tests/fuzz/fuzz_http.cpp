// The HTTP request path, end to end through the server's own handling: the whole App (every
// module's routes, the account gate, a migrated SQLite file in a temporary directory) listens on
// 127.0.0.1 in this process, and each input is written as raw bytes to a fresh connection,
// whose write side is then closed. So Beast's parser, the framing checks, target, query and
// cookie parsing, header limits, the router, the gate, CSRF and every handler's input checks
// all see the input. The text "@TOKEN@" in an input is replaced by a coordinator's API token,
// so the corpus reaches routes behind sign-in too.
// Promises checked: the server never answers 500 (a 500 is an exception nobody mapped), every
// answer starts with a status line, and the connection is closed within a few seconds (no hang).
// A crash or sanitizer report anywhere in the server ends the run with the input saved.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include <spdlog/spdlog.h>

#include "app/app.hpp"
#include "app/services.hpp"
#include "fuzz_check.hpp"
#include "users/auth_service.hpp"

namespace {

struct Running {
  std::filesystem::path dir;
  std::unique_ptr<zhiku::App> app;
  std::thread waiter;
  std::uint16_t port = 0;
  std::string token;
};

Running& server() {
  static Running* r = [] {
    auto* run = new Running;  // lives for the whole run: libFuzzer exits without destructors
    run->dir = std::filesystem::temp_directory_path() / ("zhiku-fuzz-http-" + std::to_string(::getpid()));
    std::filesystem::remove_all(run->dir);
    std::filesystem::create_directories(run->dir);
    zhiku::AppConfig c;
    c.http.bind = "127.0.0.1";
    c.http.port = 0;
    c.http.threads = 1;
    c.http.worker_threads = 2;
    c.http.header_timeout = std::chrono::milliseconds(500);
    c.http.body_timeout = std::chrono::milliseconds(500);
    c.http.idle_timeout = std::chrono::milliseconds(500);
    c.http.write_timeout = std::chrono::milliseconds(1000);
    c.database.path = (run->dir / "zhiku.db").string();
    c.database.synchronous = "OFF";
    c.auth.hash_ops = 1;
    c.auth.hash_mem_mib = 8;
    c.log.level = "off";
    c.log.access_log = false;
    spdlog::set_level(spdlog::level::off);
    run->app = std::make_unique<zhiku::App>(c);
    run->port = run->app->start();
    run->waiter = std::thread([run] { run->app->wait(false); });
    auto& s = run->app->services();
    zhiku::NewUser u{"fuzzcoord", "模糊测试", "fuzz@example.cn", zhiku::RoleSet{zhiku::Role::coordinator}};
    auto user = s.users.create_with_password(zhiku::Actor::system("fuzz"), u, "Fuzz-Coordinator-2026!", false);
    zhiku::Actor as_coord{zhiku::principal_for(user), {"fuzz", "127.0.0.1"}};
    run->token = s.tokens.create(as_coord, "fuzz", 30).secret;
    return run;
  }();
  return *r;
}

// Writes `request`, half-closes, and reads until the server closes. Empty optional on a hang.
std::optional<std::string> exchange(std::string const& request) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  FUZZ_CHECK(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(server().port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  FUZZ_CHECK(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  std::size_t sent = 0;
  std::string answer;
  char buf[65536];
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  bool write_open = true;
  for (;;) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::close(fd);
      return std::nullopt;
    }
    pollfd p{fd, static_cast<short>(POLLIN | (write_open ? POLLOUT : 0)), 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    if (write_open && (p.revents & POLLOUT)) {
      ssize_t n = sent < request.size() ? ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL) : 0;
      if (n > 0) sent += static_cast<std::size_t>(n);
      if (n < 0 || sent >= request.size()) {
        ::shutdown(fd, SHUT_WR);
        write_open = false;
      }
    }
    if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      answer.append(buf, static_cast<std::size_t>(n));
    }
  }
  ::close(fd);
  return answer;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(unsigned char const* data, std::size_t size) {
  if (size > 256 * 1024) return -1;
  std::string request(reinterpret_cast<char const*>(data), size);
  for (auto at = request.find("@TOKEN@"); at != std::string::npos; at = request.find("@TOKEN@", at))
    request.replace(at, 7, server().token);
  auto answer = exchange(request);
  if (!answer) std::fprintf(stderr, "the server did not close the connection within 5 s\n");
  FUZZ_CHECK(answer);
  if (!answer->empty()) FUZZ_CHECK(answer->rfind("HTTP/1.", 0) == 0);
  // Every status line of the answer (keep-alive may carry several).
  for (auto at = answer->find("HTTP/1.1 "); at != std::string::npos; at = answer->find("HTTP/1.1 ", at + 1)) {
    if (answer->compare(at, 12, "HTTP/1.1 500") == 0) {
      std::fprintf(stderr, "500 answer:\n%s\n", answer->substr(0, 2000).c_str());
      FUZZ_CHECK(false);
    }
  }
  return 0;
}
