// An FTS5 tokenizer for Chinese and mixed Chinese/English text, registered as "zhiku_cjk".
//
// What it indexes (one FTS5 position per Chinese character, so phrases, highlight() and
// snippet() line up with the text):
//   - CJK ideographs, kana, hangul and bopomofo: every character as a unigram and, colocated
//     with it, the bigram it starts (城市规划 → 城+城市, 市+市规, 规+规划, 划). A query run of
//     n ≥ 2 characters becomes n-1 bigrams and its last character (城市规划 → 城市 市规 规划 划),
//     so a query matches exactly where its characters occur contiguously: 城市 and 规划 find
//     城市规划, 市划 does not, and 城 alone finds every 城.
//   - Letters and digits (ASCII, Latin-1 and Latin Extended letters, Greek, Cyrillic and other
//     alphabetic scripts): a run is one token, lower-cased (ASCII, Latin, Greek and Cyrillic
//     capitals), full-width forms folded to ASCII (ＡＩ → ai, ２０２３ → 2023), accents on
//     Latin-1 and Latin Extended-A letters and pinyin tone marks removed (Zhāng → zhang,
//     composed or decomposed).
//   - Everything else (ASCII and CJK punctuation, spaces, symbols, emoji) separates tokens.
//     Invalid UTF-8 bytes are skipped as separators.
// Word tokens longer than kMaxWordTokenBytes are truncated, the same way in documents and
// queries. The tokenizer holds no state and is safe to use from any connection or thread.
#pragma once

#include <string>
#include <string_view>

#include <sqlite3.h>

#include "core/text_tokens.hpp"

namespace zhiku::storage {

// The name to use in `CREATE VIRTUAL TABLE … USING fts5(…, tokenize = 'zhiku_cjk')`.
inline constexpr std::string_view kCjkTokenizerName = "zhiku_cjk";

// Longest word token kept, in bytes of its folded form (core/text_tokens.hpp decides).
inline constexpr int kMaxWordTokenBytes = text::kMaxWordTokenBytes;

// Registers the tokenizer on `db`. Every connection that reads or writes a table using it must
// call this first (SQLite keeps tokenizers per connection); calling it again is harmless.
// Throws storage::Error when FTS5 is unavailable or registration fails.
// REQUIRES: `db` is an open connection.
void register_cjk_tokenizer(sqlite3* db);

// Turns free user input into a safe FTS5 MATCH expression for a zhiku_cjk table: each
// whitespace-separated term (ASCII whitespace, U+3000, U+00A0) becomes a quoted phrase, the
// phrases are ANDed. FTS5 syntax in the input (`"`, `*`, `(`, `:`, `-`, `^`, AND, OR, NOT,
// NEAR) is searched as text, never interpreted; terms without letters, digits or CJK
// characters are dropped, as are terms beyond the 32nd. Invalid UTF-8 and control bytes are
// turned into spaces inside their phrase, which the tokenizer treats the same way. When
// `prefix_latin` is true, a term ending in a letter or digit also matches as a prefix
// (`tsing` finds Tsinghua), for search-as-you-type.
// Returns "" when nothing is searchable: skip the MATCH then, rather than passing "".
// The result is always accepted by FTS5's query parser. Never throws except std::bad_alloc.
std::string fts_query_for(std::string_view user_input, bool prefix_latin = false);

}  // namespace zhiku::storage
