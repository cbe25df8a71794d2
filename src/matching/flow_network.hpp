// Internal to src/matching: the flow network of an assignment problem and the LEMON runs on it.
// Only the matching target includes this (its .cpp files are the only place LEMON is seen).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "matching/assignment.hpp"

namespace zhiku::matching::detail {

// What every solve needs besides the problem: pins counted per proposal and reviewer, which
// pairs are pinned, which proposals are open (need a reviewer beyond their pins).
struct Prepared {
  std::vector<int> pins_of_proposal;
  std::vector<int> pins_of_reviewer;
  std::vector<char> pinned;  // proposal-major, like AssignmentProblem::scores
  std::vector<char> open;    // per proposal

  bool is_pinned(AssignmentProblem const& problem, int p, int r) const {
    return pinned[static_cast<std::size_t>(p) * static_cast<std::size_t>(problem.reviewer_count) +
                  static_cast<std::size_t>(r)] != 0;
  }
};

Prepared prepare(AssignmentProblem const& problem);

// Solves one problem under varying floors, keeping what it learnt (the pairs worth offering
// the solver) from one solve to the next. Not thread-safe; one per solve_assignment call.
// REQUIRES for every call: floors non-increasing; no pin forbidden, no proposal or reviewer
// with more pins than its need or load (solve_assignment checks these first).
class FlowSolver {
 public:
  // Each proposal starts by offering its reviewers_needed + initial_offer best pairs and its pins.
  FlowSolver(AssignmentProblem const& problem, Prepared const& prep, int initial_offer);

  // The plan of highest total score in which every open proposal p with reviewers_needed ≥ j
  // has at least j reviewers scoring ≥ floors[j-1], for j = 1..floors.size(); nullopt when
  // there is none.
  std::optional<std::vector<Pair>> best_plan(std::vector<Score> const& floors);

  // Some plan meeting the same floors (no score optimisation), or nullopt.
  std::optional<std::vector<Pair>> any_plan(std::vector<Score> const& floors);

  // NetworkSimplex runs so far (each pricing round is one).
  int runs() const { return runs_; }

 private:
  std::optional<std::vector<Pair>> solve(std::vector<Score> const& floors, bool by_score);

  AssignmentProblem const& problem_;
  Prepared const& prep_;
  std::vector<std::vector<int>> offered_;  // per proposal: reviewers whose pair is in the network
  std::vector<char> is_offered_;           // proposal-major
  int runs_ = 0;
};

}  // namespace zhiku::matching::detail
