// Reviewer assignment over HTTP: the coordinator keeps a pool with loads, previews the optimal
// conflict-free plan (match and reasons per pair, loads) without changing anything, pins a pair
// by hand (a conflict refuses it naming the rule unless a written override goes with it),
// applies the plan as a top-up that keeps the pins, and releases it; reviewers see nothing
// before the release, then accept or decline with a reason, and a decline frees the slot for
// the next top-up. When no plan exists the office is told which proposals lack reviewers.
#include <catch2/catch.hpp>

#include "reviews_helpers.hpp"
#include "support/chinese_text.hpp"

using namespace zhiku;
using namespace zhiku::test;

namespace {

std::string last_audit_diff(TestServer& server, std::string const& action) {
  auto c = server.app().database().read();
  auto s = c->prepare("SELECT diff FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1");
  bind_all(s, action);
  if (!s.step()) return "";
  return s.text(0);
}

// The pairs of a plan or an assignment list as (proposal, expert).
std::set<std::pair<Id, Id>> pairs_of(Json const& items, char const* expert_key = "expert_id") {
  std::set<std::pair<Id, Id>> out;
  for (auto const& x : items) out.insert({x["proposal_id"].get<Id>(), x[expert_key].get<Id>()});
  return out;
}

Json pair_in(Json const& items, Id proposal, Id expert) {
  for (auto const& x : items)
    if (x["proposal_id"] == proposal && x["expert_id"] == expert) return x;
  return Json();
}

struct AssignWorld {
  TestServer server;
  Personas p = make_personas(server);
  Id alice = reviews_expert(server, p.expert_alice_id, "李爱丽", "同济大学");
  Id bob = reviews_expert(server, p.expert_bob_id, "张博", "复旦大学");
  ReviewerPersona carol = reviews_reviewer(server, "carol", "陈卡罗", "上海交通大学", {"城市更新"});
  ReviewerPersona erin = reviews_reviewer(server, "erin", "尔琳", "华东师范大学", {"韧性"});
  Id dan = reviews_expert(server, 0, "丁丹", "同济大学");
  Id frank = reviews_expert(server, 0, "方弗", "浙江大学");
  Id p1 = 0, p2 = 0;

  AssignWorld() {
    // bob co-wrote an earlier proposal with alice.
    sent_in_proposal(p.expert_alice, p.coordinator, "合写的建议", {alice, bob}, false);
    p1 = sent_in_proposal(p.expert_alice, p.coordinator, "关于城市更新的建议", {alice});
    p2 = sent_in_proposal(p.expert_alice, p.coordinator, "提升城市韧性的建议", {alice});
  }
};

}  // namespace

TEST_CASE("the office previews an optimal conflict-free plan, pins by hand, applies a top-up and releases it",
          "[integration][reviews][assignment]") {
  AssignWorld w;
  auto& office = w.p.coordinator;
  Id round = assigning_round(office, "2026年度优秀调研成果评选", {w.p1, w.p2}, 2, 2);

  auto pool = add_reviewers(office, round, {w.bob, w.carol.expert, w.dan, w.erin.expert, w.frank});
  INFO(pool.body);
  REQUIRE(pool.status == 200);
  REQUIRE(pool.json()["items"].size() == 5);
  CHECK(pool.json()["items"][0]["effective_load"] == 2);
  CHECK(pool.json()["items"][0]["load"] == 0);
  // erin takes one proposal at most.
  auto own_load = add_reviewers(office, round, {w.erin.expert}, 1);
  REQUIRE(own_load.status == 200);
  Json const own_pool = own_load.json();
  for (auto const& r : own_pool["items"])
    if (r["expert_id"] == w.erin.expert) CHECK(r["effective_load"] == 1);
  CHECK(add_reviewers(office, round, {999999}).status == 404);
  CHECK(!last_audit_diff(w.server, "round.add_reviewers").empty());

  // The preview: bob (co-author) and dan (alice's organisation) are left out; carol matches both
  // proposals by keyword, erin's one slot goes to the proposal on 韧性, frank fills the rest.
  auto preview = office.get(round_path(round) + "/plan");
  INFO(preview.body);
  REQUIRE(preview.status == 200);
  auto plan = preview.json();
  REQUIRE(plan["feasible"] == true);
  CHECK(plan["objective"] == "total");
  CHECK(pairs_of(plan["pairs"]) == std::set<std::pair<Id, Id>>{{w.p1, w.carol.expert},
                                                               {w.p1, w.frank},
                                                               {w.p2, w.carol.expert},
                                                               {w.p2, w.erin.expert}});
  auto carol_p1 = pair_in(plan["pairs"], w.p1, w.carol.expert);
  CHECK(carol_p1["reason"].get<std::string>().find("城市更新") != std::string::npos);
  CHECK(carol_p1["score"].get<int>() > 0);
  CHECK(pair_in(plan["pairs"], w.p2, w.erin.expert)["reason"].get<std::string>().find("韧性") != std::string::npos);
  CHECK(plan["added"] == 4);
  for (auto const& l : plan["loads"])
    if (l["expert_id"] == w.carol.expert) CHECK(l["load"] == 2);
  // A preview changes nothing.
  CHECK(office.get(round_path(round) + "/assignments").json()["items"].empty());
  CHECK(office.get(round_path(round) + "/plan?objective=fair").json()["feasible"] == true);
  CHECK(office.get(round_path(round) + "/plan?objective=best").status == 400);

  // By hand: a conflict refuses the pair and names the rule; a written reason overrides it.
  auto refused = assign_by_hand(office, round, w.p1, w.dan);
  REQUIRE(refused.status == 409);
  CHECK(refused.body.find("与作者李爱丽同在「同济大学」工作") != std::string::npos);
  auto pinned = assign_by_hand(office, round, w.p1, w.dan, "丁丹在另一校区，与作者无工作往来");
  INFO(pinned.body);
  REQUIRE(pinned.status == 201);
  CHECK(pinned.json()["pinned"] == true);
  CHECK(pinned.json()["status"] == "tentative");
  CHECK(pinned.json()["proposal_title"] == "关于城市更新的建议");
  CHECK(last_audit_diff(w.server, "round.override_conflict").find("丁丹在另一校区") != std::string::npos);
  CHECK(last_audit_diff(w.server, "round.assign").find(std::to_string(w.dan)) != std::string::npos);
  CHECK(assign_by_hand(office, round, w.p1, w.dan, "再来一次").status == 409);  // already on it

  // The top-up keeps the pin and fills the other three slots.
  Json apply = Json::object();
  apply["objective"] = "total";
  auto applied = office.post(round_path(round) + "/plan", apply);
  INFO(applied.body);
  REQUIRE(applied.status == 200);
  CHECK(applied.json()["added"] == 3);
  CHECK(pair_in(applied.json()["pairs"], w.p1, w.dan)["existing"] == true);
  auto listed = office.get(round_path(round) + "/assignments").json()["items"];
  CHECK(pairs_of(listed) == std::set<std::pair<Id, Id>>{{w.p1, w.carol.expert},
                                                        {w.p1, w.dan},
                                                        {w.p2, w.carol.expert},
                                                        {w.p2, w.erin.expert}});
  for (auto const& a : listed) CHECK(a["status"] == "tentative");
  CHECK(pair_in(listed, w.p2, w.erin.expert)["expert_name"] == "尔琳");
  CHECK(office.post(round_path(round) + "/plan", apply).json()["added"] == 0);
  CHECK(!last_audit_diff(w.server, "round.apply_plan").empty());

  // Tentative assignments are invisible to reviewers.
  CHECK(w.carol.client.get("/api/v1/assignments").json()["items"].empty());

  auto released = office.post(round_path(round) + "/release");
  REQUIRE(released.status == 200);
  CHECK(released.json()["released"] == 4);
  CHECK(office.post(round_path(round) + "/release").status == 409);
  auto mine = w.carol.client.get("/api/v1/assignments");
  REQUIRE(mine.status == 200);
  REQUIRE(mine.json()["items"].size() == 2);
  INFO(mine.body);
  auto first = my_assignment(w.carol.client, w.p1);
  CHECK(first["status"] == "released");
  CHECK(first["allowed"] == Json({"accept", "decline"}));
  CHECK(first["blind"] == true);
  CHECK(first["author_names"].empty());
  CHECK(first["proposal_title"] == "关于城市更新的建议");
  CHECK(first["round_name"] == "2026年度优秀调研成果评选");
  // Blind: no author, no organisation, nothing the office sees of the match.
  CHECK(mine.body.find("李爱丽") == std::string::npos);
  CHECK(mine.body.find("同济大学") == std::string::npos);
  CHECK(mine.body.find("match") == std::string::npos);
  auto told = w.carol.client.get("/api/v1/notifications");
  CHECK(told.body.find("2026年度优秀调研成果评选") != std::string::npos);

  // Only the office reaches the pool, the plan and the round's assignments.
  CHECK(w.carol.client.get(round_path(round) + "/plan").status == 403);
  CHECK(w.p.leader.get(round_path(round) + "/assignments").status == 403);
  CHECK(office.get("/api/v1/assignments").status == 403);
}

TEST_CASE("a reviewer accepts or declines with a reason, and a decline frees the slot for the next top-up",
          "[integration][reviews][assignment]") {
  AssignWorld w;
  auto& office = w.p.coordinator;
  Id round = assigning_round(office, "评选", {w.p1, w.p2}, 2, 2, false);
  REQUIRE(add_reviewers(office, round, {w.carol.expert, w.erin.expert, w.frank}).status == 200);
  REQUIRE(add_reviewers(office, round, {w.erin.expert}, 1).status == 200);
  REQUIRE(office.post(round_path(round) + "/plan", Json::object()).status == 200);
  REQUIRE(office.post(round_path(round) + "/release").status == 200);

  Json carols = my_assignment(w.carol.client, w.p1);
  REQUIRE(carols.is_object());
  // Not blind: the reviewer sees who wrote it.
  CHECK(carols["author_names"] == Json({"李爱丽"}));
  auto accepted = assignment_step(w.carol.client, carols["id"].get<Id>(), "accept");
  INFO(accepted.body);
  REQUIRE(accepted.status == 200);
  CHECK(accepted.json()["status"] == "accepted");
  CHECK(accepted.json()["allowed"] == Json({"decline"}));
  auto twice = assignment_step(w.carol.client, carols["id"].get<Id>(), "accept");
  REQUIRE(twice.status == 409);
  CHECK(twice.json()["allowed"] == Json({"decline"}));
  CHECK(!last_audit_diff(w.server, "assignment.accept").empty());

  // Someone else's assignment does not exist for the caller.
  CHECK(assignment_step(w.p.expert_bob, carols["id"].get<Id>(), "decline", "不想评").status == 404);
  CHECK(assignment_step(w.erin.client, carols["id"].get<Id>(), "decline", "不想评").status == 404);

  Json erins = my_assignment(w.erin.client, w.p2);
  REQUIRE(erins.is_object());
  auto no_reason = assignment_step(w.erin.client, erins["id"].get<Id>(), "decline");
  REQUIRE(no_reason.status == 400);
  CHECK(no_reason.json()["errors"][0]["field"] == "note");
  CHECK(has_cjk(no_reason.json()["errors"][0]["message"].get<std::string>()));
  auto declined = assignment_step(w.erin.client, erins["id"].get<Id>(), "decline", "近期出差，无法按时完成");
  REQUIRE(declined.status == 200);
  CHECK(declined.json()["status"] == "declined");
  CHECK(declined.json()["allowed"].empty());
  CHECK(last_audit_diff(w.server, "assignment.decline").find("近期出差") != std::string::npos);
  CHECK(office.get("/api/v1/notifications").body.find("谢绝") != std::string::npos);

  // The slot is free: erin's load drops, the next plan gives p2 to frank (erin is not asked again).
  Json const pool = office.get(round_path(round) + "/reviewers").json();
  for (auto const& r : pool["items"])
    if (r["expert_id"] == w.erin.expert) CHECK(r["load"] == 0);
  auto topped = office.post(round_path(round) + "/plan", Json::object());
  INFO(topped.body);
  REQUIRE(topped.status == 200);
  CHECK(topped.json()["added"] == 1);
  CHECK(pair_in(topped.json()["pairs"], w.p2, w.frank)["existing"] == false);
  CHECK(pair_in(topped.json()["pairs"], w.p2, w.erin.expert).is_null());

  // What a reviewer accepted stays; what they have not may be removed.
  auto listed = office.get(round_path(round) + "/assignments").json()["items"];
  Id carol_p1 = pair_in(listed, w.p1, w.carol.expert)["id"].get<Id>();
  CHECK(office.del(round_path(round) + "/assignments/" + std::to_string(carol_p1)).status == 409);
  Id frank_p2 = pair_in(listed, w.p2, w.frank)["id"].get<Id>();
  CHECK(office.del(round_path(round) + "/assignments/" + std::to_string(frank_p2)).status == 204);
  CHECK(!last_audit_diff(w.server, "round.unassign").empty());
  // A reviewer with assignments stays in the pool.
  CHECK(office.del(round_path(round) + "/reviewers/" + std::to_string(w.carol.expert)).status == 409);
}

TEST_CASE("when no plan exists the office is told which proposals lack non-conflicted reviewers",
          "[integration][reviews][assignment]") {
  AssignWorld w;
  auto& office = w.p.coordinator;
  Id round = assigning_round(office, "评选", {w.p1, w.p2}, 3, 5);
  REQUIRE(add_reviewers(office, round, {w.bob, w.dan, w.carol.expert, w.frank}).status == 200);

  auto preview = office.get(round_path(round) + "/plan");
  INFO(preview.body);
  REQUIRE(preview.status == 200);
  CHECK(preview.json()["feasible"] == false);
  CHECK(preview.json()["pairs"].empty());
  REQUIRE(!preview.json()["reasons"].empty());
  CHECK(preview.body.find("关于城市更新的建议") != std::string::npos);
  CHECK(has_cjk(preview.json()["reasons"][0].get<std::string>()));

  auto refused = office.post(round_path(round) + "/plan", Json::object());
  REQUIRE(refused.status == 409);
  CHECK(refused.json()["detail"].get<std::string>().find("无法分配") != std::string::npos);
  CHECK(office.get(round_path(round) + "/assignments").json()["items"].empty());

  // A draft round cannot be assigned yet.
  Json body = round_body("草稿批次");
  Id draft = office.post("/api/v1/rounds", body).json()["id"].get<Id>();
  CHECK(office.post(round_path(draft) + "/plan", Json::object()).status == 409);
}
