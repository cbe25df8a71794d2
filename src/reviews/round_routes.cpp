// Routes of review rounds. Only coordinators run rounds (kRoundRunners); reviewers reach their
// assignments through /api/v1/assignments (later).
#include "reviews/round_routes.hpp"

#include <stdexcept>
#include <string>

#include "reviews/review_json.hpp"

namespace zhiku {

namespace {

Json items_json(std::vector<RoundProposal> const& rows) {
  Json out = Json::object();
  out["items"] = rows;
  return out;
}

// ?expert_ids=1,2,3
std::vector<Id> id_list_query(http::Request const& req, char const* name) {
  std::vector<Id> out;
  auto v = req.query_param(name);
  if (!v || v->empty()) throw Error::invalid_field(name, "请给出评审人编号，以逗号分隔");
  std::string_view rest = *v;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string item(rest.substr(0, comma));
    try {
      size_t used = 0;
      long long id = std::stoll(item, &used);
      if (used != item.size() || id < 1) throw std::invalid_argument(item);
      out.push_back(static_cast<Id>(id));
    } catch (std::exception const&) {
      throw Error::invalid_field(name, "「" + item + "」不是评审人编号");
    }
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return out;
}

}  // namespace

void to_json(Json& j, RoundView const& v) {
  to_json(j, v.round);
  Json allowed = Json::array();
  for (auto a : v.allowed) allowed.push_back(to_string(a));
  j["allowed"] = std::move(allowed);
}

void add_round_routes(http::Router& router, RoundService& rounds) {
  using http::Policy;
  using http::Request;
  using http::Response;
  Policy const runners = Policy::any_of(kRoundRunners);

  router.get("/api/v1/rounds", runners, [&rounds](Request& req) {
    std::optional<RoundStatus> status;
    if (auto v = req.query_param("status"); v && !v->empty()) {
      status = round_status_from_string(*v);
      if (!status) throw Error::invalid_field("status", "没有名为「" + std::string(*v) + "」的状态");
    }
    auto page = http::page_of(req);
    auto list = rounds.list(req.actor(), status, page.offset(), page.page_size);
    return Response::json(http::page_json(page, Json(list.items), list.total));
  }, "Review rounds, newest first (?status=)");
  router.post("/api/v1/rounds", runners, [&rounds](Request& req) {
    Json body = req.json();
    auto v = rounds.create(req.actor(), round_settings_from_json(body, RoundSettings{}));
    return Response::created(v, "/api/v1/rounds/" + std::to_string(v.round.id)).etag(v.round.version);
  }, "Create a round in draft (name, purpose, rubric, tiers, blind, k, loads, deadline, method)");
  router.get("/api/v1/rounds/{id}", runners, [&rounds](Request& req) {
    auto v = rounds.get(req.actor(), req.id_param());
    return Response::json(v).etag(v.round.version);
  }, "A round with its settings and the actions allowed now");
  router.patch("/api/v1/rounds/{id}", runners, [&rounds](Request& req) {
    Json body = req.json();
    Id id = req.id_param();
    auto current = rounds.get(req.actor(), id);
    auto version = req.expected_version(body);
    auto v = rounds.update(req.actor(), id, version, round_settings_from_json(body, current.round.settings));
    return Response::json(v).etag(v.round.version);
  }, "Edit a round's settings (version or If-Match; a stale one answers 412)");
  router.post("/api/v1/rounds/{id}/transitions", runners, [&rounds](Request& req) {
    Json body = req.json();
    JsonFields f(body);
    auto name = f.req_string("action", 32);
    auto note = f.opt_string("note", 2000).value_or("");
    auto action = round_action_from_string(name);
    if (!action && !name.empty()) f.fail("action", "没有名为「" + name + "」的操作");
    f.finish();
    auto v = rounds.transition(req.actor(), req.id_param(), *action, note);
    return Response::json(v).etag(v.round.version);
  }, "start_assigning, back_to_draft, start_reviewing, close, reopen, finalize");
  router.get("/api/v1/rounds/{id}/proposals", runners, [&rounds](Request& req) {
    return Response::json(items_json(rounds.proposals(req.actor(), req.id_param())));
  }, "The proposals in the round, in the order they were added");
  router.post("/api/v1/rounds/{id}/proposals", runners, [&rounds](Request& req) {
    Json body = req.json();
    JsonFields f(body);
    auto pid = f.req_int("proposal_id", 1, 1LL << 53);
    f.finish();
    return Response::json(items_json(rounds.add_proposal(req.actor(), req.id_param(), static_cast<Id>(pid))));
  }, "Add an accepted proposal (draft or assigning rounds)");
  router.del("/api/v1/rounds/{id}/proposals/{proposal_id}", runners, [&rounds](Request& req) {
    return Response::json(
        items_json(rounds.remove_proposal(req.actor(), req.id_param(), req.id_param("proposal_id"))));
  }, "Take a proposal out of the round (draft or assigning rounds)");
  router.get("/api/v1/rounds/{id}/conflicts", runners, [&rounds](Request& req) {
    auto ids = id_list_query(req, "expert_ids");
    Json out = Json::object();
    out["items"] = rounds.conflicts(req.actor(), req.id_param(), ids);
    return Response::json(out);
  }, "Every proposal of the round × the experts named (?expert_ids=1,2): the conflict rules that hit and overrides");
  router.post("/api/v1/rounds/{id}/overrides", runners, [&rounds](Request& req) {
    Json body = req.json();
    JsonFields f(body);
    auto pid = f.req_int("proposal_id", 1, 1LL << 53);
    auto eid = f.req_int("expert_id", 1, 1LL << 53);
    auto reason = f.opt_string("reason", kMaxOverrideReasonChars).value_or("");
    f.finish();
    return Response::json(rounds.override_conflict(req.actor(), req.id_param(), static_cast<Id>(pid),
                                                   static_cast<Id>(eid), reason));
  }, "Override a conflict of one reviewer × proposal with a written reason (audited)");
  router.del("/api/v1/rounds/{id}/overrides/{proposal_id}/{expert_id}", runners, [&rounds](Request& req) {
    return Response::json(rounds.withdraw_override(req.actor(), req.id_param(), req.id_param("proposal_id"),
                                                   req.id_param("expert_id")));
  }, "Withdraw a conflict override");
}

}  // namespace zhiku
