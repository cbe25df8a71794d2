// The project's word splitting (see text_tokens.hpp): character classes, folding, and the walk
// over a text's tokens (UTF-8 decoding is core/text's decode_utf8).
#include "core/text_tokens.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

namespace zhiku::text {

// Full-width ASCII (Ｆ, ０, ＃) is the same character to a reader; fold it before classifying so
// full-width punctuation separates and full-width letters join words.
char32_t fold_width(char32_t cp) noexcept {
  return (cp >= 0xFF01 && cp <= 0xFF5E) ? cp - 0xFEE0 : cp;
}

CharClass classify(char32_t cp) noexcept {
  if (cp < 0x80) {
    bool const alnum = (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    return alnum ? CharClass::word : CharClass::separator;
  }
  if (cp < 0xC0) return CharClass::separator;  // C1 controls, NBSP, Latin-1 punctuation
  if (cp == 0xD7 || cp == 0xF7) return CharClass::separator;  // × ÷
  if (cp < 0x300) return CharClass::word;
  if (cp < 0x370) return CharClass::combining;
  if (cp >= 0x1AB0 && cp <= 0x1AFF) return CharClass::combining;
  if (cp >= 0x1DC0 && cp <= 0x1DFF) return CharClass::combining;
  if (cp >= 0x1100 && cp <= 0x11FF) return CharClass::cjk;  // hangul jamo
  if (cp >= 0x20D0 && cp <= 0x20FF) return CharClass::combining;
  if (cp >= 0x2000 && cp <= 0x2BFF) return CharClass::separator;  // punctuation, symbols, arrows
  if (cp >= 0x2C00 && cp <= 0x2DFF) return CharClass::word;        // Glagolitic, Coptic, …
  if (cp >= 0x2E00 && cp <= 0x2FFF) return CharClass::separator;  // radicals, description chars
  if (cp >= 0x3000 && cp <= 0x303F) {
    // 々 〆 〇 and the Suzhou numerals write words (二〇二三年); the rest is punctuation.
    bool const letter = cp == 0x3005 || cp == 0x3006 || cp == 0x3007 || (cp >= 0x3021 && cp <= 0x3029);
    return letter ? CharClass::cjk : CharClass::separator;
  }
  if (cp >= 0x3040 && cp <= 0x30FF) {
    return (cp == 0x30A0 || cp == 0x30FB) ? CharClass::separator : CharClass::cjk;  // ゠ ・
  }
  if (cp >= 0x3100 && cp <= 0x318F) return CharClass::cjk;  // bopomofo, hangul compatibility jamo
  if (cp >= 0x31A0 && cp <= 0x31BF) return CharClass::cjk;  // bopomofo extended
  if (cp >= 0x31F0 && cp <= 0x31FF) return CharClass::cjk;  // katakana phonetic extensions
  if (cp >= 0x3190 && cp <= 0x33FF) return CharClass::separator;  // kanbun, strokes, enclosed CJK
  if (cp >= 0x3400 && cp <= 0x4DBF) return CharClass::cjk;
  if (cp >= 0x4DC0 && cp <= 0x4DFF) return CharClass::separator;  // hexagrams
  if (cp >= 0x4E00 && cp <= 0x9FFF) return CharClass::cjk;
  if (cp >= 0xAC00 && cp <= 0xD7AF) return CharClass::cjk;        // hangul syllables
  if (cp >= 0xE000 && cp <= 0xF8FF) return CharClass::separator;  // private use
  if (cp >= 0xF900 && cp <= 0xFAFF) return CharClass::cjk;
  if (cp >= 0xFE00 && cp <= 0xFE1F) return CharClass::separator;  // variation selectors, vertical forms
  if (cp >= 0xFE20 && cp <= 0xFE2F) return CharClass::combining;
  if (cp >= 0xFE30 && cp <= 0xFE6F) return CharClass::separator;  // compatibility and small forms
  if (cp >= 0xFE70 && cp <= 0xFEFE) return CharClass::word;       // Arabic presentation forms
  if (cp >= 0xFEFF && cp <= 0xFF65) return CharClass::separator;  // BOM, full-width punctuation
  if (cp >= 0xFF66 && cp <= 0xFFDC) return CharClass::cjk;        // half-width kana and hangul
  if (cp >= 0xFFDD && cp <= 0xFFFF) return CharClass::separator;
  if (cp >= 0x1F000 && cp <= 0x1FFFF) return CharClass::separator;  // emoji and other symbols
  if (cp >= 0x20000 && cp <= 0x3FFFF) return CharClass::cjk;        // extensions B–H
  if (cp >= 0xE0000) return CharClass::separator;                   // tags, selectors, private use
  return CharClass::word;
}

namespace {

// ASCII spellings of U+00C0–U+017F; "" marks × and ÷, which never reach this table.
constexpr std::array<char const*, 0xC0> kLatinFold = {
    // U+00C0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
    // U+0100
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};

// Pinyin tone marks outside Latin-1 and Extended-A: ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ (U+01CD–U+01DC), ǹ, ḿ.
char const* pinyin_fold(char32_t cp) noexcept {
  static constexpr std::array<char const*, 16> kPinyin = {
      "a", "a", "i", "i", "o", "o", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u"};
  if (cp >= 0x1CD && cp <= 0x1DC) return kPinyin[cp - 0x1CD];
  if (cp == 0x1F8 || cp == 0x1F9) return "n";
  if (cp == 0x1E3E || cp == 0x1E3F) return "m";
  return nullptr;
}

char32_t lower_simple(char32_t cp) noexcept {
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return cp + 0x20;  // Greek capitals
  if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;                  // Cyrillic А–Я
  if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;                  // Cyrillic Ѐ–Џ
  return cp;
}

int encode_utf8(char32_t cp, char* out) noexcept {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

// A word token being folded. Fixed storage: the tokenizer runs inside SQLite's C callbacks,
// where neither allocation failures nor exceptions may escape.
class WordBuffer {
 public:
  int size() const noexcept { return size_; }
  char const* data() const noexcept { return bytes_.data(); }

  // Appends the folded form of `cp`; past kMaxWordTokenBytes the rest of the word is dropped
  // (never half a character), identically for documents and queries.
  void append(char32_t cp) noexcept {
    char folded[4];
    char const* ascii = nullptr;
    int n = 0;
    if (cp < 0x80) {
      folded[0] = static_cast<char>((cp >= 'A' && cp <= 'Z') ? cp + 32 : cp);
      n = 1;
    } else if (cp >= 0xC0 && cp < 0x180) {
      ascii = kLatinFold[cp - 0xC0];
    } else if ((ascii = pinyin_fold(cp)) == nullptr) {
      n = encode_utf8(lower_simple(cp), folded);
    }
    if (ascii != nullptr) {
      for (; *ascii != '\0'; ++ascii) push(*ascii);
      return;
    }
    if (size_ + n > kMaxWordTokenBytes) {
      full_ = true;
      return;
    }
    for (int i = 0; i < n; ++i) push(folded[i]);
  }

  void reset() noexcept {
    size_ = 0;
    full_ = false;
  }

 private:
  void push(char c) noexcept {
    if (full_ || size_ >= kMaxWordTokenBytes) {
      full_ = true;
      return;
    }
    bytes_[static_cast<std::size_t>(size_++)] = c;
  }

  std::array<char, kMaxWordTokenBytes> bytes_{};
  int size_ = 0;
  bool full_ = false;
};

}  // namespace

int for_each_token(char const* text, int size, void* context, TokenSink sink) noexcept {
  if (text == nullptr || size <= 0) return 0;
  auto const* bytes = reinterpret_cast<unsigned char const*>(text);
  unsigned char const* end = bytes + size;
  WordBuffer word;
  int pos = 0;
  int previous_cjk_end = -1;  // end of the last CJK character, -1 after anything else
  while (pos < size) {
    Decoded d = decode_utf8(bytes + pos, end);
    if (d.cp == kInvalidCodePoint) {
      ++pos;
      previous_cjk_end = -1;
      continue;
    }
    CharClass cls = classify(fold_width(d.cp));
    if (cls == CharClass::word) {
      int const start = pos;
      word.reset();
      // A word runs on through letters, digits and combining marks (decomposed pinyin "a\u0304"
      // stays one word and loses its tone mark).
      while (pos < size) {
        d = decode_utf8(bytes + pos, end);
        if (d.cp == kInvalidCodePoint) break;
        char32_t const cp = fold_width(d.cp);
        cls = classify(cp);
        if (cls == CharClass::word) {
          word.append(cp);
        } else if (cls != CharClass::combining) {
          break;
        }
        pos += d.length;
      }
      previous_cjk_end = -1;
      if (word.size() > 0) {
        int const rc = sink(context, TextToken{TokenKind::word, word.data(), word.size(), start, pos, false});
        if (rc != 0) return rc;
      }
    } else if (cls == CharClass::cjk) {
      int const start = pos;
      pos += d.length;
      int const rc = sink(context, TextToken{TokenKind::cjk, text + start, d.length, start, pos, previous_cjk_end == start});
      if (rc != 0) return rc;
      previous_cjk_end = pos;
    } else {
      pos += d.length;
      previous_cjk_end = -1;
    }
  }
  return 0;
}

}  // namespace zhiku::text
