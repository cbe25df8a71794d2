// The matcher at round scale: builds a seeded instance, solves it, prints time and peak memory.
//   assignment_bench [total|fair] [proposals reviewers k max_load conflict_percent] [uniform|fields]
// One objective per process, so that the peak resident size printed is that solve's own.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench_clock.hpp"
#include "core/seeded_random.hpp"
#include "matching/assignment.hpp"

using namespace zhiku::matching;
using zhiku::bench::peak_mib;

namespace {

// `fields`: scores shaped like expertise matches — 60 fields, each proposal in 1–3, each
// reviewer in 1–4, score = 1000 × shared fields / proposal fields scaled, plus up to 150 for
// keywords; most pairs score low, a few high, many tie. `uniform`: independent 0–1000.
AssignmentProblem make_problem(int P, int R, int k, int load, int conflict_percent, bool fields) {
  zhiku::SeededRandom rng(20261202);
  AssignmentProblem problem = AssignmentProblem::uniform(P, R, k, load);
  std::vector<std::uint64_t> proposal_fields(static_cast<std::size_t>(P)), reviewer_fields(static_cast<std::size_t>(R));
  auto pick = [&](int count) {
    std::uint64_t mask = 0;
    for (int i = 0; i < count; ++i) mask |= 1ULL << rng.below(60);
    return mask;
  };
  for (auto& m : proposal_fields) m = pick(1 + static_cast<int>(rng.below(3)));
  for (auto& m : reviewer_fields) m = pick(1 + static_cast<int>(rng.below(4)));
  for (int p = 0; p < P; ++p) {
    for (int r = 0; r < R; ++r) {
      if (static_cast<int>(rng.below(100)) < conflict_percent) {
        problem.forbid(p, r);
        continue;
      }
      Score s = 0;
      if (fields) {
        int const shared = __builtin_popcountll(proposal_fields[static_cast<std::size_t>(p)] & reviewer_fields[static_cast<std::size_t>(r)]);
        int const own = __builtin_popcountll(proposal_fields[static_cast<std::size_t>(p)]);
        s = static_cast<Score>(850 * shared / own) + (rng.below(4) == 0 ? static_cast<Score>(rng.below(151)) : 0);
      } else {
        s = static_cast<Score>(rng.below(1001));
      }
      problem.set_score(p, r, s);
    }
  }
  return problem;
}

}  // namespace

int main(int argc, char** argv) {
  std::string const mode = argc > 1 ? argv[1] : "total";
  int const P = argc > 2 ? std::atoi(argv[2]) : 2000;
  int const R = argc > 3 ? std::atoi(argv[3]) : 600;
  int const k = argc > 4 ? std::atoi(argv[4]) : 5;
  int const load = argc > 5 ? std::atoi(argv[5]) : 20;
  int const conflicts = argc > 6 ? std::atoi(argv[6]) : 5;
  bool const fields = !(argc > 7 && std::strcmp(argv[7], "uniform") == 0);

  zhiku::bench::Stopwatch const build_clock;
  AssignmentProblem const problem = make_problem(P, R, k, load, conflicts, fields);
  double const build_s = build_clock.wall();
  double const input_mib = peak_mib();

  SolveOptions options;
  options.objective = mode == "fair" ? Objective::fair : Objective::total;
  int stages = 0;
  options.progress = [&](SolveProgress const&) { return ++stages > 0; };
  zhiku::bench::Stopwatch const solve_clock;
  AssignmentPlan const plan = solve_assignment(problem, options);
  double const cpu_s = solve_clock.cpu();
  if (plan.status != AssignmentPlan::Status::optimal) {
    std::printf("not optimal: unfilled %d\n", plan.why_not.unfilled);
    return 1;
  }
  std::string floors;
  for (Score f : plan.figures.rank_floor) {
    if (!floors.empty()) floors += ',';
    floors += std::to_string(f);
  }
  std::printf(
      "%s %s P=%d R=%d k=%d load=%d conflicts=%d%%: solve %.2f s (cpu %.2f s), peak %.0f MiB (input %.0f MiB, built in %.2f s), "
      "total %lld, floors %s, weakest mean %.1f, flow solves %d, progress calls %d, valid %s\n",
      mode.c_str(), fields ? "fields" : "uniform", P, R, k, load, conflicts, plan.seconds, cpu_s, peak_mib(), input_mib, build_s,
      static_cast<long long>(plan.figures.total_score), floors.c_str(), plan.figures.weakest_mean, plan.flow_solves, stages,
      is_valid_plan(problem, plan.pairs) ? "yes" : "NO");
  return 0;
}
