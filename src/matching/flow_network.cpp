// The assignment network with nested floors, solved exactly by LEMON's NetworkSimplex with
// column generation.
//
// Network. Each proposal p that takes reviewers gets a chain of m_p + 1 nodes N(p,m_p) → … →
// N(p,0), where m_p = min(floors, reviewers_needed[p]) for an open proposal and 0 otherwise.
// N(p,m_p) supplies reviewers_needed[p] units. An allowed pair (p, r) of score s is an arc
// N(p,band) → r of capacity 1 (lower bound 1 when pinned) and cost −s, where band =
// #{i : s < floors[i-1]}: band 0 holds the pairs scoring ≥ floor_1, band i those in
// [floor_{i+1}, floor_i), band m_p the rest. The chain arc N(p,i) → N(p,i-1) carries exactly
// the units that end in bands < i, i.e. at reviewers scoring ≥ floor_i; its lower bound i says
// "at least i of them". Reviewer r → sink has capacity max_load[r]. An artificial arc
// N(p,0) → sink of cost M lets a unit through without a reviewer, so the network always has a
// flow: the problem has a plan exactly when the minimum-cost flow uses no artificial arc.
//
// Why this is exact: an integral flow without artificial units is a plan (one unit per pair,
// k_p per proposal, at most max_load per reviewer, pins forced by their lower bounds) and every
// plan meeting the floors is such a flow. The constraint matrix of a network is totally
// unimodular, so the simplex optimum is integral. M exceeds any difference in total score
// between two flows (2·kMaxAbsScore·units + 1), so the optimum first avoids artificial units
// and then maximises the score. All arithmetic is in integers.
//
// Column generation. Offering NetworkSimplex all 1.2 M pairs of a 2,000 × 600 round costs
// seconds; the optimum uses 10,000. So the network starts with each proposal's best pairs
// (and its pins), is solved, and then every pair left out is priced against the optimal node
// potentials π: its reduced cost −s + π(N(p,band)) − π(r) must not be negative (LEMON's
// convention: cost + π(source) − π(target)). Pairs that fail are added and the network solved
// again; when none fails, the LP optimality conditions hold for the whole network, so the flow
// is optimal for all pairs, not just the offered ones.
#include "matching/flow_network.hpp"

#include <algorithm>
#include <cstddef>
#include <utility>

#include <lemon/network_simplex.h>
#include <lemon/static_graph.h>

namespace zhiku::matching::detail {
namespace {

using Graph = lemon::StaticDigraph;
using Simplex = lemon::NetworkSimplex<Graph, int, long long>;

// How many improving pairs a proposal may add in one pricing round.
constexpr int kOfferPerRound = 4;

// Deterministic tie order for pairs of equal score, so that a first offer among many equal
// pairs spreads over the reviewers instead of piling on the lowest indices.
std::uint32_t shuffle_key(int p, int r) {
  std::uint64_t x = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(p)) << 32) ^ static_cast<std::uint32_t>(r);
  x ^= x >> 33;
  x *= 0xFF51AFD7ED558CCDULL;
  x ^= x >> 33;
  return static_cast<std::uint32_t>(x);
}

int band_of(Score s, std::vector<Score> const& floors, int bands) {
  int band = 0;
  while (band < bands && s < floors[static_cast<std::size_t>(band)]) ++band;
  return band;
}

struct Network {
  Graph graph;
  std::vector<Pair> pair_of_arc;  // proposal −1 for chain, sink and artificial arcs
  std::vector<int> chain_base;    // per proposal: node N(p,0), or −1
  std::vector<int> bands;         // per proposal: m_p
  int reviewer_base = 0;
  std::size_t artificial_first = 0;  // artificial arcs: one per proposal with a chain, from here on
  std::vector<int> lower;
  std::vector<int> upper;
  std::vector<long long> cost;
  std::vector<int> supply;
};

}  // namespace

Prepared prepare(AssignmentProblem const& problem) {
  Prepared prep;
  prep.pins_of_proposal.assign(static_cast<std::size_t>(problem.proposal_count), 0);
  prep.pins_of_reviewer.assign(static_cast<std::size_t>(problem.reviewer_count), 0);
  prep.pinned.assign(problem.scores.size(), 0);
  for (Pair const& pin : problem.pinned) {
    ++prep.pins_of_proposal[static_cast<std::size_t>(pin.proposal)];
    ++prep.pins_of_reviewer[static_cast<std::size_t>(pin.reviewer)];
    prep.pinned[static_cast<std::size_t>(pin.proposal) * static_cast<std::size_t>(problem.reviewer_count) +
                static_cast<std::size_t>(pin.reviewer)] = 1;
  }
  prep.open.assign(static_cast<std::size_t>(problem.proposal_count), 0);
  for (int p = 0; p < problem.proposal_count; ++p) {
    prep.open[static_cast<std::size_t>(p)] =
        problem.reviewers_needed[static_cast<std::size_t>(p)] > prep.pins_of_proposal[static_cast<std::size_t>(p)];
  }
  return prep;
}

FlowSolver::FlowSolver(AssignmentProblem const& problem, Prepared const& prep, int initial_offer)
    : problem_(problem), prep_(prep), offered_(static_cast<std::size_t>(problem.proposal_count)),
      is_offered_(problem.scores.size(), 0) {
  int const R = problem.reviewer_count;
  std::vector<int> order;
  for (int p = 0; p < problem.proposal_count; ++p) {
    int const k = problem.reviewers_needed[static_cast<std::size_t>(p)];
    if (k == 0) continue;
    order.clear();
    for (int r = 0; r < R; ++r) {
      if (problem.allowed(p, r)) order.push_back(r);
    }
    std::size_t const first = std::min(order.size(), static_cast<std::size_t>(k + std::max(0, initial_offer)));
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(first), order.end(), [&](int a, int b) {
      Score const sa = problem.score(p, a);
      Score const sb = problem.score(p, b);
      return sa != sb ? sa > sb : shuffle_key(p, a) < shuffle_key(p, b);
    });
    auto& mine = offered_[static_cast<std::size_t>(p)];
    auto offer = [&](int r) {
      std::size_t const i = static_cast<std::size_t>(p) * static_cast<std::size_t>(R) + static_cast<std::size_t>(r);
      if (!is_offered_[i]) {
        is_offered_[i] = 1;
        mine.push_back(r);
      }
    };
    for (std::size_t i = 0; i < first; ++i) offer(order[i]);
    for (int r = 0; r < R; ++r) {
      if (prep.is_pinned(problem, p, r)) offer(r);
    }
  }
}

std::optional<std::vector<Pair>> FlowSolver::best_plan(std::vector<Score> const& floors) {
  return solve(floors, true);
}

std::optional<std::vector<Pair>> FlowSolver::any_plan(std::vector<Score> const& floors) {
  return solve(floors, false);
}

std::optional<std::vector<Pair>> FlowSolver::solve(std::vector<Score> const& floors, bool by_score) {
  AssignmentProblem const& problem = problem_;
  int const P = problem.proposal_count;
  int const R = problem.reviewer_count;
  int const m = static_cast<int>(floors.size());
  long long units = 0;
  for (int k : problem.reviewers_needed) units += k;
  // Without a score objective real arcs cost 0 and an artificial unit 1: the optimum is a flow
  // with the fewest artificial units, and any with none is a plan.
  long long const big_m = by_score ? 2LL * kMaxAbsScore * (units + 1) + 1 : 1;
  auto pair_cost = [&](int p, int r) -> long long { return by_score ? -static_cast<long long>(problem.score(p, r)) : 0; };

  for (;;) {
    Network n;
    n.chain_base.assign(static_cast<std::size_t>(P), -1);
    n.bands.assign(static_cast<std::size_t>(P), 0);
    int nodes = 0;
    for (int p = 0; p < P; ++p) {
      int const k = problem.reviewers_needed[static_cast<std::size_t>(p)];
      if (k == 0) continue;
      int const mp = prep_.open[static_cast<std::size_t>(p)] ? std::min(m, k) : 0;
      n.chain_base[static_cast<std::size_t>(p)] = nodes;
      n.bands[static_cast<std::size_t>(p)] = mp;
      nodes += mp + 1;
    }
    n.reviewer_base = nodes;
    int const sink = n.reviewer_base + R;
    nodes = sink + 1;
    n.supply.assign(static_cast<std::size_t>(nodes), 0);

    std::vector<std::pair<int, int>> arcs;
    auto add_arc = [&](int from, int to, int lo, int up, long long c, Pair pair) {
      arcs.emplace_back(from, to);
      n.lower.push_back(lo);
      n.upper.push_back(up);
      n.cost.push_back(c);
      n.pair_of_arc.push_back(pair);
    };
    Pair const none{-1, -1};
    std::vector<std::vector<int>> by_band(static_cast<std::size_t>(m) + 1);
    long long total = 0;
    for (int p = 0; p < P; ++p) {
      int const base = n.chain_base[static_cast<std::size_t>(p)];
      if (base < 0) continue;
      int const k = problem.reviewers_needed[static_cast<std::size_t>(p)];
      int const mp = n.bands[static_cast<std::size_t>(p)];
      n.supply[static_cast<std::size_t>(base + mp)] = k;
      total += k;
      for (auto& b : by_band) b.clear();
      for (int r : offered_[static_cast<std::size_t>(p)]) {
        by_band[static_cast<std::size_t>(band_of(problem.score(p, r), floors, mp))].push_back(r);
      }
      // Arcs leave nodes in increasing index order, as StaticDigraph::build requires.
      for (int i = 0; i <= mp; ++i) {
        int const node = base + i;
        if (i > 0) add_arc(node, node - 1, i, k, 0, none);
        for (int r : by_band[static_cast<std::size_t>(i)]) {
          int const lo = prep_.is_pinned(problem, p, r) ? 1 : 0;
          add_arc(node, n.reviewer_base + r, lo, 1, pair_cost(p, r), Pair{p, r});
        }
      }
    }
    for (int r = 0; r < R; ++r) add_arc(n.reviewer_base + r, sink, 0, problem.max_load[static_cast<std::size_t>(r)], 0, none);
    // Artificial arcs leave from chain nodes, out of the order by source; sorted in below.
    n.artificial_first = arcs.size();
    for (int p = 0; p < P; ++p) {
      int const base = n.chain_base[static_cast<std::size_t>(p)];
      if (base >= 0) add_arc(base, sink, 0, problem.reviewers_needed[static_cast<std::size_t>(p)], big_m, none);
    }
    n.supply[static_cast<std::size_t>(sink)] = static_cast<int>(-total);

    // StaticDigraph numbers arcs in the order given, which must be sorted by source.
    std::vector<std::size_t> order(arcs.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return arcs[a].first < arcs[b].first; });
    std::vector<std::pair<int, int>> sorted(arcs.size());
    for (std::size_t i = 0; i < order.size(); ++i) sorted[i] = arcs[order[i]];
    n.graph.build(nodes, sorted.begin(), sorted.end());

    Graph::ArcMap<int> lower(n.graph), upper(n.graph);
    Graph::ArcMap<long long> cost(n.graph);
    Graph::NodeMap<int> supply(n.graph);
    for (std::size_t i = 0; i < order.size(); ++i) {
      Graph::Arc const a = Graph::arc(static_cast<int>(i));
      lower[a] = n.lower[order[i]];
      upper[a] = n.upper[order[i]];
      cost[a] = n.cost[order[i]];
    }
    for (std::size_t v = 0; v < n.supply.size(); ++v) supply[Graph::node(static_cast<int>(v))] = n.supply[v];
    Simplex ns(n.graph);
    ns.lowerMap(lower).upperMap(upper).costMap(cost).supplyMap(supply);
    ++runs_;
    // Cannot be infeasible (the artificial arcs carry anything) nor unbounded (capacities).
    if (ns.run() != Simplex::OPTIMAL) return std::nullopt;

    // Price every pair not offered; offer those that would improve the flow, at most a few per
    // proposal and round, most negative first: potentials of a degenerate optimum can make
    // thousands of pairs look attractive at once, and offering them all rebuilds the full
    // network this is meant to avoid.
    bool added = false;
    std::vector<std::pair<long long, int>> improving;
    for (int p = 0; p < P; ++p) {
      int const base = n.chain_base[static_cast<std::size_t>(p)];
      if (base < 0) continue;
      int const mp = n.bands[static_cast<std::size_t>(p)];
      improving.clear();
      for (int r = 0; r < R; ++r) {
        std::size_t const i = static_cast<std::size_t>(p) * static_cast<std::size_t>(R) + static_cast<std::size_t>(r);
        if (is_offered_[i] || problem.scores[i] == kForbidden) continue;
        int const from = base + band_of(problem.scores[i], floors, mp);
        long long const reduced = pair_cost(p, r) + ns.potential(Graph::node(from)) -
                                  ns.potential(Graph::node(n.reviewer_base + r));
        if (reduced < 0) improving.emplace_back(reduced, r);
      }
      std::size_t const take = std::min(improving.size(), static_cast<std::size_t>(kOfferPerRound));
      std::partial_sort(improving.begin(), improving.begin() + static_cast<std::ptrdiff_t>(take), improving.end());
      for (std::size_t j = 0; j < take; ++j) {
        int const r = improving[j].second;
        is_offered_[static_cast<std::size_t>(p) * static_cast<std::size_t>(R) + static_cast<std::size_t>(r)] = 1;
        offered_[static_cast<std::size_t>(p)].push_back(r);
        added = true;
      }
    }
    if (added) continue;

    std::vector<Pair> plan;
    for (std::size_t i = 0; i < order.size(); ++i) {
      int const flow = ns.flow(Graph::arc(static_cast<int>(i)));
      if (flow == 0) continue;
      std::size_t const original = order[i];
      if (original >= n.artificial_first) return std::nullopt;  // a unit without a reviewer: no plan
      if (n.pair_of_arc[original].proposal >= 0) plan.push_back(n.pair_of_arc[original]);
    }
    std::sort(plan.begin(), plan.end());
    return plan;
  }
}

}  // namespace zhiku::matching::detail
