// The built web UI over HTTP: MIME types, ETag/304, immutable hashed assets, the SPA fallback,
// and traversal attempts that never reach a file outside the directory.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/http_client.hpp"
#include "support/raw_http.hpp"
#include "support/test_server.hpp"

using namespace std::chrono_literals;
using namespace zhiku::test;

namespace {

void write_file(std::filesystem::path const& p, std::string const& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

constexpr char kSecret[] = "SECRET-OUTSIDE-THE-WEB-ROOT";

// A temporary tree: www/ is the web root; secret.txt sits beside it, where traversal would lead.
struct WebUi {
  TempDir dir;
  std::filesystem::path root = dir.path() / "www";
  WebUi() {
    write_file(root / "index.html", "<!doctype html><html><body>智库 UI</body></html>");
    write_file(root / "assets" / "app-abc123.js", "export const zhiku = 1;");
    write_file(root / "assets" / "app-abc123.css", "body { margin: 0 }");
    write_file(root / "logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    write_file(dir.path() / "secret.txt", kSecret);
  }
};

}  // namespace

TEST_CASE("static files are served with their MIME type, ETag and cache lifetime", "[integration][static]") {
  WebUi ui;
  TestServer server([&](zhiku::AppConfig& c) { c.http.static_dir = ui.root.string(); });
  HttpClient client(server.port());

  auto index = client.get("/");
  REQUIRE(index.status == 200);
  CHECK(index.header("content-type") == "text/html; charset=utf-8");
  CHECK_THAT(index.body, Catch::Contains("智库 UI"));
  CHECK(index.header("cache-control") == "no-cache");
  CHECK_THAT(index.header("content-security-policy"), Catch::Contains("default-src 'self'"));
  CHECK(index.header("x-content-type-options") == "nosniff");

  auto js = client.get("/assets/app-abc123.js");
  REQUIRE(js.status == 200);
  CHECK(js.header("content-type") == "text/javascript; charset=utf-8");
  CHECK(js.header("cache-control") == "public, max-age=31536000, immutable");
  CHECK(js.body == "export const zhiku = 1;");
  CHECK(client.get("/assets/app-abc123.css").header("content-type") == "text/css; charset=utf-8");
  CHECK(client.get("/logo.svg").header("content-type") == "image/svg+xml");

  std::string etag = js.header("etag");
  REQUIRE_FALSE(etag.empty());
  auto cached = client.request("GET", "/assets/app-abc123.js", "", "", {{"If-None-Match", etag}});
  CHECK(cached.status == 304);
  CHECK(cached.body.empty());
  CHECK(cached.header("etag") == etag);

  auto head = client.request("HEAD", "/assets/app-abc123.js");
  CHECK(head.status == 200);
  CHECK(head.header("content-length") == std::to_string(js.body.size()));
  CHECK(head.body.empty());
}

TEST_CASE("client-side routes fall back to index.html while missing assets are 404", "[integration][static]") {
  WebUi ui;
  TestServer server([&](zhiku::AppConfig& c) { c.http.static_dir = ui.root.string(); });
  HttpClient client(server.port());
  for (char const* route : {"/experts/42", "/proposals/7/reviews", "/login?next=%2Fexperts%2F42"}) {
    CAPTURE(route);
    auto r = client.get(route);
    CHECK(r.status == 200);
    CHECK(r.header("content-type") == "text/html; charset=utf-8");
    CHECK_THAT(r.body, Catch::Contains("智库 UI"));
  }
  auto missing = client.get("/assets/x.js");
  CHECK(missing.status == 404);
  CHECK(missing.is_problem());
  // API paths never fall back to the UI.
  auto api = client.get("/api/v1/experts-unknown");
  CHECK(api.status == 404);
  CHECK(api.is_problem());
  // Unsafe methods on UI paths are not served.
  CHECK(client.request("POST", "/experts/42", "{}", "application/json").status == 404);
}

TEST_CASE("traversal attempts are refused and never return a file outside the web root", "[integration][static]") {
  WebUi ui;
  TestServer server([&](zhiku::AppConfig& c) { c.http.static_dir = ui.root.string(); });
  std::vector<std::string> const attempts = {
      "/../secret.txt",
      "/../../../../etc/passwd",
      "/assets/../../secret.txt",
      "/%2e%2e/secret.txt",
      "/%2E%2E/%2e%2e/etc/passwd",
      "/.%2e/secret.txt",
      "/assets%2f..%2f..%2fsecret.txt",
      "/assets%2F..%2F..%2Fsecret.txt",
      "/a%00b",
      "/index.html%00.js",
      "/..%5csecret.txt",
      "/..\\secret.txt",
      "/assets/..hidden/../../secret.txt",
      "//../secret.txt",
  };
  for (auto const& target : attempts) {
    CAPTURE(target);
    std::string bytes =
        raw_exchange(server.port(), "GET " + target + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
    int status = raw_status(bytes);
    CHECK((status == 400 || status == 404));
    CHECK(bytes.find(kSecret) == std::string::npos);
    CHECK(bytes.find("root:") == std::string::npos);
  }
}
