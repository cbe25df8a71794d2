// A response as handlers build it: status, headers, body. problem+json for every error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/json.hpp"

namespace zhiku::http {

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Set by Response::file: the server sends this file instead of `body`, in pieces from disk,
  // answering a Range request with 206 (or 416), so a download is never held in memory.
  std::string file_path;

  // These add a header and return the response, so that a handler may end with
  // `return Response::json(j).etag(e.version);` (the && forms move it out).
  Response& header(std::string name, std::string value) & {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  Response&& header(std::string name, std::string value) && {
    return std::move(header(std::move(name), std::move(value)));
  }
  // ETag: "N" for a resource at version N (the If-Match an update may send back).
  Response& etag(std::int64_t version) &;
  Response&& etag(std::int64_t version) && { return std::move(etag(version)); }
  // Content-Disposition for a download: `ascii_name` for old clients, `utf8_name` as RFC 6266's
  // filename* (percent-encoded by Boost.URL). REQUIRES: ascii_name holds no quote or backslash.
  Response& attachment(std::string_view ascii_name, std::string_view utf8_name) &;
  Response&& attachment(std::string_view ascii_name, std::string_view utf8_name) && {
    return std::move(attachment(ascii_name, utf8_name));
  }

  static Response json(Json const& j, int status = 200);
  // JSON created: 201 with Location.
  static Response created(Json const& j, std::string location);
  static Response no_content();
  static Response text(std::string body, std::string content_type, int status = 200);
  // A file download: `path` streamed with `content_type`, Accept-Ranges: bytes, and, when
  // `download_name` is not empty, Content-Disposition: attachment naming it (UTF-8 as RFC 6266's
  // filename*, with an ASCII stand-in for old clients). Throws Error::not_found when `path` is
  // not a regular file now. The file must not change while it is sent (store uploads under new
  // names instead of rewriting them).
  static Response file(std::string path, std::string content_type, std::string_view download_name = "");
  // RFC 9457 problem document.
  static Response problem(int status, std::string title, std::string detail,
                          std::vector<FieldError> const& errors = {});
  // The problem document of `status` with more members beside type, status, title and detail
  // (e.g. an import report that says why nothing was imported).
  static Response problem_with(int status, std::string detail, Json members);
  // Maps an Error to its status and problem document (409s list `allowed`, 429/503 set Retry-After).
  static Response from_error(Error const& e);
};

int status_of(Errc code);
char const* reason_of(int status);

}  // namespace zhiku::http
