// The expert pool's HTTP routes: experts, applications, import and export. Each route reads
// its request (expert_json.hpp), makes one service call and renders the answer.
#pragma once

#include "experts/expert_service.hpp"
#include "http/router.hpp"

namespace zhiku {

void add_expert_routes(http::Router& router, ExpertService& experts);

}  // namespace zhiku
