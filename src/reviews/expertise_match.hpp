// The expertise match of a reviewer and a proposal: the score the matcher maximises
// (matching/assignment.hpp) and the words that made it, for the plan's "because" column
// ("因关键词 城市更新、韧性 匹配"). Pure: no I/O; the caller loads fields, keywords and texts.
//
// Score, 0..1000 (kMaxMatchScore):
//   fields   F ∈ [0,1]: the mean, over the proposal's fields, of the best credit any reviewer
//            field gives it: 1 when the reviewer field is that field or an ancestor of it (an
//            expert in 城乡规划学 covers 城市规划), kNarrowerFieldCredit when the reviewer field is
//            a descendant of it (a specialist inside the proposal's broader field), else 0.
//   keywords K ∈ [0,1]: each reviewer keyword contributes its best hit in the proposal —
//            the same as one of the proposal's keywords (1), one contains the other (0.7), in the
//            title (0.8), in the summary or body (0.5, 0.6 from three occurrences) — and the
//            contributions combine as K = 1 − Π(1 − kKeywordEvidence · hit): each further
//            keyword adds less, and K stays below 1.
//   score = round(1000 · (w_f·F + w_k·K) / (w_f + w_k)), where a proposal with no fields
//            leaves out the field term (its weight would only lower every reviewer alike).
// Matching of words follows search (core/text_tokens.hpp): a keyword is found in a text where
// its tokens occur in order, Chinese characters that are adjacent in the keyword adjacent in the
// text too (城市更新 is found in "推进城市更新行动", not in "城市，更新"); Latin words whole and
// case- and width-folded (AI = ai = ＡＩ, but not "air").
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/principal.hpp"

namespace zhiku {

inline constexpr int kMaxMatchScore = 1000;
inline constexpr double kNarrowerFieldCredit = 0.5;
inline constexpr double kKeywordEvidence = 0.6;

// The field taxonomy as the match needs it: which fields lie under which. Built from the
// descendant closure the caller has, or from parent links. Immutable once built; safe to share
// between threads.
class FieldClosure {
 public:
  FieldClosure() = default;
  // `descendants`: each field with every field below it (children, grandchildren, …).
  explicit FieldClosure(std::map<Id, std::set<Id>> descendants);
  // From (field, parent) links; a cycle (which the taxonomy forbids) ends the walk up.
  static FieldClosure from_parents(std::vector<std::pair<Id, std::optional<Id>>> const& links);

  // True when `narrow` is `broad` or lies below it.
  bool covers(Id broad, Id narrow) const;

 private:
  std::map<Id, std::set<Id>> descendants_;
};

// What a proposal is about.
struct ProposalTopic {
  std::vector<Id> field_ids;
  std::vector<std::string> keywords;
  std::string title;
  std::string text;  // summary and body; Markdown is fine (its punctuation separates words)
};

// What a reviewer knows.
struct ReviewerExpertise {
  std::vector<Id> field_ids;
  std::vector<std::string> keywords;
};

struct MatchWeights {
  double fields = 0.5;
  double keywords = 0.5;
};

// Where a reviewer keyword was found, strongest first.
enum class KeywordPlace { keyword, title, keyword_overlap, text };

struct FieldHit {
  Id proposal_field = 0;
  Id reviewer_field = 0;
  bool narrower = false;  // the reviewer's field lies below the proposal's (partial credit)
};

struct KeywordHit {
  std::string keyword;  // the reviewer's keyword as they wrote it
  KeywordPlace place = KeywordPlace::text;
  int occurrences = 0;  // in the text, for place == text
};

struct ExpertiseMatch {
  int score = 0;  // 0..kMaxMatchScore
  std::vector<FieldHit> fields;      // one per proposal field matched, in the proposal's order
  std::vector<KeywordHit> keywords;  // in the reviewer's order
};

// A proposal or a reviewer tokenized once, for matching against many.
class PreparedProposal;
class PreparedReviewer;

// Matches reviewers against proposals. Immutable; `match` may run on many threads at once.
class ExpertiseMatcher {
 public:
  explicit ExpertiseMatcher(FieldClosure taxonomy, MatchWeights weights = {});

  PreparedProposal prepare(ProposalTopic const& proposal) const;
  PreparedReviewer prepare(ReviewerExpertise const& reviewer) const;

  // The score and its reasons. Never throws except std::bad_alloc.
  ExpertiseMatch match(PreparedReviewer const& reviewer, PreparedProposal const& proposal) const;
  // match().score, for filling the round's score matrix.
  int score(PreparedReviewer const& reviewer, PreparedProposal const& proposal) const;

 private:
  FieldClosure taxonomy_;
  MatchWeights weights_;
};

// "因领域 城市规划 与关键词 城市更新、韧性 匹配", "因关键词 城市更新 匹配", "因领域 城市规划 匹配",
// or "无领域或关键词匹配". `field_name` gives the name of a field id (the proposal's field is named).
std::string describe_match(ExpertiseMatch const& match, std::map<Id, std::string> const& field_name);

// A token of a prepared text: the folded word or the character, and whether it joins the
// character before it (see core/text_tokens.hpp).
struct MatchToken {
  std::string text;
  bool joins_previous = false;
  std::uint64_t hash = 0;  // of text (FNV-1a): compared first, so most mismatches cost no string compare
  friend bool operator==(MatchToken const& a, MatchToken const& b) {
    return a.hash == b.hash && a.joins_previous == b.joins_previous && a.text == b.text;
  }
};

// FNV-1a of `text`, as MatchToken::hash.
std::uint64_t token_hash(std::string_view text);

// Tokens of `text` as the match sees them (exposed for tests and for highlighting).
std::vector<MatchToken> match_tokens(std::string_view text);

class PreparedProposal {
 public:
  PreparedProposal() = default;

 private:
  friend class ExpertiseMatcher;
  std::vector<Id> fields_;
  std::vector<std::vector<MatchToken>> keywords_;
  std::vector<MatchToken> title_;
  std::vector<MatchToken> text_;
  std::unordered_map<std::uint64_t, std::vector<int>> text_index_;   // token hash → positions in text_
  std::unordered_map<std::uint64_t, std::vector<int>> title_index_;  // token hash → positions in title_
};

class PreparedReviewer {
 public:
  PreparedReviewer() = default;

 private:
  friend class ExpertiseMatcher;
  std::vector<Id> fields_;
  std::vector<std::string> keyword_text_;
  std::vector<std::vector<MatchToken>> keywords_;
};

}  // namespace zhiku
