// A small blocking HTTP/1.1 client for tests, built on Beast, with a cookie jar, the CSRF
// header and a raw-socket helper for malformed requests.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"

namespace zhiku::test {

struct HttpResponse {
  int status = 0;
  std::multimap<std::string, std::string> headers;  // names lower-case
  std::string body;

  std::string header(std::string const& name) const;  // "" when absent
  Json json() const;                                   // throws when the body is not JSON
  bool is_problem() const { return header("content-type").rfind("application/problem+json", 0) == 0; }
};

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port);
  ~HttpClient();
  HttpClient(HttpClient&&) noexcept;

  // Sends one request over a kept-alive connection (reconnecting when the server closed it).
  // Adds the session cookie, X-CSRF-Token on unsafe methods and the bearer token when set.
  HttpResponse request(std::string const& method, std::string const& target, std::string const& body = "",
                       std::string const& content_type = "",
                       std::vector<std::pair<std::string, std::string>> const& headers = {});
  HttpResponse get(std::string const& target) { return request("GET", target); }
  HttpResponse post(std::string const& target, Json const& body) { return request("POST", target, body.dump(), "application/json"); }
  HttpResponse post(std::string const& target) { return request("POST", target, "{}", "application/json"); }
  HttpResponse patch(std::string const& target, Json const& body) { return request("PATCH", target, body.dump(), "application/json"); }
  HttpResponse put(std::string const& target, Json const& body) { return request("PUT", target, body.dump(), "application/json"); }
  HttpResponse del(std::string const& target) { return request("DELETE", target); }

  // Session state: set from a login response (cookie from Set-Cookie, csrf_token from the body).
  void remember_login(HttpResponse const& login_response);
  void set_cookie(std::string cookie) { cookie_ = std::move(cookie); }   // "name=value"
  void set_csrf(std::string token) { csrf_ = std::move(token); }
  void set_bearer(std::string token) { bearer_ = std::move(token); }
  void forget_session() { cookie_.clear(); csrf_.clear(); bearer_.clear(); }
  std::string const& cookie() const { return cookie_; }
  std::string const& csrf() const { return csrf_; }

 private:
  struct Conn;
  std::uint16_t port_;
  std::unique_ptr<Conn> conn_;
  std::string cookie_, csrf_, bearer_;
};

// Writes `bytes` on a fresh connection, then reads until the server closes it or `timeout`
// passes. Returns everything read. `closed` (optional) reports whether the server closed.
std::string raw_exchange(std::uint16_t port, std::string const& bytes,
                         std::chrono::milliseconds timeout = std::chrono::milliseconds(3000), bool* closed = nullptr);
// The status code of the first response in raw bytes, or 0.
int raw_status(std::string const& response_bytes);

}  // namespace zhiku::test
