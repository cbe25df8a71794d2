// The character count rule (char_count.hpp). The code follows web/src/pages/proposals/charCount.ts
// function for function, over code points, so that the two stay easy to compare.
#include "core/char_count.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <utility>
#include <vector>

namespace zhiku {

namespace {

using Text = std::u32string;

// Code points that are not counted: inclusive ranges, sorted.
constexpr std::array<std::pair<char32_t, char32_t>, 21> kUncountedRanges = {{
    {0x0000, 0x0020},    // C0 controls and space
    {0x007F, 0x00A0},    // DEL, C1 controls, no-break space
    {0x00AD, 0x00AD},    // soft hyphen
    {0x0300, 0x036F},    // combining diacritical marks
    {0x061C, 0x061C},    // Arabic letter mark
    {0x115F, 0x1160},    // Hangul fillers
    {0x1680, 0x1680},    // Ogham space
    {0x180E, 0x180E},    // Mongolian vowel separator
    {0x2000, 0x200F},    // spaces, zero-width space and joiners, LRM, RLM
    {0x2028, 0x202F},    // line and paragraph separators, bidi embeddings, narrow no-break space
    {0x205F, 0x206F},    // medium mathematical space, word joiner, invisible operators, bidi isolates
    {0x3000, 0x3000},    // ideographic space
    {0x3164, 0x3164},    // Hangul filler
    {0xD800, 0xDFFF},    // surrogates (never in valid UTF-8; lone ones in JavaScript strings)
    {0xFE00, 0xFE0F},    // variation selectors
    {0xFEFF, 0xFEFF},    // byte order mark
    {0xFFA0, 0xFFA0},    // half-width Hangul filler
    {0x1D173, 0x1D17A},  // musical format controls
    {0xE0000, 0xE007F},  // tags
    {0xE0100, 0xE01EF},  // variation selectors supplement
    {0xE01F0, 0xE0FFF},  // unassigned, reserved for format characters
}};

Text decode(std::string_view s) {
  Text out;
  out.reserve(s.size());
  auto const* p = reinterpret_cast<unsigned char const*>(s.data());
  auto const* end = p + s.size();
  while (p < end) {
    unsigned const b0 = *p;
    int len = 0;
    char32_t cp = 0;
    if (b0 < 0x80) {
      len = 1;
      cp = b0;
    } else if (b0 >= 0xC2 && b0 < 0xE0) {
      len = 2;
      cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 < 0xF0) {
      len = 3;
      cp = b0 & 0x0F;
    } else if (b0 >= 0xF0 && b0 < 0xF5) {
      len = 4;
      cp = b0 & 0x07;
    }
    bool ok = len > 0 && end - p >= len;
    for (int i = 1; ok && i < len; ++i) {
      if ((p[i] & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    // Overlongs, surrogates and values past U+10FFFF are invalid too.
    if (ok && ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))))
      ok = false;
    if (!ok) {
      ++p;  // drop the byte
      continue;
    }
    out.push_back(cp);
    p += len;
  }
  return out;
}

void encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_space(char32_t c) { return c == U' ' || c == U'\t'; }
bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool is_ascii_letter(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }
bool is_ascii_punct(char32_t c) {
  return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
}

Text trim(Text const& s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

bool is_blank(Text const& s) { return std::all_of(s.begin(), s.end(), is_space); }

// A fence: ``` or ~~~ (at least three), after any indentation.
struct Fence {
  char32_t ch;
  std::size_t length;
};

std::optional<Fence> opening_fence(Text const& line) {
  std::size_t i = 0;
  while (i < line.size() && is_space(line[i])) ++i;
  if (i >= line.size() || (line[i] != U'`' && line[i] != U'~')) return std::nullopt;
  char32_t const ch = line[i];
  std::size_t n = 0;
  while (i + n < line.size() && line[i + n] == ch) ++n;
  if (n < 3) return std::nullopt;
  // ```code``` on one line is a code span, not a fence: a backtick fence's info string has none.
  if (ch == U'`' && line.find(U'`', i + n) != Text::npos) return std::nullopt;
  return Fence{ch, n};
}

bool is_closing_fence(Text const& line, Fence const& f) {
  Text t = trim(line);
  return t.size() >= f.length && std::all_of(t.begin(), t.end(), [&](char32_t c) { return c == f.ch; });
}

// A thematic break or setext underline: one of - * _ = repeated, spaces allowed between.
bool is_break_line(Text const& s) {
  char32_t ch = 0;
  bool any = false;
  for (char32_t c : s) {
    if (is_space(c)) continue;
    if (c != U'-' && c != U'*' && c != U'_' && c != U'=') return false;
    if (any && c != ch) return false;
    ch = c;
    any = true;
  }
  return any;
}

bool has_unescaped_pipe(Text const& s) {
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == U'\\') {
      ++i;
      continue;
    }
    if (s[i] == U'|') return true;
  }
  return false;
}

// A table's delimiter row: cells of :?-+:? separated by |, with at least one |.
bool is_delimiter_row(Text const& s) {
  Text t = trim(s);
  if (t.find(U'|') == Text::npos) return false;
  if (!t.empty() && t.front() == U'|') t.erase(0, 1);
  if (!t.empty() && t.back() == U'|') t.pop_back();
  std::size_t start = 0;
  int cells = 0;
  while (start <= t.size()) {
    std::size_t bar = t.find(U'|', start);
    if (bar == Text::npos) bar = t.size();
    Text cell = trim(t.substr(start, bar - start));
    std::size_t b = 0, e = cell.size();
    if (b < e && cell[b] == U':') ++b;
    if (e > b && cell[e - 1] == U':') --e;
    if (b >= e) return false;
    for (std::size_t i = b; i < e; ++i)
      if (cell[i] != U'-') return false;
    ++cells;
    start = bar + 1;
  }
  return cells > 0;
}

// [label]: destination (not a footnote [^1]: …, whose text is visible).
bool is_reference_definition(Text const& s) {
  if (s.empty() || s[0] != U'[' || (s.size() > 1 && s[1] == U'^')) return false;
  std::size_t i = 1;
  bool label = false;
  for (; i < s.size() && s[i] != U']'; ++i) {
    if (s[i] == U'\\') ++i;
    if (s[i] == U'[') return false;
    if (!is_space(s[i])) label = true;
  }
  if (!label || i + 1 >= s.size() || s[i + 1] != U':') return false;
  i += 2;
  while (i < s.size() && is_space(s[i])) ++i;
  return i < s.size();
}

// Removes container and heading markers from the start of a line.
Text strip_block_prefixes(Text const& line) {
  std::size_t i = 0;
  bool list_marker = false;
  for (;;) {
    while (i < line.size() && is_space(line[i])) ++i;
    if (i >= line.size()) return {};
    char32_t const c = line[i];
    if (c == U'>') {
      ++i;
      continue;
    }
    // "- - -" and "* * *" are thematic breaks, not nested list items.
    if (is_break_line(line.substr(i))) return line.substr(i);
    if ((c == U'-' || c == U'+' || c == U'*') && (i + 1 == line.size() || is_space(line[i + 1]))) {
      ++i;
      list_marker = true;
      continue;
    }
    if (is_digit(c)) {
      std::size_t j = i;
      while (j < line.size() && is_digit(line[j]) && j - i < 9) ++j;
      if (j < line.size() && (line[j] == U'.' || line[j] == U')') && (j + 1 == line.size() || is_space(line[j + 1]))) {
        i = j + 1;
        list_marker = true;
        continue;
      }
    }
    break;
  }
  if (list_marker && i + 2 < line.size() && line[i] == U'[' &&
      (line[i + 1] == U' ' || line[i + 1] == U'x' || line[i + 1] == U'X') && line[i + 2] == U']' &&
      (i + 3 == line.size() || is_space(line[i + 3]))) {
    i += 3;
    while (i < line.size() && is_space(line[i])) ++i;
  }
  Text rest = line.substr(i);
  // ATX heading: 1-6 #, then a space or the end; a closing run of # after a space goes too.
  std::size_t hashes = 0;
  while (hashes < rest.size() && rest[hashes] == U'#') ++hashes;
  if (hashes >= 1 && hashes <= 6 && (hashes == rest.size() || is_space(rest[hashes]))) {
    rest = trim(rest.substr(hashes));
    std::size_t e = rest.size();
    while (e > 0 && rest[e - 1] == U'#') --e;
    if (e == 0 || is_space(rest[e - 1])) rest = trim(rest.substr(0, e));
  }
  return rest;
}

// The end (index after ')' or ']') of a link starting with '[' at `open`, and its text.
struct LinkSpan {
  std::size_t text_begin, text_end, end;
};

std::optional<std::size_t> matching(Text const& s, std::size_t open, char32_t left, char32_t right) {
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    if (s[i] == U'\\') {
      ++i;
      continue;
    }
    if (s[i] == left) ++depth;
    if (s[i] == right && --depth == 0) return i;
  }
  return std::nullopt;
}

std::optional<LinkSpan> parse_link(Text const& s, std::size_t open) {
  auto close = matching(s, open, U'[', U']');
  if (!close || *close + 1 >= s.size()) return std::nullopt;
  std::size_t const after = *close + 1;
  if (s[after] == U'(') {
    auto end = matching(s, after, U'(', U')');
    if (!end) return std::nullopt;
    return LinkSpan{open + 1, *close, *end + 1};
  }
  if (s[after] == U'[') {
    auto end = matching(s, after, U'[', U']');
    if (!end) return std::nullopt;
    return LinkSpan{open + 1, *close, *end + 1};
  }
  return std::nullopt;
}

// <scheme:…> or <user@host>: the index of '>'.
std::optional<std::size_t> autolink_end(Text const& s, std::size_t open) {
  std::size_t j = open + 1;
  while (j < s.size() && s[j] != U'>' && s[j] != U'<' && !is_space(s[j])) ++j;
  if (j >= s.size() || s[j] != U'>' || j == open + 1) return std::nullopt;
  Text inner = s.substr(open + 1, j - open - 1);
  std::size_t colon = inner.find(U':');
  if (colon != Text::npos && colon >= 2 && colon <= 32 && is_ascii_letter(inner[0])) {
    bool scheme = true;
    for (std::size_t k = 1; k < colon; ++k) {
      char32_t c = inner[k];
      if (!(is_ascii_letter(c) || is_digit(c) || c == U'+' || c == U'.' || c == U'-')) scheme = false;
    }
    if (scheme) return j;
  }
  std::size_t at = inner.find(U'@');
  if (at != Text::npos && at > 0 && at + 1 < inner.size()) return j;
  return std::nullopt;
}

void inline_text(Text const& s, bool in_table, Text& out) {
  std::size_t i = 0;
  while (i < s.size()) {
    char32_t const c = s[i];
    if (c == U'\\') {
      if (i + 1 < s.size() && is_ascii_punct(s[i + 1])) {
        out.push_back(s[i + 1]);
        i += 2;
      } else if (i + 1 == s.size()) {
        ++i;  // a hard line break
      } else {
        out.push_back(c);
        ++i;
      }
      continue;
    }
    if (c == U'`') {
      std::size_t run = 0;
      while (i + run < s.size() && s[i + run] == U'`') ++run;
      // The closing run has exactly the same length.
      std::size_t j = i + run;
      std::optional<std::size_t> close;
      while (j < s.size()) {
        if (s[j] != U'`') {
          ++j;
          continue;
        }
        std::size_t n = 0;
        while (j + n < s.size() && s[j + n] == U'`') ++n;
        if (n == run) {
          close = j;
          break;
        }
        j += n;
      }
      if (close) {
        out.append(s, i + run, *close - i - run);
        i = *close + run;
      } else {
        i += run;
      }
      continue;
    }
    if (c == U'!' && i + 1 < s.size() && s[i + 1] == U'[') {
      if (auto link = parse_link(s, i + 1)) {
        i = link->end;
        continue;
      }
      out.push_back(c);
      ++i;
      continue;
    }
    if (c == U'[') {
      if (auto link = parse_link(s, i)) {
        inline_text(s.substr(link->text_begin, link->text_end - link->text_begin), in_table, out);
        i = link->end;
        continue;
      }
      out.push_back(c);
      ++i;
      continue;
    }
    if (c == U'<') {
      if (auto end = autolink_end(s, i)) {
        out.append(s, i + 1, *end - i - 1);
        i = *end + 1;
        continue;
      }
      out.push_back(c);
      ++i;
      continue;
    }
    if (c == U'*' || c == U'_' || c == U'~') {
      ++i;
      continue;
    }
    if (c == U'|' && in_table) {
      out.push_back(U' ');
      ++i;
      continue;
    }
    out.push_back(c);
    ++i;
  }
}

std::vector<Text> split_lines(Text const& s) {
  std::vector<Text> lines;
  Text cur;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char32_t c = s[i];
    if (c == U'\r') {
      if (i + 1 < s.size() && s[i + 1] == U'\n') ++i;
      c = U'\n';
    }
    if (c == U'\n') {
      lines.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  lines.push_back(std::move(cur));
  return lines;
}

Text visible(Text const& source) {
  std::vector<Text> const lines = split_lines(source);
  Text out;
  std::optional<Fence> fence;
  bool table = false;
  for (std::size_t n = 0; n < lines.size(); ++n) {
    Text const& line = lines[n];
    if (n > 0) out.push_back(U'\n');
    if (fence) {
      if (is_closing_fence(line, *fence))
        fence.reset();
      else
        out += line;
      continue;
    }
    if (auto f = opening_fence(line)) {
      fence = f;
      continue;
    }
    if (is_blank(line)) {
      table = false;
      continue;
    }
    Text rest = strip_block_prefixes(line);
    if (!table && has_unescaped_pipe(rest) && n + 1 < lines.size() &&
        is_delimiter_row(strip_block_prefixes(lines[n + 1])))
      table = true;
    if (table && is_delimiter_row(rest)) continue;
    if (is_break_line(rest) || is_reference_definition(rest)) continue;
    inline_text(rest, table, out);
  }
  return out;
}

}  // namespace

bool is_counted_char(char32_t cp) {
  auto it = std::lower_bound(kUncountedRanges.begin(), kUncountedRanges.end(), cp,
                             [](auto const& range, char32_t v) { return range.second < v; });
  return it == kUncountedRanges.end() || cp < it->first;
}

std::string markdown_visible_text(std::string_view source) {
  std::string out;
  for (char32_t cp : visible(decode(source))) encode(cp, out);
  return out;
}

std::size_t count_plain_chars(std::string_view text) {
  Text t = decode(text);
  return static_cast<std::size_t>(std::count_if(t.begin(), t.end(), is_counted_char));
}

std::size_t count_markdown_chars(std::string_view source) {
  Text t = visible(decode(source));
  return static_cast<std::size_t>(std::count_if(t.begin(), t.end(), is_counted_char));
}

}  // namespace zhiku
