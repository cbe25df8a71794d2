// The managed lists' HTTP routes: the field taxonomy (学科领域) and the pools (专家库).
#pragma once

#include "experts/taxonomy_service.hpp"
#include "http/router.hpp"

namespace zhiku {

void add_taxonomy_routes(http::Router& router, TaxonomyService& taxonomy);

}  // namespace zhiku
