// The HTTP routes of review rounds: /api/v1/rounds (list, create), /{id} (read, edit),
// /{id}/transitions, /{id}/proposals, /{id}/conflicts and /{id}/overrides. Each route reads its
// request, makes one service call and renders.
#pragma once

#include "http/router.hpp"
#include "reviews/round_service.hpp"

namespace zhiku {

void to_json(Json& j, RoundView const& v);

void add_round_routes(http::Router& router, RoundService& rounds);

}  // namespace zhiku
