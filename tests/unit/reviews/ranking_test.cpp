#include "reviews/ranking.hpp"

#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/chinese_text.hpp"

using namespace zhiku;
using Catch::Detail::Approx;

namespace {

// One criterion out of 100, so a review's total is its score.
Rubric one_criterion() { return Rubric{{{"总体", "", 1, 100, false}}}; }

AwardTiers no_tiers() { return AwardTiers{}; }

// Reviews of proposal `p`: one per total, by reviewers 100, 101, …
void add_reviews(std::vector<ReviewScores>& out, Id p, std::vector<double> const& totals, Id first_reviewer = 100) {
  Id reviewer = first_reviewer;
  for (double t : totals) out.push_back({p, reviewer++, {t}});
}

RankedProposal const& find(Ranking const& r, Id id) {
  for (auto const& p : r.proposals) {
    if (p.proposal == id) return p;
  }
  FAIL("no proposal " << id);
  return r.proposals.front();
}

std::vector<Id> order_of(Ranking const& r) {
  std::vector<Id> out;
  for (auto const& p : r.proposals) {
    if (p.rank) out.push_back(p.proposal);
  }
  return out;
}

}  // namespace

TEST_CASE("mean: hand-computed aggregates, spread, disagreement, too few reviews", "[reviews][ranking]") {
  std::vector<ReviewScores> reviews;
  add_reviews(reviews, 1, {80, 90, 70});  // mean 80, spread 20
  add_reviews(reviews, 2, {85, 85, 85});  // mean 85
  add_reviews(reviews, 3, {60, 100});     // two reviews: not ranked
  RankingOptions options;
  options.disagreement_spread = 15;
  Ranking const r = rank_proposals(one_criterion(), no_tiers(), {1, 2, 3, 4}, reviews, options);
  CHECK(order_of(r) == std::vector<Id>{2, 1});
  RankedProposal const& a = find(r, 1);
  CHECK(a.aggregate == 80);
  CHECK(a.rank == 2);
  CHECK(a.review_count == 3);
  CHECK(a.spread == 20);
  CHECK(a.stddev == Approx(8.164966));
  CHECK(a.disagreement);
  CHECK(a.decided_by == DecidedBy::aggregate);
  CHECK(a.criterion_means == std::vector<double>{80});
  CHECK_FALSE(find(r, 2).disagreement);
  RankedProposal const& c = find(r, 3);
  CHECK_FALSE(c.rank);
  CHECK(c.aggregate == 80);  // computed and shown, just not ranked
  CHECK(c.unranked_reason == "有效评审 2 份，少于 3 份");
  CHECK(find(r, 4).unranked_reason == "尚无有效评审");
  // Ranked first in rank order, then the unranked by id.
  CHECK(r.proposals[2].proposal == 3);
  CHECK(r.proposals[3].proposal == 4);
  CHECK(test::has_cjk(r.method_rule));
  CHECK(test::has_cjk(r.tie_break_rule));
}

TEST_CASE("trimmed mean drops one highest and one lowest from five reviews on", "[reviews][ranking]") {
  std::vector<ReviewScores> reviews;
  add_reviews(reviews, 1, {40, 85, 85, 85, 85});  // mean 76, trimmed (85 + 85 + 85) / 3 = 85
  add_reviews(reviews, 2, {80, 80, 80, 80, 80});  // 80 either way
  add_reviews(reviews, 3, {40, 90, 90, 90});      // four reviews: not trimmed, 77.5
  RankingOptions options;
  options.method = Aggregation::trimmed_mean;
  Ranking const t = rank_proposals(one_criterion(), no_tiers(), {1, 2, 3}, reviews, options);
  CHECK(find(t, 1).aggregate == 85);
  CHECK(find(t, 1).trimmed);
  CHECK(find(t, 2).aggregate == 80);
  CHECK(find(t, 3).aggregate == 77.5);
  CHECK_FALSE(find(t, 3).trimmed);
  CHECK(order_of(t) == std::vector<Id>{1, 2, 3});
  Ranking const m = rank_proposals(one_criterion(), no_tiers(), {1, 2, 3}, reviews);
  CHECK(order_of(m) == std::vector<Id>{2, 3, 1});
  CHECK(find(m, 1).aggregate == 76);
}

TEST_CASE("z-score undoes a harsh reviewer who saw only some proposals", "[reviews][ranking]") {
  // True merit 80 > 75 > 70 > 65. Fair reviewers 1 and 2 review all four as they are; the harsh
  // reviewer 3 gives proposals 1–3 thirty points less; fair reviewer 4 reviews 2–4.
  std::vector<ReviewScores> reviews;
  std::map<Id, double> const merit = {{1, 80}, {2, 75}, {3, 70}, {4, 65}};
  for (Id p : {1, 2, 3, 4}) {
    reviews.push_back({p, 1, {merit.at(p)}});
    reviews.push_back({p, 2, {merit.at(p)}});
  }
  for (Id p : {1, 2, 3}) reviews.push_back({p, 3, {merit.at(p) - 30}});
  for (Id p : {2, 3, 4}) reviews.push_back({p, 4, {merit.at(p)}});

  // Mean: 1: 70, 2: 67.5, 3: 62.5, 4: 65 — the harsh reviewer pushes 3 below 4.
  Ranking const mean = rank_proposals(one_criterion(), no_tiers(), {1, 2, 3, 4}, reviews);
  CHECK(find(mean, 3).aggregate == 62.5);
  CHECK(find(mean, 4).aggregate == 65);
  CHECK(order_of(mean) == std::vector<Id>{1, 2, 4, 3});

  RankingOptions options;
  options.method = Aggregation::z_score;
  Ranking const z = rank_proposals(one_criterion(), no_tiers(), {1, 2, 3, 4}, reviews, options);
  CHECK(order_of(z) == std::vector<Id>{1, 2, 3, 4});
  // By hand: reviewers 1, 2 on (80, 75, 70, 65): mean 72.5, sd √31.25; z = ±1.3416, ±0.4472.
  // Reviewers 3 (50, 45, 40) and 4 (75, 70, 65): sd √(50/3); z = 1.2247, 0, −1.2247.
  // Mean z: 1: (2·1.3416 + 1.2247)/3 = 1.302675; 2: (2·0.4472 + 0 + 1.2247)/4 = 0.529793.
  // All 14 totals: mean 925/14, population sd 12.127091; aggregate = mean + z̄ · sd.
  double const round_mean = 925.0 / 14;
  CHECK(z.round_mean == Approx(round_mean));
  double const sd = z.round_stddev;
  CHECK(sd == Approx(12.127091).epsilon(1e-6));
  CHECK(find(z, 1).aggregate == Approx(round_mean + 1.302675 * sd).epsilon(1e-5));
  CHECK(find(z, 2).aggregate == Approx(round_mean + 0.529793 * sd).epsilon(1e-5));
  CHECK(find(z, 3).aggregate == Approx(round_mean - 0.529793 * sd).epsilon(1e-5));
  CHECK(find(z, 4).aggregate == Approx(round_mean - 1.302675 * sd).epsilon(1e-5));
  REQUIRE(z.reviewers.size() == 4);
  CHECK(z.reviewers[2].reviewer == 3);
  CHECK(z.reviewers[2].mean == 45);
  CHECK(z.reviewers[2].standardised);
}

TEST_CASE("z-score maps a reviewer who differs only by offset and stretch onto the same values", "[reviews][ranking]") {
  // Reviewer 2 gives every proposal half of reviewer 1's total minus 10: the same order.
  std::vector<ReviewScores> reviews;
  for (auto [p, t] : std::vector<std::pair<Id, double>>{{1, 90}, {2, 70}, {3, 60}, {4, 40}}) {
    reviews.push_back({p, 1, {t}});
    reviews.push_back({p, 2, {t / 2 - 10}});
  }
  RankingOptions options;
  options.method = Aggregation::z_score;
  options.min_reviews = 2;
  Ranking const z = rank_proposals(one_criterion(), no_tiers(), {1, 2, 3, 4}, reviews, options);
  for (auto const& p : z.proposals) {
    REQUIRE(p.values.size() == 2);
    CHECK(p.values[0] == Approx(p.values[1]));
  }
  CHECK(order_of(z) == std::vector<Id>{1, 2, 3, 4});
}

TEST_CASE("a reviewer with fewer than three reviews is not standardised, and the rule says so", "[reviews][ranking]") {
  std::vector<ReviewScores> reviews;
  add_reviews(reviews, 1, {80, 70, 60}, 100);
  add_reviews(reviews, 2, {70, 60, 50}, 100);
  add_reviews(reviews, 3, {60, 50, 40}, 100);
  reviews.push_back({1, 200, {90}});  // reviewer 200 reviews two proposals only
  reviews.push_back({2, 200, {10}});
  RankingOptions options;
  options.method = Aggregation::z_score;
  Ranking const z = rank_proposals(one_criterion(), no_tiers(), {1, 2, 3}, reviews, options);
  ReviewerScale const& few = z.reviewers.back();
  CHECK(few.reviewer == 200);
  CHECK(few.reviews == 2);
  CHECK_FALSE(few.standardised);
  // Its raw totals are among proposal 1's and 2's values as they are.
  auto const& v1 = find(z, 1).values;
  CHECK(std::find(v1.begin(), v1.end(), 90.0) != v1.end());
  auto const& v2 = find(z, 2).values;
  CHECK(std::find(v2.begin(), v2.end(), 10.0) != v2.end());
  CHECK(z.method_rule.find("少于 3 份的专家不做标准化") != std::string::npos);
  // A reviewer who gives everybody the same total carries no order: mapped to the round mean.
  std::vector<ReviewScores> flat;
  for (Id p : {1, 2, 3}) flat.push_back({p, 1, {60}});
  add_reviews(flat, 1, {90, 80}, 10);
  add_reviews(flat, 2, {70, 60}, 10);
  add_reviews(flat, 3, {50, 40}, 10);
  Ranking const zf = rank_proposals(one_criterion(), no_tiers(), {1, 2, 3}, flat, options);
  CHECK(std::count(find(zf, 1).values.begin(), find(zf, 1).values.end(), zf.round_mean) == 1);
}

TEST_CASE("ties are broken by criterion means in rubric order, then review count, then id", "[reviews][ranking]") {
  Rubric const two{{{"针对性", "", 1, 50, false}, {"科学性", "", 1, 50, false}}};
  std::vector<ReviewScores> reviews;
  for (Id r : {1, 2, 3}) {
    reviews.push_back({10, r, {40, 40}});  // 80, 针对性 40
    reviews.push_back({11, r, {45, 35}});  // 80, 针对性 45: ahead of 10
    reviews.push_back({12, r, {40, 40}});  // same as 10 in everything: id decides, 10 first
    reviews.push_back({14, r, {40, 40}});
  }
  reviews.push_back({14, 4, {40, 40}});  // four reviews: ahead of 10 and 12 by count
  reviews.push_back({13, 1, {30, 30}});
  reviews.push_back({13, 2, {30, 30}});
  reviews.push_back({13, 3, {30, 30}});
  Ranking const r = rank_proposals(two, no_tiers(), {10, 11, 12, 13, 14}, reviews);
  CHECK(order_of(r) == std::vector<Id>{11, 14, 10, 12, 13});
  CHECK(find(r, 11).decided_by == DecidedBy::first);
  CHECK(find(r, 14).decided_by == DecidedBy::criterion);
  CHECK(find(r, 14).decided_by_criterion == 0);
  CHECK(find(r, 10).decided_by == DecidedBy::review_count);
  CHECK(find(r, 12).decided_by == DecidedBy::proposal_id);
  CHECK(find(r, 13).decided_by == DecidedBy::aggregate);
  CHECK(r.tie_break_rule.find("「针对性」「科学性」") != std::string::npos);
  // The order does not depend on the order reviews arrive in.
  std::vector<ReviewScores> reversed(reviews.rbegin(), reviews.rend());
  CHECK(order_of(rank_proposals(two, no_tiers(), {14, 13, 12, 11, 10}, reversed)) == order_of(r));
}

TEST_CASE("invalid, duplicate and stray reviews are excluded with their reason", "[reviews][ranking]") {
  Rubric const two{{{"针对性", "", 1, 50, false}, {"科学性", "", 1, 50, false}}};
  std::vector<ReviewScores> reviews = {
      {1, 1, {40, 40}}, {1, 2, {30, 30}}, {1, 3, {20, 20}},
      {1, 3, {50, 50}},            // the same reviewer again
      {1, 4, {40, std::nullopt}},  // a criterion missing
      {1, 5, {60, 10}},            // out of range
      {9, 6, {10, 10}},            // not in the round
  };
  Ranking const r = rank_proposals(two, no_tiers(), {1}, reviews);
  CHECK(find(r, 1).review_count == 3);
  CHECK(find(r, 1).aggregate == 60);
  REQUIRE(r.excluded.size() == 4);
  CHECK(r.excluded[0].reason.find("重复") != std::string::npos);
  CHECK(r.excluded[1].reason.find("「科学性」") != std::string::npos);
  CHECK(r.excluded[2].reason.find("「针对性」须为 0 至 50") != std::string::npos);
  CHECK(r.excluded[3].reason.find("不在本批次") != std::string::npos);
}

TEST_CASE("tiers by count, with a tie at the boundary flagged or shared", "[reviews][ranking][tiers]") {
  std::vector<ReviewScores> reviews;
  add_reviews(reviews, 1, {90, 90, 90});
  add_reviews(reviews, 2, {85, 85, 85});
  add_reviews(reviews, 3, {85, 85, 85});
  add_reviews(reviews, 4, {80, 80, 80});
  add_reviews(reviews, 5, {70, 70, 70});
  AwardTiers const tiers{TierBasis::count, {{"一等奖", 1, 0}, {"二等奖", 1, 0}, {"三等奖", 1, 0}}};
  Ranking const broken = rank_proposals(one_criterion(), tiers, {1, 2, 3, 4, 5}, reviews);
  CHECK(find(broken, 1).tier == 0);
  CHECK(find(broken, 2).tier == 1);  // 2 and 3 tie; the lower id takes 二等奖
  CHECK(find(broken, 3).tier == 2);
  CHECK(find(broken, 4).tier == std::nullopt);
  CHECK(find(broken, 2).boundary_tie);
  CHECK(find(broken, 3).boundary_tie);
  CHECK_FALSE(find(broken, 1).boundary_tie);
  CHECK_FALSE(find(broken, 4).boundary_tie);

  RankingOptions share;
  share.boundary_ties = BoundaryTies::share_higher_tier;
  Ranking const shared = rank_proposals(one_criterion(), tiers, {1, 2, 3, 4, 5}, reviews, share);
  CHECK(find(shared, 2).tier == 1);
  CHECK(find(shared, 3).tier == 1);  // both 二等奖; the 三等奖 boundary stays after position 3
  CHECK(find(shared, 4).tier == std::nullopt);
  CHECK(find(shared, 3).boundary_tie);
}

TEST_CASE("tiers by share of the ranked proposals, with a tie at the boundary", "[reviews][ranking][tiers]") {
  std::vector<ReviewScores> reviews;
  for (Id p = 1; p <= 10; ++p) add_reviews(reviews, p, {100.0 - p, 100.0 - p, 100.0 - p});
  add_reviews(reviews, 11, {1, 1});  // unranked: does not count towards the shares
  AwardTiers const tiers{TierBasis::share, {{"一等奖", 0, 0.1}, {"二等奖", 0, 0.2}}};
  Ranking const r = rank_proposals(one_criterion(), tiers, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, reviews);
  CHECK(find(r, 1).tier == 0);
  CHECK(find(r, 2).tier == 1);
  CHECK(find(r, 3).tier == 1);
  CHECK(find(r, 4).tier == std::nullopt);
  CHECK(find(r, 11).tier == std::nullopt);

  // Proposal 4 now ties proposal 3 across the 二等奖 boundary.
  for (auto& review : reviews) {
    if (review.proposal == 4) review.scores = {97};
  }
  Ranking const tied = rank_proposals(one_criterion(), tiers, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, reviews);
  CHECK(find(tied, 3).tier == 1);
  CHECK(find(tied, 4).tier == std::nullopt);
  CHECK(find(tied, 3).boundary_tie);
  CHECK(find(tied, 4).boundary_tie);
  RankingOptions share;
  share.boundary_ties = BoundaryTies::share_higher_tier;
  Ranking const shared = rank_proposals(one_criterion(), tiers, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, reviews, share);
  CHECK(find(shared, 4).tier == 1);
  CHECK(find(shared, 5).tier == std::nullopt);
}

TEST_CASE("the bootstrap's interval and tier chances on a constructed case", "[reviews][ranking][bootstrap]") {
  // Proposal 1: totals {100, 100, 0}; a resample beats proposal 2's constant 60 exactly when it
  // draws 100 at least twice: P = 3·(2/3)²·(1/3) + (2/3)³ = 20/27 ≈ 0.741. Proposal 3 is always
  // last. With 一等奖 for one: P(1 gets it) ≈ 0.741, P(2 gets it) ≈ 0.259.
  std::vector<ReviewScores> reviews;
  add_reviews(reviews, 1, {100, 100, 0});
  add_reviews(reviews, 2, {60, 60, 60});
  add_reviews(reviews, 3, {10, 10, 10});
  AwardTiers const tiers{TierBasis::count, {{"一等奖", 1, 0}}};
  RankingOptions const options;
  Ranking const r = rank_proposals(one_criterion(), tiers, {1, 2, 3}, reviews, options);
  CHECK(order_of(r) == std::vector<Id>{1, 2, 3});  // 66.7 > 60 > 10

  auto const u = bootstrap_ranks(r, tiers, options);
  REQUIRE(u.size() == 3);
  CHECK(u[0].proposal == 1);
  CHECK(u[0].rank_low == 1);
  CHECK(u[0].rank_high == 2);
  CHECK(u[1].rank_low == 1);
  CHECK(u[1].rank_high == 2);
  CHECK(u[2].rank_low == 3);
  CHECK(u[2].rank_high == 3);
  CHECK(u[2].median_rank == 3);
  CHECK(u[0].tier_probability[0] == Approx(20.0 / 27).margin(0.03));
  CHECK(u[1].tier_probability[0] == Approx(7.0 / 27).margin(0.03));
  CHECK(u[0].tier_probability[0] + u[0].tier_probability[1] == Approx(1.0));
  CHECK(u[2].tier_probability == std::vector<double>{0.0, 1.0});

  // Fixed seed: the same figures every run; another seed, others (but as close to 20/27).
  auto const again = bootstrap_ranks(r, tiers, options);
  CHECK(again[0].tier_probability == u[0].tier_probability);
  BootstrapOptions other;
  other.seed = 7;
  auto const reseeded = bootstrap_ranks(r, tiers, options, other);
  CHECK(reseeded[0].tier_probability[0] != u[0].tier_probability[0]);
  CHECK(reseeded[0].tier_probability[0] == Approx(20.0 / 27).margin(0.03));
}

TEST_CASE("proposals with unanimous reviews have a point interval", "[reviews][ranking][bootstrap]") {
  std::vector<ReviewScores> reviews;
  for (Id p = 1; p <= 6; ++p) add_reviews(reviews, p, {90.0 - 5 * p, 90.0 - 5 * p, 90.0 - 5 * p});
  AwardTiers const tiers{TierBasis::count, {{"一等奖", 2, 0}, {"二等奖", 2, 0}}};
  Ranking const r = rank_proposals(one_criterion(), tiers, {1, 2, 3, 4, 5, 6}, reviews);
  BootstrapOptions small;
  small.resamples = 200;
  auto const u = bootstrap_ranks(r, tiers, RankingOptions{}, small);
  for (auto const& x : u) {
    CHECK(x.rank_low == x.rank);
    CHECK(x.rank_high == x.rank);
  }
  CHECK(u[0].tier_probability == std::vector<double>{1, 0, 0});
  CHECK(u[3].tier_probability == std::vector<double>{0, 1, 0});
  CHECK(u[5].tier_probability == std::vector<double>{0, 0, 1});
}

TEST_CASE("the method comparison marks proposals whose tier changes between methods", "[reviews][ranking]") {
  std::vector<ReviewScores> reviews;
  add_reviews(reviews, 1, {40, 85, 85, 85, 85});  // mean 76, trimmed 85
  add_reviews(reviews, 2, {80, 80, 80, 80, 80});  // 80 both
  add_reviews(reviews, 3, {50, 50, 50, 50, 50});
  AwardTiers const tiers{TierBasis::count, {{"一等奖", 1, 0}}};
  auto const rows = compare_methods(one_criterion(), tiers, {1, 2, 3}, reviews);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].proposal == 2);  // in the mean ranking's order
  CHECK(rows[0].rank[0] == 1);
  CHECK(rows[0].rank[1] == 2);
  CHECK(rows[0].tier[0] == 0);
  CHECK(rows[0].tier[1] == std::nullopt);
  CHECK(rows[0].tier_changes);
  CHECK(rows[0].rank_shift == 1);
  CHECK(rows[1].proposal == 1);
  CHECK(rows[1].tier_changes);
  CHECK(rows[2].proposal == 3);
  CHECK_FALSE(rows[2].tier_changes);
  CHECK(rows[2].rank_shift == 0);
}

TEST_CASE("aggregation names round-trip", "[reviews][ranking]") {
  for (Aggregation a : kAllAggregations) CHECK(aggregation_from_string(to_string(a)) == a);
  CHECK_FALSE(aggregation_from_string("median"));
}
