// Parses the raw bytes a server sent (from raw_exchange) into responses, for tests of framing.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/json.hpp"

namespace zhiku::test {

struct RawResponse {
  int status = 0;
  std::string status_line;
  std::multimap<std::string, std::string> headers;  // names lower-case
  std::string body;

  std::string header(std::string const& name) const;  // "" when absent
  bool has_header(std::string const& name) const { return headers.count(name) > 0; }
  Json json() const { return Json::parse(body); }
};

// Splits `bytes` into the responses it holds, using Content-Length to find each body (no body
// for 1xx, 204 and 304, nor after a HEAD when `head` is set). Stops at the first incomplete one.
std::vector<RawResponse> parse_raw_responses(std::string const& bytes, bool head = false);
// The first response in `bytes`; status 0 when there is none.
RawResponse parse_raw_response(std::string const& bytes, bool head = false);

}  // namespace zhiku::test
