#include "core/text.hpp"

namespace zhiku {

namespace text {

// Strict UTF-8: anything else would let two spellings of one character index differently.
Decoded decode_utf8(unsigned char const* p, unsigned char const* end) noexcept {
  unsigned const b0 = p[0];
  if (b0 < 0x80) return {b0, 1};
  auto cont = [&](int i) -> int { return (p + i < end && (p[i] & 0xC0) == 0x80) ? (p[i] & 0x3F) : -1; };
  if (b0 < 0xC2) return {kInvalidCodePoint, 1};
  if (b0 < 0xE0) {
    int const c1 = cont(1);
    if (c1 < 0) return {kInvalidCodePoint, 1};
    return {static_cast<char32_t>(((b0 & 0x1F) << 6) | static_cast<unsigned>(c1)), 2};
  }
  if (b0 < 0xF0) {
    int const c1 = cont(1);
    int const c2 = cont(2);
    if (c1 < 0 || c2 < 0) return {kInvalidCodePoint, 1};
    if (b0 == 0xE0 && c1 < 0x20) return {kInvalidCodePoint, 1};   // overlong
    if (b0 == 0xED && c1 >= 0x20) return {kInvalidCodePoint, 1};  // surrogate
    return {static_cast<char32_t>(((b0 & 0x0F) << 12) | (static_cast<unsigned>(c1) << 6) |
                                  static_cast<unsigned>(c2)),
            3};
  }
  if (b0 < 0xF5) {
    int const c1 = cont(1);
    int const c2 = cont(2);
    int const c3 = cont(3);
    if (c1 < 0 || c2 < 0 || c3 < 0) return {kInvalidCodePoint, 1};
    if (b0 == 0xF0 && c1 < 0x10) return {kInvalidCodePoint, 1};   // overlong
    if (b0 == 0xF4 && c1 >= 0x10) return {kInvalidCodePoint, 1};  // above U+10FFFF
    return {static_cast<char32_t>(((b0 & 0x07) << 18) | (static_cast<unsigned>(c1) << 12) |
                                  (static_cast<unsigned>(c2) << 6) | static_cast<unsigned>(c3)),
            4};
  }
  return {kInvalidCodePoint, 1};
}

}  // namespace text

std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  auto const* p = reinterpret_cast<unsigned char const*>(s.data());
  text::Decoded d = text::decode_utf8(p + i, p + s.size());
  return d.cp == text::kInvalidCodePoint ? 0 : static_cast<std::size_t>(d.length);
}

char32_t code_point_at(std::string_view s, std::size_t i) {
  auto const* p = reinterpret_cast<unsigned char const*>(s.data());
  return text::decode_utf8(p + i, p + s.size()).cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool is_valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string repair_utf8(std::string_view s) {
  constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(s.size() + 8);
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::size_t utf8_length(std::string_view s) {
  std::size_t count = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++count;
  return count;
}

namespace {

// The length of the blank that starts (at_end: ends) `s`, or 0.
std::size_t blank_at(std::string_view s, Blanks blanks, bool at_end) {
  if (s.empty()) return 0;
  auto c = static_cast<unsigned char>(at_end ? s.back() : s.front());
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
  if (blanks == Blanks::pasted && (c == '\v' || c == '\f')) return 1;
  auto is = [&](std::string_view blank) { return at_end ? s.ends_with(blank) : s.starts_with(blank); };
  if (is("\xE3\x80\x80")) return 3;  // U+3000
  if (blanks == Blanks::pasted) {
    if (is("\xC2\xA0")) return 2;      // U+00A0
    if (is("\xEF\xBB\xBF")) return 3;  // U+FEFF
  }
  return 0;
}

}  // namespace

std::string_view trim_view(std::string_view s, Blanks blanks) {
  while (std::size_t n = blank_at(s, blanks, false)) s.remove_prefix(n);
  while (std::size_t n = blank_at(s, blanks, true)) s.remove_suffix(n);
  return s;
}

std::string trim_text(std::string_view s, Blanks blanks) { return std::string(trim_view(s, blanks)); }

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace zhiku
