// The ranking of a round: each proposal's aggregate by the round's method, rank with a
// documented tie break, spread and disagreement, award tier; the uncertainty of each rank by
// bootstrap; and the ranks under all three methods side by side. Pure: the caller passes the
// round's rubric, tiers, proposals and submitted reviews, and stores what comes back.
//
// Per review: total = Σ weight × score over the rubric (rubric.hpp). A review counts ("valid")
// when it scores every criterion within its range; others are listed in Ranking::excluded.
//
// Methods (Aggregation):
//   mean          the mean of the proposal's valid totals.
//   trimmed_mean  with at least trim_from (5) valid reviews, the mean after dropping one highest
//                 and one lowest total (去掉一个最高分和一个最低分); with fewer, the mean.
//   z_score       each reviewer's totals are standardised over every valid review they gave in
//                 the round — z = (total − their mean) / their standard deviation (population,
//                 ÷ n) — and mapped back to the round's scale as round mean + z × round standard
//                 deviation (over all valid totals); the proposal's aggregate is the mean of
//                 these. A reviewer with fewer than min_reviews_to_standardise (3) valid reviews
//                 keeps their raw totals (too few to know their scale); one who gave the same
//                 total to every proposal is mapped to the round mean (their reviews carry no
//                 order). A uniformly harsh or lenient reviewer's offset and stretch disappear.
//                 Values may leave [0, max total]; they are not clamped (clamping would reorder).
//
// Ranked: proposals with at least min_reviews valid reviews, ordered by (the tie break):
//   1. aggregate, higher first (values equal to 6 decimals are equal);
//   2. the mean score of each rubric criterion in the rubric's order, higher first;
//   3. more valid reviews first;
//   4. the lower proposal id first.
// Each ranked proposal says which of these decided its place against the one above it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/principal.hpp"
#include "reviews/rubric.hpp"

namespace zhiku {

enum class Aggregation { mean, trimmed_mean, z_score };
inline constexpr Aggregation kAllAggregations[] = {Aggregation::mean, Aggregation::trimmed_mean, Aggregation::z_score};

std::string_view to_string(Aggregation a);  // "mean", "trimmed_mean", "z_score"
std::optional<Aggregation> aggregation_from_string(std::string_view s);

// What to do when proposals with equal aggregates straddle a tier boundary.
enum class BoundaryTies {
  break_ties,        // the tie break decides (the default); both are flagged boundary_tie
  share_higher_tier  // all of them take the higher tier, which grows; later boundaries stay put
};

struct RankingOptions {
  Aggregation method = Aggregation::mean;
  int min_reviews = 3;                // valid reviews a proposal needs to be ranked
  double disagreement_spread = 20;    // flag when max − min total exceeds this (points of the total)
  int trim_from = 5;                  // trimmed_mean: reviews needed to drop the extremes
  int min_reviews_to_standardise = 3; // z_score
  BoundaryTies boundary_ties = BoundaryTies::break_ties;
};

struct ReviewScores {
  Id proposal = 0;
  Id reviewer = 0;
  std::vector<std::optional<double>> scores;  // one per rubric criterion, in order
};

// Which key of the tie break placed a proposal below the one ranked just above it.
enum class DecidedBy { first, aggregate, criterion, review_count, proposal_id };

struct RankedProposal {
  Id proposal = 0;
  int review_count = 0;              // valid reviews
  std::vector<double> totals;        // their weighted totals, ascending
  std::vector<double> values;        // what the method averages (totals, or z_score's mapped values), ascending
  double aggregate = 0;              // 0 when unranked with no reviews
  double mean_total = 0;             // the plain mean of totals, for reference
  double spread = 0;                 // max − min total
  double stddev = 0;                 // population standard deviation of totals
  bool disagreement = false;         // spread > disagreement_spread
  bool trimmed = false;              // trimmed_mean dropped the extremes
  std::vector<double> criterion_means;  // per criterion over valid reviews (empty with none)
  std::optional<int> rank;           // 1-based; nullopt when unranked
  std::string unranked_reason;       // Chinese, when unranked ("有效评审 2 份，少于 3 份")
  std::optional<int> tier;           // index into AwardTiers::tiers
  DecidedBy decided_by = DecidedBy::first;
  int decided_by_criterion = -1;     // for DecidedBy::criterion: its index
  // Its aggregate equals that of a proposal on the other side of a tier boundary as the tier
  // sizes drew it (before share_higher_tier moved the boundary): the UI says "同分".
  bool boundary_tie = false;
};

struct ExcludedReview {
  Id proposal = 0;
  Id reviewer = 0;
  std::string reason;  // Chinese
};

// z_score: how each reviewer's totals were scaled.
struct ReviewerScale {
  Id reviewer = 0;
  int reviews = 0;
  double mean = 0;
  double stddev = 0;
  bool standardised = false;  // false: fewer than min_reviews_to_standardise, raw totals kept
};

struct Ranking {
  Aggregation method = Aggregation::mean;
  // Ranked proposals in rank order, then the unranked by id.
  std::vector<RankedProposal> proposals;
  std::vector<ExcludedReview> excluded;
  std::vector<ReviewerScale> reviewers;  // z_score only, by reviewer id
  double round_mean = 0;                 // z_score: over all valid totals
  double round_stddev = 0;
  std::string method_rule;     // the method in one Chinese sentence, with the standardisation rule
  std::string tie_break_rule;  // the tie break in one Chinese sentence, criteria named
  int ranked_count() const;
};

// Ranks `proposals` (every proposal in the round; those without reviews appear unranked) from
// `reviews`. A review of a proposal not listed, a second review by the same reviewer of the
// same proposal, or one failing score_errors is excluded with its reason.
// REQUIRES: rubric and tiers valid (validate_round_rules). Deterministic; never throws except
// std::bad_alloc.
Ranking rank_proposals(Rubric const& rubric, AwardTiers const& tiers, std::vector<Id> const& proposals,
                       std::vector<ReviewScores> const& reviews, RankingOptions const& options = {});

// The rank interval and tier chances of each ranked proposal, from resampling its reviews.
//
// Each resample draws, for every ranked proposal, as many of its values (Ranking's `values`:
// the method's inputs, so z_score's reviewer scaling is held fixed) as it has, with
// replacement, and aggregates them by the ranking's method; ranks all proposals by that
// (ties in the resample keep the ranking's order); and gives tiers by the same sizes. Over
// `resamples` resamples: the interval holds the central `level` of the ranks (with B resamples
// sorted, the ones at index floor((1−level)/2 · B) and ceil((1+level)/2 · B) − 1), and each
// tier's probability is the share of resamples that put the proposal in it.
// Random draws come from SeededRandom (core/seeded_random.hpp), one stream per proposal id
// under `seed`, so the result is the same on every platform and a proposal's draws do not
// change when others are added.
struct BootstrapOptions {
  int resamples = 2000;
  std::uint64_t seed = 20261202;
  double level = 0.90;
};

struct RankUncertainty {
  Id proposal = 0;
  int rank = 0;        // the ranking's own
  int rank_low = 0;    // best rank in the interval
  int rank_high = 0;   // worst rank in the interval
  double median_rank = 0;
  std::vector<double> tier_probability;  // per tier, then one more: no tier
};

// In rank order. REQUIRES: `ranking` came from rank_proposals with `tiers`; resamples > 0;
// 0 < level < 1.
std::vector<RankUncertainty> bootstrap_ranks(Ranking const& ranking, AwardTiers const& tiers,
                                             RankingOptions const& options, BootstrapOptions const& bootstrap = {});

// One proposal under the three methods (index by the order of kAllAggregations).
struct MethodComparisonRow {
  Id proposal = 0;
  std::optional<int> rank[3];
  std::optional<int> tier[3];
  bool tier_changes = false;  // the tier differs between at least two methods
  int rank_shift = 0;         // largest rank difference between two methods (ranked in all)
};

// The ranking under each method with the same rubric, tiers, reviews and options; rows in the
// order of options.method's ranking (then unranked by id).
std::vector<MethodComparisonRow> compare_methods(Rubric const& rubric, AwardTiers const& tiers,
                                                 std::vector<Id> const& proposals,
                                                 std::vector<ReviewScores> const& reviews,
                                                 RankingOptions const& options = {});

}  // namespace zhiku
