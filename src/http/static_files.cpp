#include "http/static_files.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace zhiku::http {

namespace fs = std::filesystem;

StaticFiles::StaticFiles(std::string root) : root_(std::move(root)) {}

std::string_view StaticFiles::mime_type(std::string_view path) {
  auto dot = path.rfind('.');
  std::string ext = dot == std::string_view::npos ? "" : std::string(path.substr(dot + 1));
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext == "html" || ext == "htm") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json" || ext == "map") return "application/json";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "gif") return "image/gif";
  if (ext == "webp") return "image/webp";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "woff") return "font/woff";
  if (ext == "ttf") return "font/ttf";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "wasm") return "application/wasm";
  return "application/octet-stream";
}

bool StaticFiles::is_safe_target(std::string_view raw_target, std::string_view decoded_path) {
  std::string_view raw_path = raw_target.substr(0, raw_target.find('?'));
  std::string lower(raw_path);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (char const* bad : {"%2f", "%5c", "%00", "%2e", "\\"})
    if (lower.find(bad) != std::string::npos) return false;
  if (decoded_path.find('\0') != std::string_view::npos || decoded_path.find('\\') != std::string_view::npos)
    return false;
  // Any ".." segment, however it arrived.
  size_t i = 0;
  while (i <= decoded_path.size()) {
    size_t j = decoded_path.find('/', i);
    if (j == std::string_view::npos) j = decoded_path.size();
    if (decoded_path.substr(i, j - i) == "..") return false;
    i = j + 1;
  }
  return true;
}

namespace {
std::string etag_of(fs::path const& p, std::error_code& ec) {
  auto size = fs::file_size(p, ec);
  if (ec) return {};
  auto mtime = fs::last_write_time(p, ec);
  if (ec) return {};
  std::ostringstream o;
  o << "\"" << std::hex << size << "-" << mtime.time_since_epoch().count() << "\"";
  return o.str();
}
// If-None-Match uses the weak comparison (RFC 9110 13.1.2): a list of tags, each possibly "W/",
// or "*".
bool etag_matches(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    size_t comma = header.find(',');
    std::string_view tag = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
  }
  return false;
}
}  // namespace

std::optional<Response> StaticFiles::file_response(std::string const& rel, Request const& req, bool immutable) const {
  fs::path p = fs::path(root_) / rel;
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return std::nullopt;
  std::string etag = etag_of(p, ec);
  if (ec) return std::nullopt;
  Response r;
  r.content_type = std::string(mime_type(rel));
  r.header("ETag", etag);
  r.header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  if (auto inm = req.header("if-none-match"); inm && etag_matches(*inm, etag)) {
    r.status = 304;
    return r;
  }
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buf;
  buf << in.rdbuf();
  r.body = buf.str();
  return r;
}

Response StaticFiles::serve(Request const& req) const {
  if (!is_safe_target(req.target, req.path)) return Response::problem(400, "Bad Request", "不允许访问该路径");
  std::string rel = req.path;
  while (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
  if (rel.empty()) rel = "index.html";
  // Vite puts content-hashed files under assets/: they never change, so clients may keep them.
  bool immutable = rel.rfind("assets/", 0) == 0;
  if (auto r = file_response(rel, req, immutable)) return *r;
  bool has_extension = rel.find('.', rel.rfind('/') == std::string::npos ? 0 : rel.rfind('/')) != std::string::npos;
  if (!has_extension) {
    if (auto r = file_response("index.html", req, false)) return *r;
  }
  return Response::problem(404, "Not Found", "文件不存在");
}

}  // namespace zhiku::http
