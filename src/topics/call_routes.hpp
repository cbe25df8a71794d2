// The HTTP routes of calls for suggestions, and their JSON forms: each route parses, makes one
// service call and renders. Times are ISO 8601 UTC.
#pragma once

#include "core/json.hpp"
#include "http/router.hpp"
#include "topics/call.hpp"
#include "topics/call_service.hpp"

namespace zhiku {

void to_json(Json& j, CallLimits const& l);
void to_json(Json& j, Call const& k);
// The details of a call from a request body: every key (a POST: theme, opens_at and closes_at
// required) or, over `base`, the keys present (a PATCH). Throws Error{invalid_argument} listing
// every bad field ("limits.body_max_chars").
CallDetails call_details_from_json(Json const& body, CallDetails const* base = nullptr);

void add_call_routes(http::Router& router, CallService& calls);

}  // namespace zhiku
