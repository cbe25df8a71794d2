// Chinese sentences for the coordinator about an assignment plan that cannot be made
// (matching::Infeasibility). Pure; names come from the caller, indexed as in the problem.
#pragma once

#include <string>
#include <vector>

#include "matching/assignment.hpp"

namespace zhiku {

// One sentence per reason, most specific first: contradictory pins, proposals short of
// non-conflicted reviewers, groups of proposals that compete for too few reviewers, the load
// missing overall, and the least extra load that would help with an example. Long lists name
// the first kMaxNamesListed and say how many more. Empty when `why` is feasible.
// REQUIRES: the names cover every index `why` mentions.
inline constexpr std::size_t kMaxNamesListed = 5;
std::vector<std::string> describe_infeasibility(matching::Infeasibility const& why,
                                                std::vector<std::string> const& proposal_titles,
                                                std::vector<std::string> const& reviewer_names);

}  // namespace zhiku
