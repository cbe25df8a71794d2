// The expertise match: fields through the taxonomy, keywords through the project's tokens.
#include "reviews/expertise_match.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "core/text_tokens.hpp"

namespace zhiku {
namespace {

constexpr double kHitKeyword = 1.0;
constexpr double kHitTitle = 0.8;
constexpr double kHitOverlap = 0.7;
constexpr double kHitText = 0.5;
constexpr double kHitTextOften = 0.6;
constexpr int kOftenInText = 3;

double strength(KeywordPlace place, int occurrences) {
  switch (place) {
    case KeywordPlace::keyword: return kHitKeyword;
    case KeywordPlace::title: return kHitTitle;
    case KeywordPlace::keyword_overlap: return kHitOverlap;
    case KeywordPlace::text: return occurrences >= kOftenInText ? kHitTextOften : kHitText;
  }
  return 0;
}

using TokenIndex = std::unordered_map<std::uint64_t, std::vector<int>>;

TokenIndex index_of(std::vector<MatchToken> const& tokens) {
  TokenIndex index;
  for (std::size_t i = 0; i < tokens.size(); ++i) index[tokens[i].hash].push_back(static_cast<int>(i));
  return index;
}

// Whether `needle` occurs in `hay` at `at`: same tokens in order, and characters that are
// adjacent in the needle adjacent in the hay.
bool occurs_at(std::vector<MatchToken> const& needle, std::vector<MatchToken> const& hay, std::size_t at) {
  if (at + needle.size() > hay.size()) return false;
  for (std::size_t j = 0; j < needle.size(); ++j) {
    MatchToken const& n = needle[j];
    MatchToken const& h = hay[at + j];
    if (n.hash != h.hash || n.text != h.text) return false;
    if (j > 0 && n.joins_previous && !h.joins_previous) return false;
  }
  return true;
}

int count_in(std::vector<MatchToken> const& needle, std::vector<MatchToken> const& hay, TokenIndex const& index) {
  if (needle.empty()) return 0;
  auto const it = index.find(needle.front().hash);
  if (it == index.end()) return 0;
  int n = 0;
  for (int at : it->second) n += occurs_at(needle, hay, static_cast<std::size_t>(at)) ? 1 : 0;
  return n;
}

bool contains(std::vector<MatchToken> const& hay, std::vector<MatchToken> const& needle) {
  for (std::size_t at = 0; at + needle.size() <= hay.size(); ++at) {
    if (occurs_at(needle, hay, at)) return true;
  }
  return false;
}

// A keyword too short to stand for a topic when found inside another: one Chinese character.
bool too_short_to_contain(std::vector<MatchToken> const& tokens) {
  return tokens.size() == 1 && !tokens.front().text.empty() && static_cast<unsigned char>(tokens.front().text[0]) >= 0x80 &&
         tokens.front().text.size() <= 4;
}

// The ids once each, in their first order.
std::vector<Id> distinct(std::vector<Id> const& ids) {
  std::vector<Id> out;
  for (Id id : ids) {
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  }
  return out;
}

int as_score(double value) {
  return static_cast<int>(std::lround(std::clamp(value, 0.0, 1.0) * kMaxMatchScore));
}

}  // namespace

FieldClosure::FieldClosure(std::map<Id, std::set<Id>> descendants) : descendants_(std::move(descendants)) {}

FieldClosure FieldClosure::from_parents(std::vector<std::pair<Id, std::optional<Id>>> const& links) {
  std::map<Id, std::optional<Id>> parent(links.begin(), links.end());
  std::map<Id, std::set<Id>> descendants;
  for (auto const& [field, first_parent] : links) {
    std::set<Id> seen{field};
    for (std::optional<Id> up = first_parent; up && seen.insert(*up).second;) {
      descendants[*up].insert(field);
      auto const next = parent.find(*up);
      up = next == parent.end() ? std::nullopt : next->second;
    }
  }
  return FieldClosure(std::move(descendants));
}

bool FieldClosure::covers(Id broad, Id narrow) const {
  if (broad == narrow) return true;
  auto const it = descendants_.find(broad);
  return it != descendants_.end() && it->second.count(narrow) > 0;
}

std::uint64_t token_hash(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

std::vector<MatchToken> match_tokens(std::string_view text) {
  std::vector<MatchToken> tokens;
  auto sink = [&tokens](text::TextToken const& t) noexcept {
    try {
      std::string_view const text(t.data, static_cast<std::size_t>(t.size));
      tokens.push_back(MatchToken{std::string(text), t.joins_previous, token_hash(text)});
    } catch (...) {
      return 1;  // out of memory: stop; the caller sees fewer tokens
    }
    return 0;
  };
  if (text::for_each_token(text, sink) != 0) throw std::bad_alloc();
  return tokens;
}

ExpertiseMatcher::ExpertiseMatcher(FieldClosure taxonomy, MatchWeights weights)
    : taxonomy_(std::move(taxonomy)), weights_(weights) {
  if (!(weights.fields >= 0) || !(weights.keywords >= 0) || !(weights.fields + weights.keywords > 0)) {
    throw std::invalid_argument("match weights must be non-negative and not both zero");
  }
}

PreparedProposal ExpertiseMatcher::prepare(ProposalTopic const& proposal) const {
  PreparedProposal out;
  out.fields_ = distinct(proposal.field_ids);
  for (auto const& k : proposal.keywords) {
    auto tokens = match_tokens(k);
    if (!tokens.empty()) out.keywords_.push_back(std::move(tokens));
  }
  out.title_ = match_tokens(proposal.title);
  out.text_ = match_tokens(proposal.text);
  out.title_index_ = index_of(out.title_);
  out.text_index_ = index_of(out.text_);
  return out;
}

PreparedReviewer ExpertiseMatcher::prepare(ReviewerExpertise const& reviewer) const {
  PreparedReviewer out;
  out.fields_ = distinct(reviewer.field_ids);
  for (auto const& k : reviewer.keywords) {
    auto tokens = match_tokens(k);
    if (tokens.empty() || std::find(out.keywords_.begin(), out.keywords_.end(), tokens) != out.keywords_.end()) continue;
    out.keywords_.push_back(std::move(tokens));
    out.keyword_text_.push_back(k);
  }
  return out;
}

ExpertiseMatch ExpertiseMatcher::match(PreparedReviewer const& reviewer, PreparedProposal const& proposal) const {
  ExpertiseMatch out;
  double field_sum = 0;
  for (Id pf : proposal.fields_) {
    std::optional<FieldHit> best;
    for (Id rf : reviewer.fields_) {
      if (taxonomy_.covers(rf, pf)) {
        if (!best || best->narrower || rf == pf) best = FieldHit{pf, rf, false};
      } else if (!best && taxonomy_.covers(pf, rf)) {
        best = FieldHit{pf, rf, true};
      }
    }
    if (!best) continue;
    field_sum += best->narrower ? kNarrowerFieldCredit : 1.0;
    out.fields.push_back(*best);
  }

  double miss = 1.0;  // Π(1 − evidence · hit)
  for (std::size_t i = 0; i < reviewer.keywords_.size(); ++i) {
    auto const& kw = reviewer.keywords_[i];
    std::optional<KeywordHit> hit;
    auto consider = [&](KeywordPlace place, int occurrences) {
      if (!hit || strength(place, occurrences) > strength(hit->place, hit->occurrences)) {
        hit = KeywordHit{reviewer.keyword_text_[i], place, occurrences};
      }
    };
    for (auto const& pk : proposal.keywords_) {
      if (pk == kw) {
        consider(KeywordPlace::keyword, 0);
        break;
      }
      if ((!too_short_to_contain(kw) && contains(pk, kw)) || (!too_short_to_contain(pk) && contains(kw, pk))) {
        consider(KeywordPlace::keyword_overlap, 0);
      }
    }
    if (!hit || hit->place != KeywordPlace::keyword) {
      if (count_in(kw, proposal.title_, proposal.title_index_) > 0) consider(KeywordPlace::title, 0);
      if (int const n = count_in(kw, proposal.text_, proposal.text_index_); n > 0) consider(KeywordPlace::text, n);
    }
    if (!hit) continue;
    miss *= 1.0 - kKeywordEvidence * strength(hit->place, hit->occurrences);
    out.keywords.push_back(std::move(*hit));
  }

  double const k_part = 1.0 - miss;
  if (proposal.fields_.empty()) {
    out.score = as_score(k_part);
  } else {
    double const f_part = field_sum / static_cast<double>(proposal.fields_.size());
    out.score = as_score((weights_.fields * f_part + weights_.keywords * k_part) / (weights_.fields + weights_.keywords));
  }
  return out;
}

int ExpertiseMatcher::score(PreparedReviewer const& reviewer, PreparedProposal const& proposal) const {
  return match(reviewer, proposal).score;
}

std::string describe_match(ExpertiseMatch const& match, std::map<Id, std::string> const& field_name) {
  auto join = [](std::vector<std::string> const& parts) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (i > 0) out += "、";
      out += parts[i];
    }
    return out;
  };
  std::vector<std::string> fields;
  for (FieldHit const& hit : match.fields) {
    auto const it = field_name.find(hit.proposal_field);
    // Appended, not "#" + to_string(…): GCC 12 at -O3 warns (-Wrestrict, a false positive) on that.
    fields.push_back(it != field_name.end() ? it->second : std::string("#").append(std::to_string(hit.proposal_field)));
  }
  std::vector<std::string> keywords;
  for (KeywordHit const& hit : match.keywords) keywords.push_back(hit.keyword);
  if (fields.empty() && keywords.empty()) return "无领域或关键词匹配";
  std::string out = "因";
  if (!fields.empty()) out += "领域 " + join(fields);
  if (!fields.empty() && !keywords.empty()) out += " 与";
  if (!keywords.empty()) out += "关键词 " + join(keywords);
  return out + " 匹配";
}

}  // namespace zhiku
