// The transport over a raw socket: ambiguous framing refused and the connection closed, limits,
// deadlines (slowloris, idle, stalled body), the connection cap, request ids, security headers,
// JSON body errors, and handler failures that never leak their message.
#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "support/bare_server.hpp"
#include "support/chinese_text.hpp"
#include "support/http_client.hpp"
#include "support/raw_http.hpp"
#include "support/test_server.hpp"

using namespace std::chrono_literals;
using namespace zhiku::test;
using zhiku::Json;
using zhiku::JsonFields;
using zhiku::http::Policy;
using zhiku::http::Request;
using zhiku::http::Response;
using zhiku::http::Router;
using zhiku::http::ServerConfig;

namespace {

using Clock = std::chrono::steady_clock;

// Routes that exercise the transport: JSON in and out, field errors, a failing handler, a slow
// worker handler.
void add_test_routes(Router& r) {
  r.post("/api/v1/echo", Policy::anyone(), [](Request& req) { return Response::json(req.json()); });
  r.post("/api/v1/people", Policy::anyone(), [](Request& req) {
    Json body = req.json();
    JsonFields f(body);
    auto name = f.req_string("name", 20);
    auto age = f.req_int("age", 0, 150);
    f.finish();
    Json out = Json::object();
    out["name"] = name;
    out["age"] = age;
    return Response::json(out, 201);
  });
  r.get("/api/v1/boom", Policy::anyone(), [](Request&) -> Response {
    throw std::runtime_error("SQLITE_CORRUPT at /var/lib/zhiku/secret.db: SELECT password_hash FROM users");
  });
  r.get("/api/v1/fast", Policy::anyone(), [](Request&) { return Response::json(Json{{"ok", true}}); });
  r.post("/api/v1/slow", Policy::anyone(), [](Request&) {
    std::this_thread::sleep_for(500ms);
    return Response::json(Json{{"slept_ms", 500}});
  });
}

// A TCP connection to the server that sends nothing; returns the socket.
int connect_silently(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  return fd;
}

std::string const kHealth = "GET /api/v1/health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";

// Sends `bytes`, expects a refusal with `status` followed by the server closing the connection.
void expect_refused(std::uint16_t port, std::string const& bytes, int status) {
  bool closed = false;
  auto started = Clock::now();
  std::string reply = raw_exchange(port, bytes, 2000ms, &closed);
  RawResponse r = parse_raw_response(reply);
  CHECK(r.status == status);
  CHECK(closed);
  CHECK(Clock::now() - started < 1500ms);
  if (r.status_line.rfind("HTTP/1.1", 0) == 0) CHECK(r.header("connection") == "close");  // implied for 1.0
  CHECK(r.header("content-type") == "application/problem+json");
  CHECK_FALSE(r.header("x-request-id").empty());
  CHECK(r.header("x-content-type-options") == "nosniff");
  // The reason is Chinese, like every detail the web UI shows.
  INFO(r.body);
  Json problem = Json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  CHECK((problem.is_object() && has_cjk(problem.value("detail", ""))));
}

}  // namespace

TEST_CASE("ambiguous request framing is refused with 400 and the connection closed", "[integration][http]") {
  TestServer server;
  struct Case {
    char const* name;
    std::string bytes;
  };
  std::vector<Case> const table = {
      {"Transfer-Encoding chunked together with Content-Length",
       "POST /api/v1/health HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
       "0\r\n\r\n"},
      {"Content-Length then Transfer-Encoding",
       "POST /api/v1/health HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
       "0\r\n\r\n"},
      {"chunked on HTTP/1.0", "POST /api/v1/health HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"},
      {"chunked alone on HTTP/1.1",
       "POST /api/v1/health HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
       "2\r\n{}\r\n0\r\n\r\n"},
      {"Transfer-Encoding gzip",
       "POST /api/v1/health HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n"
       "Content-Length: 2\r\n\r\n{}"},
      {"Transfer-Encoding identity", "GET /api/v1/health HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: identity\r\n\r\n"},
      {"Transfer-Encoding on a GET",
       "GET /api/v1/health HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
       "0\r\n\r\n"},
      {"two equal Content-Lengths",
       "POST /api/v1/health HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n"
       "Content-Length: 2\r\n\r\n{}"},
      {"two different Content-Lengths",
       "POST /api/v1/health HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n"
       "Content-Length: 20\r\n\r\n{}"},
      {"a Content-Length list", "POST /api/v1/health HTTP/1.1\r\nHost: t\r\nContent-Length: 2, 2\r\n\r\n{}"},
      {"a Content-Length with a sign", "POST /api/v1/health HTTP/1.1\r\nHost: t\r\nContent-Length: +2\r\n\r\n{}"},
      {"a negative Content-Length", "POST /api/v1/health HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n"},
      {"HTTP/1.1 without Host", "GET /api/v1/health HTTP/1.1\r\nAccept: */*\r\n\r\n"},
      {"two Host headers", "GET /api/v1/health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"},
      {"an empty Host", "GET /api/v1/health HTTP/1.1\r\nHost:\r\n\r\n"},
      {"POST without Content-Length", "POST /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n"},
      {"PUT without Content-Length", "PUT /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n"},
      {"an unsupported HTTP version", "GET /api/v1/health HTTP/2.0\r\nHost: t\r\n\r\n"},
      {"garbage", "HELLO\r\n\r\n"},
      {"an absolute-form target", "GET http://evil.example/api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n"},
  };
  for (auto const& c : table) {
    CAPTURE(c.name);
    expect_refused(server.port(), c.bytes, 400);
  }
  // The server is still healthy afterwards.
  CHECK(raw_status(raw_exchange(server.port(), kHealth)) == 200);
}

TEST_CASE("an HTTP/1.0 request without Host is answered", "[integration][http]") {
  TestServer server;
  auto r = parse_raw_response(raw_exchange(server.port(), "GET /api/v1/health HTTP/1.0\r\n\r\n"));
  CHECK(r.status == 200);
  CHECK(r.json()["status"] == "ok");
}

TEST_CASE("a header larger than the limit gets 431", "[integration][http]") {
  TestServer server;
  std::string big = "GET /api/v1/health HTTP/1.1\r\nHost: t\r\nX-Padding: " + std::string(20'000, 'a') + "\r\n\r\n";
  expect_refused(server.port(), big, 431);
  std::string many = "GET /api/v1/health HTTP/1.1\r\nHost: t\r\n";
  for (int i = 0; i < 2000; ++i) many += "X-H" + std::to_string(i) + ": v\r\n";
  expect_refused(server.port(), many + "\r\n", 431);
}

TEST_CASE("a body larger than the default limit gets 413 before it is sent", "[integration][http]") {
  TestServer server;  // body_limit_bytes 1 MiB
  expect_refused(server.port(),
                 "POST /api/v1/echo HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                 "Content-Length: 5000000\r\n\r\n",
                 413);
}

TEST_CASE("an upload route accepts a body above body_limit and up to upload_limit", "[integration][http]") {
  BareServer server(
      [](Router& r) {
        r.add({"POST", "/api/v1/upload", Policy::anyone(),
               [](Request& req) {
                 return Response::json(Json{{"bytes", req.body.size()}});
               },
               zhiku::http::Exec::worker, "", true});
      },
      [](ServerConfig& c) {
        c.body_limit_bytes = 1000;
        c.upload_limit_bytes = 3 * 1024 * 1024;
      });
  HttpClient client(server.port());
  std::string two_mib(2 * 1024 * 1024, 'x');
  auto r = client.request("POST", "/api/v1/upload", two_mib, "application/octet-stream");
  CHECK(r.status == 200);
  CHECK(r.json()["bytes"] == two_mib.size());
  expect_refused(server.port(), "POST /api/v1/upload HTTP/1.1\r\nHost: t\r\nContent-Length: 4000000\r\n\r\n", 413);
}

TEST_CASE("a body declared larger than the limit gets 413 before it is sent", "[integration][http]") {
  TestServer server([](zhiku::AppConfig& c) { c.http.body_limit_bytes = 1000; });
  // Only the header is sent: the answer must not wait for the body.
  expect_refused(server.port(),
                 "POST /api/v1/echo HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                 "Content-Length: 5000000\r\n\r\n",
                 413);
  auto r = parse_raw_response(raw_exchange(server.port(),
                                           "POST /api/v1/echo HTTP/1.1\r\nHost: t\r\n"
                                           "Content-Length: 1001\r\n\r\n"));
  CHECK(r.status == 413);
  CHECK_THAT(r.json()["detail"].get<std::string>(), Catch::Contains("1000 字节"));
}

TEST_CASE("Expect: 100-continue gets an immediate go-ahead, or the refusal instead", "[integration][http]") {
  BareServer server(add_test_routes, [](ServerConfig& c) { c.body_limit_bytes = 1000; });
  std::string const head =
      "POST /api/v1/echo HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n";
  // Only the header is sent: the client waits for "100 Continue" before its body.
  bool closed = false;
  auto started = Clock::now();
  std::string reply = raw_exchange(server.port(), head + "Content-Length: 2\r\n\r\n", 300ms, &closed);
  CHECK(reply.rfind("HTTP/1.1 100 Continue\r\n\r\n", 0) == 0);
  CHECK_FALSE(closed);
  CHECK(Clock::now() - started < 1000ms);
  // Too large: the final answer comes at once instead.
  auto refused = parse_raw_response(raw_exchange(server.port(), head + "Content-Length: 5000\r\n\r\n"));
  CHECK(refused.status == 413);
}

TEST_CASE("request targets that are not valid percent-encoded UTF-8 get a clear 400", "[integration][http]") {
  TestServer server;
  SECTION("raw UTF-8, as curl sends it") {
    auto r = parse_raw_response(raw_exchange(server.port(), "GET /api/v1/health?q=城市 HTTP/1.1\r\nHost: t\r\n\r\n"));
    CHECK(r.status == 400);
    CHECK(r.header("content-type") == "application/problem+json");
    CHECK_THAT(r.json()["detail"].get<std::string>(), Catch::Contains("百分号编码"));
  }
  SECTION("percent-encoded bytes that are not UTF-8") {
    for (char const* target : {"/api/v1/health?q=%FF", "/api/v1/health?%C0%AF=1", "/api/v1/%ED%A0%80"}) {
      CAPTURE(target);
      auto r = parse_raw_response(
          raw_exchange(server.port(), std::string("GET ") + target + " HTTP/1.1\r\nHost: t\r\n\r\n"));
      CHECK(r.status == 400);
      CHECK_THAT(r.json()["detail"].get<std::string>(), Catch::Contains("UTF-8"));
    }
  }
  SECTION("percent-encoded Chinese is fine") {
    auto r = parse_raw_response(raw_exchange(
        server.port(), "GET /api/v1/health?q=%E5%9F%8E%E5%B8%82 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"));
    CHECK(r.status == 200);
  }
}

TEST_CASE("unknown API paths get 404 and wrong methods 405 with Allow, as problem+json", "[integration][http]") {
  TestServer server;
  HttpClient client(server.port());
  auto missing = client.get("/api/v1/no-such-thing");
  CHECK(missing.status == 404);
  CHECK(missing.is_problem());
  CHECK(missing.json()["status"] == 404);
  CHECK(missing.json()["title"] == "Not Found");

  auto wrong = client.request("DELETE", "/api/v1/health");
  CHECK(wrong.status == 405);
  CHECK(wrong.is_problem());
  CHECK(wrong.header("allow") == "GET, HEAD");

  auto no_ui = client.get("/some/page");  // no static_dir configured
  CHECK(no_ui.status == 404);
}

TEST_CASE("HEAD answers like GET with Content-Length and no body", "[integration][http]") {
  TestServer server;
  std::string get_bytes = raw_exchange(server.port(), kHealth);
  std::string head_bytes =
      raw_exchange(server.port(), "HEAD /api/v1/health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  auto get = parse_raw_response(get_bytes);
  auto head = parse_raw_response(head_bytes, /*head=*/true);
  CHECK(head.status == 200);
  CHECK(head.header("content-length") == get.header("content-length"));
  CHECK(std::stoi(head.header("content-length")) > 0);
  CHECK(head_bytes.substr(head_bytes.find("\r\n\r\n") + 4).empty());
}

TEST_CASE("a keep-alive connection serves several requests", "[integration][http]") {
  TestServer server;
  SECTION("pipelined") {
    bool closed = false;
    std::string bytes = raw_exchange(server.port(),
                                     "GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n"
                                     "GET /api/v1/nothing HTTP/1.1\r\nHost: t\r\n\r\n"
                                     "HEAD /api/v1/health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
                                     2000ms, &closed);
    auto responses = parse_raw_responses(bytes);
    REQUIRE(responses.size() >= 2);
    CHECK(responses[0].status == 200);
    CHECK(responses[0].header("connection") != "close");
    CHECK(responses[1].status == 404);
    CHECK(bytes.find("HTTP/1.1 200", bytes.find("HTTP/1.1 404")) != std::string::npos);
    CHECK(closed);
  }
  SECTION("one after the other, through the client") {
    HttpClient client(server.port());
    CHECK(client.get("/api/v1/health").status == 200);
    CHECK(client.get("/api/v1/health").status == 200);
    CHECK(server.app().server().metrics().open_connections() == 1);
  }
}

TEST_CASE("slow, silent and stalled clients are disconnected by their deadlines", "[integration][http]") {
  TestServer server([](zhiku::AppConfig& c) {
    c.http.header_timeout = 300ms;
    c.http.idle_timeout = 300ms;
    c.http.body_timeout = 300ms;
  });
  SECTION("a slowloris header is cut after header_timeout") {
    bool closed = false;
    auto started = Clock::now();
    std::string reply = raw_exchange(server.port(), "GET / HTTP/1.1\r\nHo", 3000ms, &closed);
    auto took = Clock::now() - started;
    CHECK(closed);
    CHECK(took >= 250ms);
    CHECK(took < 2000ms);
  }
  SECTION("an idle keep-alive connection is closed after idle_timeout") {
    bool closed = false;
    auto started = Clock::now();
    std::string reply = raw_exchange(server.port(), "GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n", 3000ms, &closed);
    auto took = Clock::now() - started;
    CHECK(raw_status(reply) == 200);
    CHECK(closed);
    CHECK(took >= 250ms);
    CHECK(took < 2000ms);
  }
  SECTION("a connection that never sends anything is closed after idle_timeout") {
    bool closed = false;
    auto started = Clock::now();
    raw_exchange(server.port(), "", 3000ms, &closed);
    CHECK(closed);
    CHECK(Clock::now() - started < 2000ms);
  }
  SECTION("a body that stalls is cut after body_timeout") {
    bool closed = false;
    auto started = Clock::now();
    std::string reply = raw_exchange(server.port(),
                                     "POST /api/v1/echo HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
                                     "Content-Length: 100\r\n\r\n{\"a\":",
                                     3000ms, &closed);
    auto took = Clock::now() - started;
    CHECK(closed);
    CHECK(took >= 250ms);
    CHECK(took < 2000ms);
  }
}

TEST_CASE("connections beyond max_connections are closed at once", "[integration][http]") {
  TestServer server([](zhiku::AppConfig& c) { c.http.max_connections = 5; });
  std::vector<HttpClient> open;
  for (int i = 0; i < 5; ++i) {
    open.emplace_back(server.port());
    REQUIRE(open.back().get("/api/v1/health").status == 200);  // kept alive
  }
  bool closed = false;
  auto started = Clock::now();
  std::string reply = raw_exchange(server.port(), kHealth, 3000ms, &closed);
  CHECK(reply.empty());
  CHECK(closed);
  CHECK(Clock::now() - started < 1000ms);

  // Once one closes, a new connection is served again.
  open.pop_back();
  int status = 0;
  for (int attempt = 0; attempt < 50 && status != 200; ++attempt) {
    status = raw_status(raw_exchange(server.port(), kHealth, 1000ms));
    if (status != 200) std::this_thread::sleep_for(20ms);
  }
  CHECK(status == 200);
}

TEST_CASE("the connection cap counts connections as they are accepted", "[integration][http]") {
  BareServer server(add_test_routes, [](ServerConfig& c) { c.max_connections = 5; });
  // Five connections that have not sent a byte yet (their sessions may not even have started)
  // already count: the sixth, accepted after them, is closed.
  std::vector<int> silent;
  for (int i = 0; i < 5; ++i) silent.push_back(connect_silently(server.port()));
  bool closed = false;
  std::string reply = raw_exchange(server.port(), kHealth, 1000ms, &closed);
  CHECK(reply.empty());
  CHECK(closed);
  for (int fd : silent) ::close(fd);
}

TEST_CASE("X-Request-Id is echoed when sane and generated otherwise", "[integration][http]") {
  TestServer server;
  HttpClient client(server.port());
  auto echoed = client.request("GET", "/api/v1/health", "", "", {{"X-Request-Id", "trace-abc_123.4"}});
  CHECK(echoed.header("x-request-id") == "trace-abc_123.4");

  auto generated = client.get("/api/v1/health");
  auto again = client.get("/api/v1/health");
  CHECK_FALSE(generated.header("x-request-id").empty());
  CHECK(generated.header("x-request-id") != again.header("x-request-id"));

  for (std::string bad : {std::string("has space"), std::string("<script>"), std::string(65, 'a')}) {
    CAPTURE(bad);
    auto r = client.request("GET", "/api/v1/health", "", "", {{"X-Request-Id", bad}});
    CHECK_FALSE(r.header("x-request-id").empty());
    CHECK(r.header("x-request-id") != bad);
  }
  // Refusals carry one too: the sent one when it is sane.
  auto refused = parse_raw_response(
      raw_exchange(server.port(), "POST /api/v1/health HTTP/1.1\r\nHost: t\r\nX-Request-Id: refused-1\r\n\r\n"));
  CHECK(refused.status == 400);
  CHECK(refused.header("x-request-id") == "refused-1");
}

TEST_CASE("every response carries the security headers", "[integration][http]") {
  TestServer server;
  HttpClient client(server.port());
  for (auto const& r : {client.get("/api/v1/health"), client.get("/api/v1/missing"),
                        client.request("PUT", "/api/v1/health", "{}", "application/json")}) {
    CAPTURE(r.status);
    CHECK(r.header("x-content-type-options") == "nosniff");
    CHECK(r.header("referrer-policy") == "same-origin");
    CHECK(r.header("x-frame-options") == "DENY");
    CHECK_THAT(r.header("content-security-policy"), Catch::Contains("frame-ancestors 'none'"));
    CHECK(r.header("cache-control") == "no-store");
    CHECK(r.header("strict-transport-security").empty());  // plain HTTP, no proxy configured
  }
  auto refused = parse_raw_response(raw_exchange(server.port(), "GET /api/v1/health HTTP/1.1\r\n\r\n"));
  CHECK(refused.status == 400);
  CHECK(refused.header("x-content-type-options") == "nosniff");
  CHECK_THAT(refused.header("content-security-policy"), Catch::Contains("frame-ancestors 'none'"));
}

TEST_CASE("Strict-Transport-Security is sent behind a TLS proxy", "[integration][http]") {
  TestServer server([](zhiku::AppConfig& c) { c.http.behind_tls_proxy = true; });
  HttpClient client(server.port());
  CHECK_THAT(client.get("/api/v1/health").header("strict-transport-security"), Catch::Contains("max-age="));
}

TEST_CASE("JSON bodies: wrong type 415, malformed 400, bad UTF-8 400, deep nesting 400", "[integration][http]") {
  BareServer server(add_test_routes);
  HttpClient client(server.port());

  auto ok = client.request("POST", "/api/v1/echo", R"({"title":"城市更新"})", "application/json; charset=utf-8");
  CHECK(ok.status == 200);
  CHECK(ok.json()["title"] == "城市更新");

  for (char const* type : {"text/plain", "application/x-www-form-urlencoded", "", "application/jsonx"}) {
    CAPTURE(type);
    auto r = client.request("POST", "/api/v1/echo", "{}", type);
    CHECK(r.status == 415);
    CHECK(r.is_problem());
  }

  auto malformed = client.request("POST", "/api/v1/echo", R"({"a": )", "application/json");
  CHECK(malformed.status == 400);
  CHECK(malformed.is_problem());
  CHECK_THAT(malformed.json()["detail"].get<std::string>(), Catch::Contains("JSON"));

  auto bad_utf8 = client.request("POST", "/api/v1/echo", "{\"a\":\"\xC0\xAF\"}", "application/json");
  CHECK(bad_utf8.status == 400);
  CHECK_THAT(bad_utf8.json()["detail"].get<std::string>(), Catch::Contains("UTF-8"));

  std::string deep = std::string(100'000, '[') + std::string(100'000, ']');
  auto nested = client.request("POST", "/api/v1/echo", deep, "application/json");
  CHECK(nested.status == 400);
  CHECK_THAT(nested.json()["detail"].get<std::string>(), Catch::Contains("嵌套"));

  auto empty = client.request("POST", "/api/v1/echo", "", "application/json");
  CHECK(empty.status == 400);

  // The server is unharmed.
  CHECK(client.get("/api/v1/fast").status == 200);
}

TEST_CASE("field errors come back together as problem+json naming each field", "[integration][http]") {
  BareServer server(add_test_routes);
  HttpClient client(server.port());
  auto r = client.post("/api/v1/people", Json{{"name", 42}, {"age", 200}});
  REQUIRE(r.status == 400);
  CHECK(r.is_problem());
  auto errors = r.json()["errors"];
  REQUIRE(errors.size() == 2);
  CHECK(errors[0]["field"] == "name");
  CHECK(errors[0]["message"] == "须为字符串");
  CHECK(errors[1]["message"] == "须为 0 至 150 之间的整数");
  CHECK(r.json()["detail"] == "以下字段有误：name（须为字符串）；age（须为 0 至 150 之间的整数）");
  CHECK(errors[1]["field"] == "age");

  auto created = client.post("/api/v1/people", Json{{"name", "\u3000王五 "}, {"age", 40}});
  CHECK(created.status == 201);
  CHECK(created.json()["name"] == "王五");
}

TEST_CASE("a handler exception becomes a plain 500 that leaks nothing", "[integration][http]") {
  BareServer server(add_test_routes);
  HttpClient client(server.port());
  auto r = client.get("/api/v1/boom");
  CHECK(r.status == 500);
  CHECK(r.is_problem());
  CHECK(r.body.find("SQLITE") == std::string::npos);
  CHECK(r.body.find("secret") == std::string::npos);
  CHECK(r.body.find("password") == std::string::npos);
  CHECK_FALSE(r.header("x-request-id").empty());
  CHECK(client.get("/api/v1/fast").status == 200);  // the connection and the server survive
}

TEST_CASE("a worker handler does not hold up reads on the io threads", "[integration][http]") {
  BareServer server(add_test_routes, [](ServerConfig& c) { c.threads = 1; });
  std::thread slow([&] {
    HttpClient c(server.port());
    CHECK(c.post("/api/v1/slow").status == 200);
  });
  std::this_thread::sleep_for(100ms);  // the slow request is now sleeping in its handler
  HttpClient fast(server.port());
  auto started = Clock::now();
  CHECK(fast.get("/api/v1/fast").status == 200);
  CHECK(Clock::now() - started < 250ms);
  slow.join();
}

TEST_CASE("the metrics count requests by route and status", "[integration][http]") {
  BareServer server(add_test_routes);
  HttpClient client(server.port());
  client.get("/api/v1/fast");
  client.get("/api/v1/missing");
  // A request is counted just after its response is written: the next request on the same
  // connection is read only after that.
  client.get("/api/v1/fast");
  std::string text = server.server().metrics().render();
  CHECK_THAT(text, Catch::Contains(R"(zhiku_http_requests_total{method="GET",route="/api/v1/fast",status="200"})"));
  CHECK_THAT(text, Catch::Contains(R"(zhiku_http_requests_total{method="GET",route="unmatched",status="404"} 1)"));
  CHECK_THAT(text, Catch::Contains("zhiku_http_open_connections 1"));
}
