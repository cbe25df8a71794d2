// The review scenarios' world: experts with organisations and histories that hit each conflict
// rule, proposals written by alice (one co-written with bob) and accepted by the office, over
// the real server.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "app/services.hpp"
#include "experts_helpers.hpp"
#include "support/http_client.hpp"
#include "support/personas.hpp"
#include "support/test_server.hpp"

namespace zhiku::test {

inline Actor reviews_office_actor() {
  Principal who;
  who.username = "test";
  who.roles = RoleSet{Role::coordinator};
  return Actor::of(who, {"test", "127.0.0.1"});
}

// An active expert (linked to `user_id` when not 0).
inline Id reviews_expert(TestServer& server, Id user_id, std::string const& name, std::string const& organization,
                         std::vector<Employment> employment = {}) {
  auto& experts = server.app().services().experts;
  ExpertProfile p;
  p.name = name;
  p.organization = organization;
  p.employment = std::move(employment);
  Id id = experts.create(reviews_office_actor(), p).id;
  experts.transition(reviews_office_actor(), id, ExpertAction::approve, "");
  if (user_id != 0) link_user(server, id, user_id);
  return id;
}

// An active expert with research keywords, signed in through an expert account of their own.
struct ReviewerPersona {
  Id expert = 0;
  Id user = 0;
  HttpClient client;
};

inline ReviewerPersona reviews_reviewer(TestServer& server, std::string const& username, std::string const& name,
                                        std::string const& organization, std::vector<std::string> keywords = {}) {
  auto& experts = server.app().services().experts;
  ExpertProfile p;
  p.name = name;
  p.organization = organization;
  p.keywords = std::move(keywords);
  Id id = experts.create(reviews_office_actor(), p).id;
  experts.transition(reviews_office_actor(), id, ExpertAction::approve, "");
  Id user = create_user(server, username, RoleSet{Role::expert}, kPersonaPassword, name);
  link_user(server, id, user);
  return ReviewerPersona{id, user, sign_in(server, username, kPersonaPassword)};
}

inline HttpResponse proposal_step(HttpClient& c, Id id, std::string const& action, std::string const& note = "") {
  Json j = Json::object();
  j["action"] = action;
  if (!note.empty()) j["note"] = note;
  return c.post("/api/v1/proposals/" + std::to_string(id) + "/transitions", j);
}

// A proposal by `author` (with `authors`, in order), sent in; accepted by `office` unless
// `accept` is false. REQUIREs every step.
inline Id sent_in_proposal(HttpClient& author, HttpClient& office, std::string const& title,
                           std::vector<Id> const& authors, bool accept = true) {
  Json j = Json::object();
  j["kind"] = "suggestion";
  j["title"] = title;
  j["summary"] = "";
  j["body"] = "## 存在问题\n\n问题。\n\n## 原因分析\n\n原因。\n\n## 对策建议\n\n对策。";
  j["keywords"] = {"城市更新"};
  j["author_ids"] = authors;
  j["sensitivity"] = "internal";
  auto r = author.post("/api/v1/proposals", j);
  INFO(r.body);
  REQUIRE(r.status == 201);
  Id id = r.json()["id"].get<Id>();
  REQUIRE(proposal_step(author, id, "submit").status == 200);
  if (accept) {
    REQUIRE(proposal_step(office, id, "start_screening").status == 200);
    REQUIRE(proposal_step(office, id, "accept").status == 200);
  }
  return id;
}

inline Json round_body(std::string const& name) {
  Json j = Json::object();
  j["name"] = name;
  j["purpose"] = "award_selection";
  j["reviewers_per_proposal"] = 3;
  j["max_load"] = 5;
  j["deadline"] = "2030-06-30T16:00:00Z";
  return j;
}

inline std::string round_path(Id id) { return "/api/v1/rounds/" + std::to_string(id); }

inline HttpResponse round_step(HttpClient& c, Id id, std::string const& action) {
  Json j = Json::object();
  j["action"] = action;
  return c.post(round_path(id) + "/transitions", j);
}

inline HttpResponse add_to_round(HttpClient& c, Id round, Id proposal) {
  Json j = Json::object();
  j["proposal_id"] = proposal;
  return c.post(round_path(round) + "/proposals", j);
}

}  // namespace zhiku::test

namespace zhiku::test {

inline HttpResponse add_reviewers(HttpClient& c, Id round, std::vector<Id> const& experts,
                                  std::optional<int> max_load = std::nullopt) {
  Json j = Json::object();
  j["expert_ids"] = experts;
  if (max_load) j["max_load"] = *max_load;
  return c.post(round_path(round) + "/reviewers", j);
}

inline HttpResponse assign_by_hand(HttpClient& c, Id round, Id proposal, Id expert, std::string const& reason = "") {
  Json j = Json::object();
  j["proposal_id"] = proposal;
  j["expert_id"] = expert;
  if (!reason.empty()) j["override_reason"] = reason;
  return c.post(round_path(round) + "/assignments", j);
}

inline HttpResponse assignment_step(HttpClient& c, Id assignment, std::string const& action,
                                    std::string const& note = "") {
  Json j = Json::object();
  j["action"] = action;
  if (!note.empty()) j["note"] = note;
  return c.post("/api/v1/assignments/" + std::to_string(assignment) + "/transitions", j);
}

// The caller's assignment of `proposal` in GET /api/v1/assignments (null when none).
inline Json my_assignment(HttpClient& c, Id proposal) {
  auto mine = c.get("/api/v1/assignments");
  REQUIRE(mine.status == 200);
  Json const body = mine.json();  // kept: a loop over a temporary's member would dangle
  for (auto const& a : body["items"])
    if (a["proposal_id"] == proposal) return a;
  return Json();
}

// A round of `k` reviewers per proposal (and as many valid reviews needed) with `proposals`,
// moved to assigning. REQUIREs every step.
inline Id assigning_round(HttpClient& office, std::string const& name, std::vector<Id> const& proposals, int k,
                          int max_load, bool blind = true) {
  Json body = round_body(name);
  body["reviewers_per_proposal"] = k;
  body["min_reviews"] = std::min(k, 3);
  body["max_load"] = max_load;
  body["blind"] = blind;
  auto created = office.post("/api/v1/rounds", body);
  INFO(created.body);
  REQUIRE(created.status == 201);
  Id id = created.json()["id"].get<Id>();
  for (Id p : proposals) REQUIRE(add_to_round(office, id, p).status == 200);
  REQUIRE(round_step(office, id, "start_assigning").status == 200);
  return id;
}

}  // namespace zhiku::test
