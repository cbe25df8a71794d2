// Routes of calls for suggestions. Roles are checked by each route's policy (drafts are shown to
// kCallManagers only); the service owns the rules.
#include "topics/call_routes.hpp"

#include "topics/call_rules.hpp"

namespace zhiku {

void to_json(Json& j, CallLimits const& l) {
  j = Json::object();
  j["body_max_chars"] = l.body_max_chars;
  j["summary_threshold_chars"] = l.summary_threshold_chars;
  j["summary_chars"] = l.summary_chars;
}

void to_json(Json& j, Call const& k) {
  j = Json::object();
  j["id"] = k.id;
  j["theme"] = k.details.theme;
  j["description"] = k.details.description;
  j["field_ids"] = k.details.field_ids;
  Json fields = Json::array();
  for (auto const& f : k.fields) {
    Json r = Json::object();
    r["id"] = f.id;
    r["name"] = f.name;
    fields.push_back(std::move(r));
  }
  j["fields"] = std::move(fields);
  j["opens_at"] = k.details.opens_at;
  j["closes_at"] = k.details.closes_at;
  j["limits"] = k.details.limits;
  j["stage"] = to_string(k.stage);
  j["status"] = to_string(k.status);
  j["submission_count"] = k.submission_count;
  j["version"] = k.version;
  j["created_at"] = k.created_at;
  j["updated_at"] = k.updated_at;
}

CallDetails call_details_from_json(Json const& body, CallDetails const* base) {
  JsonFields f(body);
  CallDetails d = base ? *base : CallDetails{};
  if (!base || f.has("theme")) d.theme = f.req_string("theme", kMaxCallThemeChars);
  if (f.has("description")) d.description = f.opt_string("description", kMaxCallDescriptionChars).value_or("");
  if (f.has("field_ids")) d.field_ids = f.opt_int_array("field_ids", kMaxCallFields).value_or(std::vector<Id>{});
  // The instants are checked (and normalised) by validate_call, which names the field.
  if (!base || f.has("opens_at")) d.opens_at = f.req_string("opens_at", 40);
  if (!base || f.has("closes_at")) d.closes_at = f.req_string("closes_at", 40);
  if (auto const* limits = f.raw("limits")) {
    if (!limits->is_object()) {
      f.fail("limits", "须为对象");
    } else {
      JsonFields l(*limits);
      if (auto v = l.opt_int("body_max_chars", 0, 1000000)) d.limits.body_max_chars = static_cast<int>(*v);
      if (auto v = l.opt_int("summary_threshold_chars", 0, 1000000))
        d.limits.summary_threshold_chars = static_cast<int>(*v);
      if (auto v = l.opt_int("summary_chars", 0, 1000000)) d.limits.summary_chars = static_cast<int>(*v);
      try {
        l.finish();
      } catch (Error const& e) {
        for (auto const& x : e.errors()) f.fail("limits." + x.field, x.message);
      }
    }
  }
  f.finish();
  return d;
}

void add_call_routes(http::Router& router, CallService& calls) {
  using http::Policy;
  using http::Request;
  using http::Response;
  Policy const managers = Policy::any_of(kCallManagers);
  auto sees_drafts = [](Request const& req) { return req.actor().has_any(kCallManagers); };

  router.get("/api/v1/calls", Policy::signed_in(), [&calls, sees_drafts](Request& req) {
    auto page = http::page_of(req);
    CallQuery q;
    q.offset = page.offset();
    q.limit = page.page_size;
    if (auto v = req.query_param("status")) {
      q.status = call_status_from_string(*v);
      if (!q.status) throw Error::invalid_field("status", "须为 draft、scheduled、open 或 closed");
    }
    q.include_drafts = sees_drafts(req);
    auto list = calls.list(q);
    return Response::json(http::page_json(page, Json(list.items), list.total));
  }, "Calls for suggestions (?status=open for the open ones; drafts for coordinators)");
  router.post("/api/v1/calls", managers, [&calls](Request& req) {
    Json body = req.json();
    auto k = calls.create(req.actor(), call_details_from_json(body));
    return Response::created(k, "/api/v1/calls/" + std::to_string(k.id));
  }, "Create a call (a draft)");
  router.get("/api/v1/calls/{id}", Policy::signed_in(), [&calls, sees_drafts](Request& req) {
    auto k = calls.get(req.id_param(), sees_drafts(req));
    return Response::json(k).etag(k.version);
  }, "A call with its status now and its text limits");
  router.patch("/api/v1/calls/{id}", managers, [&calls](Request& req) {
    Json body = req.json();
    auto current = calls.get(req.id_param(), true);
    auto k = calls.update(req.actor(), req.id_param(), req.expected_version(body),
                          call_details_from_json(body, &current.details));
    return Response::json(k).etag(k.version);
  }, "Edit a call (not once closed)");
  router.post("/api/v1/calls/{id}/transitions", managers, [&calls](Request& req) {
    Json body = req.json();
    JsonFields f(body);
    auto name = f.req_string("action", 32);
    auto action = call_action_from_string(name);
    if (!action && !name.empty()) f.fail("action", "须为 publish 或 close");
    f.finish();
    return Response::json(calls.transition(req.actor(), req.id_param(), *action));
  }, "Publish or close a call");
}

}  // namespace zhiku
