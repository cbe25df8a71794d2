// The expert pool's HTTP routes (experts, applications, fields, pools) and their JSON forms.
#pragma once

#include <string>

#include "core/json.hpp"
#include "core/principal.hpp"
#include "experts/expert.hpp"
#include "experts/expert_import.hpp"
#include "experts/expert_service.hpp"
#include "experts/taxonomy_service.hpp"
#include "http/router.hpp"

namespace zhiku {

// An expert as `who` may see it: phone and email only for coordinators, admins and the expert
// (the keys are absent otherwise).
Json expert_to_json(Expert const& e, Principal const& who);
// The profile keys of a POST or PATCH body (absent keys stay out of `present`; null clears).
// Throws Error{invalid_argument} listing every bad field.
ExpertPatch expert_patch_from_json(Json const& body);

void to_json(Json& j, Employment const& e);
void to_json(Json& j, NamedRef const& r);
void to_json(Json& j, Conflict const& k);
void to_json(Json& j, Field const& f);
void to_json(Json& j, FieldNode const& n);
void to_json(Json& j, Pool const& p);
void to_json(Json& j, ImportError const& e);
void to_json(Json& j, ImportDuplicate const& d);
// Only the four keys of the lookup: id, name, organization, department.
void to_json(Json& j, ExpertLookupItem const& e);
Json import_row_to_json(ImportRow const& r);

// The search snippet as HTML: the text escaped, matches wrapped in <mark>…</mark>.
std::string highlight_html(std::string const& snippet);

void add_expert_routes(http::Router& router, ExpertService& experts, TaxonomyService& taxonomy);

}  // namespace zhiku
