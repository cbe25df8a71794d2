#include "http/request.hpp"

#include <charconv>

#include "http/router.hpp"

namespace zhiku::http {

namespace {
template <class V>
std::optional<std::string_view> find_in(V const& pairs, std::string_view name) {
  for (auto const& [k, v] : pairs)
    if (k == name) return std::string_view(v);
  return std::nullopt;
}
std::optional<long long> to_int(std::string_view s) {
  long long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}
}  // namespace

std::optional<std::string_view> Request::header(std::string_view name) const { return find_in(headers, name); }
std::optional<std::string_view> Request::query_param(std::string_view name) const { return find_in(query, name); }
std::string_view Request::param(std::string_view name) const { return find_in(params, name).value_or(""); }

std::optional<std::string_view> Request::cookie(std::string_view name) const {
  for (auto const& [k, v] : headers) {
    if (k != "cookie") continue;
    std::string_view rest = v;
    while (!rest.empty()) {
      size_t semi = rest.find(';');
      std::string_view part = rest.substr(0, semi);
      rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
      while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
      size_t eq = part.find('=');
      if (eq != std::string_view::npos && part.substr(0, eq) == name) return part.substr(eq + 1);
    }
  }
  return std::nullopt;
}

Id Request::id_param(std::string_view name) const {
  auto v = to_int(param(name));
  if (!v || *v <= 0) throw Error::not_found("请求的资源不存在");
  return *v;
}

std::optional<long long> Request::query_int(std::string_view name, long long min, long long max) const {
  auto raw = query_param(name);
  if (!raw || raw->empty()) return std::nullopt;
  auto v = to_int(*raw);
  if (!v || *v < min || *v > max) throw Error::invalid_field(std::string(name), integer_range_message(min, max));
  return v;
}

std::optional<std::int64_t> Request::if_match_version() const {
  auto h = header("if-match");
  if (!h) return std::nullopt;
  std::string_view v = *h;
  if (v.substr(0, 2) == "W/") v.remove_prefix(2);
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  auto n = to_int(v);
  if (!n || *n < 1) throw Error::precondition_failed("If-Match 请求头须为该资源的版本号，如 \"3\"");
  return *n;
}

std::int64_t Request::expected_version(Json const& body) const {
  if (body.is_object() && body.contains("version")) {
    auto const& v = body["version"];
    if (!v.is_number_integer() || v.get<std::int64_t>() < 1) throw Error::invalid_field("version", "须为正整数");
    return v.get<std::int64_t>();
  }
  if (auto v = if_match_version()) return *v;
  throw Error::invalid_field("version", "请提供 version 或 If-Match 请求头");
}

Json Request::json() const {
  auto ct = header("content-type").value_or("");
  std::string_view media = ct.substr(0, ct.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  bool is_json = media.size() == 16 && std::equal(media.begin(), media.end(), "application/json", [](char a, char b) {
                   return std::tolower(static_cast<unsigned char>(a)) == b;
                 });
  if (!is_json) throw Error::unsupported_media_type("请求体须为 JSON（Content-Type: application/json）");
  return parse_json_body(body);
}

Principal const& Request::who() const {
  if (!principal) throw Error::unauthenticated(refusal::kSignInRequired);
  return *principal;
}

Page page_of(Request const& req) {
  Page p;
  p.page = static_cast<int>(req.query_int("page", 1, 1'000'000).value_or(1));
  p.page_size = static_cast<int>(req.query_int("page_size", 1, 100).value_or(20));
  return p;
}

Json page_json(Page const& page, Json items, std::int64_t total) {
  Json j = Json::object();
  j["items"] = std::move(items);
  j["total"] = total;
  j["page"] = page.page;
  j["page_size"] = page.page_size;
  return j;
}

}  // namespace zhiku::http
