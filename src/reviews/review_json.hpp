// The JSON forms of review rounds, in and out: one serialisation of each struct that the API,
// the store (rubric and tiers are kept as JSON text) and the audit log share. Readers check JSON
// types; limits are rubric.hpp's and the service's.
#pragma once

#include "core/json.hpp"
#include "reviews/round.hpp"

namespace zhiku {

void to_json(Json& j, Criterion const& c);
void to_json(Json& j, Rubric const& r);
void to_json(Json& j, AwardTiers const& t);
void to_json(Json& j, RoundSettings const& s);
void to_json(Json& j, Round const& r);
void to_json(Json& j, RoundProposal const& p);
void to_json(Json& j, ConflictOverride const& o);
void to_json(Json& j, PairConflicts const& p);

// A rubric or tiers from JSON (the API's or the store's). Throws Error{invalid_argument} naming
// the field (under `prefix`) when a value has the wrong type.
Rubric rubric_from_json(Json const& j, std::string const& prefix = "rubric");
AwardTiers tiers_from_json(Json const& j, std::string const& prefix = "tiers");

// The settings of a request body: every key over `base` (a PATCH keeps what it does not name).
// Throws Error{invalid_argument} listing every bad field.
RoundSettings round_settings_from_json(Json const& body, RoundSettings const& base);

}  // namespace zhiku
