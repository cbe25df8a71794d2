// Ranking a round: aggregates, tie break, tiers, bootstrap intervals, method comparison.
#include "reviews/ranking.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "core/seeded_random.hpp"

namespace zhiku {
namespace {

// Aggregates equal to 6 decimals are tied: totals with weights such as 0.3 are not exact in
// binary, and two reviews summed in another order must not break a true tie.
std::int64_t tie_key(double v) { return std::llround(v * 1e6); }

// Sums in ascending order, so the same values give the same bits whatever order they came in.
double mean_of_sorted(std::vector<double> const& sorted, std::size_t from, std::size_t to) {
  double sum = 0;
  for (std::size_t i = from; i < to; ++i) sum += sorted[i];
  return to > from ? sum / static_cast<double>(to - from) : 0.0;
}

// REQUIRES: `values` ascending.
double aggregate_of(std::vector<double> const& values, Aggregation method, RankingOptions const& options,
                    bool* trimmed = nullptr) {
  bool const trim = method == Aggregation::trimmed_mean && static_cast<int>(values.size()) >= options.trim_from &&
                    values.size() >= 3;
  if (trimmed != nullptr) *trimmed = trim;
  return trim ? mean_of_sorted(values, 1, values.size() - 1) : mean_of_sorted(values, 0, values.size());
}

// Population mean and standard deviation, two-pass, of ascending values.
std::pair<double, double> mean_and_stddev(std::vector<double> const& sorted) {
  double const mean = mean_of_sorted(sorted, 0, sorted.size());
  double squares = 0;
  for (double v : sorted) squares += (v - mean) * (v - mean);
  double const sd = sorted.empty() ? 0.0 : std::sqrt(squares / static_cast<double>(sorted.size()));
  return {mean, sd};
}

std::string join_messages(std::vector<FieldError> const& errors) {
  std::string out;
  for (std::size_t i = 0; i < errors.size(); ++i) out += (i == 0 ? "" : "；") + errors[i].message;
  return out;
}

std::string method_rule(Aggregation method, RankingOptions const& options) {
  std::string const k = std::to_string(options.min_reviews);
  std::string const ranked = "有效评审不少于 " + k + " 份的建议参与排序。";
  switch (method) {
    case Aggregation::mean: return "按各份有效评审加权总分的平均值排序；" + ranked;
    case Aggregation::trimmed_mean:
      return "有效评审不少于 " + std::to_string(options.trim_from) +
             " 份时去掉一个最高分和一个最低分后取平均，不足时直接取平均；" + ranked;
    case Aggregation::z_score:
      return "每位专家的总分按其在本批次评审的全部总分标准化（z 分数），再按本批次全部总分的均值和标准差换算回原分制后取平均，"
             "以消除评分偏宽或偏严的影响；在本批次有效评审少于 " +
             std::to_string(options.min_reviews_to_standardise) +
             " 份的专家不做标准化，按原始总分计；对所有建议给出同一总分的专家，其评审按本批次均值计。" + ranked;
  }
  return ranked;
}

std::string tie_break_rule(Rubric const& rubric) {
  std::string criteria;
  for (std::size_t i = 0; i < rubric.criteria.size(); ++i) criteria += "「" + rubric.criteria[i].name + "」";
  return "得分相同（保留 6 位小数比较）时，依次比较" + criteria + "的平均分，高者在前；仍相同时有效评审份数多者在前；最后按建议编号从小到大排列。";
}

}  // namespace

std::string_view to_string(Aggregation a) {
  switch (a) {
    case Aggregation::mean: return "mean";
    case Aggregation::trimmed_mean: return "trimmed_mean";
    case Aggregation::z_score: return "z_score";
  }
  return "mean";
}

std::optional<Aggregation> aggregation_from_string(std::string_view s) {
  for (Aggregation a : kAllAggregations) {
    if (to_string(a) == s) return a;
  }
  return std::nullopt;
}

int Ranking::ranked_count() const {
  int n = 0;
  for (auto const& p : proposals) n += p.rank ? 1 : 0;
  return n;
}

Ranking rank_proposals(Rubric const& rubric, AwardTiers const& tiers, std::vector<Id> const& proposals,
                       std::vector<ReviewScores> const& reviews, RankingOptions const& options) {
  Ranking out;
  out.method = options.method;
  out.method_rule = method_rule(options.method, options);
  out.tie_break_rule = tie_break_rule(rubric);
  std::size_t const criteria = rubric.criteria.size();

  std::map<Id, std::size_t> index;
  for (Id id : proposals) {
    if (index.emplace(id, out.proposals.size()).second) {
      out.proposals.emplace_back();
      out.proposals.back().proposal = id;
    }
  }

  // Valid reviews: (proposal index, reviewer, total, scores).
  struct Valid {
    std::size_t proposal;
    Id reviewer;
    double total;
    std::vector<std::optional<double>> const* scores;
  };
  std::vector<Valid> valid;
  std::set<std::pair<Id, Id>> seen;
  for (ReviewScores const& r : reviews) {
    auto const it = index.find(r.proposal);
    if (it == index.end()) {
      out.excluded.push_back({r.proposal, r.reviewer, "该建议不在本批次中"});
      continue;
    }
    if (!seen.emplace(r.proposal, r.reviewer).second) {
      out.excluded.push_back({r.proposal, r.reviewer, "同一专家对同一建议的重复评审，只计第一份"});
      continue;
    }
    auto const errors = score_errors(rubric, r.scores);
    if (!errors.empty()) {
      out.excluded.push_back({r.proposal, r.reviewer, "评分无效：" + join_messages(errors)});
      continue;
    }
    valid.push_back({it->second, r.reviewer, weighted_total(rubric, r.scores), &r.scores});
  }

  // z_score: each reviewer's scale, and the round's.
  std::map<Id, ReviewerScale> scale;
  if (options.method == Aggregation::z_score) {
    std::map<Id, std::vector<double>> by_reviewer;
    std::vector<double> all;
    for (Valid const& v : valid) {
      by_reviewer[v.reviewer].push_back(v.total);
      all.push_back(v.total);
    }
    std::sort(all.begin(), all.end());
    std::tie(out.round_mean, out.round_stddev) = mean_and_stddev(all);
    for (auto& [reviewer, totals] : by_reviewer) {
      std::sort(totals.begin(), totals.end());
      ReviewerScale s;
      s.reviewer = reviewer;
      s.reviews = static_cast<int>(totals.size());
      std::tie(s.mean, s.stddev) = mean_and_stddev(totals);
      s.standardised = s.reviews >= options.min_reviews_to_standardise;
      scale.emplace(reviewer, s);
      out.reviewers.push_back(s);
    }
  }
  auto value_of = [&](Valid const& v) {
    if (options.method != Aggregation::z_score) return v.total;
    ReviewerScale const& s = scale.at(v.reviewer);
    if (!s.standardised) return v.total;
    if (s.stddev == 0) return out.round_mean;
    return out.round_mean + (v.total - s.mean) / s.stddev * out.round_stddev;
  };

  std::vector<std::vector<double>> criterion_sums(out.proposals.size(), std::vector<double>(criteria, 0.0));
  for (Valid const& v : valid) {
    RankedProposal& p = out.proposals[v.proposal];
    p.totals.push_back(v.total);
    p.values.push_back(value_of(v));
    for (std::size_t c = 0; c < criteria; ++c) criterion_sums[v.proposal][c] += v.scores->at(c).value_or(0);
  }
  for (std::size_t i = 0; i < out.proposals.size(); ++i) {
    RankedProposal& p = out.proposals[i];
    std::sort(p.totals.begin(), p.totals.end());
    std::sort(p.values.begin(), p.values.end());
    p.review_count = static_cast<int>(p.totals.size());
    if (p.review_count == 0) {
      p.unranked_reason = "尚无有效评审";
      continue;
    }
    p.aggregate = aggregate_of(p.values, options.method, options, &p.trimmed);
    std::tie(p.mean_total, p.stddev) = mean_and_stddev(p.totals);
    p.spread = p.totals.back() - p.totals.front();
    p.disagreement = p.spread > options.disagreement_spread;
    for (std::size_t c = 0; c < criteria; ++c) p.criterion_means.push_back(criterion_sums[i][c] / p.review_count);
    if (p.review_count < options.min_reviews) {
      p.unranked_reason = "有效评审 " + std::to_string(p.review_count) + " 份，少于 " +
                          std::to_string(options.min_reviews) + " 份";
    }
  }

  // Order: ranked by the tie break, then unranked by id.
  auto is_ranked = [&](RankedProposal const& p) { return p.review_count > 0 && p.review_count >= options.min_reviews; };
  auto compare = [&](RankedProposal const& a, RankedProposal const& b) -> std::pair<int, int> {
    // < 0: a first. Returns (sign, which key decided: 0 aggregate, 1+c criterion c, -2 count, -3 id).
    if (tie_key(a.aggregate) != tie_key(b.aggregate)) return {tie_key(a.aggregate) > tie_key(b.aggregate) ? -1 : 1, 0};
    for (std::size_t c = 0; c < criteria; ++c) {
      auto const ka = tie_key(a.criterion_means[c]);
      auto const kb = tie_key(b.criterion_means[c]);
      if (ka != kb) return {ka > kb ? -1 : 1, static_cast<int>(c) + 1};
    }
    if (a.review_count != b.review_count) return {a.review_count > b.review_count ? -1 : 1, -2};
    return {a.proposal < b.proposal ? -1 : (a.proposal > b.proposal ? 1 : 0), -3};
  };
  std::stable_sort(out.proposals.begin(), out.proposals.end(), [&](RankedProposal const& a, RankedProposal const& b) {
    bool const ra = is_ranked(a);
    bool const rb = is_ranked(b);
    if (ra != rb) return ra;
    if (!ra) return a.proposal < b.proposal;
    return compare(a, b).first < 0;
  });
  int const n = static_cast<int>(std::count_if(out.proposals.begin(), out.proposals.end(), is_ranked));
  for (int i = 0; i < n; ++i) {
    RankedProposal& p = out.proposals[static_cast<std::size_t>(i)];
    p.rank = i + 1;
    if (i == 0) continue;
    int const key = compare(out.proposals[static_cast<std::size_t>(i - 1)], p).second;
    if (key == 0) {
      p.decided_by = DecidedBy::aggregate;
    } else if (key > 0) {
      p.decided_by = DecidedBy::criterion;
      p.decided_by_criterion = key - 1;
    } else {
      p.decided_by = key == -2 ? DecidedBy::review_count : DecidedBy::proposal_id;
    }
  }

  // Tiers: cumulative ends, ties at a boundary flagged (and, by choice, kept in the higher tier).
  std::vector<int> const sizes = tier_sizes(tiers, n);
  std::vector<int> ends;
  for (int s : sizes) ends.push_back((ends.empty() ? 0 : ends.back()) + s);
  auto key_at = [&](int i) { return tie_key(out.proposals[static_cast<std::size_t>(i)].aggregate); };
  for (int end : ends) {
    if (end <= 0 || end >= n || key_at(end - 1) != key_at(end)) continue;
    for (int i = 0; i < n; ++i) {
      if (key_at(i) == key_at(end)) out.proposals[static_cast<std::size_t>(i)].boundary_tie = true;
    }
  }
  if (options.boundary_ties == BoundaryTies::share_higher_tier) {
    for (std::size_t j = 0; j < ends.size(); ++j) {
      if (j > 0) ends[j] = std::max(ends[j], ends[j - 1]);
      if (sizes[j] == 0) continue;  // an empty tier takes nobody, tied or not
      while (ends[j] > 0 && ends[j] < n && key_at(ends[j] - 1) == key_at(ends[j])) ++ends[j];
    }
  }
  int from = 0;
  for (std::size_t j = 0; j < ends.size(); ++j) {
    for (int i = from; i < ends[j]; ++i) out.proposals[static_cast<std::size_t>(i)].tier = static_cast<int>(j);
    from = std::max(from, ends[j]);
  }
  return out;
}

std::vector<RankUncertainty> bootstrap_ranks(Ranking const& ranking, AwardTiers const& tiers,
                                             RankingOptions const& options, BootstrapOptions const& bootstrap) {
  int const n = ranking.ranked_count();
  int const B = std::max(1, bootstrap.resamples);
  std::vector<RankedProposal const*> ranked;
  for (int i = 0; i < n; ++i) ranked.push_back(&ranking.proposals[static_cast<std::size_t>(i)]);
  std::vector<SeededRandom> streams;
  streams.reserve(static_cast<std::size_t>(n));
  for (auto const* p : ranked) streams.emplace_back(SeededRandom::stream_seed(bootstrap.seed, static_cast<std::uint64_t>(p->proposal)));

  // Tier of each position in a resample: the plain sizes (the tie break decides inside a resample).
  std::vector<int> tier_at(static_cast<std::size_t>(n), -1);
  {
    int pos = 0;
    std::vector<int> const sizes = tier_sizes(tiers, n);
    for (std::size_t j = 0; j < sizes.size(); ++j) {
      for (int s = 0; s < sizes[j]; ++s) tier_at[static_cast<std::size_t>(pos++)] = static_cast<int>(j);
    }
  }
  std::size_t const tier_slots = tiers.tiers.size() + 1;
  std::vector<int> ranks(static_cast<std::size_t>(n) * static_cast<std::size_t>(B));
  std::vector<int> tier_count(static_cast<std::size_t>(n) * tier_slots, 0);
  // (−key, position): sorting these integers orders a resample, equal aggregates keeping the
  // ranking's order.
  std::vector<std::pair<std::int64_t, int>> order(static_cast<std::size_t>(n));
  for (int b = 0; b < B; ++b) {
    for (int i = 0; i < n; ++i) {
      auto const& values = ranked[static_cast<std::size_t>(i)]->values;
      SeededRandom& stream = streams[static_cast<std::size_t>(i)];
      // Sum, lowest and highest of the draws are all a mean or a trimmed mean needs.
      double sum = 0;
      double low = 0;
      double high = 0;
      for (std::size_t d = 0; d < values.size(); ++d) {
        double const v = values[stream.below(values.size())];
        sum += v;
        low = d == 0 ? v : std::min(low, v);
        high = d == 0 ? v : std::max(high, v);
      }
      std::size_t const count = values.size();
      bool const trim = ranking.method == Aggregation::trimmed_mean && static_cast<int>(count) >= options.trim_from &&
                        count >= 3;
      double const aggregate = trim ? (sum - low - high) / static_cast<double>(count - 2)
                                    : sum / static_cast<double>(std::max<std::size_t>(count, 1));
      order[static_cast<std::size_t>(i)] = {-tie_key(aggregate), i};
    }
    std::sort(order.begin(), order.end());
    for (int pos = 0; pos < n; ++pos) {
      auto const i = static_cast<std::size_t>(order[static_cast<std::size_t>(pos)].second);
      ranks[i * static_cast<std::size_t>(B) + static_cast<std::size_t>(b)] = pos + 1;
      int const t = tier_at[static_cast<std::size_t>(pos)];
      ++tier_count[i * tier_slots + (t < 0 ? tiers.tiers.size() : static_cast<std::size_t>(t))];
    }
  }

  // Order statistics of the interval; the slack keeps 0.05 × 2000 at 100, not 99.99999….
  double const tail = (1.0 - bootstrap.level) / 2.0;
  auto const low_index = static_cast<std::size_t>(std::floor(tail * B + 1e-9));
  auto const high_index = static_cast<std::size_t>(std::max(0.0, std::ceil((1.0 - tail) * B - 1e-9) - 1));
  std::vector<RankUncertainty> out;
  for (int i = 0; i < n; ++i) {
    auto const first = ranks.begin() + static_cast<std::ptrdiff_t>(i) * B;
    auto const last = first + B;
    // Order statistics by selection (each nth_element leaves the smaller ranks before it).
    auto nth = [&](std::size_t k) {
      k = std::min(k, static_cast<std::size_t>(B - 1));
      std::nth_element(first, first + static_cast<std::ptrdiff_t>(k), last);
      return first[static_cast<std::ptrdiff_t>(k)];
    };
    RankUncertainty u;
    u.proposal = ranked[static_cast<std::size_t>(i)]->proposal;
    u.rank = i + 1;
    u.rank_low = nth(low_index);
    u.rank_high = nth(high_index);
    u.median_rank = (nth(static_cast<std::size_t>((B - 1) / 2)) + nth(static_cast<std::size_t>(B / 2))) / 2.0;
    for (std::size_t t = 0; t < tier_slots; ++t) {
      u.tier_probability.push_back(static_cast<double>(tier_count[static_cast<std::size_t>(i) * tier_slots + t]) / B);
    }
    out.push_back(std::move(u));
  }
  return out;
}

std::vector<MethodComparisonRow> compare_methods(Rubric const& rubric, AwardTiers const& tiers,
                                                 std::vector<Id> const& proposals,
                                                 std::vector<ReviewScores> const& reviews,
                                                 RankingOptions const& options) {
  std::vector<MethodComparisonRow> rows;
  std::map<Id, std::size_t> row_of;
  Ranking const base = rank_proposals(rubric, tiers, proposals, reviews, options);
  for (auto const& p : base.proposals) {
    row_of.emplace(p.proposal, rows.size());
    rows.emplace_back();
    rows.back().proposal = p.proposal;
  }
  for (std::size_t m = 0; m < 3; ++m) {
    RankingOptions each = options;
    each.method = kAllAggregations[m];
    Ranking const r = each.method == options.method ? base : rank_proposals(rubric, tiers, proposals, reviews, each);
    for (auto const& p : r.proposals) {
      MethodComparisonRow& row = rows[row_of.at(p.proposal)];
      row.rank[m] = p.rank;
      row.tier[m] = p.tier;
    }
  }
  for (MethodComparisonRow& row : rows) {
    for (std::size_t a = 0; a < 3; ++a) {
      for (std::size_t b = a + 1; b < 3; ++b) {
        if (row.tier[a] != row.tier[b]) row.tier_changes = true;
        if (row.rank[a] && row.rank[b]) row.rank_shift = std::max(row.rank_shift, std::abs(*row.rank[a] - *row.rank[b]));
      }
    }
  }
  return rows;
}

}  // namespace zhiku
