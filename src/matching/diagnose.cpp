// Why an assignment problem has no plan: pin contradictions, proposals short of allowed
// reviewers, the competing groups of a minimum cut, and the least extra load that would help.
#include <algorithm>
#include <cstddef>
#include <numeric>
#include <utility>

#include <lemon/network_simplex.h>
#include <lemon/preflow.h>
#include <lemon/static_graph.h>

#include "matching/assignment.hpp"
#include "matching/flow_network.hpp"

namespace zhiku::matching {
namespace {

using Graph = lemon::StaticDigraph;

// The problem after its pins: what each proposal still needs, what each reviewer can still
// take, and the pairs still open to choose (allowed, unpinned, reviewer with load left).
struct Residual {
  std::vector<int> need;
  std::vector<int> load;
  std::vector<Pair> eligible;  // sorted by proposal, then reviewer
  std::vector<int> eligible_of_proposal;
};

Residual residual_of(AssignmentProblem const& problem, detail::Prepared const& prep) {
  Residual res;
  res.need.resize(static_cast<std::size_t>(problem.proposal_count));
  res.load.resize(static_cast<std::size_t>(problem.reviewer_count));
  res.eligible_of_proposal.assign(static_cast<std::size_t>(problem.proposal_count), 0);
  for (int p = 0; p < problem.proposal_count; ++p) {
    auto const pi = static_cast<std::size_t>(p);
    res.need[pi] = std::max(0, problem.reviewers_needed[pi] - prep.pins_of_proposal[pi]);
  }
  for (int r = 0; r < problem.reviewer_count; ++r) {
    auto const ri = static_cast<std::size_t>(r);
    res.load[ri] = std::max(0, problem.max_load[ri] - prep.pins_of_reviewer[ri]);
  }
  for (int p = 0; p < problem.proposal_count; ++p) {
    if (res.need[static_cast<std::size_t>(p)] == 0) continue;
    for (int r = 0; r < problem.reviewer_count; ++r) {
      if (problem.allowed(p, r) && !prep.is_pinned(problem, p, r) && res.load[static_cast<std::size_t>(r)] > 0) {
        res.eligible.push_back(Pair{p, r});
        ++res.eligible_of_proposal[static_cast<std::size_t>(p)];
      }
    }
  }
  return res;
}

// Node numbering shared by both networks: proposals, then reviewers, then source and sink.
struct Layout {
  int P;
  int R;
  int reviewer(int r) const { return P + r; }
  int source() const { return P + R; }
  int sink() const { return P + R + 1; }
  int nodes() const { return P + R + 2; }
};

// Maximum flow source → proposal (need) → reviewer (1 per eligible pair) → sink (load); fills
// unfilled and the competing groups read off the residual graph.
void explain_cut(Residual const& res, Layout const& at, Infeasibility& why) {
  std::vector<std::pair<int, int>> arcs;
  std::vector<int> cap;
  arcs.reserve(res.eligible.size() + static_cast<std::size_t>(at.P + at.R));
  // Arcs sorted by source node: proposals' arcs, reviewers' arcs, then the source's.
  for (Pair const& e : res.eligible) {
    arcs.emplace_back(e.proposal, at.reviewer(e.reviewer));
    cap.push_back(1);
  }
  std::size_t const reviewer_arcs = arcs.size();
  for (int r = 0; r < at.R; ++r) {
    arcs.emplace_back(at.reviewer(r), at.sink());
    cap.push_back(res.load[static_cast<std::size_t>(r)]);
  }
  std::size_t const source_arcs = arcs.size();
  for (int p = 0; p < at.P; ++p) {
    arcs.emplace_back(at.source(), p);
    cap.push_back(res.need[static_cast<std::size_t>(p)]);
  }
  Graph g;
  g.build(at.nodes(), arcs.begin(), arcs.end());
  Graph::ArcMap<int> capacity(g);
  for (std::size_t i = 0; i < arcs.size(); ++i) capacity[Graph::arc(static_cast<int>(i))] = cap[i];
  lemon::Preflow<Graph, Graph::ArcMap<int>> preflow(g, capacity, Graph::node(at.source()), Graph::node(at.sink()));
  preflow.run();
  auto flow = [&](std::size_t i) { return preflow.flow(Graph::arc(static_cast<int>(i))); };
  why.unfilled = why.slots_needed - preflow.flowValue();
  if (why.unfilled == 0) return;

  // Nodes reachable from the source in the residual graph: proposals left short, the reviewers
  // they could still ask, the proposals holding those reviewers, and so on. Every reviewer
  // reached is fully loaded (else the flow could grow), so this is the source side of a
  // minimum cut: a Hall set with the largest shortfall.
  std::vector<std::vector<std::pair<int, std::size_t>>> out_of_proposal(static_cast<std::size_t>(at.P));
  std::vector<std::vector<std::size_t>> into_reviewer(static_cast<std::size_t>(at.R));
  for (std::size_t i = 0; i < reviewer_arcs; ++i) {
    Pair const e = res.eligible[i];
    out_of_proposal[static_cast<std::size_t>(e.proposal)].emplace_back(e.reviewer, i);
    into_reviewer[static_cast<std::size_t>(e.reviewer)].push_back(i);
  }
  std::vector<char> reached(static_cast<std::size_t>(at.nodes()), 0);
  std::vector<int> queue;
  for (int p = 0; p < at.P; ++p) {
    if (flow(source_arcs + static_cast<std::size_t>(p)) < res.need[static_cast<std::size_t>(p)]) {
      reached[static_cast<std::size_t>(p)] = 1;
      queue.push_back(p);
    }
  }
  for (std::size_t head = 0; head < queue.size(); ++head) {
    int const v = queue[head];
    if (v < at.P) {
      for (auto const& [r, i] : out_of_proposal[static_cast<std::size_t>(v)]) {
        if (flow(i) == 0 && !reached[static_cast<std::size_t>(at.reviewer(r))]) {
          reached[static_cast<std::size_t>(at.reviewer(r))] = 1;
          queue.push_back(at.reviewer(r));
        }
      }
    } else {
      for (std::size_t i : into_reviewer[static_cast<std::size_t>(v - at.P)]) {
        int const p = res.eligible[i].proposal;
        if (flow(i) > 0 && !reached[static_cast<std::size_t>(p)]) {
          reached[static_cast<std::size_t>(p)] = 1;
          queue.push_back(p);
        }
      }
    }
  }

  // Split the reached set into groups that share no reviewer (union-find over eligible pairs
  // inside it), so each shortage is explained by the proposals and reviewers really involved.
  std::vector<int> parent(static_cast<std::size_t>(at.P + at.R));
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](int x) {
    while (parent[static_cast<std::size_t>(x)] != x) {
      parent[static_cast<std::size_t>(x)] = parent[static_cast<std::size_t>(parent[static_cast<std::size_t>(x)])];
      x = parent[static_cast<std::size_t>(x)];
    }
    return x;
  };
  for (std::size_t i = 0; i < reviewer_arcs; ++i) {
    Pair const e = res.eligible[i];
    int const rv = at.reviewer(e.reviewer);
    if (reached[static_cast<std::size_t>(e.proposal)] && reached[static_cast<std::size_t>(rv)]) {
      parent[static_cast<std::size_t>(find(e.proposal))] = find(rv);
    }
  }
  std::vector<int> group_of_root(static_cast<std::size_t>(at.P + at.R), -1);
  for (int p = 0; p < at.P; ++p) {
    if (!reached[static_cast<std::size_t>(p)]) continue;
    int const root = find(p);
    if (group_of_root[static_cast<std::size_t>(root)] < 0) {
      group_of_root[static_cast<std::size_t>(root)] = static_cast<int>(why.groups.size());
      why.groups.emplace_back();
    }
    CompetingGroup& group = why.groups[static_cast<std::size_t>(group_of_root[static_cast<std::size_t>(root)])];
    group.proposals.push_back(p);
    group.needed += res.need[static_cast<std::size_t>(p)];
    for (auto const& [r, i] : out_of_proposal[static_cast<std::size_t>(p)]) {
      (void)i;
      if (!reached[static_cast<std::size_t>(at.reviewer(r))]) ++group.available;  // a pair the cut crosses
    }
  }
  for (int r = 0; r < at.R; ++r) {
    if (!reached[static_cast<std::size_t>(at.reviewer(r))]) continue;
    CompetingGroup& group =
        why.groups[static_cast<std::size_t>(group_of_root[static_cast<std::size_t>(find(at.reviewer(r)))])];
    group.reviewers.push_back(r);
    group.available += res.load[static_cast<std::size_t>(r)];
  }
}

// The least total load to add so that every proposal gets min(need, eligible): a minimum-cost
// flow in which each reviewer may exceed their load at a cost of 1 a unit.
void price_extra_load(Residual const& res, Layout const& at, Infeasibility& why) {
  std::vector<std::pair<int, int>> arcs;
  std::vector<int> upper;
  std::vector<long long> cost;
  int total = 0;
  std::vector<int> supply(static_cast<std::size_t>(at.nodes()), 0);
  for (int p = 0; p < at.P; ++p) {
    auto const pi = static_cast<std::size_t>(p);
    supply[pi] = std::min(res.need[pi], res.eligible_of_proposal[pi]);
    total += supply[pi];
  }
  for (Pair const& e : res.eligible) {
    arcs.emplace_back(e.proposal, at.reviewer(e.reviewer));
    upper.push_back(1);
    cost.push_back(0);
  }
  std::size_t const extra_base = arcs.size();
  for (int r = 0; r < at.R; ++r) {
    arcs.emplace_back(at.reviewer(r), at.sink());
    upper.push_back(res.load[static_cast<std::size_t>(r)]);
    cost.push_back(0);
    arcs.emplace_back(at.reviewer(r), at.sink());
    upper.push_back(total);
    cost.push_back(1);
  }
  supply[static_cast<std::size_t>(at.sink())] = -total;
  Graph g;
  g.build(at.nodes(), arcs.begin(), arcs.end());
  Graph::ArcMap<int> up(g);
  Graph::ArcMap<long long> c(g);
  Graph::NodeMap<int> sup(g);
  for (std::size_t i = 0; i < arcs.size(); ++i) {
    up[Graph::arc(static_cast<int>(i))] = upper[i];
    c[Graph::arc(static_cast<int>(i))] = cost[i];
  }
  for (std::size_t v = 0; v < supply.size(); ++v) sup[Graph::node(static_cast<int>(v))] = supply[v];
  lemon::NetworkSimplex<Graph, int, long long> ns(g);
  ns.upperMap(up).costMap(c).supplyMap(sup);
  if (ns.run() != lemon::NetworkSimplex<Graph, int, long long>::OPTIMAL) return;  // cannot happen: loads are unbounded
  for (int r = 0; r < at.R; ++r) {
    int const extra = ns.flow(Graph::arc(static_cast<int>(extra_base) + 2 * r + 1));
    if (extra > 0) {
      why.extra_load.emplace_back(r, extra);
      why.extra_load_needed += extra;
    }
  }
}

}  // namespace

Infeasibility diagnose(AssignmentProblem const& problem) {
  validate(problem);
  detail::Prepared const prep = detail::prepare(problem);
  Infeasibility why;
  for (Pair const& pin : problem.pinned) {
    if (!problem.allowed(pin.proposal, pin.reviewer)) why.pinned_forbidden.push_back(pin);
  }
  std::sort(why.pinned_forbidden.begin(), why.pinned_forbidden.end());
  for (int p = 0; p < problem.proposal_count; ++p) {
    auto const pi = static_cast<std::size_t>(p);
    if (prep.pins_of_proposal[pi] > problem.reviewers_needed[pi]) why.overpinned_proposals.push_back(p);
  }
  for (int r = 0; r < problem.reviewer_count; ++r) {
    auto const ri = static_cast<std::size_t>(r);
    if (prep.pins_of_reviewer[ri] > problem.max_load[ri]) why.overpinned_reviewers.push_back(r);
  }

  Residual const res = residual_of(problem, prep);
  for (int p = 0; p < problem.proposal_count; ++p) {
    auto const pi = static_cast<std::size_t>(p);
    why.slots_needed += res.need[pi];
    if (res.eligible_of_proposal[pi] < res.need[pi]) {
      why.short_proposals.push_back(ProposalShortfall{p, res.need[pi], res.eligible_of_proposal[pi]});
    }
  }
  why.load_available = std::accumulate(res.load.begin(), res.load.end(), 0);

  Layout const at{problem.proposal_count, problem.reviewer_count};
  explain_cut(res, at, why);
  if (why.unfilled > 0) price_extra_load(res, at, why);
  return why;
}

}  // namespace zhiku::matching
