// The JSON forms of reviewer pools, assignments and plans. A reviewer's own view (MyAssignment)
// leaves out what only the office sees: the match, its reasons, the pin and, in a blind round,
// every author.
#pragma once

#include "core/json.hpp"
#include "reviews/assignment_service.hpp"

namespace zhiku {

void to_json(Json& j, RoundReviewer const& r);
void to_json(Json& j, Assignment const& a);
void to_json(Json& j, PlannedPair const& p);
void to_json(Json& j, PlannedLoad const& l);
void to_json(Json& j, WeakProposal const& w);
void to_json(Json& j, AssignmentPlanView const& v);
void to_json(Json& j, MyAssignment const& m);

}  // namespace zhiku
