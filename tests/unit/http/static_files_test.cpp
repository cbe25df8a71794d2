// Static files: MIME types, the traversal guard, ETag/304, cache lifetimes and the SPA fallback.
#include "http/static_files.hpp"

#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/test_server.hpp"

using zhiku::http::Request;
using zhiku::http::Response;
using zhiku::http::StaticFiles;
using zhiku::test::TempDir;

namespace {

void write_file(std::filesystem::path const& p, std::string const& text) {
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

std::string header(Response const& r, std::string const& name) {
  for (auto const& [k, v] : r.headers)
    if (k == name) return v;
  return "";
}

Request get(std::string target, std::string decoded_path = "") {
  Request r;
  r.method = "GET";
  r.path = decoded_path.empty() ? target.substr(0, target.find('?')) : decoded_path;
  r.target = std::move(target);
  return r;
}

// A built web UI: index.html at the root and a content-hashed asset.
struct WebRoot {
  TempDir dir;
  WebRoot() {
    write_file(dir.path() / "index.html", "<!doctype html><title>智库</title>");
    write_file(dir.path() / "assets" / "app-abc123.js", "console.log('zhiku')");
    write_file(dir.path() / "assets" / "app-abc123.css", "body{}");
    write_file(dir.path() / "favicon.ico", "ico");
  }
  StaticFiles files() const { return StaticFiles(dir.path().string()); }
};

}  // namespace

TEST_CASE("static files carry the MIME type of their extension", "[http][static]") {
  std::vector<std::pair<std::string, std::string>> const table = {
      {"index.html", "text/html; charset=utf-8"},
      {"a/b/app-abc123.js", "text/javascript; charset=utf-8"},
      {"x.MJS", "text/javascript; charset=utf-8"},
      {"style.css", "text/css; charset=utf-8"},
      {"data.json", "application/json"},
      {"app.js.map", "application/json"},
      {"logo.svg", "image/svg+xml"},
      {"logo.PNG", "image/png"},
      {"photo.jpeg", "image/jpeg"},
      {"favicon.ico", "image/x-icon"},
      {"font.woff2", "font/woff2"},
      {"robots.txt", "text/plain; charset=utf-8"},
      {"module.wasm", "application/wasm"},
      {"archive.tar.gz", "application/octet-stream"},
      {"no-extension", "application/octet-stream"},
  };
  for (auto const& [path, mime] : table) {
    CAPTURE(path);
    CHECK(StaticFiles::mime_type(path) == mime);
  }
}

TEST_CASE("is_safe_target refuses every way out of the directory", "[http][static]") {
  struct Case {
    char const* raw;
    std::string decoded;
    bool safe;
  };
  std::vector<Case> const table = {
      {"/", "/", true},
      {"/index.html", "/index.html", true},
      {"/assets/app-abc123.js?v=1", "/assets/app-abc123.js", true},
      {"/experts/42", "/experts/42", true},
      {"/file..name.js", "/file..name.js", true},
      {"/...", "/...", true},
      {"/a?next=/../x", "/a", true},  // the query is not part of the path
      {"/../etc/passwd", "/../etc/passwd", false},
      {"/assets/../../etc/passwd", "/assets/../../etc/passwd", false},
      {"/..", "/..", false},
      {"/%2e%2e/etc/passwd", "/../etc/passwd", false},
      {"/%2E%2E/etc/passwd", "/../etc/passwd", false},
      {"/.%2e/x", "/../x", false},
      {"/assets%2f..%2fsecret", "/assets/../secret", false},
      {"/assets%2Fapp.js", "/assets/app.js", false},
      {"/..%5cwindows", "/..\\windows", false},
      {"/a\\b", "/a\\b", false},
      {"/a%00b", std::string("/a\0b", 4), false},
  };
  for (auto const& c : table) {
    CAPTURE(c.raw);
    CHECK(StaticFiles::is_safe_target(c.raw, c.decoded) == c.safe);
  }
}

TEST_CASE("serve answers a file with its ETag and 304 when If-None-Match matches", "[http][static]") {
  WebRoot root;
  auto files = root.files();
  Response first = files.serve(get("/index.html"));
  REQUIRE(first.status == 200);
  CHECK(first.body == "<!doctype html><title>智库</title>");
  CHECK(first.content_type == "text/html; charset=utf-8");
  CHECK(header(first, "Cache-Control") == "no-cache");
  std::string etag = header(first, "ETag");
  REQUIRE(etag.size() > 2);
  CHECK(etag.front() == '"');

  Request again = get("/index.html");
  again.headers.emplace_back("if-none-match", etag);
  Response second = files.serve(again);
  CHECK(second.status == 304);
  CHECK(second.body.empty());
  CHECK(header(second, "ETag") == etag);

  SECTION("a list of ETags or a weak one also matches") {
    Request listed = get("/index.html");
    listed.headers.emplace_back("if-none-match", "\"other\", " + etag);
    CHECK(files.serve(listed).status == 304);
    Request weak = get("/index.html");
    weak.headers.emplace_back("if-none-match", "W/" + etag);
    CHECK(files.serve(weak).status == 304);
  }
  SECTION("a different ETag gets the file") {
    Request stale = get("/index.html");
    stale.headers.emplace_back("if-none-match", "\"stale\"");
    CHECK(files.serve(stale).status == 200);
  }
}

TEST_CASE("serve lets clients keep hashed assets forever and revalidate the rest", "[http][static]") {
  WebRoot root;
  auto files = root.files();
  Response js = files.serve(get("/assets/app-abc123.js"));
  REQUIRE(js.status == 200);
  CHECK(js.content_type == "text/javascript; charset=utf-8");
  CHECK(header(js, "Cache-Control") == "public, max-age=31536000, immutable");
  CHECK(files.serve(get("/assets/app-abc123.css")).content_type == "text/css; charset=utf-8");
  CHECK(header(files.serve(get("/favicon.ico")), "Cache-Control") == "no-cache");
  CHECK(header(files.serve(get("/")), "Cache-Control") == "no-cache");
}

TEST_CASE("serve falls back to index.html for client-side routes but not for missing files", "[http][static]") {
  WebRoot root;
  auto files = root.files();
  for (char const* route : {"/", "/experts/42", "/experts/42/edit", "/login?next=%2Fexperts", "/assets"}) {
    CAPTURE(route);
    Response r = files.serve(get(route));
    CHECK(r.status == 200);
    CHECK(r.content_type == "text/html; charset=utf-8");
    CHECK_THAT(r.body, Catch::Contains("智库"));
  }
  for (char const* missing : {"/assets/x.js", "/missing.png", "/experts/photo.jpg"}) {
    CAPTURE(missing);
    Response r = files.serve(get(missing));
    CHECK(r.status == 404);
    CHECK(r.content_type == "application/problem+json");
  }
}

TEST_CASE("serve refuses traversal with 400 and never reads outside the root", "[http][static]") {
  TempDir outer;
  write_file(outer.path() / "secret.txt", "TOP SECRET");
  write_file(outer.path() / "www" / "index.html", "<html>ok</html>");
  StaticFiles files((outer.path() / "www").string());
  std::vector<std::pair<std::string, std::string>> const attempts = {
      {"/../secret.txt", "/../secret.txt"},
      {"/%2e%2e/secret.txt", "/../secret.txt"},
      {"/assets%2f..%2f..%2fsecret.txt", "/assets/../../secret.txt"},
      {"/..%5csecret.txt", "/..\\secret.txt"},
      {"/a%00b", std::string("/a\0b", 4)},
  };
  for (auto const& [raw, decoded] : attempts) {
    CAPTURE(raw);
    Response r = files.serve(get(raw, decoded));
    CHECK(r.status == 400);
    CHECK(r.body.find("TOP SECRET") == std::string::npos);
  }
}
