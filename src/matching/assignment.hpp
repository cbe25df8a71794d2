// Optimal reviewer assignment: which reviewers review which proposals, solved exactly as a
// minimum-cost flow (LEMON's NetworkSimplex), with a fairness objective, an explanation when no
// plan exists, and the next best alternate for a one-click swap.
//
// This header is plain C++17 (the matching target is built as C++17 because LEMON's headers do
// not compile as C++20); it names no LEMON type, no SQL, no JSON, no HTTP. Proposals and
// reviewers are dense indices 0..n-1: the caller maps its ids to indices and back.
//
// Every function here is pure: it reads its arguments, allocates, and returns. Calls on
// different arguments may run concurrently from any threads; nothing is shared.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <vector>

namespace zhiku::matching {

// The match of one (proposal, reviewer) pair: higher is better. The expertise match of
// src/reviews/expertise_match.hpp is 0..1000; any value in [-kMaxAbsScore, kMaxAbsScore] is
// accepted, so a caller may subtract a penalty (an unreliable reviewer) or add a bonus.
using Score = std::int32_t;
inline constexpr Score kMaxAbsScore = 1'000'000;
// Marks a pair that must not be assigned (a conflict of interest, a reviewer who declined it).
inline constexpr Score kForbidden = std::numeric_limits<Score>::min();

struct Pair {
  int proposal = 0;
  int reviewer = 0;
  friend bool operator==(Pair const& a, Pair const& b) {
    return a.proposal == b.proposal && a.reviewer == b.reviewer;
  }
  friend bool operator!=(Pair const& a, Pair const& b) { return !(a == b); }
  friend bool operator<(Pair const& a, Pair const& b) {
    return a.proposal != b.proposal ? a.proposal < b.proposal : a.reviewer < b.reviewer;
  }
};

// What to solve. Sizes must agree (validate() says which does not).
struct AssignmentProblem {
  int proposal_count = 0;
  int reviewer_count = 0;
  // Per proposal: how many reviewers it must end with, pinned ones included (k; a top-up
  // passes the full k and pins the reviewers it already has). 0 = the proposal takes none.
  std::vector<int> reviewers_needed;
  // Per reviewer: the most proposals they may review, pinned ones included (the round's
  // default with the per-reviewer overrides applied by the caller). 0 = takes none.
  std::vector<int> max_load;
  // proposal_count × reviewer_count scores, proposal-major (scores[p * reviewer_count + r]);
  // kForbidden where the pair must not be assigned.
  std::vector<Score> scores;
  // Pairs that must be in the plan: manual pins, and the assignments a round already has when
  // topping it up. They count towards reviewers_needed and max_load. A pin on a forbidden pair
  // makes the problem infeasible (the plan is always conflict-free): a coordinator's written
  // override of a conflict is the caller's to turn into an allowed score first.
  std::vector<Pair> pinned;

  // A problem of `proposals` × `reviewers` where every proposal needs `k`, every reviewer may
  // take `max_load`, and every pair is allowed with score 0.
  static AssignmentProblem uniform(int proposals, int reviewers, int k, int max_load);

  Score score(int proposal, int reviewer) const {
    return scores[static_cast<std::size_t>(proposal) * static_cast<std::size_t>(reviewer_count) +
                  static_cast<std::size_t>(reviewer)];
  }
  bool allowed(int proposal, int reviewer) const { return score(proposal, reviewer) != kForbidden; }
  void set_score(int proposal, int reviewer, Score s) {
    scores[static_cast<std::size_t>(proposal) * static_cast<std::size_t>(reviewer_count) +
           static_cast<std::size_t>(reviewer)] = s;
  }
  void forbid(int proposal, int reviewer) { set_score(proposal, reviewer, kForbidden); }
};

// Throws std::invalid_argument naming the first malformed part: negative counts, vector sizes
// that disagree with the counts, a negative need or load, a score outside
// [-kMaxAbsScore, kMaxAbsScore] other than kForbidden, a pin out of range or pinned twice.
// (Whether a plan exists is not validity: see Infeasibility.)
void validate(AssignmentProblem const& problem);

// What the solver maximises.
//
// `total`: the sum of the scores of the plan's pairs, over every plan in which each proposal p
// has exactly reviewers_needed[p] reviewers, each reviewer r has at most max_load[r]
// proposals, no pair is forbidden, and every pin is kept.
//
// `fair`: among those same plans, lexicographically, the vector
//     (floor_1, floor_2, …, floor_K, total)
// where floor_j is the lowest, over the open proposals with reviewers_needed ≥ j, of the
// proposal's j-th best reviewer score in the plan (pinned reviewers included), K is the largest
// reviewers_needed of an open proposal, and an open proposal is one that still needs a
// reviewer beyond its pins. So first the proposal worst served by its best reviewer is served
// as well as any plan can serve it; then, keeping that, the one worst served by its second
// best; and so on to the k-th; then the total is maximised keeping all of them.
//
// Why not PeerReview4All's objective itself (the lowest per-proposal *sum* of scores): finding
// that maximum is NP-hard (Garg et al. 2010), and PR4A approximates it. Its building block is
// the rank-κ floor above: for each κ it finds the highest threshold such that every paper can
// get κ reviewers at or above it, by max-flow. `fair` takes every rank in turn, exactly, with
// the floors already won kept as constraints, and is solved to proven optimality (nested
// lower bounds on a flow network; see flow_network.cpp). The plan reports the lowest
// per-proposal mean too (PlanFigures::weakest_mean), which it does not optimise.
enum class Objective { total, fair };

// Where a long solve is; sent between solver runs.
struct SolveProgress {
  enum class Stage {
    solving,   // the total-score solve (the only stage of Objective::total)
    raising,   // fair: searching floor `rank` of `ranks`
    finishing  // fair: the final total-score solve under the floors found
  };
  Stage stage = Stage::solving;
  int rank = 0;   // raising: 1..ranks
  int ranks = 0;  // raising: K
  double fraction = 0;  // a rough 0..1 estimate of the work done
  double elapsed_seconds = 0;
};
// Return false to cancel: the solve stops at the next check and returns Status::cancelled.
// Called on the solving thread.
using ProgressCallback = std::function<bool(SolveProgress const&)>;

struct SolveOptions {
  Objective objective = Objective::total;
  ProgressCallback progress;  // optional
  // Tuning only: how many of its best pairs beyond its need each proposal offers the flow
  // solver at first (the rest join when pricing shows they would improve the plan). Every
  // value gives the same optimum; the default is the fastest at round scale.
  int initial_offer = 12;
};

// A proposal that cannot get enough reviewers whatever the loads: after its pins it needs
// `needed` more but only `eligible` reviewers are allowed for it, unpinned and able to take
// any load (max_load > pins).
struct ProposalShortfall {
  int proposal = 0;
  int needed = 0;
  int eligible = 0;
};

// A group of proposals that compete for the same reviewers (a Hall set, read off a minimum
// cut): together they still need `needed` reviewer slots, but every reviewer allowed for any
// of them can give only `available` — the reviewers listed are fully loaded by them, and the
// others are limited by taking each proposal at most once. `needed - available` of the plan's
// slots stay empty whatever is done inside the group.
struct CompetingGroup {
  std::vector<int> proposals;
  std::vector<int> reviewers;
  int needed = 0;
  int available = 0;
};

// Why no plan exists. Each list is sorted by index; all empty means feasible.
struct Infeasibility {
  std::vector<Pair> pinned_forbidden;     // pins on forbidden pairs
  std::vector<int> overpinned_proposals;  // more pins than reviewers_needed
  std::vector<int> overpinned_reviewers;  // more pins than max_load
  std::vector<ProposalShortfall> short_proposals;  // too few allowed reviewers
  // Totals after pins: slots still to fill, and the load left over all reviewers.
  int slots_needed = 0;
  int load_available = 0;
  // Slots that no plan can fill (needed − the maximum flow), with the groups that explain
  // them; their needed − available add up to `unfilled`.
  int unfilled = 0;
  std::vector<CompetingGroup> groups;
  // The least total increase of max_load that lets every proposal be filled up to what its
  // allowed reviewers permit, and one way to spend it (reviewer, increase), by reviewer.
  int extra_load_needed = 0;
  std::vector<std::pair<int, int>> extra_load;

  bool feasible() const {
    return pinned_forbidden.empty() && overpinned_proposals.empty() &&
           overpinned_reviewers.empty() && short_proposals.empty() && unfilled == 0;
  }
};

// The figures of a plan (any plan: the solver's, or one the coordinator edited).
struct PlanFigures {
  std::int64_t total_score = 0;
  std::vector<std::int64_t> proposal_score;  // per proposal: the sum of its reviewers' scores
  std::vector<int> load;                     // per reviewer
  // floor_j for j = 1..K as defined under Objective::fair (empty when no proposal is open).
  std::vector<Score> rank_floor;
  // The open proposal with the lowest mean reviewer score, and that mean (-1 and 0 if none).
  int weakest_proposal = -1;
  double weakest_mean = 0;
};

struct AssignmentPlan {
  enum class Status { optimal, infeasible, cancelled };
  Status status = Status::infeasible;
  std::vector<Pair> pairs;  // the whole plan, pins included, sorted; empty unless optimal
  PlanFigures figures;      // of `pairs` (when optimal)
  Infeasibility why_not;    // when infeasible
  double seconds = 0;       // wall time of the solve
  int flow_solves = 0;      // NetworkSimplex runs it took (each pricing round is one)
};

// Solves `problem` for `options.objective`. Returns Status::optimal with a plan that is proven
// optimal for the objective (the flow solver's optimality, in integers: no rounding); or
// Status::infeasible with why_not filled in; or Status::cancelled when the progress callback
// said so. Throws std::invalid_argument as validate() does, std::bad_alloc when memory runs
// out. Deterministic: the same problem gives the same plan.
// Scale (bench/README.md): 2,000 × 600, k = 5, 5 % conflicts takes about 0.4 s of CPU and 15 MiB
// (total) or 1 s and 26 MiB (fair).
AssignmentPlan solve_assignment(AssignmentProblem const& problem, SolveOptions const& options = {});

// Why `problem` has no plan (everything empty and unfilled == 0 when it has one). The solver
// calls it on failure; callable on its own to check a round before solving.
// Throws as validate() does.
Infeasibility diagnose(AssignmentProblem const& problem);

// The figures of `pairs` against `problem`. Pairs may be any set (an edited plan); figures are
// computed as they are, nothing is checked beyond indices (std::invalid_argument when out of
// range).
PlanFigures evaluate_plan(AssignmentProblem const& problem, std::vector<Pair> const& pairs);

// Whether `pairs` is a plan for `problem`: each proposal exactly reviewers_needed, each
// reviewer within max_load, no forbidden or repeated pair, every pin present.
bool is_valid_plan(AssignmentProblem const& problem, std::vector<Pair> const& pairs);

// A reviewer who could take `leaving`'s place on `proposal` with nothing else changed.
struct Alternate {
  int reviewer = 0;
  Score score = 0;
  int load = 0;      // current, in `current`
  int max_load = 0;
};

// The best replacements for `leaving` on `proposal` given the round's `current` assignments:
// reviewers allowed for the proposal, not on it in `current`, not `leaving`, not in `excluded`
// (those who declined it, say), with load below max_load. Best score first, then the lower
// current load, then the lower index; at most `count`. Throws std::invalid_argument on indices
// out of range.
std::vector<Alternate> next_best_alternates(AssignmentProblem const& problem,
                                            std::vector<Pair> const& current, int proposal,
                                            int leaving, std::vector<int> const& excluded,
                                            int count);

}  // namespace zhiku::matching
