// The HTTP routes of proposals and their JSON forms: each route parses, makes one service call and
// renders. Roles are the routes' policies; who may see or change one proposal is the service's.
#pragma once

#include "core/json.hpp"
#include "http/router.hpp"
#include "proposals/proposal.hpp"
#include "proposals/proposal_service.hpp"

namespace zhiku {

void to_json(Json& j, Attachment const& a);
void to_json(Json& j, ProposalAuthor const& a);
void to_json(Json& j, ProposalEvent const& e);
void to_json(Json& j, ProposalVersion const& v);  // content only when it was read
void to_json(Json& j, ProposalView const& v);
void to_json(Json& j, ProposalListItem const& i);

// The content of a proposal from a request body: every key over `base` (a PATCH keeps what it
// does not name; a POST starts from an empty suggestion). Throws Error{invalid_argument} listing
// every bad field.
ProposalContent proposal_content_from_json(Json const& body, ProposalContent const& base);

void add_proposal_routes(http::Router& router, ProposalService& proposals);

}  // namespace zhiku
