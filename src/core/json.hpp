// Safe JSON input: bounded nesting, valid UTF-8, and a reader that names the offending field.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/text.hpp"

namespace zhiku {

using Json = nlohmann::json;

inline constexpr int kMaxJsonDepth = 32;

// The message for an integer outside [min, max] ("须为 1 至 100 之间的整数"; "须为正整数" when
// only the lower bound 1 matters).
std::string integer_range_message(std::int64_t min, std::int64_t max);

// Parses a request body. Throws Error{invalid_argument} naming the problem for malformed JSON,
// invalid UTF-8, or nesting deeper than kMaxJsonDepth (checked before parsing, so a hostile
// body cannot build a deep tree at all).
Json parse_json_body(std::string_view body);

// Reads fields of a JSON object, collecting every validation problem before reporting them
// together. Strings are trimmed of surrounding white space; lengths are in characters.
class JsonFields {
 public:
  // Throws Error{invalid_argument} when `obj` is not an object. Keeps a reference to `obj`, so a
  // temporary is refused at compile time: write `Json body = req.json(); JsonFields f(body);`.
  explicit JsonFields(Json const& obj);
  explicit JsonFields(Json&&) = delete;

  bool has(std::string_view key) const;
  std::string req_string(std::string_view key, size_t max_chars = 200, size_t min_chars = 1);
  std::optional<std::string> opt_string(std::string_view key, size_t max_chars = 200);
  std::optional<std::int64_t> opt_int(std::string_view key, std::int64_t min, std::int64_t max);
  std::int64_t req_int(std::string_view key, std::int64_t min, std::int64_t max);
  std::optional<double> opt_number(std::string_view key, double min, double max);
  std::optional<bool> opt_bool(std::string_view key);
  std::optional<std::vector<std::string>> opt_string_array(std::string_view key, size_t max_items = 50,
                                                           size_t max_chars = 100);
  std::optional<std::vector<std::int64_t>> opt_int_array(std::string_view key, size_t max_items = 200);
  // An optional "YYYY-MM-DD" date.
  std::optional<std::string> opt_date(std::string_view key);
  // The raw value, or nullptr when absent or null.
  Json const* raw(std::string_view key) const;

  void fail(std::string field, std::string message) { errors_.push_back({std::move(field), std::move(message)}); }
  bool ok() const { return errors_.empty(); }
  // Throws Error{invalid_argument} listing every collected problem; does nothing when there are none.
  void finish() const;

 private:
  Json const& obj_;
  std::vector<FieldError> errors_;
};

}  // namespace zhiku
