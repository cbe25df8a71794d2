#include "core/json.hpp"

#include <sstream>

#include "core/clock.hpp"

namespace zhiku {

namespace {
// Deepest bracket nesting outside strings, stopping early once past `limit`.
int nesting_depth(std::string_view s, int limit) {
  int depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : s) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '[' || c == '{') {
      if (++depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c == ']' || c == '}')
      --depth;
  }
  return deepest;
}

// A bound as people write it: 10, 2.5 (std::to_string would give 10.000000).
std::string number_text(double d) {
  std::ostringstream out;
  out << d;
  return out.str();
}
}  // namespace

std::string integer_range_message(std::int64_t min, std::int64_t max) {
  if (max == INT64_MAX) return min == 1 ? "须为正整数" : "须为不小于 " + std::to_string(min) + " 的整数";
  return "须为 " + std::to_string(min) + " 至 " + std::to_string(max) + " 之间的整数";
}

Json parse_json_body(std::string_view body) {
  if (body.empty()) throw Error(Errc::invalid_argument, "请求体为空，须为一个 JSON 文档");
  if (!is_valid_utf8(body)) throw Error(Errc::invalid_argument, "请求体不是有效的 UTF-8 文本");
  if (nesting_depth(body, kMaxJsonDepth) > kMaxJsonDepth)
    throw Error(Errc::invalid_argument, "JSON 嵌套超过 " + std::to_string(kMaxJsonDepth) + " 层");
  Json j = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) throw Error(Errc::invalid_argument, "请求体不是格式正确的 JSON");
  return j;
}

JsonFields::JsonFields(Json const& obj) : obj_(obj) {
  if (!obj.is_object()) throw Error(Errc::invalid_argument, "请求体须为 JSON 对象");
}

bool JsonFields::has(std::string_view key) const { return raw(key) != nullptr; }

Json const* JsonFields::raw(std::string_view key) const {
  auto it = obj_.find(key);
  if (it == obj_.end() || it->is_null()) return nullptr;
  return &*it;
}

std::optional<std::string> JsonFields::opt_string(std::string_view key, size_t max_chars) {
  Json const* v = raw(key);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(std::string(key), "须为字符串");
    return std::nullopt;
  }
  std::string s = trim_text(v->get_ref<std::string const&>());
  if (utf8_length(s) > max_chars) {
    fail(std::string(key), "不能超过 " + std::to_string(max_chars) + " 个字符");
    return std::nullopt;
  }
  return s;
}

std::string JsonFields::req_string(std::string_view key, size_t max_chars, size_t min_chars) {
  if (!raw(key)) {
    fail(std::string(key), "此项必填");
    return {};
  }
  auto s = opt_string(key, max_chars);
  if (!s) return {};
  if (utf8_length(*s) < min_chars) {
    fail(std::string(key), min_chars == 1 ? "不能为空" : "至少需要 " + std::to_string(min_chars) + " 个字符");
    return {};
  }
  return *s;
}

std::optional<std::int64_t> JsonFields::opt_int(std::string_view key, std::int64_t min, std::int64_t max) {
  Json const* v = raw(key);
  if (!v) return std::nullopt;
  if (!v->is_number_integer()) {
    fail(std::string(key), "须为整数");
    return std::nullopt;
  }
  // An unsigned value above INT64_MAX is out of every int64 range (get<int64_t> would wrap it).
  bool too_big = v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX);
  std::int64_t n = too_big ? 0 : v->get<std::int64_t>();
  if (too_big || n < min || n > max) {
    fail(std::string(key), integer_range_message(min, max));
    return std::nullopt;
  }
  return n;
}

std::int64_t JsonFields::req_int(std::string_view key, std::int64_t min, std::int64_t max) {
  if (!raw(key)) {
    fail(std::string(key), "此项必填");
    return 0;
  }
  return opt_int(key, min, max).value_or(0);
}

std::optional<double> JsonFields::opt_number(std::string_view key, double min, double max) {
  Json const* v = raw(key);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    fail(std::string(key), "须为数字");
    return std::nullopt;
  }
  double d = v->get<double>();
  if (!(d >= min && d <= max)) {
    fail(std::string(key), "须在 " + number_text(min) + " 至 " + number_text(max) + " 之间");
    return std::nullopt;
  }
  return d;
}

std::optional<bool> JsonFields::opt_bool(std::string_view key) {
  Json const* v = raw(key);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    fail(std::string(key), "须为 true 或 false");
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::vector<std::string>> JsonFields::opt_string_array(std::string_view key, size_t max_items,
                                                                     size_t max_chars) {
  Json const* v = raw(key);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    fail(std::string(key), "须为字符串数组");
    return std::nullopt;
  }
  if (v->size() > max_items) {
    fail(std::string(key), "不能超过 " + std::to_string(max_items) + " 项");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (size_t i = 0; i < v->size(); ++i) {
    auto const& item = (*v)[i];
    std::string field = std::string(key) + "[" + std::to_string(i) + "]";
    if (!item.is_string()) {
      fail(field, "须为字符串");
      return std::nullopt;
    }
    std::string s = trim_text(item.get_ref<std::string const&>());
    if (s.empty() || utf8_length(s) > max_chars) {
      fail(field, "须为 1 至 " + std::to_string(max_chars) + " 个字符");
      return std::nullopt;
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<std::vector<std::int64_t>> JsonFields::opt_int_array(std::string_view key, size_t max_items) {
  Json const* v = raw(key);
  if (!v) return std::nullopt;
  if (!v->is_array() || v->size() > max_items) {
    fail(std::string(key), "须为整数数组，且不超过 " + std::to_string(max_items) + " 项");
    return std::nullopt;
  }
  std::vector<std::int64_t> out;
  for (auto const& item : *v) {
    if (!item.is_number_integer()) {
      fail(std::string(key), "只能包含整数");
      return std::nullopt;
    }
    out.push_back(item.get<std::int64_t>());
  }
  return out;
}

std::optional<std::string> JsonFields::opt_date(std::string_view key) {
  auto s = opt_string(key, 10);
  if (!s) return std::nullopt;
  if (!is_iso_date(*s)) {
    fail(std::string(key), "须为日期，格式为 YYYY-MM-DD");
    return std::nullopt;
  }
  return s;
}

void JsonFields::finish() const {
  if (errors_.empty()) return;
  throw Error::invalid_fields(errors_);
}

}  // namespace zhiku
