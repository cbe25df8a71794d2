#include "support/http_client.hpp"

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace zhiku::test {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;

std::string HttpResponse::header(std::string const& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

Json HttpResponse::json() const { return Json::parse(body); }

struct HttpClient::Conn {
  net::io_context ioc;
  beast::tcp_stream stream{ioc};
  beast::flat_buffer buffer;
  bool open = false;

  // Runs one asynchronous operation to its end. tcp_stream's deadline (expires_after) applies
  // to asynchronous operations only, so a server that never answers fails the test with a
  // timeout instead of hanging it.
  template <class Start>
  beast::error_code run(Start start) {
    beast::error_code ec;
    start([&ec](beast::error_code e, auto&&...) { ec = e; });
    ioc.restart();
    ioc.run();
    return ec;
  }
};

HttpClient::HttpClient(std::uint16_t port) : port_(port), conn_(std::make_unique<Conn>()) {}
HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;

HttpResponse HttpClient::request(std::string const& method, std::string const& target, std::string const& body,
                                 std::string const& content_type,
                                 std::vector<std::pair<std::string, std::string>> const& headers) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!conn_->open) {
      conn_ = std::make_unique<Conn>();
      conn_->stream.expires_after(std::chrono::seconds(10));
      auto ec = conn_->run([&](auto done) {
        conn_->stream.async_connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_), done);
      });
      if (ec) throw beast::system_error(ec);
      conn_->open = true;
    }
    bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    if (!content_type.empty()) req.set(bhttp::field::content_type, content_type);
    if (!cookie_.empty()) req.set(bhttp::field::cookie, cookie_);
    if (!bearer_.empty()) req.set(bhttp::field::authorization, "Bearer " + bearer_);
    if (!csrf_.empty() && method != "GET" && method != "HEAD") req.set("X-CSRF-Token", csrf_);
    for (auto const& [k, v] : headers) req.set(k, v);
    req.body() = body;
    req.prepare_payload();
    conn_->stream.expires_after(std::chrono::seconds(30));
    auto ec = conn_->run([&](auto done) { bhttp::async_write(conn_->stream, req, done); });
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    if (method == "HEAD") parser.skip(true);
    if (!ec) ec = conn_->run([&](auto done) { bhttp::async_read(conn_->stream, conn_->buffer, parser, done); });
    if (ec) {
      conn_->open = false;
      // A kept-alive connection the server closed meanwhile: retry once on a new one.
      if (attempt == 0 && (ec == bhttp::error::end_of_stream || ec == net::error::connection_reset ||
                           ec == net::error::broken_pipe || ec == net::error::eof))
        continue;
      throw beast::system_error(ec);
    }
    auto& res = parser.get();
    HttpResponse out;
    out.status = res.result_int();
    for (auto const& f : res) {
      std::string name(f.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.headers.emplace(std::move(name), std::string(f.value()));
    }
    out.body = std::move(res.body());
    if (!res.keep_alive()) {
      beast::error_code ignored;
      conn_->stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
      conn_->open = false;
    }
    return out;
  }
  throw std::runtime_error("unreachable");
}

void HttpClient::remember_login(HttpResponse const& r) {
  for (auto [it, end] = r.headers.equal_range("set-cookie"); it != end; ++it) {
    std::string v = it->second;
    cookie_ = v.substr(0, v.find(';'));
  }
  auto j = r.json();
  if (j.contains("csrf_token") && j["csrf_token"].is_string()) csrf_ = j["csrf_token"].get<std::string>();
}

std::string raw_exchange(std::uint16_t port, std::string const& bytes, std::chrono::milliseconds timeout,
                         bool* closed) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  beast::error_code ec;
  stream.expires_after(timeout);
  net::write(stream, net::buffer(bytes), ec);
  std::string out;
  char buf[4096];
  bool was_closed = false;
  for (;;) {
    // tcp_stream's deadline applies to asynchronous operations only: a blocking read_some would
    // wait for the server however long it takes.
    size_t n = 0;
    stream.expires_after(timeout);
    stream.async_read_some(net::buffer(buf), [&](beast::error_code e, size_t k) {
      ec = e;
      n = k;
    });
    ioc.restart();
    ioc.run();
    out.append(buf, n);
    if (ec) {
      was_closed = ec != beast::error::timeout;
      break;
    }
  }
  if (closed) *closed = was_closed;
  return out;
}

int raw_status(std::string const& bytes) {
  if (bytes.rfind("HTTP/1.", 0) != 0 || bytes.size() < 12) return 0;
  return std::atoi(bytes.substr(9, 3).c_str());
}

}  // namespace zhiku::test
