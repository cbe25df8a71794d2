// The Beast/Asio transport: accept, read with deadlines, refuse ambiguous framing, run the
// middleware chain and the handler, write, repeat; graceful shutdown.
//
// A session is a loop of steps, each a function below: await_next_request (idle deadline) →
// read_head (header deadline and limit, framing, target, route, 413) → read_body (body deadline
// and limit) → dispatch (gate, policy, CSRF, handler inline or on a worker) → write_reply (the
// body or a file with Range). A streaming upload route replaces read_body + dispatch with
// receive_upload (policy first, then the body in pieces into the route's sink).
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

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/crypto.hpp"
#include "http/byte_range.hpp"
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

template <class Stream>
constexpr bool kIsTls = !std::is_same_v<Stream, beast::tcp_stream>;

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
// The decoded target must be UTF-8 text; a refusal names the query parameter whose value is not
// (a client fixes that field), or says that the path or a parameter's name is not.
std::string utf8_problem(Request const& req) {
  if (!is_valid_utf8(req.path)) return "请求路径解码后不是有效的 UTF-8 文本";
  for (auto const& [k, v] : req.query) {
    if (!is_valid_utf8(k)) return "查询参数名解码后不是有效的 UTF-8 文本";
    if (!is_valid_utf8(v)) return "查询参数 " + k + " 的值解码后不是有效的 UTF-8 文本";
  }
  return {};
}

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

  // fn() with an Error turned into its problem document and anything else into a plain 500
  // that leaks nothing (logged with the request id).
  template <class F>
  static Response guarded(Request const& req, F&& fn) {
    try {
      return fn();
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
    about.is_tls = kIsTls<Stream>;
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

  // One request and its answer, as the steps of a session pass it on.
  struct Exchange {
    Request req;
    Match match;
    bool api = false;
    unsigned version = 11;
    bool keep_alive = false;
    bool is_head = false;
    std::size_t body_limit = 0;
    bool expects_continue = false;
    std::chrono::steady_clock::time_point started;
  };

  // What a step tells the session: go on with the next step, or close the connection (the step
  // has answered what could be answered).
  enum class Next { go_on, close };

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

    if constexpr (kIsTls<Stream>) {
      beast::get_lowest_layer(stream).expires_after(config.header_timeout);
      auto [ec] = co_await stream.async_handshake(net::ssl::stream_base::server, kNoThrow);
      if (ec) co_return;
    }

    beast::flat_buffer buffer;
    for (;;) {
      if (stopping) co_return;
      if (!co_await await_next_request(stream, buffer)) co_return;
      set_busy(live_id, true);
      Exchange x;
      x.started = std::chrono::steady_clock::now();
      x.req.client_address = client;
      bhttp::request_parser<bhttp::empty_body> head_parser;  // parsers are single-use: one per request
      if (co_await read_head(stream, buffer, head_parser, x) == Next::close) co_return;
      Response res;
      bool body_unread = false;  // answered before the body was read: the connection cannot be reused
      if (x.match.route && x.match.route->is_stream()) {
        if (co_await receive_upload(stream, buffer, head_parser, x, res, body_unread) == Next::close) co_return;
      } else {
        if (co_await read_body(stream, buffer, head_parser, x) == Next::close) co_return;
        res = co_await dispatch(x);
      }
      bool close_after = !x.keep_alive || body_unread || stopping;
      co_await write_reply(stream, x, std::move(res), close_after);
      set_busy(live_id, false);
      if (close_after) {
        if (body_unread) co_await linger(stream);
        beast::error_code ec;
        beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_send, ec);
        co_return;
      }
    }
  }

  // After answering a request whose body was not read (a refused upload): end our side, then
  // read and drop what the client still sends for a moment, so that closing with unread bytes
  // does not reset the connection before the client has read the answer (lingering close).
  template <class Stream>
  awaitable<void> linger(Stream& stream) {
    auto& socket = beast::get_lowest_layer(stream);
    beast::error_code ignored;
    socket.socket().shutdown(tcp::socket::shutdown_send, ignored);
    socket.expires_after(std::chrono::milliseconds(500));
    std::vector<char> drop(16 * 1024);
    for (std::size_t dropped = 0; dropped < (4u << 20);) {
      auto [ec, n] = co_await socket.async_read_some(net::buffer(drop), kNoThrow);
      if (ec) break;
      dropped += n;
    }
  }

  // Step 0: the idle keep-alive wait for the first byte of the next request (a separate deadline
  // for the whole header follows, so a client trickling bytes cannot hold the connection).
  template <class Stream>
  awaitable<bool> await_next_request(Stream& stream, beast::flat_buffer& buffer) {
    if (buffer.size() > 0) co_return true;
    beast::get_lowest_layer(stream).expires_after(config.idle_timeout);
    auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), kNoThrow);
    if (ec) co_return false;
    buffer.commit(n);
    co_return true;
  }

  // Step 1: the header under its deadline and size limit; framing that a proxy could read
  // differently is refused; the target decoded; the route matched; a declared body over the
  // route's limit refused before it is sent.
  template <class Stream>
  awaitable<Next> read_head(Stream& stream, beast::flat_buffer& buffer, bhttp::request_parser<bhttp::empty_body>& hp,
                            Exchange& x) {
    hp.header_limit(static_cast<std::uint32_t>(config.header_limit_bytes));
    // Beast's default body limit (1 MiB) would make the header read itself fail on a larger
    // Content-Length, before we know the route's limit: we check it below, and answer 413.
    hp.body_limit(boost::none);
    beast::get_lowest_layer(stream).expires_after(config.header_timeout);
    auto [ec, n] = co_await bhttp::async_read_header(stream, buffer, hp, kNoThrow);
    if (ec == bhttp::error::header_limit) {
      co_await refuse(stream, 11, 431, "请求头超过 " + std::to_string(config.header_limit_bytes) + " 字节的上限",
                      new_request_id());
      co_return Next::close;
    }
    if (ec == beast::error::timeout || ec == net::error::eof || ec == net::error::connection_reset) co_return Next::close;
    if (ec) {
      co_await refuse(stream, 11, 400, "请求格式不正确", new_request_id());
      co_return Next::close;
    }
    auto const& head = hp.get();
    Request& req = x.req;
    req.request_id = std::string(head["x-request-id"]);
    if (!is_sane_request_id(req.request_id)) req.request_id = new_request_id();
    if (auto problem = framing_problem(hp); !problem.empty()) {
      co_await refuse(stream, head.version(), 400, problem, req.request_id);
      co_return Next::close;
    }
    req.method = std::string(head.method_string());
    req.target = std::string(head.target());
    req.is_tls = kIsTls<Stream>;
    auto url = boost::urls::parse_origin_form(req.target);
    if (!url) {
      co_await refuse(stream, head.version(), 400,
                      "请求目标无效：须为路径，非 ASCII 字符须经百分号编码（percent-encoding）", req.request_id);
      co_return Next::close;
    }
    req.path = url->path();
    for (auto const& p : url->params()) req.query.emplace_back(p.key, p.value);
    if (auto problem = utf8_problem(req); !problem.empty()) {
      co_await refuse(stream, head.version(), 400, problem, req.request_id);
      co_return Next::close;
    }
    for (auto const& f : head) {
      std::string name(f.name_string());
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      req.headers.emplace_back(std::move(name), std::string(f.value()));
    }

    x.api = req.path == "/api" || req.path.rfind("/api/", 0) == 0;
    if (x.api) x.match = router.match(req.method, req.path);
    Route const* route = x.match.route;
    x.body_limit = !route                 ? config.body_limit_bytes
                   : route->is_stream()   ? (route->max_body_bytes ? route->max_body_bytes : config.upload_limit_bytes)
                   : route->accepts_upload ? config.upload_limit_bytes
                                          : config.body_limit_bytes;
    if (auto cl = hp.content_length(); cl && *cl > x.body_limit) {
      co_await refuse(stream, head.version(), 413, "请求体超过 " + std::to_string(x.body_limit) + " 字节的上限",
                      req.request_id);
      co_return Next::close;
    }
    x.keep_alive = head.keep_alive();
    x.version = head.version();
    x.is_head = head.method() == bhttp::verb::head;
    // RFC 9110 10.1.1: a client that sent "Expect: 100-continue" waits for our go-ahead (curl
    // waits a second for bodies over 1 kB); given once the request may send its body.
    x.expects_continue = x.version == 11 && hp.content_length().value_or(0) > 0 &&
                         beast::iequals(head[bhttp::field::expect], "100-continue");
    co_return Next::go_on;
  }

  template <class Stream>
  awaitable<Next> send_continue(Stream& stream, Exchange const& x) {
    if (!x.expects_continue) co_return Next::go_on;
    bhttp::response<bhttp::empty_body> go_ahead{bhttp::status::continue_, 11};
    beast::get_lowest_layer(stream).expires_after(config.write_timeout);
    auto [ec, n] = co_await bhttp::async_write(stream, go_ahead, kNoThrow);
    co_return ec ? Next::close : Next::go_on;
  }

  // Step 2: the whole body into memory, under its own deadline and the limit.
  template <class Stream>
  awaitable<Next> read_body(Stream& stream, beast::flat_buffer& buffer, bhttp::request_parser<bhttp::empty_body>& hp,
                            Exchange& x) {
    if (co_await send_continue(stream, x) == Next::close) co_return Next::close;
    bhttp::request_parser<bhttp::string_body> parser(std::move(hp));
    parser.body_limit(x.body_limit);
    beast::get_lowest_layer(stream).expires_after(config.body_timeout);
    auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, kNoThrow);
    if (ec == bhttp::error::body_limit) {
      co_await refuse(stream, x.version, 413, "请求体超过 " + std::to_string(x.body_limit) + " 字节的上限",
                      x.req.request_id);
      co_return Next::close;
    }
    if (ec) co_return Next::close;  // timeout or a broken connection mid-body: nothing to answer
    x.req.body = std::move(parser.get().body());
    co_return Next::go_on;
  }

  // Step 3: the middleware chain and the handler (inline for reads, on the worker pool for
  // anything else), or a static file.
  awaitable<Response> dispatch(Exchange& x) {
    Request& req = x.req;
    if (!x.api) {
      if (static_files && (req.method == "GET" || req.method == "HEAD")) co_return static_files->serve(req);
      co_return Response::problem(404, "Not Found", "请求的资源不存在");
    }
    if (auto early = prepare(req, x.match)) co_return std::move(*early);
    Route const& route = *x.match.route;
    if (route.exec == Exec::inline_read) co_return guarded(req, [&] { return route.handler(req); });
    co_return co_await on_worker(req, [&] { return route.handler(req); });
  }

  // Runs `fn` on the worker pool; the session resumes on its own context when it is done.
  // (`co_await post(pool, use_awaitable)` would not do: its completion is dispatched to this
  // coroutine's executor, so the handler would still block the io thread.)
  template <class F>
  awaitable<Response> on_worker(Request& req, F fn) {
    co_return co_await net::co_spawn(
        workers->get_executor(), [&]() -> awaitable<Response> { co_return guarded(req, fn); }, use_awaitable);
  }

  // Step 2+3 of a streaming upload: the policy before any body byte, then the body piece by
  // piece into the route's sink, then its finish on the worker pool.
  template <class Stream>
  awaitable<Next> receive_upload(Stream& stream, beast::flat_buffer& buffer,
                                 bhttp::request_parser<bhttp::empty_body>& hp, Exchange& x, Response& res,
                                 bool& body_unread) {
    Request& req = x.req;
    Route const& route = *x.match.route;
    body_unread = true;
    if (auto early = prepare(req, x.match)) {
      res = std::move(*early);
      co_return Next::go_on;
    }
    std::unique_ptr<BodySink> sink;
    res = guarded(req, [&] {
      sink = route.open_sink(req);
      if (!sink) throw std::logic_error("open_sink returned no sink for " + route.pattern);
      return Response{};
    });
    if (!sink) co_return Next::go_on;  // refused: res holds the answer
    struct AbortUnlessDone {
      BodySink* sink;
      bool done = false;
      ~AbortUnlessDone() {
        if (!done) sink->abort();
      }
    } abort_guard{sink.get()};

    if (co_await send_continue(stream, x) == Next::close) co_return Next::close;
    bhttp::request_parser<bhttp::buffer_body> parser(std::move(hp));
    parser.body_limit(x.body_limit);
    std::vector<char> chunk(64 * 1024);
    while (!parser.is_done()) {
      parser.get().body().data = chunk.data();
      parser.get().body().size = chunk.size();
      // A deadline per piece: a large upload over a slow link may take minutes, a stalled one not.
      beast::get_lowest_layer(stream).expires_after(config.body_timeout);
      auto [ec, n] = co_await bhttp::async_read(stream, buffer, parser, kNoThrow);
      if (ec == bhttp::error::need_buffer) ec = {};
      if (ec == bhttp::error::body_limit) {
        co_await refuse(stream, x.version, 413, "请求体超过 " + std::to_string(x.body_limit) + " 字节的上限",
                        req.request_id);
        co_return Next::close;
      }
      if (ec) co_return Next::close;  // cut off: the guard aborts the sink, nobody to answer
      std::size_t got = chunk.size() - parser.get().body().size;
      if (got == 0) continue;
      res = guarded(req, [&] {
        sink->write(std::string_view(chunk.data(), got));
        return Response{};
      });
      if (res.status != 200) co_return Next::go_on;  // the sink refused the body: answered, then closed
    }
    body_unread = false;
    res = co_await on_worker(req, [&] {
      Response r = route.finish(req, *sink);
      abort_guard.done = true;
      return r;
    });
    co_return Next::go_on;
  }

  // Step 4: the common headers, the status line and the body (or the file) under the write
  // deadline; metrics and the access log.
  template <class Stream>
  awaitable<void> write_reply(Stream& stream, Exchange& x, Response res, bool close_after) {
    add_common_headers(x.req, res, x.api);
    std::uint64_t bytes = 0;
    if (!res.file_path.empty()) {
      bytes = co_await write_file(stream, x, res, close_after);
    } else {
      bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), x.version};
      if (!res.content_type.empty()) out.set(bhttp::field::content_type, res.content_type);
      for (auto& [k, v] : res.headers) out.insert(k, v);
      out.keep_alive(!close_after);
      bytes = res.body.size();
      if (res.status == 204 || res.status == 304) {
        out.body().clear();
        out.prepare_payload();
      } else if (x.is_head) {
        out.content_length(bytes);
      } else {
        out.body() = std::move(res.body);
        out.prepare_payload();
      }
      co_await write_response(stream, out);
    }
    auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - x.started).count();
    Request const& req = x.req;
    metrics.observe(req.method, x.api ? (req.route.empty() ? "unmatched" : req.route) : "static", res.status,
                    seconds);
    if (config.access_log)
      spdlog::info("access method={} path={} status={} bytes={} ms={:.3f} rid={} client={}", req.method, req.path,
                   res.status, bytes, seconds * 1000, req.request_id, req.client_address);
  }

  // A Response::file: 200 with the whole file, 206 with the one range asked for, or 416; sent
  // in pieces read from disk. Returns the body bytes sent. A file that vanished answers 404.
  template <class Stream>
  awaitable<std::uint64_t> write_file(Stream& stream, Exchange& x, Response& res, bool close_after) {
    int fd = ::open(res.file_path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
      if (fd >= 0) ::close(fd);
      Response gone = Response::problem(404, "Not Found", "文件不存在或已被删除");
      add_common_headers(x.req, gone, x.api);
      res = std::move(gone);  // reported as 404 in the access log and metrics
      bhttp::response<bhttp::string_body> out{bhttp::status::not_found, x.version};
      out.set(bhttp::field::content_type, res.content_type);
      for (auto& [k, v] : res.headers) out.insert(k, v);
      out.keep_alive(!close_after);
      out.body() = res.body;
      out.prepare_payload();
      co_await write_response(stream, out);
      co_return res.body.size();
    }
    struct Closer {
      int fd;
      ~Closer() { ::close(fd); }
    } closer{fd};
    auto size = static_cast<std::uint64_t>(st.st_size);
    RangeAnswer range;
    if (res.status == 200 && !x.req.header("if-range")) range = answer_range(x.req.header("range").value_or(""), size);
    std::uint64_t first = 0, length = size;
    bhttp::response<bhttp::buffer_body> out{static_cast<bhttp::status>(res.status), x.version};
    out.set(bhttp::field::accept_ranges, "bytes");
    if (range.kind == RangeAnswer::Kind::partial) {
      out.result(bhttp::status::partial_content);
      res.status = 206;
      first = range.first;
      length = range.last - range.first + 1;
      out.set(bhttp::field::content_range,
              "bytes " + std::to_string(range.first) + "-" + std::to_string(range.last) + "/" + std::to_string(size));
    } else if (range.kind == RangeAnswer::Kind::unsatisfiable) {
      out.result(bhttp::status::range_not_satisfiable);
      res.status = 416;
      length = 0;
      out.set(bhttp::field::content_range, "bytes */" + std::to_string(size));
    }
    if (!res.content_type.empty()) out.set(bhttp::field::content_type, res.content_type);
    for (auto& [k, v] : res.headers) out.insert(k, v);
    out.keep_alive(!close_after);
    out.content_length(length);
    out.body().data = nullptr;
    out.body().more = !x.is_head && length > 0;
    bhttp::response_serializer<bhttp::buffer_body> sr{out};
    auto& socket = beast::get_lowest_layer(stream);
    socket.expires_after(config.write_timeout);
    if (auto [ec, n] = co_await bhttp::async_write_header(stream, sr, kNoThrow); ec) co_return 0;
    if (x.is_head || length == 0) co_return 0;
    std::vector<char> chunk(64 * 1024);
    std::uint64_t sent = 0;
    while (sent < length) {
      auto want = static_cast<std::size_t>(std::min<std::uint64_t>(chunk.size(), length - sent));
      ssize_t got = ::pread(fd, chunk.data(), want, static_cast<off_t>(first + sent));
      if (got <= 0) {
        if (got < 0 && errno == EINTR) continue;
        // The file shrank or cannot be read: the promised length cannot be kept, so the
        // connection is cut (the client sees a short body, not a wrong one).
        spdlog::error("request {}: reading {} failed after {} bytes", x.req.request_id, res.file_path, sent);
        beast::error_code ignored;
        socket.socket().shutdown(tcp::socket::shutdown_both, ignored);
        co_return sent;
      }
      out.body().data = chunk.data();
      out.body().size = static_cast<std::size_t>(got);
      out.body().more = sent + static_cast<std::uint64_t>(got) < length;
      socket.expires_after(config.write_timeout);
      auto [ec, n] = co_await bhttp::async_write(stream, sr, kNoThrow);
      if (ec == bhttp::error::need_buffer) ec = {};
      if (ec) co_return sent;
      sent += static_cast<std::uint64_t>(got);
    }
    co_return sent;
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
