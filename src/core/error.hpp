// The one exception a request that cannot proceed throws; mapped to a status in one place
// (http/response.cpp). Build it with the named constructors: `throw Error::not_found("专家不存在");`.
#pragma once

#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace zhiku {

enum class Errc {
  invalid_argument,        // 400 (validation: carries field errors)
  unauthenticated,         // 401
  forbidden,               // 403
  not_found,               // 404
  conflict,                // 409 (e.g. a transition not allowed from the current state)
  precondition_failed,     // 412 (stale version / If-Match)
  payload_too_large,       // 413
  unsupported_media_type,  // 415
  too_many_requests,       // 429 (retry_after set)
  unavailable,             // 503 (overloaded; retry_after set)
};

struct FieldError {
  std::string field;
  std::string message;
};

struct Denial;

class Error : public std::exception {
 public:
  Error(Errc code, std::string detail) : code_(code), detail_(std::move(detail)) {}
  Error(Errc code, std::string detail, std::vector<FieldError> errors)
      : code_(code), detail_(std::move(detail)), errors_(std::move(errors)) {}

  // A validation failure naming one field ("birth_year: 须为整数").
  static Error invalid_field(std::string field, std::string message) {
    std::string detail = field + ": " + message;
    return Error(Errc::invalid_argument, std::move(detail), {{std::move(field), std::move(message)}});
  }
  // A validation failure listing every field at fault; the detail names them all
  // ("以下字段有误：name（请填写姓名）；birth_year（须为整数）").
  static Error invalid_fields(std::vector<FieldError> errors) {
    std::string detail = "以下字段有误：";
    for (size_t i = 0; i < errors.size(); ++i)
      detail += (i == 0 ? "" : "；") + errors[i].field + "（" + errors[i].message + "）";
    return Error(Errc::invalid_argument, std::move(detail), std::move(errors));
  }
  // Throws invalid_fields(errors) unless `errors` is empty.
  static void throw_if_any(std::vector<FieldError> errors) {
    if (!errors.empty()) throw invalid_fields(std::move(errors));
  }
  static Error invalid(std::string detail) { return Error(Errc::invalid_argument, std::move(detail)); }
  static Error unauthenticated(std::string detail) { return Error(Errc::unauthenticated, std::move(detail)); }
  static Error forbidden(std::string detail) { return Error(Errc::forbidden, std::move(detail)); }
  // For a resource that does not exist or that the caller may not know exists (SPEC: 404, not 403).
  static Error not_found(std::string detail) { return Error(Errc::not_found, std::move(detail)); }
  // A state conflict; `allowed` lists the actions allowed now (a 409 of a transition: SPEC).
  static Error conflict(std::string detail, std::vector<std::string> allowed = {}) {
    Error e(Errc::conflict, std::move(detail));
    e.allowed_ = std::move(allowed);
    return e;
  }
  // A stale version or If-Match (412).
  static Error precondition_failed(std::string detail) { return Error(Errc::precondition_failed, std::move(detail)); }
  static Error unsupported_media_type(std::string detail) {
    return Error(Errc::unsupported_media_type, std::move(detail));
  }
  // 429 / 503 with the Retry-After the client should wait (at least one second).
  static Error too_many_requests(std::string detail, int retry_after_seconds) {
    return with_retry(Errc::too_many_requests, std::move(detail), retry_after_seconds);
  }
  static Error unavailable(std::string detail, int retry_after_seconds) {
    return with_retry(Errc::unavailable, std::move(detail), retry_after_seconds);
  }
  // The Error a why_not() answer stands for (core/denial.hpp).
  static Error denied(Denial const& d);

  Errc code() const noexcept { return code_; }
  std::string const& detail() const noexcept { return detail_; }
  std::vector<FieldError> const& errors() const noexcept { return errors_; }
  // The actions allowed now (conflicts of transitions); empty otherwise.
  std::vector<std::string> const& allowed() const noexcept { return allowed_; }
  // Seconds to wait before retrying (429, 503); 0 otherwise.
  int retry_after_seconds() const noexcept { return retry_after_seconds_; }

  char const* what() const noexcept override { return detail_.c_str(); }

 private:
  static Error with_retry(Errc code, std::string detail, int seconds) {
    Error e(code, std::move(detail));
    e.retry_after_seconds_ = seconds < 1 ? 1 : seconds;
    return e;
  }

  Errc code_;
  std::string detail_;
  std::vector<FieldError> errors_;
  std::vector<std::string> allowed_;
  int retry_after_seconds_ = 0;
};

}  // namespace zhiku
