#include "http/byte_range.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

namespace zhiku::http {

namespace {

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Digits only (no sign, no spaces), or nullopt.
std::optional<std::uint64_t> number(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::uint64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

RangeAnswer answer_range(std::string_view header, std::uint64_t size) {
  using Kind = RangeAnswer::Kind;
  header = trim_spaces(header);
  constexpr std::string_view kUnit = "bytes=";
  if (header.size() < kUnit.size()) return {};
  for (std::size_t i = 0; i < kUnit.size(); ++i)
    if (static_cast<char>(header[i] | 0x20) != kUnit[i] && header[i] != kUnit[i]) return {};
  std::string_view spec = trim_spaces(header.substr(kUnit.size()));
  if (spec.find(',') != std::string_view::npos) return {};  // several ranges: the whole file
  std::size_t dash = spec.find('-');
  if (dash == std::string_view::npos) return {};
  std::string_view from = trim_spaces(spec.substr(0, dash)), to = trim_spaces(spec.substr(dash + 1));
  if (from.empty()) {  // the last n bytes
    auto n = number(to);
    if (!n) return {};
    if (*n == 0 || size == 0) return {Kind::unsatisfiable};
    return {Kind::partial, size - std::min(*n, size), size - 1};
  }
  auto first = number(from);
  if (!first) return {};
  std::optional<std::uint64_t> last;
  if (!to.empty()) {
    last = number(to);
    if (!last || *last < *first) return {};
  }
  if (*first >= size) return {Kind::unsatisfiable};
  return {Kind::partial, *first, last ? std::min(*last, size - 1) : size - 1};
}

}  // namespace zhiku::http
