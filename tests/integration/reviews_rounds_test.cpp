// Review rounds over HTTP: the coordinator creates a round (the default rubric and tiers),
// edits it with its version (a stale one answers 412), adds accepted proposals only, walks the
// state machine (a step not allowed now answers 409 with the allowed ones), and every step is in
// the audit log. Conflicts per reviewer × proposal name the rule that hit; an override needs a
// written reason and is audited. Experts and leaders cannot reach rounds.
#include <catch2/catch.hpp>

#include "reviews_helpers.hpp"
#include "support/chinese_text.hpp"

using namespace zhiku;
using namespace zhiku::test;

namespace {

struct RoundWorld {
  TestServer server;
  Personas p = make_personas(server);
  Id alice = reviews_expert(server, p.expert_alice_id, "李爱丽", "同济大学");
  Id bob = reviews_expert(server, p.expert_bob_id, "张博", "复旦大学");
};

std::string last_audit_diff(TestServer& server, std::string const& action) {
  auto c = server.app().database().read();
  auto s = c->prepare("SELECT diff FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1");
  bind_all(s, action);
  if (!s.step()) return "";
  return s.text(0);
}

std::vector<std::string> field_names(HttpResponse const& r) {
  std::vector<std::string> out;
  auto j = r.json();
  if (j.contains("errors"))
    for (auto const& e : j["errors"]) out.push_back(e["field"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("a coordinator creates a round with the default rubric and tiers and edits it with its version",
          "[integration][reviews]") {
  RoundWorld w;
  auto& office = w.p.coordinator;

  auto created = office.post("/api/v1/rounds", round_body("2026年度优秀调研成果评选"));
  INFO(created.body);
  REQUIRE(created.status == 201);
  auto r = created.json();
  CHECK(r["status"] == "draft");
  CHECK(r["allowed"] == Json({"start_assigning"}));
  CHECK(r["blind"] == true);
  CHECK(r["min_reviews"] == 3);
  REQUIRE(r["rubric"]["criteria"].size() == 5);
  CHECK(r["rubric"]["criteria"][0]["name"] == "针对性");
  CHECK(r["rubric"]["max_total"] == 100);
  CHECK(r["tiers"]["tiers"][0]["name"] == "一等奖");
  CHECK(r["tiers"]["tiers"][0]["count"] == 6);
  Id id = r["id"].get<Id>();
  CHECK(last_audit_diff(w.server, "round.create").find("2026年度优秀调研成果评选") != std::string::npos);

  SECTION("every bad field at once, in Chinese") {
    Json bad = round_body("");
    bad["rubric"] = Json::parse(R"({"criteria":[{"name":"针对性","weight":0,"max_score":20}]})");
    bad["min_reviews"] = 5;
    bad["method"] = "median";
    auto refused = office.post("/api/v1/rounds", bad);
    REQUIRE(refused.status == 400);
    auto fields = field_names(refused);
    CHECK(std::find(fields.begin(), fields.end(), "name") != fields.end());
    CHECK(std::find(fields.begin(), fields.end(), "method") != fields.end());
    CHECK(has_cjk(refused.json()["errors"][0]["message"].get<std::string>()));
    Json bad_rubric = round_body("评选");
    bad_rubric["rubric"] = Json::parse(R"({"criteria":[{"name":"针对性","weight":0,"max_score":20}]})");
    auto weight = office.post("/api/v1/rounds", bad_rubric);
    REQUIRE(weight.status == 400);
    CHECK(weight.body.find("rubric.criteria[0].weight") != std::string::npos);
  }

  SECTION("an edit carries the version; a stale one answers 412") {
    Json patch = Json::object();
    patch["version"] = r["version"];
    patch["reviewers_per_proposal"] = 4;
    patch["method"] = "z_score";
    auto edited = office.patch(round_path(id), patch);
    INFO(edited.body);
    REQUIRE(edited.status == 200);
    CHECK(edited.json()["reviewers_per_proposal"] == 4);
    CHECK(edited.json()["method"] == "z_score");
    CHECK(edited.json()["name"] == "2026年度优秀调研成果评选");
    auto stale = office.patch(round_path(id), patch);
    CHECK(stale.status == 412);
    CHECK(office.get(round_path(id)).json()["version"] == edited.json()["version"]);
  }

  SECTION("experts and leaders cannot reach rounds") {
    CHECK(w.p.expert_alice.get("/api/v1/rounds").status == 403);
    CHECK(w.p.expert_alice.get(round_path(id)).status == 403);
    CHECK(w.p.leader.post("/api/v1/rounds", round_body("x")).status == 403);
    auto list = office.get("/api/v1/rounds").json();
    CHECK(list["total"] == 1);
    CHECK(list["items"][0]["id"] == id);
  }
}

TEST_CASE("a round takes accepted proposals only and walks draft → assigning → reviewing → closed → finalized",
          "[integration][reviews]") {
  RoundWorld w;
  auto& office = w.p.coordinator;
  Id accepted = sent_in_proposal(w.p.expert_alice, office, "关于城市更新的建议", {w.alice});
  Id waiting = sent_in_proposal(w.p.expert_alice, office, "尚未受理的建议", {w.alice}, false);
  Id id = office.post("/api/v1/rounds", round_body("评选")).json()["id"].get<Id>();

  // Nothing to review yet: the round cannot leave its draft.
  auto empty = round_step(office, id, "start_assigning");
  CHECK(empty.status == 409);
  auto early = round_step(office, id, "close");
  REQUIRE(early.status == 409);
  CHECK(early.json()["allowed"] == Json({"start_assigning"}));
  CHECK(has_cjk(early.json()["detail"].get<std::string>()));

  auto not_yet = add_to_round(office, id, waiting);
  CHECK(not_yet.status == 409);
  CHECK(not_yet.body.find("已受理") != std::string::npos);
  CHECK(add_to_round(office, id, 999999).status == 404);
  auto added = add_to_round(office, id, accepted);
  INFO(added.body);
  REQUIRE(added.status == 200);
  REQUIRE(added.json()["items"].size() == 1);
  CHECK(added.json()["items"][0]["title"] == "关于城市更新的建议");
  CHECK(added.json()["items"][0]["author_names"] == Json({"李爱丽"}));
  CHECK(add_to_round(office, id, accepted).json()["items"].size() == 1);  // adding twice keeps one

  // A proposal sits in one open round at a time.
  Id other = office.post("/api/v1/rounds", round_body("另一批次")).json()["id"].get<Id>();
  CHECK(add_to_round(office, other, accepted).status == 409);

  REQUIRE(round_step(office, id, "start_assigning").status == 200);
  REQUIRE(round_step(office, id, "start_reviewing").status == 200);
  CHECK(add_to_round(office, id, accepted).status == 409);  // reviewing: the list is fixed
  CHECK(office.del(round_path(id) + "/proposals/" + std::to_string(accepted)).status == 409);

  // While reviewing only the name and the deadline change.
  auto cur = office.get(round_path(id)).json();
  Json rubric_change = Json::object();
  rubric_change["version"] = cur["version"];
  rubric_change["max_load"] = 9;
  CHECK(office.patch(round_path(id), rubric_change).status == 409);
  Json rename = Json::object();
  rename["version"] = cur["version"];
  rename["deadline"] = "2030-07-15T16:00:00Z";
  auto renamed = office.patch(round_path(id), rename);
  REQUIRE(renamed.status == 200);
  CHECK(renamed.json()["deadline"] == "2030-07-15T16:00:00Z");

  REQUIRE(round_step(office, id, "close").status == 200);
  auto closed = office.get(round_path(id)).json();
  CHECK(closed["status"] == "closed");
  CHECK(closed["allowed"] == Json({"reopen", "finalize"}));
  auto fin = round_step(office, id, "finalize");
  REQUIRE(fin.status == 200);
  CHECK(fin.json()["status"] == "finalized");
  CHECK(fin.json()["allowed"] == Json::array());
  Json late = Json::object();
  late["version"] = fin.json()["version"];
  late["name"] = "改名";
  CHECK(office.patch(round_path(id), late).status == 409);

  // Every step is in the audit log.
  for (auto action : {"round.add_proposal", "round.start_assigning", "round.start_reviewing", "round.close",
                      "round.finalize"})
    CHECK(!last_audit_diff(w.server, action).empty());
  CHECK(last_audit_diff(w.server, "round.finalize").find("finalized") != std::string::npos);
}

TEST_CASE("conflicts say which rule hit, and an override needs a written reason", "[integration][reviews]") {
  RoundWorld w;
  auto& office = w.p.coordinator;
  auto& server = w.server;
  Id carol = reviews_expert(server, 0, "陈卡罗", "上海交通大学", {Employment{"同济大学", "2018-09", "2025-01"}});
  Id dan = reviews_expert(server, 0, "丁丹", "同济大学");
  Id erin = reviews_expert(server, 0, "尔琳", "华东师范大学");
  Id frank = reviews_expert(server, 0, "方弗", "浙江大学", {Employment{"同济大学", "2010-01", "2015-06"}});
  Conflict declared;
  declared.kind = "person";
  declared.other_expert_id = w.alice;
  declared.name = "李爱丽";
  declared.note = "博士导师";
  server.app().services().experts.add_conflict(reviews_office_actor(), erin, declared);

  // bob co-wrote an earlier proposal with alice.
  sent_in_proposal(w.p.expert_alice, office, "合写的建议", {w.alice, w.bob}, false);
  Id p1 = sent_in_proposal(w.p.expert_alice, office, "关于城市更新的建议", {w.alice});
  Id id = office.post("/api/v1/rounds", round_body("评选")).json()["id"].get<Id>();
  REQUIRE(add_to_round(office, id, p1).status == 200);

  std::string ids = std::to_string(w.alice) + "," + std::to_string(w.bob) + "," + std::to_string(carol) + "," +
                    std::to_string(dan) + "," + std::to_string(erin) + "," + std::to_string(frank);
  auto got = office.get(round_path(id) + "/conflicts?expert_ids=" + ids);
  INFO(got.body);
  REQUIRE(got.status == 200);
  auto items = got.json()["items"];
  REQUIRE(items.size() == 6);
  auto rule_of = [&](Id expert) {
    for (auto const& i : items)
      if (i["expert_id"] == expert) return i["hits"].empty() ? std::string() : i["hits"][0]["rule"].get<std::string>();
    return std::string("?");
  };
  CHECK(rule_of(w.alice) == "author");
  CHECK(rule_of(w.bob) == "coauthor");
  CHECK(rule_of(carol) == "former_employment");
  CHECK(rule_of(dan) == "same_organization");
  CHECK(rule_of(erin) == "declared");
  CHECK(rule_of(frank) == "");  // left 同济大学 more than three years ago
  CHECK(got.body.find("与作者李爱丽同在「同济大学」工作") != std::string::npos);
  CHECK(got.body.find("（至 2025-01）") != std::string::npos);

  std::string const override_path = round_path(id) + "/overrides";
  Json blank = Json::object();
  blank["proposal_id"] = p1;
  blank["expert_id"] = dan;
  blank["reason"] = "  ";
  auto refused = office.post(override_path, blank);
  REQUIRE(refused.status == 400);
  CHECK(field_names(refused) == std::vector<std::string>{"reason"});

  Json no_conflict = blank;
  no_conflict["expert_id"] = frank;
  no_conflict["reason"] = "无";
  CHECK(office.post(override_path, no_conflict).status == 409);

  Json ok = blank;
  ok["reason"] = "丁丹在另一校区，与作者无工作往来";
  auto done = office.post(override_path, ok);
  INFO(done.body);
  REQUIRE(done.status == 200);
  CHECK(done.json()["blocks"] == false);
  CHECK(done.json()["override"]["reason"] == "丁丹在另一校区，与作者无工作往来");
  auto diff = last_audit_diff(server, "round.override_conflict");
  CHECK(diff.find("丁丹在另一校区") != std::string::npos);
  CHECK(diff.find("同济大学") != std::string::npos);

  auto again = office.get(round_path(id) + "/conflicts?expert_ids=" + std::to_string(dan)).json()["items"][0];
  CHECK(again["blocks"] == false);
  CHECK(again["hits"][0]["rule"] == "same_organization");

  auto withdrawn = office.del(override_path + "/" + std::to_string(p1) + "/" + std::to_string(dan));
  REQUIRE(withdrawn.status == 200);
  CHECK(withdrawn.json()["blocks"] == true);
  CHECK(office.del(override_path + "/" + std::to_string(p1) + "/" + std::to_string(dan)).status == 404);
  CHECK(!last_audit_diff(server, "round.withdraw_override").empty());

  CHECK(office.get(round_path(id) + "/conflicts").status == 400);
  CHECK(w.p.expert_bob.get(round_path(id) + "/conflicts?expert_ids=" + ids).status == 403);
}
