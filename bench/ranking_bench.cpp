// Ranking a round at scale: 2,000 proposals × 5 reviews on the default rubric, by each method,
// then the 2,000-resample bootstrap and the method comparison; and the expertise-match matrix
// of 2,000 proposals × 600 reviewers. Prints times and peak memory.
//   ranking_bench [proposals reviews_per_proposal reviewers resamples]
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bench_clock.hpp"
#include "core/seeded_random.hpp"
#include "reviews/expertise_match.hpp"
#include "reviews/ranking.hpp"

using namespace zhiku;
using bench::Stopwatch;

namespace {

char const* const kWords[] = {"城市更新", "韧性", "交通", "数字经济", "人工智能", "养老", "医疗", "碳达峰", "乡村振兴",
                              "营商环境", "科技金融", "人才", "教育", "水资源", "生态", "产业链", "新能源", "治理"};

std::string some_words(SeededRandom& rng, int n, char const* glue) {
  std::string out;
  for (int i = 0; i < n; ++i) out += std::string(i ? glue : "") + kWords[rng.below(std::size(kWords))];
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  int const P = argc > 1 ? std::atoi(argv[1]) : 2000;
  int const k = argc > 2 ? std::atoi(argv[2]) : 5;
  int const R = argc > 3 ? std::atoi(argv[3]) : 600;
  int const B = argc > 4 ? std::atoi(argv[4]) : 2000;
  SeededRandom rng(20261202);

  // Reviews: merit per proposal, leniency per reviewer, noise per review; reviewer r takes
  // proposals round-robin so everyone reviews about P·k/R of them.
  Rubric const rubric = default_rubric();
  AwardTiers const tiers = default_award_tiers();
  std::vector<Id> proposals;
  std::vector<double> leniency(static_cast<std::size_t>(R));
  for (auto& l : leniency) l = static_cast<double>(rng.below(7)) - 3.0;
  std::vector<ReviewScores> reviews;
  for (int p = 0; p < P; ++p) {
    proposals.push_back(p + 1);
    double const merit = 8 + static_cast<double>(rng.below(11));
    for (int j = 0; j < k; ++j) {
      int const r = (p * k + j) % R;
      ReviewScores review{p + 1, r + 1, {}};
      for (std::size_t c = 0; c < rubric.criteria.size(); ++c) {
        double s = merit + leniency[static_cast<std::size_t>(r)] + static_cast<double>(rng.below(5)) - 2.0;
        review.scores.push_back(std::max(0.0, std::min(20.0, s)));
      }
      reviews.push_back(std::move(review));
    }
  }

  for (Aggregation method : kAllAggregations) {
    RankingOptions options;
    options.method = method;
    Stopwatch const rank_clock;
    Ranking const ranking = rank_proposals(rubric, tiers, proposals, reviews, options);
    double const rank_s = rank_clock.wall();
    Stopwatch const boot_clock;
    BootstrapOptions bootstrap;
    bootstrap.resamples = B;
    auto const uncertainty = bootstrap_ranks(ranking, tiers, options, bootstrap);
    double const boot_s = boot_clock.wall();
    double const boot_cpu = boot_clock.cpu();
    double width = 0;
    for (auto const& u : uncertainty) width += u.rank_high - u.rank_low;
    std::printf("ranking %-12s P=%d k=%d: rank %.3f s, bootstrap (%d resamples) %.2f s (cpu %.2f s), mean 90%% interval width %.1f ranks\n",
                std::string(to_string(method)).c_str(), P, k, rank_s, B, boot_s, boot_cpu,
                uncertainty.empty() ? 0.0 : width / static_cast<double>(uncertainty.size()));
  }
  Stopwatch const compare_clock;
  auto const rows = compare_methods(rubric, tiers, proposals, reviews);
  int changes = 0;
  for (auto const& row : rows) changes += row.tier_changes ? 1 : 0;
  std::printf("method comparison: %.3f s, %d proposals change tier between methods\n", compare_clock.wall(), changes);

  // The match matrix: every reviewer against every proposal.
  FieldClosure const taxonomy = FieldClosure::from_parents({{1, std::nullopt}, {2, 1}, {3, 1}, {4, std::nullopt}, {5, 4}});
  ExpertiseMatcher const matcher(taxonomy);
  std::vector<PreparedProposal> prepared_proposals;
  std::vector<PreparedReviewer> prepared_reviewers;
  Stopwatch const prepare_clock;
  for (int p = 0; p < P; ++p) {
    ProposalTopic topic;
    topic.field_ids = {static_cast<Id>(1 + rng.below(5))};
    topic.keywords = {kWords[rng.below(std::size(kWords))], kWords[rng.below(std::size(kWords))]};
    topic.title = "关于" + some_words(rng, 2, "与") + "的建议";
    topic.text = "存在问题：" + some_words(rng, 30, "、") + "。对策建议：" + some_words(rng, 30, "，");
    prepared_proposals.push_back(matcher.prepare(topic));
  }
  for (int r = 0; r < R; ++r) {
    ReviewerExpertise expertise;
    expertise.field_ids = {static_cast<Id>(1 + rng.below(5))};
    for (int i = 0; i < 5; ++i) expertise.keywords.push_back(kWords[rng.below(std::size(kWords))]);
    prepared_reviewers.push_back(matcher.prepare(expertise));
  }
  double const prepare_s = prepare_clock.wall();
  Stopwatch const score_clock;
  long long sum = 0;
  for (auto const& proposal : prepared_proposals) {
    for (auto const& reviewer : prepared_reviewers) sum += matcher.score(reviewer, proposal);
  }
  double const score_cpu = score_clock.cpu();
  std::printf("match matrix %d × %d: prepare %.2f s, score %.2f s (cpu %.2f s, %.2f µs a pair), mean score %.0f\n", P, R,
              prepare_s, score_clock.wall(), score_cpu, score_cpu * 1e6 / (static_cast<double>(P) * R),
              static_cast<double>(sum) / (static_cast<double>(P) * R));
  std::printf("peak %.0f MiB\n", bench::peak_mib());
  return 0;
}
