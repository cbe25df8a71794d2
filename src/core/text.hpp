// Text helpers every module needs: UTF-8 validity and length, trimming as people type (with the
// ideographic space of Chinese input methods), ASCII lower case. Pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace zhiku {

// True when `s` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view s);
// The length of the well-formed UTF-8 sequence that starts at s[i], or 0 when it is ill-formed.
// REQUIRES: i < s.size().
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);
// `s` with every ill-formed sequence replaced by U+FFFD.
std::string repair_utf8(std::string_view s);
// Number of code points in valid UTF-8 text (what "characters" means in every length limit).
std::size_t utf8_length(std::string_view s);

// `s` without leading and trailing ASCII white space (space, tab, CR, LF) and ideographic spaces
// (U+3000), in any mix ("\u3000 name \u3000" → "name").
std::string trim_text(std::string_view s);

// `s` with A–Z turned into a–z (other bytes, UTF-8 included, unchanged).
std::string lower_ascii(std::string_view s);

}  // namespace zhiku
