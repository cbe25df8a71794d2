// How the project splits Chinese and mixed text into words: the one definition that search
// (storage/cjk_tokenizer, FTS5) and the expertise match (reviews/expertise_match) share, so a
// keyword matches a text exactly when a search for it would find the text.
//
//   - CJK ideographs, kana, hangul and bopomofo: each character is a token; a character that
//     directly follows another (no byte between) "joins" it, so 城市规划 is four joined tokens
//     and 城市 规划 two runs of two.
//   - Letters and digits (ASCII, Latin-1 and Latin Extended letters, Greek, Cyrillic and other
//     alphabetic scripts): a run is one word token, folded: lower-cased (ASCII, Latin, Greek and
//     Cyrillic capitals), full-width forms to ASCII (ＡＩ → ai, ２０２３ → 2023), accents on
//     Latin-1 and Latin Extended-A letters and pinyin tone marks removed (Zhāng → zhang,
//     composed or decomposed). Words longer than kMaxWordTokenBytes are truncated.
//   - Everything else (ASCII and CJK punctuation, spaces, symbols, emoji) separates tokens;
//     invalid UTF-8 bytes too.
// Everything here is noexcept and allocation-free (the tokenizer runs inside SQLite's C
// callbacks) and safe from any thread.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/text.hpp"

namespace zhiku::text {

// Longest word token kept, in bytes of its folded form.
inline constexpr int kMaxWordTokenBytes = 128;

enum class CharClass { separator, word, cjk, combining };

// Full-width ASCII (Ｆ, ０, ＃) folded to ASCII; anything else unchanged.
char32_t fold_width(char32_t cp) noexcept;

// The class of a code point (apply fold_width first).
CharClass classify(char32_t cp) noexcept;

enum class TokenKind { word, cjk };

struct TextToken {
  TokenKind kind;
  // word: the folded bytes (valid only during the callback); cjk: the character's own bytes
  // in the text.
  char const* data;
  int size;
  int begin;  // byte offsets of the token in the text
  int end;
  bool joins_previous;  // cjk: directly follows another CJK character
};

// Called once per token in text order; a non-zero return stops the walk and is returned.
using TokenSink = int (*)(void* context, TextToken const& token) noexcept;

// Walks `text` (`size` bytes of UTF-8, not necessarily valid) token by token. Returns 0, or
// the first non-zero value `sink` returned.
int for_each_token(char const* text, int size, void* context, TokenSink sink) noexcept;

// The same with any callable `int(TextToken const&) noexcept`.
template <typename F>
int for_each_token(std::string_view text, F& sink) noexcept {
  return for_each_token(text.data(), static_cast<int>(text.size()), &sink,
                        [](void* context, TextToken const& token) noexcept { return (*static_cast<F*>(context))(token); });
}

}  // namespace zhiku::text
