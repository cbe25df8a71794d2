// Text helpers every module needs, in one place: UTF-8 decoding, encoding, validity and length,
// trimming as people type (with the ideographic space of Chinese input methods) or as cells
// arrive from spreadsheets, ASCII lower case. Pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace zhiku {

namespace text {

inline constexpr char32_t kInvalidCodePoint = 0xFFFFFFFF;

struct Decoded {
  char32_t cp;  // kInvalidCodePoint for a byte that starts no valid sequence
  int length;   // bytes consumed; 1 for an invalid byte so the caller skips just that byte
};

// The character at p: strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
// noexcept and allocation-free (SQLite's tokenizer callbacks use it). REQUIRES: p < end.
Decoded decode_utf8(unsigned char const* p, unsigned char const* end) noexcept;

}  // namespace text

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);
// The length of the well-formed UTF-8 sequence that starts at s[i], or 0 when it is ill-formed.
// REQUIRES: i < s.size().
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);
// The code point at s[i], or text::kInvalidCodePoint where no well-formed sequence starts.
// REQUIRES: i < s.size().
char32_t code_point_at(std::string_view s, std::size_t i);
// Appends `cp` encoded as UTF-8. REQUIRES: cp is a Unicode scalar value.
void append_utf8(std::string& out, char32_t cp);
// `s` with every ill-formed sequence replaced by U+FFFD.
std::string repair_utf8(std::string_view s);
// Number of code points in valid UTF-8 text (what "characters" means in every length limit).
std::size_t utf8_length(std::string_view s);

// What trimming removes at either end.
enum class Blanks {
  typed,  // ASCII space, tab, CR, LF and U+3000 (the ideographic space of Chinese input methods)
  pasted  // also VT, FF, U+00A0 (no-break space) and U+FEFF (BOM): what Excel and Word cells carry
};

// `s` without leading and trailing `blanks`, in any mix ("\u3000 name \u3000" → "name").
std::string_view trim_view(std::string_view s, Blanks blanks = Blanks::typed);
std::string trim_text(std::string_view s, Blanks blanks = Blanks::typed);

// `s` with A–Z turned into a–z (other bytes, UTF-8 included, unchanged).
std::string lower_ascii(std::string_view s);

}  // namespace zhiku
