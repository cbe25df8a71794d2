// A real SMTP server on loopback for the mail tests: Python's aiosmtpd (python3-aiosmtpd),
// started as a child process on a free port (or a given one), each accepted message kept as a
// file; and a small reader of those messages (headers, RFC 2047 subjects, base64 bodies).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "support/test_server.hpp"

extern char** environ;

namespace zhiku::test {

struct ReceivedMail {
  std::string envelope_from;
  std::string envelope_to;
  std::string raw;
  std::string header(std::string const& name) const;  // unfolded, as sent
  std::string subject() const;                        // RFC 2047 decoded
  std::string body() const;                           // base64 decoded
};

inline std::string decode_base64(std::string const& in) {
  static std::string const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int val = 0, bits = -8;
  for (unsigned char ch : in) {
    auto pos = chars.find(static_cast<char>(ch));
    if (pos == std::string::npos) continue;
    val = (val << 6) + static_cast<int>(pos);
    bits += 6;
    if (bits >= 0) {
      out += static_cast<char>((val >> bits) & 0xff);
      bits -= 8;
    }
  }
  return out;
}

inline std::string ReceivedMail::header(std::string const& name) const {
  std::istringstream in(raw);
  std::string line, value;
  bool found = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) break;
    if (found) {
      if (line[0] == ' ' || line[0] == '\t') {
        value += line;
        continue;
      }
      break;
    }
    if (line.size() > name.size() && line.compare(0, name.size(), name) == 0 && line[name.size()] == ':') {
      found = true;
      value = line.substr(name.size() + 2);
    }
  }
  return value;
}

inline std::string ReceivedMail::subject() const {
  std::string const h = header("Subject");
  std::string out;
  std::size_t i = 0;
  while (i < h.size()) {
    auto start = h.find("=?UTF-8?B?", i);
    if (start == std::string::npos) {
      if (out.empty()) return h;
      break;
    }
    auto end = h.find("?=", start + 10);
    out += decode_base64(h.substr(start + 10, end - start - 10));
    i = end + 2;
  }
  return out;
}

inline std::string ReceivedMail::body() const {
  auto pos = raw.find("\r\n\r\n");
  if (pos == std::string::npos) pos = raw.find("\n\n");
  return decode_base64(raw.substr(pos));
}

class SmtpSink {
 public:
  // Starts aiosmtpd on `port` (0: a free one) and waits until it listens.
  explicit SmtpSink(std::uint16_t port = 0) { start(port); }
  ~SmtpSink() { stop(); }
  SmtpSink(SmtpSink const&) = delete;
  SmtpSink& operator=(SmtpSink const&) = delete;

  std::uint16_t port() const { return port_; }
  std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  // Starts again on the same port (after stop()).
  void start_again() { start(port_); }

  std::vector<ReceivedMail> received() const {
    std::vector<ReceivedMail> out;
    for (int n = 1;; ++n) {
      auto const base = dir_.path() / std::to_string(n);
      if (!std::filesystem::exists(base.string() + ".eml")) break;
      ReceivedMail m;
      std::ifstream env(base.string() + ".env");
      std::getline(env, m.envelope_from);
      std::getline(env, m.envelope_to);
      std::ifstream eml(base.string() + ".eml", std::ios::binary);
      m.raw.assign(std::istreambuf_iterator<char>(eml), std::istreambuf_iterator<char>());
      out.push_back(std::move(m));
    }
    return out;
  }
  // Waits up to `timeout` until at least `n` messages arrived; returns what arrived.
  std::vector<ReceivedMail> wait_for(std::size_t n, std::chrono::milliseconds timeout = std::chrono::seconds(15)) const {
    auto const until = std::chrono::steady_clock::now() + timeout;
    auto got = received();
    while (got.size() < n && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
      got = received();
    }
    return got;
  }

 private:
  void start(std::uint16_t port) {
    std::filesystem::remove(dir_.path() / "port");
    std::string const script = std::string(ZHIKU_SOURCE_DIR) + "/tests/integration/mail_smtp_sink.py";
    std::string const dir = dir_.path().string();
    std::string const port_text = std::to_string(port);
    // Debian's python3 (python3-aiosmtpd is installed for it), not another one first in PATH.
    char const* python = std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
    char const* argv[] = {python, script.c_str(), dir.c_str(), port_text.c_str(), nullptr};
    if (::posix_spawnp(&pid_, python, nullptr, nullptr, const_cast<char* const*>(argv), environ) != 0)
      throw std::runtime_error("cannot start python3 for the SMTP sink");
    auto const until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!std::filesystem::exists(dir_.path() / "port")) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        throw std::runtime_error("the SMTP sink (aiosmtpd) exited: is python3-aiosmtpd installed?");
      }
      if (std::chrono::steady_clock::now() > until) throw std::runtime_error("the SMTP sink did not start");
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::ifstream in(dir_.path() / "port");
    int p = 0;
    in >> p;
    port_ = static_cast<std::uint16_t>(p);
  }

  TempDir dir_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
};

// Waits up to `timeout` until `done()` holds.
template <class F>
bool eventually(F&& done, std::chrono::milliseconds timeout = std::chrono::seconds(15)) {
  auto const until = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

}  // namespace zhiku::test
