// The Beast/Asio transport: accept, read with deadlines, refuse ambiguous framing, run the
// middleware chain and the handler, write, repeat; graceful shutdown.
//
// Threading mirrors the limit server (shared/limit-server): one io_context per io thread, so a
// session never needs a strand; the acceptor hands sockets round-robin to the contexts. Handlers
// marked Exec::worker run on a separate pool and the session resumes on its own context.
#include "http/server.hpp"

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <map>
#include <mutex>
#include <thread>

#include <spdlog/spdlog.h>
#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include "core/crypto.hpp"
#include "http/static_files.hpp"

namespace zhiku::http {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;
using net::awaitable;
using net::use_awaitable;
constexpr auto kNoThrow = net::as_tuple(net::use_awaitable);

namespace {

bool is_unsafe(std::string_view m) { return m != "GET" && m != "HEAD" && m != "OPTIONS"; }

bool is_sane_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

std::string new_request_id() {
  // A random per-process prefix and a counter: unique, cheap, and not guessable across restarts.
  static std::string const prefix = random_token(6);
  static std::atomic<std::uint64_t> counter{0};
  return prefix + "-" + std::to_string(++counter);
}

// Why a request header cannot be trusted to frame its body, or "" when it can. Debian's Beast
// 1.81 accepts some of these; a front proxy may read them differently (request smuggling).
std::string framing_problem(bhttp::request_parser<bhttp::empty_body> const& p) {
  auto const& h = p.get();
  if (h.version() != 11 && h.version() != 10) return "不支持该 HTTP 版本，请使用 HTTP/1.1";
  size_t hosts = 0, lengths = 0, encodings = 0;
  for (auto const& f : h) {
    switch (f.name()) {
      case bhttp::field::host:
        ++hosts;
        break;
      case bhttp::field::content_length:
        ++lengths;
        break;
      case bhttp::field::transfer_encoding:
        ++encodings;
        break;
      default:
        break;
    }
  }
  if (encodings > 0) return "不支持 Transfer-Encoding，请改用 Content-Length";
  if (lengths > 1) return "Content-Length 请求头只能出现一次";
  // Beast reads "Content-Length: 2, 2" as 2; a proxy in front may not. Only plain digits.
  if (lengths == 1) {
    auto v = h[bhttp::field::content_length];
    if (v.empty() || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return "Content-Length 须为一个十进制整数";
  }
  if (h.version() == 11 && hosts == 0) return "缺少 Host 请求头";
  if (hosts > 1) return "Host 请求头只能出现一次";
  if (hosts == 1 && h[bhttp::field::host].empty()) return "Host 请求头为空";
  auto m = h.method();
  bool body_method = m == bhttp::verb::post || m == bhttp::verb::put || m == bhttp::verb::patch;
  if (body_method && lengths == 0) return "带请求体的请求须提供 Content-Length";
  return {};
}

}  // namespace

struct Server::Impl {
  ServerConfig config;
  Router const& router;
  Gate gate;
  Metrics metrics;
  std::optional<StaticFiles> static_files;

  std::vector<std::unique_ptr<net::io_context>> contexts;
  std::vector<net::executor_work_guard<net::io_context::executor_type>> guards;
  std::vector<std::thread> threads;
  std::unique_ptr<net::thread_pool> workers;
  std::optional<tcp::acceptor> acceptor;
  std::optional<net::ssl::context> tls;
  std::atomic<size_t> next_context{0};
  std::uint16_t bound_port = 0;

  // Live connections, for graceful shutdown: a closer runs on the connection's own context.
  struct Live {
    net::io_context* ctx;
    std::function<void()> close;
    bool busy = false;
  };
  std::mutex live_mu;
  std::map<std::uint64_t, Live> live;
  std::uint64_t next_live_id = 0;
  std::atomic<bool> stopping{false};
  std::mutex done_mu;
  std::condition_variable done_cv;
  bool done = false;
  std::once_flag stop_once;

  Impl(ServerConfig c, Router const& r, Gate g) : config(std::move(c)), router(r), gate(std::move(g)) {
    if (!config.static_dir.empty()) static_files.emplace(config.static_dir);
  }
  ~Impl() {
    // A session still queued in a stopped context is destroyed with it, and its guard touches
    // `live` and `metrics` (and a TLS stream its `tls` context), which are declared after the
    // contexts: destroy the contexts first, once no worker can post to them any more.
    if (workers) workers->join();
    acceptor.reset();
    guards.clear();
    contexts.clear();
  }

  // ------------------------------------------------------------------ dispatch --

  void add_common_headers(Request const& req, Response& res, bool api) const {
    res.header("X-Request-Id", req.request_id);
    res.header("X-Content-Type-Options", "nosniff");
    res.header("Referrer-Policy", "same-origin");
    res.header("X-Frame-Options", "DENY");
    res.header("Content-Security-Policy",
               api ? "default-src 'none'; frame-ancestors 'none'"
                   : "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                     "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
                     "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
    if (api &&
        std::none_of(res.headers.begin(), res.headers.end(), [](auto const& h) { return h.first == "Cache-Control"; }))
      res.header("Cache-Control", "no-store");
    if (req.is_tls || config.behind_tls_proxy) res.header("Strict-Transport-Security", "max-age=31536000");
  }

  static Response run_handler(Route const& route, Request& req) {
    try {
      return route.handler(req);
    } catch (Error const& e) {
      return Response::from_error(e);
    } catch (std::exception const& e) {
      spdlog::error("request {} {} {} failed: {}", req.request_id, req.method, req.path, e.what());
    } catch (...) {
      spdlog::error("request {} {} {} failed with a non-standard exception", req.request_id, req.method, req.path);
    }
    return Response::problem(500, "Internal Server Error", "服务器未能完成该请求，请稍后重试");
  }

  // Runs everything before the handler. Returns a response when the request stops here.
  std::optional<Response> prepare(Request& req, Match const& m) const {
    if (!m.route) {
      if (m.allowed.empty()) return Response::problem(404, "Not Found", "没有这个 API 接口");
      std::string allow;
      for (auto const& a : m.allowed) allow += (allow.empty() ? "" : ", ") + a;
      Response r = Response::problem(405, "Method Not Allowed", "该接口不支持此请求方法，可用的方法：" + allow);
      r.header("Allow", allow);
      return r;
    }
    req.params = m.params;
    req.route = m.route->pattern;
    Admission admitted;
    try {
      admitted = gate(req, *m.route);
    } catch (std::exception const& e) {
      spdlog::error("request {}: the gate failed: {}", req.request_id, e.what());
      return Response::problem(500, "Internal Server Error", "服务器未能完成该请求，请稍后重试");
    }
    req.principal = std::move(admitted.principal);
    req.credential = std::move(admitted.credential);
    if (admitted.refusal)
      return Response::problem(admitted.refusal->status, reason_of(admitted.refusal->status),
                               std::move(admitted.refusal->detail));
    Policy const& policy = m.route->policy;
    int refused = policy.gate(req.principal ? &*req.principal : nullptr);
    if (refused == 401) return Response::problem(401, "Unauthorized", refusal::kSignInRequired);
    if (refused == 403) return Response::problem(403, "Forbidden", refusal::kRoleNotAllowed);
    if (policy.who != Policy::Who::anyone && req.credential.is_session() && is_unsafe(req.method)) {
      auto token = req.header("x-csrf-token");
      if (!token || !constant_time_equal(*token, req.credential.csrf_token))
        return Response::problem(403, "Forbidden", refusal::kCsrfMissing);
    }
    return std::nullopt;
  }

  // ------------------------------------------------------------------ sessions --

  std::uint64_t register_live(net::io_context& ctx, std::function<void()> close) {
    std::lock_guard lock(live_mu);
    auto id = next_live_id++;
    live.emplace(id, Live{&ctx, std::move(close), false});
    return id;
  }
  void set_busy(std::uint64_t id, bool busy) {
    std::lock_guard lock(live_mu);
    if (auto it = live.find(id); it != live.end()) it->second.busy = busy;
  }
  void unregister_live(std::uint64_t id) {
    std::lock_guard lock(live_mu);
    live.erase(id);
  }

  template <class Stream>
  awaitable<void> write_response(Stream& stream, bhttp::response<bhttp::string_body>& res) {
    beast::get_lowest_layer(stream).expires_after(config.write_timeout);
    co_await bhttp::async_write(stream, res, kNoThrow);
  }

  template <class Stream>
  awaitable<void> refuse(Stream& stream, unsigned version, int status, std::string detail, std::string const& rid) {
    Response r = Response::problem(status, reason_of(status), std::move(detail));
    Request about;  // only what add_common_headers reads: refusals carry the same headers
    about.request_id = rid;
    about.is_tls = !std::is_same_v<Stream, beast::tcp_stream>;
    add_common_headers(about, r, /*api=*/true);
    bhttp::response<bhttp::string_body> res{static_cast<bhttp::status>(status), version ? version : 11};
    res.set(bhttp::field::content_type, r.content_type);
    for (auto& [k, v] : r.headers) res.insert(k, v);
    res.set(bhttp::field::connection, "close");
    res.keep_alive(false);
    res.body() = std::move(r.body);
    res.prepare_payload();
    co_await write_response(stream, res);
    metrics.observe("-", "refused", status, 0);
  }

  template <class Stream>
  awaitable<void> session(Stream stream, net::io_context& ctx, std::string client) {
    // connection_opened() was counted by the accept loop.
    auto live_id = register_live(ctx, [&stream] {
      beast::error_code ec;
      beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_both, ec);
      beast::get_lowest_layer(stream).close();
    });
    struct Guard {
      Impl* self;
      std::uint64_t id;
      ~Guard() {
        self->unregister_live(id);
        self->metrics.connection_closed();
      }
    } guard{this, live_id};

    constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;
    if constexpr (kTls) {
      beast::get_lowest_layer(stream).expires_after(config.header_timeout);
      auto [ec] = co_await stream.async_handshake(net::ssl::stream_base::server, kNoThrow);
      if (ec) co_return;
    }

    beast::flat_buffer buffer;
    for (;;) {
      if (stopping) co_return;
      // Idle keep-alive wait for the first byte of the next request, then a separate deadline
      // for the whole header: a client trickling bytes (slowloris) cannot hold the connection.
      if (buffer.size() == 0) {
        beast::get_lowest_layer(stream).expires_after(config.idle_timeout);
        auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), kNoThrow);
        if (ec) co_return;
        buffer.commit(n);
      }
      set_busy(live_id, true);
      auto started = std::chrono::steady_clock::now();
      bhttp::request_parser<bhttp::empty_body> hp;  // parsers are single-use: a fresh one each time
      hp.header_limit(static_cast<std::uint32_t>(config.header_limit_bytes));
      // Beast's default body limit (1 MiB) would make the header read itself fail on a larger
      // Content-Length, before we know the route's limit: we check it below, and answer 413.
      hp.body_limit(boost::none);
      beast::get_lowest_layer(stream).expires_after(config.header_timeout);
      {
        auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, hp, kNoThrow);
        if (ec == bhttp::error::header_limit) {
          co_await refuse(stream, 11, 431, "请求头超过 " + std::to_string(config.header_limit_bytes) + " 字节的上限",
                          new_request_id());
          co_return;
        }
        if (ec == beast::error::timeout || ec == net::error::eof || ec == net::error::connection_reset) co_return;
        if (ec) {
          co_await refuse(stream, 11, 400, "请求格式不正确", new_request_id());
          co_return;
        }
      }
      auto const& head = hp.get();
      std::string rid(head["x-request-id"]);
      if (!is_sane_request_id(rid)) rid = new_request_id();
      if (auto problem = framing_problem(hp); !problem.empty()) {
        co_await refuse(stream, head.version(), 400, problem, rid);
        co_return;
      }

      Request req;
      req.method = std::string(head.method_string());
      req.target = std::string(head.target());
      req.request_id = rid;
      req.client_address = client;
      req.is_tls = kTls;
      auto url = boost::urls::parse_origin_form(req.target);
      if (!url) {
        co_await refuse(stream, head.version(), 400,
                        "请求目标无效：须为路径，非 ASCII 字符须经百分号编码（percent-encoding）", rid);
        co_return;
      }
      req.path = url->path();
      for (auto const& p : url->params()) req.query.emplace_back(p.key, p.value);
      bool bad_utf8 = !is_valid_utf8(req.path);
      for (auto const& [k, v] : req.query) bad_utf8 = bad_utf8 || !is_valid_utf8(k) || !is_valid_utf8(v);
      if (bad_utf8) {
        co_await refuse(stream, head.version(), 400, "请求目标解码后不是有效的 UTF-8 文本", rid);
        co_return;
      }
      for (auto const& f : head) {
        std::string name(f.name_string());
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        req.headers.emplace_back(std::move(name), std::string(f.value()));
      }

      bool api = req.path == "/api" || req.path.rfind("/api/", 0) == 0;
      Match match;
      if (api) match = router.match(req.method, req.path);
      std::size_t limit =
          match.route && match.route->accepts_upload ? config.upload_limit_bytes : config.body_limit_bytes;
      if (auto cl = hp.content_length(); cl && *cl > limit) {
        co_await refuse(stream, head.version(), 413, "请求体超过 " + std::to_string(limit) + " 字节的上限", rid);
        co_return;
      }
      bool keep_alive = head.keep_alive();
      unsigned version = head.version();
      bool is_head = head.method() == bhttp::verb::head;
      // RFC 9110 10.1.1: a client that sent "Expect: 100-continue" waits for our go-ahead (curl
      // waits a second for bodies over 1 kB); the checks above have already passed.
      if (version == 11 && hp.content_length().value_or(0) > 0 &&
          beast::iequals(head[bhttp::field::expect], "100-continue")) {
        bhttp::response<bhttp::empty_body> go_ahead{bhttp::status::continue_, 11};
        beast::get_lowest_layer(stream).expires_after(config.write_timeout);
        auto [ec, n] = co_await bhttp::async_write(stream, go_ahead, kNoThrow);
        if (ec) co_return;
      }

      // Now the body, under its own deadline and limit.
      bhttp::request_parser<bhttp::string_body> parser(std::move(hp));
      parser.body_limit(limit);
      beast::get_lowest_layer(stream).expires_after(config.body_timeout);
      {
        auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, kNoThrow);
        if (ec == bhttp::error::body_limit) {
          co_await refuse(stream, version, 413, "请求体超过 " + std::to_string(limit) + " 字节的上限", rid);
          co_return;
        }
        if (ec) co_return;  // timeout or a broken connection mid-body: nothing to answer
      }
      req.body = std::move(parser.get().body());

      Response res;
      if (api) {
        if (auto early = prepare(req, match)) {
          res = std::move(*early);
        } else if (match.route->exec == Exec::worker) {
          // Run the handler on the worker pool; the session resumes on its own context when it is
          // done. (`co_await post(pool, use_awaitable)` would not do: its completion is dispatched
          // to this coroutine's executor, so the handler would still block the io thread.)
          res = co_await net::co_spawn(
              workers->get_executor(), [&]() -> awaitable<Response> { co_return run_handler(*match.route, req); },
              use_awaitable);
        } else {
          res = run_handler(*match.route, req);
        }
      } else if (static_files && (req.method == "GET" || req.method == "HEAD")) {
        res = static_files->serve(req);
      } else {
        res = Response::problem(404, "Not Found", "请求的资源不存在");
      }
      add_common_headers(req, res, api);

      bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
      if (!res.content_type.empty()) out.set(bhttp::field::content_type, res.content_type);
      for (auto& [k, v] : res.headers) out.insert(k, v);
      bool close_after = !keep_alive || stopping;
      out.keep_alive(!close_after);
      std::size_t bytes = res.body.size();
      if (res.status == 204 || res.status == 304) {
        out.body().clear();
        out.prepare_payload();
      } else if (is_head) {
        out.content_length(bytes);
      } else {
        out.body() = std::move(res.body);
        out.prepare_payload();
      }
      auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      co_await write_response(stream, out);
      metrics.observe(req.method, api ? (req.route.empty() ? "unmatched" : req.route) : "static", res.status, seconds);
      if (config.access_log)
        spdlog::info("access method={} path={} status={} bytes={} ms={:.3f} rid={} client={}", req.method, req.path,
                     res.status, bytes, seconds * 1000, rid, client);
      set_busy(live_id, false);
      if (close_after) {
        beast::error_code ec;
        beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_send, ec);
        co_return;
      }
    }
  }

  // ------------------------------------------------------------------ accept --

  awaitable<void> accept_loop() {
    for (;;) {
      auto& ctx = *contexts[next_context++ % contexts.size()];
      auto [ec, socket] = co_await acceptor->async_accept(ctx, kNoThrow);
      if (ec) {
        if (ec == net::error::operation_aborted || !acceptor->is_open()) co_return;
        spdlog::warn("accept failed: {}", ec.message());
        continue;
      }
      if (metrics.open_connections() >= config.max_connections) {
        beast::error_code ignored;
        socket.close(ignored);
        continue;
      }
      // Counted here rather than when the session starts on its own context, so that a burst of
      // connections cannot all pass the check above before any session has run.
      metrics.connection_opened();
      beast::error_code pec;
      auto ep = socket.remote_endpoint(pec);
      std::string client = pec ? "unknown" : ep.address().to_string();
      socket.set_option(tcp::no_delay(true), pec);
      if (tls) {
        beast::ssl_stream<beast::tcp_stream> s(beast::tcp_stream(std::move(socket)), *tls);
        net::co_spawn(ctx, session(std::move(s), ctx, std::move(client)), net::detached);
      } else {
        net::co_spawn(ctx, session(beast::tcp_stream(std::move(socket)), ctx, std::move(client)), net::detached);
      }
    }
  }

  std::uint16_t start() {
    int n = config.threads > 0 ? config.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    for (int i = 0; i < n; ++i) {
      contexts.push_back(std::make_unique<net::io_context>(1));
      guards.push_back(net::make_work_guard(*contexts.back()));
    }
    workers = std::make_unique<net::thread_pool>(std::max(1, config.worker_threads));
    if (!config.tls_cert.empty() && !config.tls_key.empty()) {
      tls.emplace(net::ssl::context::tls_server);
      tls->set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                       net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1);
      tls->use_certificate_chain_file(config.tls_cert);
      tls->use_private_key_file(config.tls_key, net::ssl::context::pem);
    }
    auto& ctx0 = *contexts.front();
    tcp::endpoint ep(net::ip::make_address(config.bind), config.port);
    acceptor.emplace(ctx0);
    acceptor->open(ep.protocol());
    acceptor->set_option(net::socket_base::reuse_address(true));
    acceptor->bind(ep);
    acceptor->listen(net::socket_base::max_listen_connections);
    bound_port = acceptor->local_endpoint().port();
    net::co_spawn(ctx0, accept_loop(), net::detached);
    for (auto& c : contexts) threads.emplace_back([ctx = c.get()] { ctx->run(); });
    return bound_port;
  }

  void begin_stop() {
    std::call_once(stop_once, [this] {
      stopping = true;
      // Close the acceptor on its own thread, then close idle connections; busy ones finish
      // their request (they see `stopping` and close afterwards).
      net::post(*contexts.front(), [this] {
        beast::error_code ec;
        acceptor->close(ec);
      });
      close_connections(/*idle_only=*/true);
      std::thread([this] {
        auto deadline = std::chrono::steady_clock::now() + config.shutdown_grace;
        while (std::chrono::steady_clock::now() < deadline) {
          {
            std::lock_guard lock(live_mu);
            if (live.empty()) break;
          }
          close_connections(true);
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        close_connections(false);
        for (auto& g : guards) g.reset();
        // Let the closes run (the io threads are free: handlers run on the worker pool) so every
        // client sees its connection closed, then stop whatever still holds a context (a session
        // whose handler is still running on a worker).
        auto closed_by = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
        while (std::chrono::steady_clock::now() < closed_by) {
          {
            std::lock_guard lock(live_mu);
            if (live.empty()) break;
          }
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        for (auto& c : contexts) c->stop();
        {
          std::lock_guard lock(done_mu);
          done = true;
        }
        done_cv.notify_all();
      }).detach();
    });
  }

  void close_connections(bool idle_only) {
    std::lock_guard lock(live_mu);
    for (auto& [id, l] : live) {
      if (idle_only && l.busy) continue;
      // The closer touches the session's stream, so it runs on the session's own thread and only
      // if the session still exists when it gets there.
      net::post(*l.ctx, [this, id = id] {
        std::function<void()> close;
        {
          std::lock_guard inner(live_mu);
          auto it = live.find(id);
          if (it == live.end()) return;
          close = it->second.close;
        }
        close();
      });
    }
  }

  void wait(bool handle_signals) {
    std::optional<net::signal_set> signals;
    if (handle_signals) {
      signals.emplace(*contexts.front(), SIGINT, SIGTERM);
      signals->async_wait([this](beast::error_code ec, int sig) {
        if (ec) return;
        spdlog::info("signal {} received: shutting down", sig);
        begin_stop();
      });
    }
    {
      std::unique_lock lock(done_mu);
      done_cv.wait(lock, [this] { return done; });
    }
    for (auto& t : threads)
      if (t.joinable()) t.join();
    threads.clear();
    workers->join();
  }
};

Server::Server(ServerConfig config, Router const& router, Gate gate)
    : impl_(std::make_unique<Impl>(std::move(config), router, std::move(gate))) {}

Server::~Server() {
  if (!impl_->threads.empty()) {
    impl_->begin_stop();
    impl_->wait(false);
  }
}

std::uint16_t Server::start() { return impl_->start(); }
void Server::wait(bool handle_signals) { impl_->wait(handle_signals); }
void Server::stop() { impl_->begin_stop(); }
std::uint16_t Server::port() const { return impl_->bound_port; }
Metrics& Server::metrics() { return impl_->metrics; }
ServerConfig const& Server::config() const { return impl_->config; }

}  // namespace zhiku::http
