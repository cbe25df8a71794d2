// The one exception type a request that cannot proceed throws; mapped to a status in one place.
#pragma once

#include <exception>
#include <string>
#include <utility>
#include <vector>

namespace zhiku {

enum class Errc {
  invalid_argument,       // 400 (or 422-like validation: carries field errors)
  unauthenticated,        // 401
  forbidden,              // 403
  not_found,              // 404
  conflict,               // 409 (e.g. a transition not allowed from the current state)
  precondition_failed,    // 412 (stale version / If-Match)
  payload_too_large,      // 413
  unsupported_media_type, // 415
  too_many_requests,      // 429 (retry_after set)
  unavailable,            // 503 (overloaded; retry_after set)
};

struct FieldError {
  std::string field;
  std::string message;
};

class Error : public std::exception {
 public:
  Error(Errc code, std::string detail) : code_(code), detail_(std::move(detail)) {}
  Error(Errc code, std::string detail, std::vector<FieldError> errors)
      : code_(code), detail_(std::move(detail)), errors_(std::move(errors)) {}

  // A validation failure naming one field.
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

  Errc code() const noexcept { return code_; }
  std::string const& detail() const noexcept { return detail_; }
  std::vector<FieldError> const& errors() const noexcept { return errors_; }
  // Extra data some errors carry: allowed transitions for a 409, seconds for a 429/503.
  std::vector<std::string> allowed;
  int retry_after_seconds = 0;

  char const* what() const noexcept override { return detail_.c_str(); }

 private:
  Errc code_;
  std::string detail_;
  std::vector<FieldError> errors_;
};

}  // namespace zhiku
