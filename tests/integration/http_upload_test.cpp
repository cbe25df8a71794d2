// Streaming uploads and file downloads over raw sockets: the body reaches the sink in pieces and
// never whole, a cut-off or over-limit upload leaves nothing behind, the policy runs before any
// body byte is read, and downloads answer Range requests.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "core/crypto.hpp"
#include "http/upload.hpp"
#include "support/bare_server.hpp"
#include "support/chinese_text.hpp"
#include "support/http_client.hpp"
#include "support/raw_http.hpp"
#include "support/test_server.hpp"

using namespace std::chrono_literals;
using namespace zhiku::test;
using zhiku::Error;
using zhiku::Json;
using zhiku::http::BodySink;
using zhiku::http::FileSink;
using zhiku::http::Policy;
using zhiku::http::Request;
using zhiku::http::Response;
using zhiku::http::Router;
using zhiku::http::ServerConfig;
namespace fs = std::filesystem;

namespace {

// What the sinks saw, shared with the test.
struct Seen {
  std::mutex mu;
  std::vector<std::size_t> pieces;
  int opened = 0;
  int aborted = 0;
  int finished = 0;
  std::string committed_sha256;
};

// Records piece sizes and passes the bytes on to a FileSink.
class RecordingSink : public BodySink {
 public:
  RecordingSink(Seen& seen, fs::path const& dir) : seen_(seen), file_(dir) {}
  void write(std::string_view piece) override {
    {
      std::lock_guard lock(seen_.mu);
      seen_.pieces.push_back(piece.size());
    }
    // A type told by its first bytes, as an attachment check does with magic numbers.
    if (file_.size() == 0 && piece.starts_with("EVIL")) throw Error::unsupported_media_type("不接受此类文件");
    file_.write(piece);
  }
  void abort() noexcept override {
    {
      std::lock_guard lock(seen_.mu);
      ++seen_.aborted;
    }
    file_.abort();
  }
  FileSink& file() { return file_; }

 private:
  Seen& seen_;
  FileSink file_;
};

std::size_t files_in(fs::path const& dir) {
  std::size_t n = 0;
  if (fs::exists(dir))
    for ([[maybe_unused]] auto const& e : fs::directory_iterator(dir)) ++n;
  return n;
}

struct UploadServer {
  TempDir tmp;
  fs::path incoming = tmp.path() / "incoming";
  fs::path stored = tmp.path() / "stored";
  Seen seen;
  BareServer server;

  UploadServer()
      : server(
            [this](Router& r) {
              // A BareServer's gate admits everyone anonymously: this route's policy refuses them all.
              r.post_stream(
                  "/api/v1/private/{name}", Policy::signed_in(),
                  [this](Request&) -> std::unique_ptr<BodySink> { return std::make_unique<RecordingSink>(seen, incoming); },
                  [](Request&, BodySink&) { return Response::no_content(); });
              r.post_stream(
                  "/api/v1/files/{name}", Policy::anyone(),
                  [this](Request& req) -> std::unique_ptr<BodySink> {
                    if (req.param("name") == "forbidden") throw Error::forbidden("不能上传到这里");
                    std::lock_guard lock(seen.mu);
                    ++seen.opened;
                    return std::make_unique<RecordingSink>(seen, incoming);
                  },
                  [this](Request& req, BodySink& sink) {
                    auto& file = static_cast<RecordingSink&>(sink).file();
                    fs::create_directories(stored);
                    std::string sha = file.sha256_hex();
                    std::uint64_t size = file.size();
                    file.commit(stored / std::string(req.param("name")));
                    std::lock_guard lock(seen.mu);
                    ++seen.finished;
                    seen.committed_sha256 = sha;
                    return Response::created(Json{{"bytes", size}, {"sha256", sha}}, "/api/v1/files/x");
                  },
                  {.max_bytes = 4 << 20, .summary = "upload a file"});
              r.get("/api/v1/downloads/{name}", Policy::anyone(), [this](Request& req) {
                return Response::file((stored / std::string(req.param("name"))).string(), "application/pdf",
                                      "申报书 final.pdf");
              });
            },
            [](ServerConfig& c) { c.body_timeout = 500ms; }) {}
};

int connect_to(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  return fd;
}

void send_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    REQUIRE(n > 0);
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

template <class Pred>
bool eventually(Pred pred, std::chrono::milliseconds within = 3000ms) {
  auto until = std::chrono::steady_clock::now() + within;
  while (std::chrono::steady_clock::now() < until) {
    if (pred()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return pred();
}

std::string upload_head(std::string const& name, std::size_t length) {
  return "POST /api/v1/files/" + name + " HTTP/1.1\r\nHost: t\r\nContent-Type: application/pdf\r\nContent-Length: " +
         std::to_string(length) + "\r\n\r\n";
}

}  // namespace

TEST_CASE("an upload streams into its sink in pieces and is stored whole", "[integration][http][upload]") {
  UploadServer s;
  std::string body;
  for (int i = 0; body.size() < 3'000'000; ++i) body += "第 " + std::to_string(i) + " 行 PDF bytes\n";
  HttpClient client(s.server.port());
  auto r = client.request("POST", "/api/v1/files/a.pdf", body, "application/pdf");
  REQUIRE(r.status == 201);
  CHECK(r.json()["bytes"] == body.size());
  CHECK(r.json()["sha256"] == zhiku::sha256_hex(body));
  std::ifstream in(s.stored / "a.pdf", std::ios::binary);
  std::string stored((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(stored == body);
  std::lock_guard lock(s.seen.mu);
  // Never the whole body at once: pieces of at most 64 KiB.
  CHECK(s.seen.pieces.size() >= body.size() / (64 * 1024));
  for (auto n : s.seen.pieces) CHECK(n <= 64u * 1024u);
  CHECK(s.seen.aborted == 0);
  CHECK(files_in(s.incoming) == 0);  // the temporary file was moved into place
}

TEST_CASE("a cut-off upload aborts its sink and leaves no file", "[integration][http][upload]") {
  UploadServer s;
  int fd = connect_to(s.server.port());
  send_all(fd, upload_head("cut.pdf", 1'000'000));
  send_all(fd, std::string(200'000, 'x'));
  REQUIRE(eventually([&] {
    std::lock_guard lock(s.seen.mu);
    return !s.seen.pieces.empty();
  }));
  ::close(fd);  // the client goes away mid-body
  CHECK(eventually([&] {
    std::lock_guard lock(s.seen.mu);
    return s.seen.aborted == 1;
  }));
  CHECK(s.seen.finished == 0);
  CHECK(files_in(s.incoming) == 0);
  CHECK_FALSE(fs::exists(s.stored / "cut.pdf"));
}

TEST_CASE("a stalled upload is cut by the body deadline and aborted", "[integration][http][upload]") {
  UploadServer s;  // body_timeout 500 ms
  bool closed = false;
  raw_exchange(s.server.port(), upload_head("slow.pdf", 10'000) + std::string(100, 'x'), 2000ms, &closed);
  CHECK(closed);
  CHECK(eventually([&] {
    std::lock_guard lock(s.seen.mu);
    return s.seen.aborted == 1;
  }));
  CHECK(files_in(s.incoming) == 0);
}

TEST_CASE("an upload over the route's limit gets 413 before any byte reaches a sink", "[integration][http][upload]") {
  UploadServer s;  // max_bytes 4 MiB
  bool closed = false;
  auto r = parse_raw_response(raw_exchange(s.server.port(), upload_head("big.pdf", 5 << 20), 2000ms, &closed));
  CHECK(r.status == 413);
  CHECK(closed);
  CHECK_THAT(r.json()["detail"].get<std::string>(), Catch::Contains(std::to_string(4 << 20) + " 字节"));
  CHECK(s.seen.opened == 0);
}

TEST_CASE("the policy and the sink's own refusal answer before the body is read", "[integration][http][upload]") {
  UploadServer s;
  SECTION("the route's policy: 401 with only the header sent") {
    bool closed = false;
    std::string head = "POST /api/v1/private/x HTTP/1.1\r\nHost: t\r\nContent-Length: 1000000\r\n\r\n";
    auto r = parse_raw_response(raw_exchange(s.server.port(), head, 2000ms, &closed));
    CHECK(r.status == 401);
    CHECK(closed);
  }
  SECTION("open_sink's Error: 403 with only the header sent") {
    bool closed = false;
    auto r = parse_raw_response(raw_exchange(s.server.port(), upload_head("forbidden", 1'000'000), 2000ms, &closed));
    CHECK(r.status == 403);
    CHECK(has_cjk(r.json()["detail"].get<std::string>()));
    CHECK(closed);
  }
  SECTION("Expect: 100-continue is not given to a refused upload") {
    std::string head =
        "POST /api/v1/private/x HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 1000000\r\n\r\n";
    std::string reply = raw_exchange(s.server.port(), head, 2000ms);
    CHECK(reply.rfind("HTTP/1.1 401", 0) == 0);
  }
  std::lock_guard lock(s.seen.mu);
  CHECK(s.seen.pieces.empty());
}

TEST_CASE("a sink that refuses a piece answers its Error and keeps nothing", "[integration][http][upload]") {
  UploadServer s;
  std::string body = "EVIL" + std::string(200'000, 'b');
  bool closed = false;
  auto r =
      parse_raw_response(raw_exchange(s.server.port(), upload_head("evil.pdf", body.size()) + body, 2000ms, &closed));
  CHECK(r.status == 415);
  CHECK(closed);
  CHECK(s.seen.aborted == 1);
  CHECK(s.seen.finished == 0);
  CHECK(files_in(s.incoming) == 0);
}

TEST_CASE("a download answers Range requests with 206, 416 or the whole file", "[integration][http][upload]") {
  UploadServer s;
  fs::create_directories(s.stored);
  std::string content;
  for (int i = 0; i < 100'000; ++i) content += static_cast<char>('a' + i % 26);
  std::ofstream(s.stored / "doc.pdf", std::ios::binary) << content;
  auto get = [&](std::string const& extra) {
    return parse_raw_response(raw_exchange(
        s.server.port(), "GET /api/v1/downloads/doc.pdf HTTP/1.1\r\nHost: t\r\nConnection: close\r\n" + extra + "\r\n"));
  };
  auto whole = get("");
  CHECK(whole.status == 200);
  CHECK(whole.body == content);
  CHECK(whole.header("accept-ranges") == "bytes");
  CHECK(whole.header("content-type") == "application/pdf");
  CHECK_THAT(whole.header("content-disposition"),
             Catch::Contains("filename*=UTF-8''%E7%94%B3%E6%8A%A5%E4%B9%A6%20final.pdf"));
  CHECK_THAT(whole.header("content-disposition"), Catch::Contains("filename=\"___ final.pdf\""));

  auto part = get("Range: bytes=1000-1999\r\n");
  CHECK(part.status == 206);
  CHECK(part.header("content-range") == "bytes 1000-1999/100000");
  CHECK(part.body == content.substr(1000, 1000));

  auto tail = get("Range: bytes=-10\r\n");
  CHECK(tail.status == 206);
  CHECK(tail.body == content.substr(content.size() - 10));

  auto past = get("Range: bytes=200000-\r\n");
  CHECK(past.status == 416);
  CHECK(past.header("content-range") == "bytes */100000");

  auto several = get("Range: bytes=0-1,5-6\r\n");
  CHECK(several.status == 200);
  CHECK(several.body.size() == content.size());

  auto head = parse_raw_response(
      raw_exchange(s.server.port(), "HEAD /api/v1/downloads/doc.pdf HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"),
      /*head=*/true);
  CHECK(head.status == 200);
  CHECK(head.header("content-length") == "100000");
  CHECK(head.body.empty());

  auto gone = parse_raw_response(raw_exchange(
      s.server.port(), "GET /api/v1/downloads/nothing.pdf HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"));
  CHECK(gone.status == 404);
  CHECK(gone.header("content-type") == "application/problem+json");
}

TEST_CASE("a keep-alive connection serves a download and then another request", "[integration][http][upload]") {
  UploadServer s;
  fs::create_directories(s.stored);
  std::ofstream(s.stored / "small.pdf", std::ios::binary) << std::string(5000, 'z');
  std::string two =
      "GET /api/v1/downloads/small.pdf HTTP/1.1\r\nHost: t\r\nRange: bytes=0-9\r\n\r\n"
      "GET /api/v1/downloads/small.pdf HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n";
  auto replies = parse_raw_responses(raw_exchange(s.server.port(), two));
  REQUIRE(replies.size() == 2);
  CHECK(replies[0].status == 206);
  CHECK(replies[0].body == std::string(10, 'z'));
  CHECK(replies[1].status == 200);
  CHECK(replies[1].body.size() == 5000);
}
