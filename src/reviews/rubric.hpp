// A round's rubric (the criteria reviewers score) and award tiers (一等奖 …), with their
// validation. Plain data and pure functions; messages are Chinese and name the criterion.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace zhiku {

inline constexpr std::size_t kMaxCriteria = 20;
inline constexpr std::size_t kMaxCriterionNameChars = 30;
inline constexpr std::size_t kMaxCriterionDescriptionChars = 500;
inline constexpr double kMaxCriterionWeight = 100;
inline constexpr double kMaxCriterionScore = 1000;

struct Criterion {
  std::string name;         // "针对性"
  std::string description;  // what the reviewer judges
  double weight = 1;        // > 0; the review's total is Σ weight × score
  double max_score = 20;    // > 0; scores run from 0 to it
  bool half_points = false; // scores may end in .5 (else whole points only)
  friend bool operator==(Criterion const&, Criterion const&) = default;
};

struct Rubric {
  std::vector<Criterion> criteria;
  friend bool operator==(Rubric const&, Rubric const&) = default;
};

// The five qualities provincial associations use for think-tank suggestions, 20 points each
// with weight 1, so the total is out of 100: 针对性, 科学性, 超前性, 可操作性, 时效性.
Rubric default_rubric();

// Σ weight × max_score: the highest total a review can give.
double max_total(Rubric const& rubric);

// Every problem with the rubric, fields named "criteria[i].name" and so on (under `prefix.`
// when given): 1 to kMaxCriteria criteria; names 1..30 characters and distinct; descriptions up
// to 500; weight in (0, 100]; max_score in (0, 1000], a whole number, or a multiple of 0.5 when
// half points are allowed. Empty when valid.
std::vector<FieldError> rubric_errors(Rubric const& rubric, std::string_view prefix = "");

// Every problem with one review's scores (one per criterion, in order; nullopt = not given):
// "scores[i]" with the criterion named ("「科学性」须为 0 至 20 之间的整数"). Empty when valid.
// REQUIRES: the rubric is valid.
std::vector<FieldError> score_errors(Rubric const& rubric, std::vector<std::optional<double>> const& scores,
                                     std::string_view prefix = "scores");

// Σ weight × score. REQUIRES: score_errors is empty.
double weighted_total(Rubric const& rubric, std::vector<std::optional<double>> const& scores);

// Award tiers: the first `count` (or `share` of the ranked proposals) get the first tier, the
// next the second, and so on; the rest none.
enum class TierBasis { count, share };

struct AwardTier {
  std::string name;  // "一等奖"
  int count = 0;     // basis count: how many
  double share = 0;  // basis share: what fraction of the ranked proposals, in (0, 1]
  friend bool operator==(AwardTier const&, AwardTier const&) = default;
};

struct AwardTiers {
  TierBasis basis = TierBasis::count;
  std::vector<AwardTier> tiers;
  friend bool operator==(AwardTiers const&, AwardTiers const&) = default;
};

// 一等奖 6, 二等奖 10, 三等奖 20, 优秀奖 14, by count.
AwardTiers default_award_tiers();

// Every problem: at most 10 tiers; names 1..20 characters and distinct; by count each count in
// 0..10,000; by share each share in (0, 1] and all together at most 1. Fields "tiers[i].count".
std::vector<FieldError> award_tier_errors(AwardTiers const& tiers, std::string_view prefix = "");

// How many of `ranked` proposals each tier takes, in order. By count: the counts, cut off when
// the proposals run out. By share: tier j ends at floor(cumulative share_j × ranked), so the
// rounding never drifts (three tiers of 1/3 of 10 proposals take 3, 3 and 4).
// REQUIRES: valid tiers.
std::vector<int> tier_sizes(AwardTiers const& tiers, int ranked);

// Throws Error::invalid_fields with every problem (rubric and tiers together) when any.
void validate_round_rules(Rubric const& rubric, AwardTiers const& tiers);

}  // namespace zhiku
