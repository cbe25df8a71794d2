// The zhiku_cjk FTS5 tokenizer: unigrams + colocated bigrams for CJK, folded words for the rest
// (the words themselves come from core/text_tokens, which the expertise match shares).
#include "storage/cjk_tokenizer.hpp"

#include <cstddef>
#include <string>
#include <string_view>

#include <sqlite3.h>

#include "core/text_tokens.hpp"
#include "storage/error.hpp"
#include "storage/fts5_api.hpp"

namespace zhiku::storage {
namespace {

// Why one position per character with the unigram as the primary token, rather than the more
// common "bigrams only": FTS5's highlight() and snippet() mark the primary token of each
// matched position and write the text between a match's end and the next match's start with
// a length that goes negative (and then means "the rest of the string") when primary tokens
// overlap. Bigrams overlap; single characters never do. Colocating the bigram with its first
// character keeps the index as selective as a bigram index (a query run of n characters is n-1
// bigrams plus one trailing unigram that only pins the phrase length), lets a one-character
// query match, and keeps positions identical in document and query mode so a phrase that mixes
// Chinese and Latin words ("AI医疗", "2023年") matches contiguously.

constexpr std::size_t kMaxQueryTerms = 32;

using text::CharClass;
using text::classify;
using text::decode_utf8;
using text::Decoded;
using text::fold_width;
using text::kInvalidCodePoint;

using TokenCallback = int (*)(void*, int, char const*, int, int, int);

// Turns the project's tokens (core/text_tokens.hpp) into FTS5 tokens. `query` selects the query
// form of a CJK run (bigrams + trailing unigram) over the document form (unigrams + colocated
// bigrams).
struct Emitter {
  char const* text;
  bool query;
  void* ctx;
  TokenCallback emit;
  int run_start = -1;  // the CJK character a following joined one makes a bigram with
  int run_end = -1;

  // Query form: the run's last character, once the run is over.
  int end_run() noexcept {
    int rc = SQLITE_OK;
    if (query && run_start >= 0) rc = emit(ctx, 0, text + run_start, run_end - run_start, run_start, run_end);
    run_start = -1;
    return rc;
  }

  int operator()(text::TextToken const& t) noexcept {
    if (t.kind == text::TokenKind::word) {
      int const rc = end_run();
      if (rc != SQLITE_OK) return rc;
      return emit(ctx, 0, t.data, t.size, t.begin, t.end);
    }
    int rc = SQLITE_OK;
    if (t.joins_previous && run_start >= 0) {
      if (query) {
        rc = emit(ctx, 0, text + run_start, t.end - run_start, run_start, t.end);
      } else {
        rc = emit(ctx, FTS5_TOKEN_COLOCATED, text + run_start, t.end - run_start, run_start, t.end);
        if (rc == SQLITE_OK) rc = emit(ctx, 0, t.data, t.size, t.begin, t.end);
      }
    } else {
      rc = end_run();
      if (rc == SQLITE_OK && !query) rc = emit(ctx, 0, t.data, t.size, t.begin, t.end);
    }
    run_start = t.begin;
    run_end = t.end;
    return rc;
  }
};

int tokenize_text(char const* text, int size, bool query, void* ctx, TokenCallback emit) noexcept {
  Emitter emitter{text, query, ctx, emit};
  int const rc = text::for_each_token(std::string_view(text, static_cast<std::size_t>(size)), emitter);
  return rc != SQLITE_OK ? rc : emitter.end_run();
}

// The tokenizer has no options and no state, so every table shares one static instance.
char tokenizer_instance = 0;

int tokenizer_create(void*, char const**, int argc, Fts5Tokenizer** out) {
  if (argc != 0) return SQLITE_ERROR;  // catches typos such as tokenize = 'zhiku_cjk remove_diacritics 0'
  *out = reinterpret_cast<Fts5Tokenizer*>(&tokenizer_instance);
  return SQLITE_OK;
}

void tokenizer_delete(Fts5Tokenizer*) {}

int tokenizer_tokenize(Fts5Tokenizer*, void* ctx, int flags, char const* text, int size,
                       TokenCallback emit) {
  if (text == nullptr || size <= 0) return SQLITE_OK;
  // FTS5_TOKENIZE_AUX (highlight, snippet, column sizes) must see the document form.
  bool const query = (flags & FTS5_TOKENIZE_QUERY) != 0;
  return tokenize_text(text, size, query, ctx, emit);
}

// True for bytes the query text must not carry: NUL would end the MATCH string inside a quoted
// phrase (a syntax error); other controls and invalid UTF-8 are separators to the tokenizer
// anyway, and a space says the same thing without them.
bool is_term_separator(unsigned char const* p, unsigned char const* end, int* length) {
  Decoded const d = decode_utf8(p, end);
  *length = d.length;
  return d.cp == ' ' || d.cp == '\t' || d.cp == '\n' || d.cp == '\r' || d.cp == '\f' ||
         d.cp == '\v' || d.cp == 0 || d.cp == 0x3000 || d.cp == 0xA0;
}

}  // namespace

void register_cjk_tokenizer(sqlite3* db) {
  fts5_api* api = find_fts5_api(db);
  fts5_tokenizer tokenizer{tokenizer_create, tokenizer_delete, tokenizer_tokenize};
  // kCjkTokenizerName views a literal, so data() is NUL-terminated; FTS5 copies `tokenizer`.
  int const rc = api->xCreateTokenizer(api, kCjkTokenizerName.data(), nullptr, &tokenizer, nullptr);
  if (rc != SQLITE_OK) {
    throw Error("cannot register the zhiku_cjk tokenizer", rc, rc);
  }
}

std::string fts_query_for(std::string_view user_input, bool prefix_latin) {
  auto const* begin = reinterpret_cast<unsigned char const*>(user_input.data());
  auto const* end = begin + user_input.size();
  std::string out;
  std::string phrase;
  std::size_t terms = 0;
  auto const* p = begin;
  while (p < end && terms < kMaxQueryTerms) {
    int length = 0;
    if (is_term_separator(p, end, &length)) {
      p += length;
      continue;
    }
    phrase.clear();
    CharClass last = CharClass::separator;
    bool searchable = false;
    while (p < end && !is_term_separator(p, end, &length)) {
      Decoded const d = decode_utf8(p, end);
      if (d.cp == kInvalidCodePoint || d.cp < 0x20 || d.cp == 0x7F) {
        phrase += ' ';
        last = CharClass::separator;
      } else {
        CharClass const cls = classify(fold_width(d.cp));
        if (cls == CharClass::word || cls == CharClass::cjk) {
          searchable = true;
          last = cls;
        } else if (cls == CharClass::separator) {
          last = cls;
        }
        if (d.cp == '"') phrase += '"';  // FTS5 escapes a quote inside a string by doubling it
        phrase.append(reinterpret_cast<char const*>(p), static_cast<std::size_t>(d.length));
      }
      p += d.length;
    }
    if (!searchable) continue;
    if (!out.empty()) out += ' ';
    out += '"';
    out += phrase;
    out += '"';
    // Only a trailing word gets '*': on a CJK run it would widen the trailing unigram to every
    // bigram starting with it, which the phrase already implies.
    if (prefix_latin && last == CharClass::word) out += '*';
    ++terms;
  }
  return out;
}

}  // namespace zhiku::storage
