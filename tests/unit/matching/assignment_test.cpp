#include "matching/assignment.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <vector>

#include <catch2/catch.hpp>

#include "core/seeded_random.hpp"

using namespace zhiku::matching;

namespace {

// Every plan of a small problem, by enumeration: for each proposal every subset of reviewers
// of the right size that holds its pins and no forbidden pair, within the loads.
struct BruteForce {
  bool feasible = false;
  std::int64_t best_total = 0;
  std::vector<std::int64_t> best_fair;  // (floor_1, …, floor_K, total), lexicographically largest
};

std::vector<std::int64_t> fair_key(AssignmentProblem const& problem, std::vector<Pair> const& plan) {
  PlanFigures const f = evaluate_plan(problem, plan);
  std::vector<std::int64_t> key(f.rank_floor.begin(), f.rank_floor.end());
  key.push_back(f.total_score);
  return key;
}

BruteForce brute_force(AssignmentProblem const& problem) {
  BruteForce out;
  int const P = problem.proposal_count;
  int const R = problem.reviewer_count;
  std::vector<unsigned> pin_mask(static_cast<std::size_t>(P), 0);
  for (Pair const& pin : problem.pinned) pin_mask[static_cast<std::size_t>(pin.proposal)] |= 1u << pin.reviewer;
  std::vector<int> load(static_cast<std::size_t>(R), 0);
  std::vector<Pair> plan;
  auto recurse = [&](auto&& self, int p) -> void {
    if (p == P) {
      auto const total = evaluate_plan(problem, plan).total_score;
      auto const key = fair_key(problem, plan);
      if (!out.feasible || total > out.best_total) out.best_total = total;
      if (!out.feasible || key > out.best_fair) out.best_fair = key;
      out.feasible = true;
      return;
    }
    int const k = problem.reviewers_needed[static_cast<std::size_t>(p)];
    for (unsigned mask = 0; mask < (1u << R); ++mask) {
      if (__builtin_popcount(mask) != k || (mask & pin_mask[static_cast<std::size_t>(p)]) != pin_mask[static_cast<std::size_t>(p)]) continue;
      bool ok = true;
      for (int r = 0; r < R && ok; ++r) {
        if (!(mask & (1u << r))) continue;
        ok = problem.allowed(p, r) && load[static_cast<std::size_t>(r)] < problem.max_load[static_cast<std::size_t>(r)];
      }
      if (!ok) continue;
      for (int r = 0; r < R; ++r) {
        if (mask & (1u << r)) {
          ++load[static_cast<std::size_t>(r)];
          plan.push_back(Pair{p, r});
        }
      }
      self(self, p + 1);
      for (int r = R - 1; r >= 0; --r) {
        if (mask & (1u << r)) {
          --load[static_cast<std::size_t>(r)];
          plan.pop_back();
        }
      }
    }
  };
  recurse(recurse, 0);
  return out;
}

// The least total load increase after which every proposal can get min(need, allowed unpinned
// reviewers) more beside its pins, by enumeration with loads ignored.
int brute_extra_load(AssignmentProblem const& problem) {
  int const P = problem.proposal_count;
  int const R = problem.reviewer_count;
  std::vector<int> pins_of_reviewer(static_cast<std::size_t>(R), 0);
  std::vector<unsigned> pin_mask(static_cast<std::size_t>(P), 0);
  for (Pair const& pin : problem.pinned) {
    ++pins_of_reviewer[static_cast<std::size_t>(pin.reviewer)];
    pin_mask[static_cast<std::size_t>(pin.proposal)] |= 1u << pin.reviewer;
  }
  std::vector<unsigned> eligible(static_cast<std::size_t>(P), 0);
  std::vector<int> take(static_cast<std::size_t>(P), 0);
  for (int p = 0; p < P; ++p) {
    int const need = std::max(0, problem.reviewers_needed[static_cast<std::size_t>(p)] -
                                     __builtin_popcount(pin_mask[static_cast<std::size_t>(p)]));
    for (int r = 0; r < R; ++r) {
      bool const has_load = problem.max_load[static_cast<std::size_t>(r)] > pins_of_reviewer[static_cast<std::size_t>(r)];
      if (problem.allowed(p, r) && !(pin_mask[static_cast<std::size_t>(p)] & (1u << r)) && has_load) {
        eligible[static_cast<std::size_t>(p)] |= 1u << r;
      }
    }
    take[static_cast<std::size_t>(p)] = std::min(need, __builtin_popcount(eligible[static_cast<std::size_t>(p)]));
  }
  std::vector<int> load(static_cast<std::size_t>(R), 0);
  int best = -1;
  auto recurse = [&](auto&& self, int p) -> void {
    if (p == P) {
      int extra = 0;
      for (int r = 0; r < R; ++r) {
        int const room = std::max(0, problem.max_load[static_cast<std::size_t>(r)] - pins_of_reviewer[static_cast<std::size_t>(r)]);
        extra += std::max(0, load[static_cast<std::size_t>(r)] - room);
      }
      if (best < 0 || extra < best) best = extra;
      return;
    }
    for (unsigned mask = 0; mask < (1u << R); ++mask) {
      if ((mask & ~eligible[static_cast<std::size_t>(p)]) != 0 || __builtin_popcount(mask) != take[static_cast<std::size_t>(p)]) continue;
      for (int r = 0; r < R; ++r) load[static_cast<std::size_t>(r)] += (mask >> r) & 1;
      self(self, p + 1);
      for (int r = 0; r < R; ++r) load[static_cast<std::size_t>(r)] -= (mask >> r) & 1;
    }
  };
  recurse(recurse, 0);
  return best;
}

// A random small problem. `tight`: every proposal needs 1 or 2, loads leave at most one slot
// spare and scores spread wide, so reviewers are contended and fairness and the total pull
// apart; otherwise anything goes (needs 0 to 3, zero loads, conflicts, negative scores, pins).
AssignmentProblem random_problem(zhiku::SeededRandom& rng, bool tight = false) {
  int const P = 1 + static_cast<int>(rng.below(4));
  int const R = 1 + static_cast<int>(rng.below(5));
  AssignmentProblem problem = AssignmentProblem::uniform(P, R, 0, 0);
  int need = 0;
  for (auto& k : problem.reviewers_needed) {
    k = tight ? 1 + static_cast<int>(rng.below(std::min(2, R))) : static_cast<int>(rng.below(4));
    need += k;
  }
  if (tight) {
    for (int slot = 0; slot < need + static_cast<int>(rng.below(2)); ++slot) {
      ++problem.max_load[static_cast<std::size_t>(rng.below(static_cast<std::uint64_t>(R)))];
    }
  } else {
    for (auto& load : problem.max_load) load = static_cast<int>(rng.below(5)) % 4;  // 0 rarer than 1
  }
  // Few distinct values, so ties (several optimal plans) are common; some negative.
  for (auto& s : problem.scores) {
    if (tight) {
      s = rng.below(10) == 0 ? kForbidden : static_cast<Score>(rng.below(30));
    } else {
      s = rng.below(6) == 0 ? kForbidden : static_cast<Score>(rng.below(12)) - 2;
    }
  }
  int const pins = tight ? 0 : static_cast<int>(rng.below(3));
  for (int i = 0; i < pins; ++i) {
    Pair const pin{static_cast<int>(rng.below(static_cast<std::uint64_t>(P))),
                   static_cast<int>(rng.below(static_cast<std::uint64_t>(R)))};
    if (std::find(problem.pinned.begin(), problem.pinned.end(), pin) == problem.pinned.end()) problem.pinned.push_back(pin);
  }
  return problem;
}

AssignmentProblem from_rows(std::vector<std::vector<Score>> const& rows, int k, int max_load) {
  auto problem = AssignmentProblem::uniform(static_cast<int>(rows.size()), static_cast<int>(rows.at(0).size()), k, max_load);
  for (std::size_t p = 0; p < rows.size(); ++p) {
    for (std::size_t r = 0; r < rows[p].size(); ++r) problem.set_score(static_cast<int>(p), static_cast<int>(r), rows[p][r]);
  }
  return problem;
}

constexpr Score X = kForbidden;

}  // namespace

TEST_CASE("the total plan is optimal, valid and conflict-free on random small instances", "[matching]") {
  zhiku::SeededRandom rng(13);
  int feasible = 0;
  for (int i = 0; i < 600; ++i) {
    AssignmentProblem const problem = random_problem(rng, i % 3 == 0);
    BruteForce const expected = brute_force(problem);
    // Offering the solver only each proposal's k best pairs at first makes pricing find the rest.
    SolveOptions options;
    options.initial_offer = i % 2 == 0 ? 0 : 12;
    AssignmentPlan const plan = solve_assignment(problem, options);
    INFO("instance " << i);
    REQUIRE((plan.status == AssignmentPlan::Status::optimal) == expected.feasible);
    REQUIRE(diagnose(problem).feasible() == expected.feasible);
    if (!expected.feasible) continue;
    ++feasible;
    CHECK(is_valid_plan(problem, plan.pairs));
    CHECK(plan.figures.total_score == expected.best_total);
  }
  CHECK(feasible > 200);  // the generator makes both kinds in number
}

TEST_CASE("the fair plan maximises each rank's floor in turn, then the total, on random small instances",
          "[matching]") {
  zhiku::SeededRandom rng(2026);
  int raised = 0;
  for (int i = 0; i < 1000; ++i) {
    AssignmentProblem const problem = random_problem(rng, i % 2 == 0);
    BruteForce const expected = brute_force(problem);
    if (!expected.feasible) continue;
    SolveOptions options;
    options.objective = Objective::fair;
    options.initial_offer = i % 4 < 2 ? 0 : 12;
    AssignmentPlan const plan = solve_assignment(problem, options);
    INFO("instance " << i);
    REQUIRE(plan.status == AssignmentPlan::Status::optimal);
    CHECK(is_valid_plan(problem, plan.pairs));
    CHECK(fair_key(problem, plan.pairs) == expected.best_fair);
    AssignmentPlan const total = solve_assignment(problem);
    auto const total_key = fair_key(problem, total.pairs);
    CHECK(total_key <= expected.best_fair);
    if (total_key < expected.best_fair) ++raised;
  }
  CHECK(raised > 30);  // instances where fairness and the total disagree occur and are tested
}

TEST_CASE("pricing reaches the same optimum from any first offer on medium instances", "[matching]") {
  // Too large to enumerate, so the reference is the solve that offers every pair at once
  // (proved exact by the enumerations above); a first offer of 0 or 2 pairs beyond the need
  // makes pricing rounds do the work.
  zhiku::SeededRandom rng(404);
  int priced = 0;
  for (int i = 0; i < 12; ++i) {
    int const P = 10 + static_cast<int>(rng.below(20));
    int const R = 20 + static_cast<int>(rng.below(30));
    int const k = 1 + static_cast<int>(rng.below(4));
    int const load = (P * k + R - 1) / R + static_cast<int>(rng.below(3));
    auto problem = AssignmentProblem::uniform(P, R, k, load);
    for (auto& s : problem.scores) s = rng.below(12) == 0 ? kForbidden : static_cast<Score>(rng.below(i % 2 ? 1000 : 6));
    for (auto objective : {Objective::total, Objective::fair}) {
      SolveOptions all;
      all.objective = objective;
      all.initial_offer = R;
      AssignmentPlan const reference = solve_assignment(problem, all);
      INFO("instance " << i << (objective == Objective::fair ? " fair" : " total"));
      for (int offer : {0, 2}) {
        SolveOptions few = all;
        few.initial_offer = offer;
        AssignmentPlan const plan = solve_assignment(problem, few);
        REQUIRE(plan.status == reference.status);
        if (plan.status != AssignmentPlan::Status::optimal) continue;
        CHECK(is_valid_plan(problem, plan.pairs));
        CHECK(fair_key(problem, plan.pairs).back() == reference.figures.total_score);
        if (objective == Objective::fair) CHECK(fair_key(problem, plan.pairs) == fair_key(problem, reference.pairs));
        if (plan.flow_solves > reference.flow_solves) ++priced;
      }
    }
  }
  CHECK(priced > 10);
}

TEST_CASE("fairness gives the worst-served proposal a better reviewer at some cost to the total", "[matching]") {
  // Two proposals, two reviewers, one each. Total: A←r0, B←r1 (10 + 1 = 11) leaves B with 1.
  // Fair: A←r1, B←r0 (4 + 6 = 10) lifts the floor from 1 to 4.
  AssignmentProblem const problem = from_rows({{10, 4}, {6, 1}}, 1, 1);
  AssignmentPlan const total = solve_assignment(problem);
  CHECK(total.pairs == std::vector<Pair>{{0, 0}, {1, 1}});
  CHECK(total.figures.total_score == 11);
  CHECK(total.figures.rank_floor == std::vector<Score>{1});
  SolveOptions fair;
  fair.objective = Objective::fair;
  AssignmentPlan const plan = solve_assignment(problem, fair);
  CHECK(plan.pairs == std::vector<Pair>{{0, 1}, {1, 0}});
  CHECK(plan.figures.total_score == 10);
  CHECK(plan.figures.rank_floor == std::vector<Score>{4});
  CHECK(plan.figures.weakest_proposal == 0);
  CHECK(plan.figures.weakest_mean == 4.0);
}

TEST_CASE("fairness keeps the first rank's floor while raising the second", "[matching]") {
  // k = 2. Proposal 1 is a niche: only r0 knows it (9); its second reviewer is weak anyway.
  AssignmentProblem const problem = from_rows({{8, 7, 6, 0}, {9, 1, 0, 2}}, 2, 1);
  SolveOptions fair;
  fair.objective = Objective::fair;
  AssignmentPlan const plan = solve_assignment(problem, fair);
  REQUIRE(plan.status == AssignmentPlan::Status::optimal);
  // floor_1: proposal 1 gets r0 (9), proposal 0 its best left (7) → min(7, 9) = 7.
  // floor_2: proposal 1's second is r3 (2); proposal 0's second is r2 (6) → 2.
  CHECK(plan.figures.rank_floor == std::vector<Score>{7, 2});
  CHECK(plan.pairs == std::vector<Pair>{{0, 1}, {0, 2}, {1, 0}, {1, 3}});
}

TEST_CASE("pins are kept and count towards need and load when topping up", "[matching]") {
  // Proposal 0 already has r0 (a weak match, r0's only slot) and needs one more; r1 is the
  // best for both proposals but has one slot.
  AssignmentProblem problem = from_rows({{1, 9, 5}, {2, 8, 3}}, 2, 1);
  problem.max_load = {1, 1, 2};
  problem.pinned = {{0, 0}};
  // Proposal 1 needs two of r1, r2, so r2 serves both: 0←{r0, r2}, 1←{r1, r2} = 6 + 11.
  AssignmentPlan const plan = solve_assignment(problem);
  REQUIRE(plan.status == AssignmentPlan::Status::optimal);
  CHECK(plan.pairs == std::vector<Pair>{{0, 0}, {0, 2}, {1, 1}, {1, 2}});
  CHECK(plan.figures.total_score == 17);
  // With proposal 1 needing one: 0←{r0, r1} 10 + 1←r2 3 = 13 loses to 0←{r0, r2} 6 + 1←r1 8 = 14.
  problem.reviewers_needed = {2, 1};
  AssignmentPlan const topped = solve_assignment(problem);
  REQUIRE(topped.status == AssignmentPlan::Status::optimal);
  CHECK(topped.pairs == std::vector<Pair>{{0, 0}, {0, 2}, {1, 1}});
  CHECK(topped.figures.total_score == 14);
}

TEST_CASE("a proposal with too few non-conflicted reviewers is named with its numbers", "[matching]") {
  // Proposal 1 conflicts with three of four reviewers and needs two.
  AssignmentProblem const problem = from_rows({{5, 5, 5, 5}, {X, 3, X, X}, {1, 1, 1, 1}}, 2, 3);
  AssignmentPlan const plan = solve_assignment(problem);
  REQUIRE(plan.status == AssignmentPlan::Status::infeasible);
  Infeasibility const& why = plan.why_not;
  REQUIRE(why.short_proposals.size() == 1);
  CHECK(why.short_proposals[0].proposal == 1);
  CHECK(why.short_proposals[0].needed == 2);
  CHECK(why.short_proposals[0].eligible == 1);
  CHECK(why.unfilled == 1);
  REQUIRE(why.groups.size() == 1);
  CHECK(why.groups[0].proposals == std::vector<int>{1});
  CHECK(why.groups[0].needed == 2);
  CHECK(why.groups[0].available == 1);
  CHECK(why.extra_load_needed == 0);  // load is not the problem
  CHECK(plan.pairs.empty());
}

TEST_CASE("missing load is counted and the least extra load is priced", "[matching]") {
  // 4 proposals × 2 = 8 slots, 3 reviewers × 2 = 6.
  AssignmentProblem const problem = AssignmentProblem::uniform(4, 3, 2, 2);
  Infeasibility const why = diagnose(problem);
  CHECK_FALSE(why.feasible());
  CHECK(why.slots_needed == 8);
  CHECK(why.load_available == 6);
  CHECK(why.unfilled == 2);
  CHECK(why.short_proposals.empty());
  CHECK(why.extra_load_needed == 2);
  int spread = 0;
  for (auto const& [reviewer, extra] : why.extra_load) spread += extra;
  CHECK(spread == 2);
  REQUIRE(why.groups.size() == 1);
  CHECK(why.groups[0].reviewers == std::vector<int>{0, 1, 2});
  CHECK(why.groups[0].needed - why.groups[0].available == 2);
}

TEST_CASE("proposals competing for the same few reviewers form a group, apart from the rest", "[matching]") {
  // Proposals 0 and 1 may only use r0 and r1 (load 1 each) and need 2 each: 4 needed, 2
  // available. Proposals 2 and 3 have plenty.
  AssignmentProblem problem = from_rows({{5, 4, X, X, X}, {3, 6, X, X, X}, {1, 1, 1, 1, 1}, {2, 2, 2, 2, 2}}, 2, 3);
  problem.max_load = {1, 1, 3, 3, 3};
  Infeasibility const why = diagnose(problem);
  REQUIRE(why.groups.size() == 1);
  CHECK(why.groups[0].proposals == std::vector<int>{0, 1});
  CHECK(why.groups[0].reviewers == std::vector<int>{0, 1});
  CHECK(why.groups[0].needed == 4);
  CHECK(why.groups[0].available == 2);
  CHECK(why.unfilled == 2);
  CHECK(why.short_proposals.empty());  // each alone has its two reviewers
  CHECK(why.extra_load_needed == 2);
  CHECK(why.extra_load == std::vector<std::pair<int, int>>{{0, 1}, {1, 1}});
}

TEST_CASE("contradictory pins are reported", "[matching]") {
  AssignmentProblem problem = from_rows({{1, X, 1}, {1, 1, 1}}, 1, 1);
  SECTION("a pin on a conflicted pair") {
    problem.pinned = {{0, 1}};
    AssignmentPlan const plan = solve_assignment(problem);
    REQUIRE(plan.status == AssignmentPlan::Status::infeasible);
    CHECK(plan.why_not.pinned_forbidden == std::vector<Pair>{{0, 1}});
  }
  SECTION("more pins than the proposal needs") {
    problem.pinned = {{1, 0}, {1, 2}};
    Infeasibility const why = diagnose(problem);
    CHECK(why.overpinned_proposals == std::vector<int>{1});
    CHECK_FALSE(why.feasible());
  }
  SECTION("more pins than the reviewer may take") {
    problem.pinned = {{0, 0}, {1, 0}};
    Infeasibility const why = diagnose(problem);
    CHECK(why.overpinned_reviewers == std::vector<int>{0});
    CHECK_FALSE(why.feasible());
  }
}

TEST_CASE("the diagnosis agrees with enumeration on random small instances", "[matching]") {
  zhiku::SeededRandom rng(77);
  int infeasible = 0;
  for (int i = 0; i < 400; ++i) {
    AssignmentProblem const problem = random_problem(rng);
    Infeasibility const why = diagnose(problem);
    INFO("instance " << i);
    if (why.feasible()) continue;
    ++infeasible;
    int shortfall = 0;
    for (auto const& g : why.groups) {
      CHECK(g.needed > g.available);
      shortfall += g.needed - g.available;
    }
    CHECK(shortfall == why.unfilled);
    if (why.pinned_forbidden.empty() && why.overpinned_proposals.empty() && why.overpinned_reviewers.empty()) {
      CHECK(why.extra_load_needed == (why.unfilled > 0 ? brute_extra_load(problem) : 0));
      // Raising the loads as suggested fills everything the allowed pairs permit.
      if (why.short_proposals.empty()) {
        AssignmentProblem raised = problem;
        for (auto const& [r, extra] : why.extra_load) raised.max_load[static_cast<std::size_t>(r)] += extra;
        CHECK(diagnose(raised).feasible());
      }
    }
  }
  CHECK(infeasible > 100);
}

TEST_CASE("the progress callback sees every stage and can cancel", "[matching]") {
  zhiku::SeededRandom rng(5);
  auto problem = AssignmentProblem::uniform(30, 12, 3, 8);
  for (auto& s : problem.scores) s = static_cast<Score>(rng.below(100));
  std::vector<SolveProgress::Stage> stages;
  SolveOptions options;
  options.objective = Objective::fair;
  options.progress = [&](SolveProgress const& p) {
    CHECK(p.fraction >= 0.0);
    CHECK(p.fraction <= 1.0);
    stages.push_back(p.stage);
    return true;
  };
  AssignmentPlan const plan = solve_assignment(problem, options);
  REQUIRE(plan.status == AssignmentPlan::Status::optimal);
  REQUIRE(stages.size() >= 2);
  CHECK(stages.front() == SolveProgress::Stage::solving);
  CHECK(stages.back() == SolveProgress::Stage::finishing);

  int calls = 0;
  options.progress = [&](SolveProgress const&) { return ++calls < 2; };
  CHECK(solve_assignment(problem, options).status == AssignmentPlan::Status::cancelled);
}

TEST_CASE("solving is deterministic", "[matching]") {
  zhiku::SeededRandom rng(9);
  auto problem = AssignmentProblem::uniform(40, 15, 3, 10);
  for (auto& s : problem.scores) s = rng.below(20) == 0 ? kForbidden : static_cast<Score>(rng.below(4));
  auto const a = solve_assignment(problem);
  auto const b = solve_assignment(problem);
  REQUIRE(a.status == AssignmentPlan::Status::optimal);
  CHECK(a.pairs == b.pairs);
}

TEST_CASE("next best alternates are allowed, free, not on the proposal, best first", "[matching]") {
  AssignmentProblem problem = from_rows({{9, 7, X, 7, 3, 8}, {1, 1, 1, 1, 1, 1}}, 2, 2);
  problem.max_load = {2, 2, 2, 1, 2, 2};
  std::vector<Pair> const current = {{0, 0}, {0, 4}, {1, 3}, {1, 1}};
  // r0 leaves proposal 0. r4 is on it; r2 conflicts; r3 is full (load 1 of 1); r5 declined.
  auto const alternates = next_best_alternates(problem, current, 0, 0, {5}, 5);
  REQUIRE(alternates.size() == 1);
  CHECK(alternates[0].reviewer == 1);
  CHECK(alternates[0].score == 7);
  CHECK(alternates[0].load == 1);
  CHECK(alternates[0].max_load == 2);
  // Without the decline r5 (8) comes first; a count of 1 keeps just it.
  auto const best = next_best_alternates(problem, current, 0, 0, {}, 1);
  REQUIRE(best.size() == 1);
  CHECK(best[0].reviewer == 5);
  CHECK_THROWS_AS(next_best_alternates(problem, current, 2, 0, {}, 1), std::invalid_argument);
}

TEST_CASE("malformed problems are refused with the part named", "[matching]") {
  auto good = AssignmentProblem::uniform(2, 2, 1, 1);
  CHECK_NOTHROW(validate(good));
  auto bad = good;
  SECTION("sizes") {
    bad.max_load.pop_back();
    CHECK_THROWS_WITH(validate(bad), Catch::Contains("max_load"));
  }
  SECTION("need") {
    bad.reviewers_needed[0] = -1;
    CHECK_THROWS_WITH(validate(bad), Catch::Contains("reviewers_needed"));
  }
  SECTION("score range") {
    bad.scores[1] = kMaxAbsScore + 1;
    CHECK_THROWS_WITH(validate(bad), Catch::Contains("score"));
  }
  SECTION("pin range") {
    bad.pinned = {{0, 2}};
    CHECK_THROWS_WITH(validate(bad), Catch::Contains("pin"));
  }
  SECTION("pin twice") {
    bad.pinned = {{0, 1}, {0, 1}};
    CHECK_THROWS_WITH(solve_assignment(bad), Catch::Contains("twice"));
  }
}

TEST_CASE("an empty problem and proposals needing nobody have the empty plan", "[matching]") {
  CHECK(solve_assignment(AssignmentProblem::uniform(0, 0, 0, 0)).status == AssignmentPlan::Status::optimal);
  auto const plan = solve_assignment(AssignmentProblem::uniform(3, 2, 0, 0));
  CHECK(plan.status == AssignmentPlan::Status::optimal);
  CHECK(plan.pairs.empty());
  CHECK(plan.figures.rank_floor.empty());
}
