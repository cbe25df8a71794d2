// The HTTP routes of research topics, member departments, topic guides and topic suggestions,
// and their JSON forms (schema/openapi.yaml, section "topics"): each route parses, makes one
// service call and renders. Times are ISO 8601 UTC.
#pragma once

#include "core/json.hpp"
#include "http/router.hpp"
#include "topics/topic.hpp"
#include "topics/topic_service.hpp"

namespace zhiku {

void to_json(Json& j, MemberDepartment const& d);
void to_json(Json& j, TopicGuide const& g);
void to_json(Json& j, Topic const& t);
void to_json(Json& j, TopicListItem const& t);
void to_json(Json& j, TopicView const& v);
void to_json(Json& j, TopicMember const& m);
void to_json(Json& j, Commission const& k);
void to_json(Json& j, TopicEvent const& e);
void to_json(Json& j, TopicSuggestion const& s);
void to_json(Json& j, TopicFile const& f);
void to_json(Json& j, ApplicationMember const& m);
void to_json(Json& j, TopicApplication const& a);

// The keys of a topic body present in `body` (a PATCH), or every key with defaults (a POST:
// title required). Throws Error{invalid_argument} listing every bad field.
TopicPatch topic_patch_from_json(Json const& body, bool create);

void add_topic_routes(http::Router& router, TopicService& topics);

}  // namespace zhiku
