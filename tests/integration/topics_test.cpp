// Research topics over HTTP: member departments, guides, drafts with codes per year, edits with
// versions, publishing into the guide, guide browsing and filters, drafts hidden from experts,
// the life cycle with 403/409 refusals, commissions accepted and declined, and topic suggestions
// adopted, merged or declined.
#include <catch2/catch.hpp>

#include "experts_helpers.hpp"
#include "support/chinese_text.hpp"
#include "support/http_client.hpp"
#include "support/personas.hpp"
#include "support/test_server.hpp"

using namespace zhiku;
using namespace zhiku::test;

namespace {

SysTime at(char const* iso) { return *parse_iso(iso); }

// A server on a frozen clock with alice and bob linked to active experts.
struct TopicWorld {
  Clock clock;
  std::unique_ptr<TestServer> server;
  std::unique_ptr<Personas> p;
  Id alice = 0, bob = 0;
  TopicWorld() {
    clock.freeze_at(at("2026-03-01T00:00:00Z"));
    server = std::make_unique<TestServer>(
        [](AppConfig& c) {
          c.auth.session_idle_minutes = 60 * 24 * 400;
          c.auth.session_absolute_hours = 24 * 400;
        },
        &clock);
    p = std::make_unique<Personas>(make_personas(*server));
    alice = active_expert("王丽", p->expert_alice_id);
    bob = active_expert("李博", p->expert_bob_id);
  }
  Id active_expert(std::string const& name, Id user_id) {
    auto body = expert_body(name, "市社科院");
    body["title"] = "研究员";
    Id id = create_expert(p->coordinator, body);
    REQUIRE(transition(p->coordinator, id, "approve")["status_code"] == 200);
    link_user(*server, id, user_id);
    return id;
  }
};

Json topic_body(std::string const& title) {
  Json j = Json::object();
  j["year"] = 2026;
  j["title"] = title;
  j["description"] = "研究" + title + "的现状与对策。";
  j["source"] = "association";
  j["application_deadline"] = "2026-03-31T16:00:00Z";
  j["midterm_due"] = "2026-07-01T00:00:00Z";
  j["due_date"] = "2026-12-01T00:00:00Z";
  return j;
}

HttpResponse step(HttpClient& c, Id id, std::string const& action, Json extra = Json::object()) {
  extra["action"] = action;
  return c.post("/api/v1/topics/" + std::to_string(id) + "/transitions", extra);
}

std::vector<std::string> strings_of(Json const& j) {
  std::vector<std::string> out;
  for (auto const& a : j) out.push_back(a.get<std::string>());
  return out;
}

Id create_topic(HttpClient& office, std::string const& title) {
  auto r = office.post("/api/v1/topics", topic_body(title));
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json()["id"].get<Id>();
}

}  // namespace

TEST_CASE("member departments are a managed list", "[integration][topics]") {
  TopicWorld w;
  auto& office = w.p->coordinator;
  Json d = Json::object();
  d["name"] = "市发展和改革委员会";
  d["short_name"] = "市发改委";
  d["sort"] = 1;
  auto r = office.post("/api/v1/departments", d);
  INFO(r.body);
  REQUIRE(r.status == 201);
  Id id = r.json()["id"].get<Id>();
  CHECK(office.post("/api/v1/departments", d).status == 409);
  CHECK(w.p->expert_alice.post("/api/v1/departments", d).status == 403);

  Json blank = Json::object();
  blank["name"] = "  ";
  auto bad = office.post("/api/v1/departments", blank);
  CHECK(bad.status == 400);
  CHECK(has_cjk(bad.body));

  Json retire = Json::object();
  retire["active"] = false;
  retire["version"] = 1;
  r = office.patch("/api/v1/departments/" + std::to_string(id), retire);
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.json()["active"] == false);
  CHECK(office.patch("/api/v1/departments/" + std::to_string(id), retire).status == 412);
  CHECK(w.p->expert_alice.get("/api/v1/departments?active=true").json()["items"].empty());
  CHECK(w.p->expert_alice.get("/api/v1/departments").json()["items"].size() == 1);
}

TEST_CASE("coordinators draft topics with codes per year and publish them into the guide",
          "[integration][topics]") {
  TopicWorld w;
  auto& office = w.p->coordinator;
  auto& alice = w.p->expert_alice;

  auto r = office.post("/api/v1/topics", topic_body("城市更新"));
  INFO(r.body);
  REQUIRE(r.status == 201);
  auto t = r.json();
  Id id = t["id"].get<Id>();
  CHECK(t["code"] == "2026-ZK-001");
  CHECK(t["status"] == "draft");
  CHECK(t["status_label"] == "草稿");
  CHECK(r.header("location") == "/api/v1/topics/" + std::to_string(id));
  Id second = create_topic(office, "数字经济");
  CHECK(office.get("/api/v1/topics/" + std::to_string(second)).json()["code"] == "2026-ZK-002");
  auto other_year = topic_body("乡村振兴");
  other_year["year"] = 2027;
  CHECK(office.post("/api/v1/topics", other_year).json()["code"] == "2027-ZK-001");
  // The guide of the year was made with the first topic.
  auto g = office.get("/api/v1/topic-guides/2026");
  REQUIRE(g.status == 200);
  CHECK(g.json()["topic_count"] == 2);
  CHECK(g.json()["published_count"] == 0);

  // Drafts are the office's: an expert does not learn they exist.
  CHECK(alice.get("/api/v1/topics/" + std::to_string(id)).status == 404);
  CHECK(alice.get("/api/v1/topics?year=2026").json()["total"] == 0);
  CHECK(office.get("/api/v1/topics?year=2026").json()["total"] == 2);
  CHECK(w.p->admin.get("/api/v1/topics/" + std::to_string(id)).status == 200);

  // Validation names every field in Chinese; dates must be in order.
  auto bad = topic_body("");
  bad["due_date"] = "2026-01-01T00:00:00Z";
  bad["source"] = "nowhere";
  r = office.post("/api/v1/topics", bad);
  INFO(r.body);
  CHECK(r.status == 400);
  CHECK(has_cjk(r.body));
  std::set<std::string> fields;
  auto problem = r.json();
  for (auto const& e : problem["errors"]) fields.insert(e["field"].get<std::string>());
  CHECK(fields.count("title") == 1);
  CHECK(fields.count("source") == 1);

  // Edits carry the version: a stale one is refused with 412.
  Json edit = Json::object();
  edit["title"] = "城市更新与有机更新";
  edit["version"] = 1;
  r = office.patch("/api/v1/topics/" + std::to_string(id), edit);
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.json()["title"] == "城市更新与有机更新");
  CHECK(r.json()["description"] == "研究城市更新的现状与对策。");
  CHECK(office.patch("/api/v1/topics/" + std::to_string(id), edit).status == 412);
  CHECK(alice.patch("/api/v1/topics/" + std::to_string(id), edit).status == 403);

  // An expert cannot publish; publishing moves it into the guide, where experts see it.
  r = step(alice, id, "publish");
  CHECK(r.status == 404);
  r = step(office, id, "publish");
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.json()["status"] == "published");
  CHECK(r.json()["accepts_applications"] == true);
  auto seen = alice.get("/api/v1/topics/" + std::to_string(id));
  REQUIRE(seen.status == 200);
  CHECK(seen.json()["allowed_actions"].empty());
  CHECK(alice.get("/api/v1/topics?year=2026").json()["total"] == 1);
  // Publishing twice: 409 with the actions allowed now.
  r = step(office, id, "publish");
  CHECK(r.status == 409);
  CHECK(has_cjk(r.body));
  auto allowed = strings_of(r.json()["allowed"]);
  CHECK(std::find(allowed.begin(), allowed.end(), "commission") != allowed.end());
  CHECK(std::find(allowed.begin(), allowed.end(), "cancel") != allowed.end());
  // Experts were told.
  auto notes = alice.get("/api/v1/notifications");
  CHECK(notes.body.find("课题指南新增课题") != std::string::npos);

  // A topic whose deadline passed cannot be published.
  Id late_id = create_topic(office, "老旧小区改造");
  Json patch = Json::object();
  patch["application_deadline"] = "2026-02-01T00:00:00Z";
  patch["version"] = 1;
  REQUIRE(office.patch("/api/v1/topics/" + std::to_string(late_id), patch).status == 200);
  r = step(office, late_id, "publish");
  CHECK(r.status == 400);
  CHECK(r.body.find("application_deadline") != std::string::npos);

  // Cancel needs a reason.
  r = step(office, second, "cancel");
  CHECK(r.status == 400);
  Json why = Json::object();
  why["note"] = "与其他课题重复";
  r = step(office, second, "cancel", why);
  REQUIRE(r.status == 200);
  CHECK(r.json()["status"] == "cancelled");
  CHECK(r.json()["status_reason"] == "与其他课题重复");
  edit["version"] = r.json()["version"];
  CHECK(office.patch("/api/v1/topics/" + std::to_string(second), edit).status == 409);

  // The audit log and the topic's history keep every step.
  auto history = office.get("/api/v1/topics/" + std::to_string(id) + "/history").json()["items"];
  REQUIRE(history.size() == 2);
  CHECK(history[0]["action"] == "create");
  CHECK(history[1]["action"] == "publish");
  CHECK(count_rows(*w.server, "SELECT count(*) FROM audit_log WHERE entity_id = ? AND action LIKE 'topic.%'", id) ==
        3);
}

TEST_CASE("the guide filters by year, field, source and status", "[integration][topics]") {
  TopicWorld w;
  auto& office = w.p->coordinator;
  Json dep = Json::object();
  dep["name"] = "市科学技术局";
  Id dep_id = office.post("/api/v1/departments", dep).json()["id"].get<Id>();
  auto body = topic_body("科技成果转化");
  body["source"] = "department";
  body["department_id"] = dep_id;
  auto r = office.post("/api/v1/topics", body);
  INFO(r.body);
  REQUIRE(r.status == 201);
  CHECK(r.json()["department"]["name"] == "市科学技术局");
  Id a = r.json()["id"].get<Id>();
  Id b = create_topic(office, "营商环境");
  REQUIRE(step(office, a, "publish").status == 200);

  auto& alice = w.p->expert_alice;
  CHECK(alice.get("/api/v1/topics?source=department").json()["total"] == 1);
  CHECK(alice.get("/api/v1/topics?source=association").json()["total"] == 0);
  CHECK(office.get("/api/v1/topics?source=association").json()["total"] == 1);
  CHECK(office.get("/api/v1/topics?status=draft,published").json()["total"] == 2);
  CHECK(alice.get("/api/v1/topics?status=draft").json()["total"] == 0);
  CHECK(office.get("/api/v1/topics?year=2027").json()["total"] == 0);
  CHECK(office.get("/api/v1/topics?q=" + enc("营商")).json()["items"][0]["id"] == b);
  CHECK(office.get("/api/v1/topics?status=nothing").status == 400);
  // A department source names its department.
  auto no_dep = topic_body("无来源");
  no_dep["source"] = "department";
  CHECK(office.post("/api/v1/topics", no_dep).status == 400);
}

TEST_CASE("a commissioned expert accepts or declines with a reason, then the topic runs its course",
          "[integration][topics]") {
  TopicWorld w;
  auto& office = w.p->coordinator;
  auto& alice = w.p->expert_alice;
  auto& bob = w.p->expert_bob;
  Id id = create_topic(office, "城市安全韧性");
  REQUIRE(step(office, id, "publish").status == 200);

  // Only the named expert may answer; a decline needs a reason.
  Json ask = Json::object();
  ask["expert_id"] = w.bob;
  auto r = step(office, id, "commission", ask);
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.json()["commission_pending"] == true);
  CHECK(strings_of(bob.get("/api/v1/topics/" + std::to_string(id)).json()["allowed_actions"]) ==
        std::vector<std::string>{"accept_commission", "decline_commission"});
  CHECK(step(alice, id, "accept_commission").status == 403);
  CHECK(step(bob, id, "decline_commission").status == 400);
  Json why = Json::object();
  why["note"] = "本年度任务已满";
  r = step(bob, id, "decline_commission", why);
  REQUIRE(r.status == 200);
  CHECK(r.json()["status"] == "published");
  CHECK(r.json()["commission_pending"] == false);
  CHECK(office.get("/api/v1/notifications").body.find("本年度任务已满") != std::string::npos);

  // Commissioned again, alice accepts with bob on her team: the topic is assigned.
  ask["expert_id"] = w.alice;
  ask["member_ids"] = Json::array({w.bob});
  REQUIRE(step(office, id, "commission", ask).status == 200);
  CHECK(step(office, id, "commission", ask).status == 409);
  r = step(alice, id, "accept_commission");
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.json()["status"] == "assigned");
  CHECK(r.json()["lead_name"] == "王丽");
  CHECK(r.json()["team"].size() == 2);
  CHECK(r.json()["sees_workspace"] == true);
  CHECK(bob.get("/api/v1/topics/" + std::to_string(id)).json()["sees_workspace"] == true);

  // The member cannot start; the lead can.
  CHECK(step(bob, id, "start").status == 403);
  REQUIRE(step(alice, id, "start").json()["status"] == "in_progress");
  CHECK(step(alice, id, "begin_midterm").status == 403);
  REQUIRE(step(office, id, "begin_midterm").json()["status"] == "midterm_review");
  Json rectify = Json::object();
  rectify["note"] = "调研样本不足";
  CHECK(step(office, id, "rectify_midterm", rectify).status == 400);  // no date
  rectify["rectify_by"] = "2026-08-01T00:00:00Z";
  r = step(office, id, "rectify_midterm", rectify);
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.json()["status"] == "in_progress");
  CHECK(r.json()["last_midterm_verdict"] == "rectify");
  CHECK(r.json()["rectify_by"] == "2026-08-01T00:00:00Z");
  REQUIRE(step(office, id, "begin_midterm").status == 200);
  REQUIRE(step(office, id, "pass_midterm").json()["status"] == "in_progress");
  REQUIRE(step(office, id, "deliver").json()["status"] == "delivered");
  Json rework = Json::object();
  rework["note"] = "对策部分需细化";
  REQUIRE(step(office, id, "request_rework", rework).json()["status"] == "in_progress");
  REQUIRE(step(office, id, "deliver").status == 200);
  r = step(office, id, "pass_acceptance");
  REQUIRE(r.status == 200);
  CHECK(r.json()["status"] == "concluded");
  CHECK(r.json()["acceptance_verdict"] == "passed");
  r = step(office, id, "cancel", why);
  CHECK(r.status == 409);
  CHECK(r.json()["allowed"].empty());
  // The whole history is kept, and the team was told.
  CHECK(office.get("/api/v1/topics/" + std::to_string(id) + "/history").json()["items"].size() == 15);
  CHECK(bob.get("/api/v1/notifications").body.find("结题验收") != std::string::npos);
}

TEST_CASE("experts suggest topics; coordinators adopt, merge or decline them with a reason",
          "[integration][topics]") {
  TopicWorld w;
  auto& office = w.p->coordinator;
  auto& alice = w.p->expert_alice;
  Json s = Json::object();
  s["title"] = "人工智能与就业";
  s["description"] = "研究人工智能对本市就业结构的影响。";
  auto r = alice.post("/api/v1/topic-suggestions", s);
  INFO(r.body);
  REQUIRE(r.status == 201);
  Id first = r.json()["id"].get<Id>();
  CHECK(r.json()["expert_name"] == "王丽");
  CHECK(office.post("/api/v1/topic-suggestions", s).status == 403);
  Id second = alice.post("/api/v1/topic-suggestions", s).json()["id"].get<Id>();
  Id third = alice.post("/api/v1/topic-suggestions", s).json()["id"].get<Id>();
  CHECK(w.p->expert_bob.get("/api/v1/topic-suggestions").json()["items"].empty());
  CHECK(office.get("/api/v1/topic-suggestions?status=pending").json()["items"].size() == 3);

  auto decide = [&](Id id, Json body) {
    return office.post("/api/v1/topic-suggestions/" + std::to_string(id) + "/transitions", body);
  };
  Json adopt = Json::object();
  adopt["action"] = "adopt";
  adopt["version"] = 1;
  r = decide(first, adopt);
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.json()["status"] == "adopted");
  Id topic = r.json()["topic_id"].get<Id>();
  CHECK(r.json()["topic_code"] == "2026-ZK-001");
  auto t = office.get("/api/v1/topics/" + std::to_string(topic)).json();
  CHECK(t["status"] == "draft");
  CHECK(t["source"] == "expert");
  CHECK(t["proposed_by_name"] == "王丽");
  CHECK(decide(first, adopt).status == 409);

  Json merge = Json::object();
  merge["action"] = "merge";
  merge["version"] = 1;
  merge["topic_id"] = topic;
  CHECK(decide(second, merge).status == 400);  // no reason
  merge["note"] = "与已采纳的选题相同";
  REQUIRE(decide(second, merge).json()["status"] == "merged");

  Json decline = Json::object();
  decline["action"] = "decline";
  decline["version"] = 2;
  decline["note"] = "不在本年度重点方向内";
  CHECK(decide(third, decline).status == 412);
  decline["version"] = 1;
  r = decide(third, decline);
  REQUIRE(r.status == 200);
  CHECK(r.json()["reason"] == "不在本年度重点方向内");
  CHECK(alice.get("/api/v1/notifications").body.find("不在本年度重点方向内") != std::string::npos);
}
