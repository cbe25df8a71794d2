// Applications (申报) over HTTP: accepted while the topic is published and strictly before its
// deadline by the server's clock (edges with the injected Clock), the opinion letter uploaded as a
// file, team members confirm before the application counts, eligibility refusals name the rule,
// and the coordinator assigns the topic to one application while the others are told why.
#include <catch2/catch.hpp>

#include "experts_helpers.hpp"
#include "support/chinese_text.hpp"
#include "support/http_client.hpp"
#include "support/personas.hpp"
#include "support/test_server.hpp"

using namespace zhiku;
using namespace zhiku::test;
using namespace std::chrono_literals;

namespace {

SysTime at(char const* iso) { return *parse_iso(iso); }

struct ApplyWorld {
  Clock clock;
  std::unique_ptr<TestServer> server;
  std::unique_ptr<Personas> p;
  Id alice = 0, bob = 0, carol = 0;
  Id carol_user = 0;
  std::unique_ptr<HttpClient> carol_client;
  ApplyWorld() {
    clock.freeze_at(at("2026-03-01T00:00:00Z"));
    server = std::make_unique<TestServer>(
        [](AppConfig& c) {
          c.auth.session_idle_minutes = 60 * 24 * 400;
          c.auth.session_absolute_hours = 24 * 400;
        },
        &clock);
    p = std::make_unique<Personas>(make_personas(*server));
    alice = active_expert("王丽", "研究员", p->expert_alice_id);
    bob = active_expert("李博", "副教授", p->expert_bob_id);
    carol_user = create_user(*server, "carol", RoleSet{Role::expert}, kPersonaPassword, "陈静");
    carol = active_expert("陈静", "讲师", carol_user);
    carol_client = std::make_unique<HttpClient>(sign_in(*server, "carol", kPersonaPassword));
  }
  Id active_expert(std::string const& name, std::string const& title, Id user_id) {
    auto body = expert_body(name, "市社科院");
    body["title"] = title;
    Id id = create_expert(p->coordinator, body);
    REQUIRE(transition(p->coordinator, id, "approve")["status_code"] == 200);
    link_user(*server, id, user_id);
    return id;
  }
  // A published topic of 2026 whose applications close at 2026-03-31T16:00:00Z (Beijing midnight).
  Id published_topic(std::string const& title) {
    Json j = Json::object();
    j["year"] = 2026;
    j["title"] = title;
    j["application_deadline"] = "2026-03-31T16:00:00Z";
    j["midterm_due"] = "2026-07-01T00:00:00Z";
    j["due_date"] = "2026-12-01T00:00:00Z";
    auto r = p->coordinator.post("/api/v1/topics", j);
    REQUIRE(r.status == 201);
    Id id = r.json()["id"].get<Id>();
    Json s = Json::object();
    s["action"] = "publish";
    REQUIRE(p->coordinator.post("/api/v1/topics/" + std::to_string(id) + "/transitions", s).status == 200);
    return id;
  }
};

std::string topic_path(Id id) { return "/api/v1/topics/" + std::to_string(id); }

// Uploads a small PDF as `kind` and returns its id.
Id upload(HttpClient& c, Id topic, std::string const& kind, std::string const& filename) {
  auto r = c.request("POST", topic_path(topic) + "/files?kind=" + kind + "&filename=" + enc(filename),
                     "%PDF-1.4\n% 推荐意见\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", "application/octet-stream");
  INFO(r.body);
  REQUIRE(r.status == 201);
  return r.json()["id"].get<Id>();
}

Json form(Id opinion, std::vector<Id> members = {}) {
  Json j = Json::object();
  j["plan"] = "分三个阶段开展调研。";
  j["recommending_unit"] = "市社会科学院";
  j["opinion_file_id"] = opinion;
  j["member_ids"] = members;
  return j;
}

HttpResponse answer(HttpClient& c, Id topic, Id application, std::string const& action, std::string note = "") {
  Json j = Json::object();
  j["action"] = action;
  if (!note.empty()) j["note"] = note;
  return c.post(topic_path(topic) + "/applications/" + std::to_string(application) + "/transitions", j);
}

}  // namespace

TEST_CASE("applications are accepted until the deadline by the server's clock and refused after it",
          "[integration][topics][applications]") {
  ApplyWorld w;
  auto& alice = w.p->expert_alice;
  Id topic = w.published_topic("城市更新");
  Id letter = upload(alice, topic, "opinion_letter", "推荐意见.pdf");

  // One second before the deadline: accepted.
  w.clock.freeze_at(at("2026-03-31T15:59:59Z"));
  auto r = alice.post(topic_path(topic) + "/applications", form(letter));
  INFO(r.body);
  REQUIRE(r.status == 201);
  auto a = r.json();
  CHECK(a["status"] == "submitted");
  CHECK(a["counts"] == true);  // no team to confirm
  CHECK(a["opinion_letter"]["filename"] == "推荐意见.pdf");
  CHECK(a["lead_name"] == "王丽");
  // The letter downloads for its uploader and the office, not for another expert.
  auto file_path = topic_path(topic) + "/files/" + std::to_string(letter);
  auto d = alice.get(file_path);
  CHECK(d.status == 200);
  CHECK(d.body.rfind("%PDF-", 0) == 0);
  CHECK(w.p->coordinator.get(file_path).status == 200);
  CHECK(w.p->expert_bob.get(file_path).status == 404);
  // The topic page shows it as mine.
  CHECK(alice.get(topic_path(topic)).json()["my_application"]["id"] == a["id"]);

  // At the deadline itself: refused, and the reason shows Beijing time.
  w.clock.freeze_at(at("2026-03-31T16:00:00Z"));
  Id late_letter = 0;
  {
    auto up = w.p->expert_bob.request("POST", topic_path(topic) + "/files?kind=opinion_letter&filename=a.pdf",
                                      "%PDF-1.4\n%%EOF\n", "application/octet-stream");
    CHECK(up.status == 409);
  }
  (void)late_letter;
  r = alice.post(topic_path(topic) + "/applications", form(letter));
  CHECK(r.status == 409);
  CHECK(has_cjk(r.body));
  CHECK(r.body.find("北京时间") != std::string::npos);
  CHECK(alice.get(topic_path(topic)).json()["accepts_applications"] == false);
}

TEST_CASE("team members confirm before an application counts; the coordinator assigns one and tells the others",
          "[integration][topics][applications]") {
  ApplyWorld w;
  auto& alice = w.p->expert_alice;
  auto& bob = w.p->expert_bob;
  auto& carol = *w.carol_client;
  Id topic = w.published_topic("数字经济");

  Id letter = upload(alice, topic, "opinion_letter", "意见.pdf");
  // Someone else's letter is not the applicant's to use.
  auto r = bob.post(topic_path(topic) + "/applications", form(letter));
  CHECK(r.status == 400);
  CHECK(r.body.find("opinion_file_id") != std::string::npos);
  // No letter at all: the field is named.
  Json no_letter = form(letter);
  no_letter.erase("opinion_file_id");
  CHECK(alice.post(topic_path(topic) + "/applications", no_letter).status == 400);

  r = alice.post(topic_path(topic) + "/applications", form(letter, {w.bob}));
  INFO(r.body);
  REQUIRE(r.status == 201);
  Id mine = r.json()["id"].get<Id>();
  CHECK(r.json()["counts"] == false);
  CHECK(r.json()["members"][0]["answer"] == "invited");
  CHECK(bob.get("/api/v1/notifications").body.find("课题组邀请") != std::string::npos);
  // A second live application by the same lead is a conflict.
  CHECK(alice.post(topic_path(topic) + "/applications", form(letter)).status == 409);
  // Only the invited member answers; declining needs a reason.
  CHECK(answer(carol, topic, mine, "confirm").status == 404);
  CHECK(answer(alice, topic, mine, "confirm").status == 403);
  CHECK(answer(bob, topic, mine, "decline").status == 400);
  r = answer(bob, topic, mine, "confirm");
  REQUIRE(r.status == 200);
  CHECK(r.json()["counts"] == true);
  CHECK(answer(bob, topic, mine, "confirm").status == 409);
  CHECK(w.p->coordinator.get("/api/v1/notifications").body.find("已全部确认") != std::string::npos);

  // Carol applies too; her title is below the guide's rule once the office sets one.
  Json rules = Json::object();
  rules["lead_min_title"] = "associate_senior";
  Json guide = Json::object();
  guide["rules"] = rules;
  guide["version"] = w.p->coordinator.get("/api/v1/topic-guides/2026").json()["version"];
  REQUIRE(w.p->coordinator.patch("/api/v1/topic-guides/2026", guide).status == 200);
  Id carol_letter = upload(carol, topic, "opinion_letter", "意见.pdf");
  r = carol.post(topic_path(topic) + "/applications", form(carol_letter));
  CHECK(r.status == 400);
  CHECK(r.body.find("副高") != std::string::npos);
  CHECK(r.body.find("\"lead\"") != std::string::npos);
  guide["rules"]["lead_min_title"] = nullptr;
  guide["version"] = w.p->coordinator.get("/api/v1/topic-guides/2026").json()["version"];
  REQUIRE(w.p->coordinator.patch("/api/v1/topic-guides/2026", guide).status == 200);
  r = carol.post(topic_path(topic) + "/applications", form(carol_letter));
  REQUIRE(r.status == 201);
  Id hers = r.json()["id"].get<Id>();

  // Experts see only their own applications; the office sees both.
  CHECK(w.p->coordinator.get(topic_path(topic) + "/applications").json()["items"].size() == 2);
  CHECK(carol.get(topic_path(topic) + "/applications").json()["items"].size() == 1);
  CHECK(carol.get(topic_path(topic) + "/applications/" + std::to_string(mine)).status == 404);

  // Assigned from alice's application; carol is told why hers was not chosen.
  Json assign = Json::object();
  assign["action"] = "assign";
  assign["application_id"] = mine;
  assign["note"] = "研究基础更扎实";
  r = w.p->coordinator.post(topic_path(topic) + "/transitions", assign);
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.json()["status"] == "assigned");
  CHECK(r.json()["lead_name"] == "王丽");
  CHECK(r.json()["team"].size() == 2);
  auto theirs = w.p->coordinator.get(topic_path(topic) + "/applications/" + std::to_string(hers)).json();
  CHECK(theirs["status"] == "not_selected");
  CHECK(theirs["status_reason"] == "研究基础更扎实");
  CHECK(carol.get("/api/v1/notifications").body.find("研究基础更扎实") != std::string::npos);
  // Alice now finds it among her topics.
  CHECK(alice.get("/api/v1/topics?status=assigned").json()["total"] == 1);
}
