// The HTTP routes of reviewing. The reviewer's: /api/v1/assignments/{id}/proposal (the proposal
// as their round lets them read it), /{id}/review (the form: GET; save a draft: PUT with its
// version) and /{id}/review/submit. The coordinator's: /api/v1/rounds/{id}/assignments/
// {assignment_id}/extension (one reviewer's deadline).
#pragma once

#include "http/router.hpp"
#include "reviews/review_service.hpp"

namespace zhiku {

void to_json(Json& j, ReviewerProposal const& p);
void to_json(Json& j, Review const& r);
void to_json(Json& j, ReviewForm const& f);

// The review of a request body: types only (ranges are the service's). Throws
// Error::invalid_fields listing every bad field.
ReviewContent review_content_from_json(Json const& body);

void add_review_routes(http::Router& router, ReviewService& reviews);

}  // namespace zhiku
