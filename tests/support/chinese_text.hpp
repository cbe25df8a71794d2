// Whether a message a user reads is Chinese: the product answers in Chinese, so every problem
// detail and field message must contain CJK ideographs (a new English message fails the test
// that walks it).
#pragma once

#include <cstdint>
#include <string_view>

namespace zhiku::test {

// True when `s` (UTF-8) holds at least one CJK unified ideograph (U+3400–U+4DBF, U+4E00–U+9FFF).
inline bool has_cjk(std::string_view s) {
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    auto c0 = static_cast<unsigned char>(s[i]);
    if ((c0 & 0xF0) != 0xE0) continue;
    auto c1 = static_cast<unsigned char>(s[i + 1]), c2 = static_cast<unsigned char>(s[i + 2]);
    if ((c1 & 0xC0) != 0x80 || (c2 & 0xC0) != 0x80) continue;
    std::uint32_t cp = ((c0 & 0x0Fu) << 12) | ((c1 & 0x3Fu) << 6) | (c2 & 0x3Fu);
    if ((cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF)) return true;
  }
  return false;
}

}  // namespace zhiku::test
