// Routes of reviewer assignment: each reads its request, makes one service call and renders.
#include "reviews/assignment_routes.hpp"

#include "reviews/assignment_json.hpp"

namespace zhiku {

namespace {

template <class T>
Json items_json(std::vector<T> const& rows) {
  Json out = Json::object();
  out["items"] = rows;
  return out;
}

// ?objective=total|fair (default total).
std::string objective_of(std::optional<std::string_view> v) {
  if (!v || v->empty()) return "total";
  if (*v != "total" && *v != "fair")
    throw Error::invalid_field("objective", "分配目标须为 total（总匹配度最高）或 fair（先照顾匹配最差的建议）");
  return std::string(*v);
}

}  // namespace

void add_assignment_routes(http::Router& router, AssignmentService& assignments) {
  using http::Policy;
  using http::Request;
  using http::Response;
  Policy const runners = Policy::any_of(kRoundRunners);
  Policy const reviewers = Policy::any_of(RoleSet{Role::expert}, "the assigned reviewer");

  router.get("/api/v1/rounds/{id}/reviewers", runners, [&assignments](Request& req) {
    return Response::json(items_json(assignments.reviewers(req.actor(), req.id_param())));
  }, "The round's reviewer pool with each reviewer's load and limit");
  router.post("/api/v1/rounds/{id}/reviewers", runners, [&assignments](Request& req) {
    Json body = req.json();
    JsonFields f(body);
    auto ids = f.opt_int_array("expert_ids", kMaxConflictReviewers).value_or(std::vector<std::int64_t>{});
    auto load = f.opt_int("max_load", 0, kMaxReviewerLoad);
    f.finish();
    std::vector<Id> expert_ids(ids.begin(), ids.end());
    std::optional<int> max_load;
    if (load) max_load = static_cast<int>(*load);
    return Response::json(items_json(assignments.add_reviewers(req.actor(), req.id_param(), expert_ids, max_load)));
  }, "Add active experts to the pool, or set their own load limit (max_load; null: the round's)");
  router.del("/api/v1/rounds/{id}/reviewers/{expert_id}", runners, [&assignments](Request& req) {
    return Response::json(
        items_json(assignments.remove_reviewer(req.actor(), req.id_param(), req.id_param("expert_id"))));
  }, "Take a reviewer without assignments out of the pool");
  http::Route preview;
  preview.method = "GET";
  preview.pattern = "/api/v1/rounds/{id}/plan";
  preview.policy = runners;
  preview.exec = http::Exec::worker;  // a large round takes a second or more to solve
  preview.summary = "The optimal conflict-free plan (?objective=total|fair) without applying it, or why none exists";
  preview.handler = [&assignments](Request& req) {
    return Response::json(assignments.plan(req.actor(), req.id_param(), objective_of(req.query_param("objective"))));
  };
  router.add(std::move(preview));
  router.post("/api/v1/rounds/{id}/plan", runners, [&assignments](Request& req) {
    Json body = req.json();
    JsonFields f(body);
    auto objective = f.opt_string("objective", 10);
    f.finish();
    std::optional<std::string_view> named;
    if (objective) named = *objective;
    return Response::json(assignments.apply(req.actor(), req.id_param(), objective_of(named)));
  }, "Apply the plan as a top-up: keeps every assignment and pin, writes the new pairs as tentative");
  router.get("/api/v1/rounds/{id}/assignments", runners, [&assignments](Request& req) {
    return Response::json(items_json(assignments.assignments(req.actor(), req.id_param())));
  }, "Every assignment of the round with its status, match and reasons");
  router.post("/api/v1/rounds/{id}/assignments", runners, [&assignments](Request& req) {
    Json body = req.json();
    JsonFields f(body);
    auto pid = f.req_int("proposal_id", 1, 1LL << 53);
    auto eid = f.req_int("expert_id", 1, 1LL << 53);
    auto reason = f.opt_string("override_reason", kMaxOverrideReasonChars).value_or("");
    f.finish();
    Id round = req.id_param();
    auto a = assignments.assign(req.actor(), round, static_cast<Id>(pid), static_cast<Id>(eid), reason);
    return Response::created(a, "/api/v1/rounds/" + std::to_string(round) + "/assignments");
  }, "Assign a reviewer by hand (a pin); a conflict refuses it naming the rule unless override_reason is written");
  router.del("/api/v1/rounds/{id}/assignments/{assignment_id}", runners, [&assignments](Request& req) {
    assignments.unassign(req.actor(), req.id_param(), req.id_param("assignment_id"));
    return Response::no_content();
  }, "Remove an assignment the reviewer has not accepted");
  router.post("/api/v1/rounds/{id}/release", runners, [&assignments](Request& req) {
    Json out = Json::object();
    out["released"] = assignments.release(req.actor(), req.id_param());
    return Response::json(out);
  }, "Release the tentative assignments: the reviewers see and are told of them");

  router.get("/api/v1/assignments", reviewers, [&assignments](Request& req) {
    return Response::json(items_json(assignments.mine(req.actor())));
  }, "The caller's review assignments (released ones), newest first");
  router.post("/api/v1/assignments/{id}/transitions", reviewers, [&assignments](Request& req) {
    Json body = req.json();
    JsonFields f(body);
    auto name = f.req_string("action", 16);
    auto note = f.opt_string("note", kMaxDeclineReasonChars).value_or("");
    auto action = assignment_action_from_string(name);
    if (!action && !name.empty()) f.fail("action", "没有名为「" + name + "」的操作");
    f.finish();
    return Response::json(assignments.act(req.actor(), req.id_param(), *action, note));
  }, "accept, or decline with a reason (note): a decline frees the slot");
}

}  // namespace zhiku
