// A response as handlers build it: status, headers, body. problem+json for every error.
#pragma once

#include <string>
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

  Response& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }

  static Response json(Json const& j, int status = 200);
  static Response no_content();
  static Response text(std::string body, std::string content_type, int status = 200);
  // RFC 9457 problem document.
  static Response problem(int status, std::string title, std::string detail,
                          std::vector<FieldError> const& errors = {});
  // Maps an Error to its status and problem document (409s list `allowed`, 429/503 set Retry-After).
  static Response from_error(Error const& e);
};

int status_of(Errc code);
char const* reason_of(int status);

}  // namespace zhiku::http
