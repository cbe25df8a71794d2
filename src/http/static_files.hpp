// Serves the built web UI: MIME types, ETag + 304, long cache for hashed assets, SPA fallback,
// and no way out of the directory.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/request.hpp"
#include "http/response.hpp"

namespace zhiku::http {

class StaticFiles {
 public:
  // `root` is the directory holding index.html. Thread-safe (reads files on each call; the OS
  // page cache keeps them hot).
  explicit StaticFiles(std::string root);

  // Answers a GET/HEAD for a non-API path: the file, 304 when If-None-Match matches, index.html
  // for paths without an extension (client-side routes), 404 for missing assets, and 400 for
  // targets that try to leave the root (`..`, encoded slashes or backslashes, NUL).
  Response serve(Request const& req) const;

  static std::string_view mime_type(std::string_view path);
  // True when `raw_target`'s path is safe: no dot-dot segments (raw or percent-encoded), no
  // encoded '/' or '\', no NUL, no backslash.
  static bool is_safe_target(std::string_view raw_target, std::string_view decoded_path);

 private:
  std::optional<Response> file_response(std::string const& rel, Request const& req, bool immutable) const;
  std::string root_;
};

}  // namespace zhiku::http
