// Character bigrams over the visible text, as the search index sees it (core/text_tokens).
#include "proposals/proposal_similarity.hpp"

#include <algorithm>

#include "core/char_count.hpp"
#include "core/text_tokens.hpp"

namespace zhiku {

namespace {

struct Char {
  char32_t cp;
  bool cjk;
  std::string_view bytes;
};

// The letters, digits and CJK characters of the text, folded (case, width); nullopt-like
// separators as cp 0 so that bigrams do not span them.
std::vector<Char> visible_chars(std::string const& text) {
  std::vector<Char> out;
  auto const* p = reinterpret_cast<unsigned char const*>(text.data());
  auto const* end = p + text.size();
  while (p < end) {
    auto d = text::decode_utf8(p, end);
    std::string_view bytes(reinterpret_cast<char const*>(p), static_cast<size_t>(d.length));
    p += d.length;
    if (d.cp == text::kInvalidCodePoint) {
      out.push_back({0, false, {}});
      continue;
    }
    char32_t cp = text::fold_width(d.cp);
    auto cls = text::classify(cp);
    if (cls == text::CharClass::combining) continue;
    if (cls == text::CharClass::separator) {
      if (!out.empty() && out.back().cp != 0) out.push_back({0, false, {}});
      continue;
    }
    if (cp < 0x80 && cp >= 'A' && cp <= 'Z') cp = cp - 'A' + 'a';
    out.push_back({cp, cls == text::CharClass::cjk, bytes});
  }
  return out;
}

}  // namespace

TextShingles shingles_of(std::string_view markdown) {
  auto chars = visible_chars(markdown_visible_text(markdown));
  TextShingles s;
  for (size_t i = 1; i < chars.size(); ++i)
    if (chars[i - 1].cp != 0 && chars[i].cp != 0)
      s.bigrams.push_back((static_cast<std::uint64_t>(chars[i - 1].cp) << 32) | chars[i].cp);
  std::sort(s.bigrams.begin(), s.bigrams.end());
  s.bigrams.erase(std::unique(s.bigrams.begin(), s.bigrams.end()), s.bigrams.end());
  return s;
}

double similarity(TextShingles const& a, TextShingles const& b) {
  if (a.bigrams.empty() && b.bigrams.empty()) return 0.0;
  size_t common = 0;
  auto i = a.bigrams.begin(), j = b.bigrams.begin();
  while (i != a.bigrams.end() && j != b.bigrams.end()) {
    if (*i < *j)
      ++i;
    else if (*j < *i)
      ++j;
    else {
      ++common;
      ++i;
      ++j;
    }
  }
  size_t all = a.bigrams.size() + b.bigrams.size() - common;
  return static_cast<double>(common) / static_cast<double>(all);
}

std::string candidate_query(std::string_view markdown, std::size_t n) {
  std::string const text = markdown_visible_text(markdown);
  auto chars = visible_chars(text);
  std::vector<std::string> grams;
  for (size_t i = 1; i < chars.size(); ++i)
    if (chars[i - 1].cjk && chars[i].cjk) {
      std::string g(chars[i - 1].bytes);
      g += chars[i].bytes;
      grams.push_back(std::move(g));
    }
  std::vector<std::string> picked;
  if (!grams.empty()) {
    size_t const step = std::max<size_t>(1, grams.size() / n);
    for (size_t i = 0; i < grams.size() && picked.size() < n; i += step)
      if (std::find(picked.begin(), picked.end(), grams[i]) == picked.end()) picked.push_back(grams[i]);
  }
  std::string q;
  for (auto const& g : picked) {
    if (!q.empty()) q += " OR ";
    q += '"' + g + '"';
  }
  return q;
}

}  // namespace zhiku
