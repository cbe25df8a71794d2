// How alike two proposals' texts are, for the screening queue's "possible duplicates": the
// Jaccard index of their sets of character bigrams (two neighbouring letters, digits or CJK
// characters of the visible text; punctuation, spaces and Markdown syntax do not count). Near
// copies score close to 1, texts on the same theme in their own words well under 0.5.
// Pure and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace zhiku {

// A text read for comparison: its bigrams, sorted and unique.
struct TextShingles {
  std::vector<std::uint64_t> bigrams;
};

// The bigrams of a Markdown text's visible characters.
TextShingles shingles_of(std::string_view markdown);

// |a ∩ b| / |a ∪ b|, 0 when both are empty.
double similarity(TextShingles const& a, TextShingles const& b);

// Up to `n` distinct CJK bigrams of the text, spread evenly over it, as an FTS5 query that
// matches any of them ("城市" OR "更新" …) for the zhiku_cjk index; "" when the text has none.
std::string candidate_query(std::string_view markdown, std::size_t n = 16);

// Proposals this similar or more are listed as possible duplicates.
inline constexpr double kDuplicateSimilarity = 0.6;

}  // namespace zhiku
