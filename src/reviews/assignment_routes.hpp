// The HTTP routes of reviewer assignment. The coordinator's: /api/v1/rounds/{id}/reviewers (the
// pool, with loads), /{id}/plan (preview with GET, apply with POST), /{id}/assignments (list,
// pin by hand, remove) and /{id}/release. The reviewer's: /api/v1/assignments (their released
// assignments) and /api/v1/assignments/{id}/transitions (accept, decline with a reason).
#pragma once

#include "http/router.hpp"
#include "reviews/assignment_service.hpp"

namespace zhiku {

void add_assignment_routes(http::Router& router, AssignmentService& assignments);

}  // namespace zhiku
