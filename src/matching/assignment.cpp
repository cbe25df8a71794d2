// Validation, plan figures, alternates, and the solve: total score directly, fairness by
// raising one floor at a time (see Objective::fair in the header).
#include "matching/assignment.hpp"

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <stdexcept>
#include <string>

#include "matching/flow_network.hpp"

namespace zhiku::matching {
namespace {

std::size_t index_of(AssignmentProblem const& problem, int p, int r) {
  return static_cast<std::size_t>(p) * static_cast<std::size_t>(problem.reviewer_count) + static_cast<std::size_t>(r);
}

void check_pair(AssignmentProblem const& problem, Pair const& pair, char const* what) {
  if (pair.proposal < 0 || pair.proposal >= problem.proposal_count || pair.reviewer < 0 ||
      pair.reviewer >= problem.reviewer_count) {
    throw std::invalid_argument(std::string(what) + " (" + std::to_string(pair.proposal) + ", " +
                                std::to_string(pair.reviewer) + ") is out of range");
  }
}

// The j-th best scores of each proposal's reviewers in `pairs`, best first.
std::vector<std::vector<Score>> scores_by_proposal(AssignmentProblem const& problem, std::vector<Pair> const& pairs) {
  std::vector<std::vector<Score>> out(static_cast<std::size_t>(problem.proposal_count));
  for (Pair const& pair : pairs) {
    out[static_cast<std::size_t>(pair.proposal)].push_back(problem.score(pair.proposal, pair.reviewer));
  }
  for (auto& v : out) std::sort(v.begin(), v.end(), [](Score a, Score b) { return a > b; });
  return out;
}

class Clock {
 public:
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// Raises floor_1, …, floor_K in turn (each the largest score value at which a plan still meets
// it and every floor before it), starting from a plan that meets none. Returns the floors, or
// nullopt when cancelled.
//
// Each floor's search starts from a known feasible value — the floor of the last plan found,
// which met every floor fixed so far — and an upper bound no plan can pass: the lowest, over
// the proposals it concerns, of the proposal's j-th best allowed score. The bound is tried
// first (it is often the answer: a niche proposal's j-th best reviewer sets the floor), then a
// binary search over the distinct score values in between.
std::optional<std::vector<Score>> raise_floors(AssignmentProblem const& problem, detail::Prepared const& prep,
                                               detail::FlowSolver& solver, std::vector<Pair> witness,
                                               SolveOptions const& options, Clock const& clock) {
  int K = 0;
  for (int p = 0; p < problem.proposal_count; ++p) {
    if (prep.open[static_cast<std::size_t>(p)]) K = std::max(K, problem.reviewers_needed[static_cast<std::size_t>(p)]);
  }
  // Each open proposal's allowed scores, best first, K of them at most.
  std::vector<std::vector<Score>> top(static_cast<std::size_t>(problem.proposal_count));
  for (int p = 0; p < problem.proposal_count; ++p) {
    if (!prep.open[static_cast<std::size_t>(p)]) continue;
    std::vector<Score>& v = top[static_cast<std::size_t>(p)];
    for (int r = 0; r < problem.reviewer_count; ++r) {
      if (problem.allowed(p, r)) v.push_back(problem.score(p, r));
    }
    std::size_t const keep = std::min(v.size(), static_cast<std::size_t>(K));
    std::partial_sort(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(keep), v.end(),
                      [](Score a, Score b) { return a > b; });
    v.resize(keep);
  }

  std::vector<Score> floors;
  for (int j = 1; j <= K; ++j) {
    Score lo = evaluate_plan(problem, witness).rank_floor[static_cast<std::size_t>(j - 1)];
    Score hi = floors.empty() ? kMaxAbsScore : floors.back();
    for (int p = 0; p < problem.proposal_count; ++p) {
      auto const& v = top[static_cast<std::size_t>(p)];
      if (prep.open[static_cast<std::size_t>(p)] && problem.reviewers_needed[static_cast<std::size_t>(p)] >= j) {
        hi = std::min(hi, v[static_cast<std::size_t>(j - 1)]);
      }
    }
    std::vector<Score> candidates;  // distinct values in (lo, hi] that floor_j could take
    for (int p = 0; p < problem.proposal_count; ++p) {
      if (!prep.open[static_cast<std::size_t>(p)] || problem.reviewers_needed[static_cast<std::size_t>(p)] < j) continue;
      for (int r = 0; r < problem.reviewer_count; ++r) {
        Score const s = problem.score(p, r);
        if (s != kForbidden && s > lo && s <= hi) candidates.push_back(s);
      }
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());

    int checks = 0;
    auto feasible = [&](Score value) -> std::optional<bool> {
      if (options.progress) {
        SolveProgress progress;
        progress.stage = SolveProgress::Stage::raising;
        progress.rank = j;
        progress.ranks = K;
        progress.fraction = (1.0 + (j - 1) + std::min(0.9, checks / 10.0)) / (K + 2.0);
        progress.elapsed_seconds = clock.seconds();
        if (!options.progress(progress)) return std::nullopt;
      }
      ++checks;
      std::vector<Score> trial = floors;
      trial.push_back(value);
      auto plan = solver.any_plan(trial);
      if (!plan) return false;
      witness = std::move(*plan);
      return true;
    };

    Score best = lo;
    if (!candidates.empty()) {
      auto top_ok = feasible(candidates.back());
      if (!top_ok) return std::nullopt;
      if (*top_ok) {
        best = candidates.back();
      } else {
        // Invariant: candidates[below] is feasible (or below == -1: lo is), candidates[above+1..] are not.
        int below = -1;
        int above = static_cast<int>(candidates.size()) - 2;
        while (below < above) {
          int const mid = below + (above - below + 1) / 2;
          auto ok = feasible(candidates[static_cast<std::size_t>(mid)]);
          if (!ok) return std::nullopt;
          if (*ok) {
            below = mid;
          } else {
            above = mid - 1;
          }
        }
        if (below >= 0) best = candidates[static_cast<std::size_t>(below)];
      }
    }
    // The witness meets `best`: successes come at rising values, so the last one was at
    // `best`; with none, the witness is the plan whose own floor was lo = best.
    floors.push_back(best);
  }
  return floors;
}

}  // namespace

AssignmentProblem AssignmentProblem::uniform(int proposals, int reviewers, int k, int max_load) {
  if (proposals < 0 || reviewers < 0) throw std::invalid_argument("negative problem size");
  AssignmentProblem problem;
  problem.proposal_count = proposals;
  problem.reviewer_count = reviewers;
  problem.reviewers_needed.assign(static_cast<std::size_t>(proposals), k);
  problem.max_load.assign(static_cast<std::size_t>(reviewers), max_load);
  problem.scores.assign(static_cast<std::size_t>(proposals) * static_cast<std::size_t>(reviewers), 0);
  return problem;
}

void validate(AssignmentProblem const& problem) {
  if (problem.proposal_count < 0 || problem.reviewer_count < 0) {
    throw std::invalid_argument("proposal_count and reviewer_count must not be negative");
  }
  if (problem.reviewers_needed.size() != static_cast<std::size_t>(problem.proposal_count)) {
    throw std::invalid_argument("reviewers_needed must have one entry per proposal");
  }
  if (problem.max_load.size() != static_cast<std::size_t>(problem.reviewer_count)) {
    throw std::invalid_argument("max_load must have one entry per reviewer");
  }
  if (problem.scores.size() !=
      static_cast<std::size_t>(problem.proposal_count) * static_cast<std::size_t>(problem.reviewer_count)) {
    throw std::invalid_argument("scores must have proposal_count × reviewer_count entries");
  }
  for (int k : problem.reviewers_needed) {
    if (k < 0) throw std::invalid_argument("reviewers_needed must not be negative");
  }
  for (int load : problem.max_load) {
    if (load < 0) throw std::invalid_argument("max_load must not be negative");
  }
  for (Score s : problem.scores) {
    if (s != kForbidden && (s < -kMaxAbsScore || s > kMaxAbsScore)) {
      throw std::invalid_argument("score " + std::to_string(s) + " is outside [-kMaxAbsScore, kMaxAbsScore]");
    }
  }
  std::vector<Pair> pins = problem.pinned;
  for (Pair const& pin : pins) check_pair(problem, pin, "pin");
  std::sort(pins.begin(), pins.end());
  auto const twice = std::adjacent_find(pins.begin(), pins.end());
  if (twice != pins.end()) {
    throw std::invalid_argument("pin (" + std::to_string(twice->proposal) + ", " + std::to_string(twice->reviewer) +
                                ") is given twice");
  }
}

PlanFigures evaluate_plan(AssignmentProblem const& problem, std::vector<Pair> const& pairs) {
  for (Pair const& pair : pairs) check_pair(problem, pair, "pair");
  PlanFigures f;
  f.proposal_score.assign(static_cast<std::size_t>(problem.proposal_count), 0);
  f.load.assign(static_cast<std::size_t>(problem.reviewer_count), 0);
  for (Pair const& pair : pairs) {
    Score const s = problem.score(pair.proposal, pair.reviewer);
    std::int64_t const value = s == kForbidden ? 0 : s;  // an edited plan may hold one; count it as 0
    f.total_score += value;
    f.proposal_score[static_cast<std::size_t>(pair.proposal)] += value;
    ++f.load[static_cast<std::size_t>(pair.reviewer)];
  }
  std::vector<int> pins(static_cast<std::size_t>(problem.proposal_count), 0);
  for (Pair const& pin : problem.pinned) {
    if (pin.proposal >= 0 && pin.proposal < problem.proposal_count) ++pins[static_cast<std::size_t>(pin.proposal)];
  }
  auto const by_proposal = scores_by_proposal(problem, pairs);
  for (int p = 0; p < problem.proposal_count; ++p) {
    int const k = problem.reviewers_needed[static_cast<std::size_t>(p)];
    if (k <= pins[static_cast<std::size_t>(p)]) continue;  // not open
    auto const& mine = by_proposal[static_cast<std::size_t>(p)];
    if (f.rank_floor.size() < static_cast<std::size_t>(k)) f.rank_floor.resize(static_cast<std::size_t>(k), kMaxAbsScore);
    for (int j = 0; j < k; ++j) {
      // A plan that gives a proposal fewer than k reviewers has an empty rank: it scores as
      // low as anything can, so no such plan passes for a good one.
      Score const s = static_cast<std::size_t>(j) < mine.size() && mine[static_cast<std::size_t>(j)] != kForbidden
                          ? mine[static_cast<std::size_t>(j)]
                          : -kMaxAbsScore;
      f.rank_floor[static_cast<std::size_t>(j)] = std::min(f.rank_floor[static_cast<std::size_t>(j)], s);
    }
    double const mean = mine.empty() ? 0.0
                                     : static_cast<double>(f.proposal_score[static_cast<std::size_t>(p)]) /
                                           static_cast<double>(mine.size());
    if (f.weakest_proposal < 0 || mean < f.weakest_mean) {
      f.weakest_proposal = p;
      f.weakest_mean = mean;
    }
  }
  return f;
}

bool is_valid_plan(AssignmentProblem const& problem, std::vector<Pair> const& pairs) {
  std::vector<int> need(problem.reviewers_needed);
  std::vector<int> load(static_cast<std::size_t>(problem.reviewer_count), 0);
  std::vector<char> seen(problem.scores.size(), 0);
  for (Pair const& pair : pairs) {
    if (pair.proposal < 0 || pair.proposal >= problem.proposal_count || pair.reviewer < 0 ||
        pair.reviewer >= problem.reviewer_count) {
      return false;
    }
    std::size_t const i = index_of(problem, pair.proposal, pair.reviewer);
    if (seen[i] || problem.scores[i] == kForbidden) return false;
    seen[i] = 1;
    --need[static_cast<std::size_t>(pair.proposal)];
    if (++load[static_cast<std::size_t>(pair.reviewer)] > problem.max_load[static_cast<std::size_t>(pair.reviewer)]) {
      return false;
    }
  }
  for (int n : need) {
    if (n != 0) return false;
  }
  for (Pair const& pin : problem.pinned) {
    if (pin.proposal < 0 || pin.proposal >= problem.proposal_count || pin.reviewer < 0 ||
        pin.reviewer >= problem.reviewer_count || !seen[index_of(problem, pin.proposal, pin.reviewer)]) {
      return false;
    }
  }
  return true;
}

AssignmentPlan solve_assignment(AssignmentProblem const& problem, SolveOptions const& options) {
  Clock const clock;
  validate(problem);
  AssignmentPlan plan;
  std::optional<detail::FlowSolver> solver;
  auto finish = [&](AssignmentPlan::Status status) {
    plan.status = status;
    plan.flow_solves = solver ? solver->runs() : 0;
    plan.seconds = clock.seconds();
    return plan;
  };
  auto infeasible = [&] {
    plan.why_not = diagnose(problem);
    return finish(AssignmentPlan::Status::infeasible);
  };

  detail::Prepared const prep = detail::prepare(problem);
  // Contradictory pins first: a proposal that takes nobody has no node to hold its pins.
  for (Pair const& pin : problem.pinned) {
    if (!problem.allowed(pin.proposal, pin.reviewer)) return infeasible();
  }
  for (int p = 0; p < problem.proposal_count; ++p) {
    auto const pi = static_cast<std::size_t>(p);
    if (prep.pins_of_proposal[pi] > problem.reviewers_needed[pi]) return infeasible();
  }
  for (int r = 0; r < problem.reviewer_count; ++r) {
    auto const ri = static_cast<std::size_t>(r);
    if (prep.pins_of_reviewer[ri] > problem.max_load[ri]) return infeasible();
  }
  if (options.progress) {
    SolveProgress progress;
    progress.stage = SolveProgress::Stage::solving;
    progress.elapsed_seconds = clock.seconds();
    if (!options.progress(progress)) return finish(AssignmentPlan::Status::cancelled);
  }
  solver.emplace(problem, prep, options.initial_offer);
  auto best = solver->best_plan({});
  if (!best) return infeasible();

  if (options.objective == Objective::fair) {
    auto floors = raise_floors(problem, prep, *solver, *best, options, clock);
    if (!floors) return finish(AssignmentPlan::Status::cancelled);
    if (options.progress) {
      SolveProgress progress;
      progress.stage = SolveProgress::Stage::finishing;
      progress.ranks = static_cast<int>(floors->size());
      progress.rank = progress.ranks;
      progress.fraction = (floors->size() + 1.0) / (floors->size() + 2.0);
      progress.elapsed_seconds = clock.seconds();
      if (!options.progress(progress)) return finish(AssignmentPlan::Status::cancelled);
    }
    best = solver->best_plan(*floors);
    // The floors were each met by a plan, so one that meets them all exists.
    if (!best) throw std::logic_error("fair assignment: floors found feasible but the final solve is not");
  }
  plan.pairs = std::move(*best);
  plan.figures = evaluate_plan(problem, plan.pairs);
  return finish(AssignmentPlan::Status::optimal);
}

std::vector<Alternate> next_best_alternates(AssignmentProblem const& problem, std::vector<Pair> const& current,
                                            int proposal, int leaving, std::vector<int> const& excluded, int count) {
  check_pair(problem, Pair{proposal, leaving}, "proposal and leaving reviewer");
  std::vector<int> load(static_cast<std::size_t>(problem.reviewer_count), 0);
  std::vector<char> skip(static_cast<std::size_t>(problem.reviewer_count), 0);
  skip[static_cast<std::size_t>(leaving)] = 1;
  for (Pair const& pair : current) {
    check_pair(problem, pair, "current pair");
    ++load[static_cast<std::size_t>(pair.reviewer)];
    if (pair.proposal == proposal) skip[static_cast<std::size_t>(pair.reviewer)] = 1;
  }
  for (int r : excluded) {
    check_pair(problem, Pair{proposal, r}, "excluded reviewer");
    skip[static_cast<std::size_t>(r)] = 1;
  }
  std::vector<Alternate> out;
  for (int r = 0; r < problem.reviewer_count; ++r) {
    auto const ri = static_cast<std::size_t>(r);
    if (skip[ri] || !problem.allowed(proposal, r) || load[ri] >= problem.max_load[ri]) continue;
    out.push_back(Alternate{r, problem.score(proposal, r), load[ri], problem.max_load[ri]});
  }
  std::sort(out.begin(), out.end(), [](Alternate const& a, Alternate const& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.load != b.load) return a.load < b.load;
    return a.reviewer < b.reviewer;
  });
  if (count >= 0 && out.size() > static_cast<std::size_t>(count)) out.resize(static_cast<std::size_t>(count));
  return out;
}

}  // namespace zhiku::matching
