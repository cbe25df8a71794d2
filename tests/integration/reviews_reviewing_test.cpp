// Reviewing over HTTP: a reviewer reads the proposal as their round lets them (blind: no author,
// no organisation), scores every criterion within its range (half points only where the rubric
// allows), saves a draft with its version (stale → 412), submits with a recommendation and a
// confidence; after the deadline a submission is refused unless the coordinator extended it for
// that reviewer; closing the round freezes reviews; reviewers never see each other's reviews.
#include <catch2/catch.hpp>

#include "core/clock.hpp"
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

std::vector<std::string> field_names(HttpResponse const& r) {
  std::vector<std::string> out;
  Json const j = r.json();
  if (j.contains("errors"))
    for (auto const& e : j["errors"]) out.push_back(e["field"].get<std::string>());
  return out;
}

bool has(std::vector<std::string> const& v, std::string const& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

Json review_body(Json scores) {
  Json j = Json::object();
  j["scores"] = std::move(scores);
  j["recommendation"] = "recommend";
  j["confidence"] = 4;
  j["comment_office"] = "论证扎实，建议采纳。";
  j["comment_authors"] = "请补充数据来源。";
  return j;
}

// The server's clock, frozen before the round's deadline (round_body: 2030-06-30T16:00:00Z), with
// sessions that outlive the jumps the tests make.
Clock* frozen_at(Clock& clock, char const* at) {
  clock.freeze_at(*parse_iso(at));
  return &clock;
}

void long_sessions(AppConfig& c) {
  c.auth.session_idle_minutes = 60 * 24 * 400;
  c.auth.session_absolute_hours = 24 * 400;
}

struct ReviewWorld {
  Clock clock;
  TestServer server{long_sessions, frozen_at(clock, "2030-06-01T00:00:00Z")};
  Personas p = make_personas(server);
  Id alice = reviews_expert(server, p.expert_alice_id, "李爱丽", "同济大学");
  ReviewerPersona carol = reviews_reviewer(server, "carol", "陈卡罗", "上海交通大学", {"城市更新"});
  ReviewerPersona erin = reviews_reviewer(server, "erin", "尔琳", "华东师范大学", {"韧性"});
  Id p1 = 0, round = 0, carols = 0, erins = 0;

  ReviewWorld() {
    auto& office = p.coordinator;
    p1 = sent_in_proposal(p.expert_alice, office, "关于城市更新的建议", {alice});
    round = assigning_round(office, "2026年度优秀调研成果评选", {p1}, 2, 2);
    REQUIRE(add_reviewers(office, round, {carol.expert, erin.expert}).status == 200);
    REQUIRE(office.post(round_path(round) + "/plan", Json::object()).status == 200);
    REQUIRE(office.post(round_path(round) + "/release").status == 200);
    REQUIRE(round_step(office, round, "start_reviewing").status == 200);
    carols = my_assignment(carol.client, p1)["id"].get<Id>();
    erins = my_assignment(erin.client, p1)["id"].get<Id>();
  }
  std::string path(Id a) const { return "/api/v1/assignments/" + std::to_string(a); }
};

}  // namespace

TEST_CASE("a blind reviewer reads the proposal without its authors, saves a draft with its version and submits",
          "[integration][reviews][reviewing]") {
  ReviewWorld w;
  auto& carol = w.carol.client;

  auto read = carol.get(w.path(w.carols) + "/proposal");
  INFO(read.body);
  REQUIRE(read.status == 200);
  CHECK(read.json()["title"] == "关于城市更新的建议");
  CHECK(read.json()["blind"] == true);
  CHECK(read.json()["authors"].empty());
  CHECK(read.json()["body_html"].get<std::string>().find("<h2") != std::string::npos);
  CHECK(read.body.find("李爱丽") == std::string::npos);
  CHECK(read.body.find("同济大学") == std::string::npos);
  CHECK(read.body.find("author_ids") == std::string::npos);

  // Scoring starts once the assignment is accepted.
  auto early = carol.put(w.path(w.carols) + "/review", review_body({18, 15, 16, 17, 19}));
  REQUIRE(early.status == 409);
  CHECK(early.json()["detail"].get<std::string>().find("接受") != std::string::npos);
  REQUIRE(assignment_step(carol, w.carols, "accept").status == 200);

  auto blank = carol.get(w.path(w.carols) + "/review");
  REQUIRE(blank.status == 200);
  CHECK(blank.json()["review"].is_null());
  CHECK(blank.json()["editable"] == true);
  CHECK(blank.json()["rubric"]["criteria"].size() == 5);

  // Every criterion within its range; no half points in the default rubric.
  auto half = carol.put(w.path(w.carols) + "/review", review_body({18, 15.5, 16, 21, 19}));
  REQUIRE(half.status == 400);
  CHECK(has(field_names(half), "scores[1]"));
  CHECK(has(field_names(half), "scores[3]"));
  CHECK(half.body.find("科学性") != std::string::npos);
  CHECK(has_cjk(half.json()["errors"][0]["message"].get<std::string>()));

  Json draft = review_body({18, 15, nullptr, 17, 19});
  draft["confidence"] = nullptr;
  auto saved = carol.put(w.path(w.carols) + "/review", draft);
  INFO(saved.body);
  REQUIRE(saved.status == 200);
  CHECK(saved.json()["review"]["status"] == "draft");
  CHECK(saved.json()["review"]["version"] == 1);
  CHECK(saved.json()["total"].is_null());
  CHECK(saved.header("etag") == "\"1\"");
  CHECK(!last_audit_diff(w.server, "review.save").empty());

  // A draft that exists is changed with its version.
  auto unversioned = carol.put(w.path(w.carols) + "/review", draft);
  REQUIRE(unversioned.status == 400);
  CHECK(field_names(unversioned) == std::vector<std::string>{"version"});
  draft["version"] = 1;
  draft["comment_office"] = "论证扎实。";
  REQUIRE(carol.put(w.path(w.carols) + "/review", draft).status == 200);
  CHECK(carol.put(w.path(w.carols) + "/review", draft).status == 412);  // version 1 is stale now

  // Submitting needs every score, the recommendation and the confidence.
  Json incomplete = draft;
  incomplete["version"] = 2;
  auto refused = carol.post(w.path(w.carols) + "/review/submit", incomplete);
  REQUIRE(refused.status == 400);
  CHECK(has(field_names(refused), "scores[2]"));
  CHECK(has(field_names(refused), "confidence"));

  Json full = review_body({18, 15, 16, 17, 19});
  full["version"] = 2;
  auto submitted = carol.post(w.path(w.carols) + "/review/submit", full);
  INFO(submitted.body);
  REQUIRE(submitted.status == 200);
  CHECK(submitted.json()["review"]["status"] == "submitted");
  CHECK(submitted.json()["total"] == 85);
  CHECK(submitted.json()["editable"] == false);
  CHECK(submitted.json()["assignment"]["status"] == "submitted");
  CHECK(last_audit_diff(w.server, "review.submit").find("85") != std::string::npos);
  full["version"] = 4;
  auto after = carol.put(w.path(w.carols) + "/review", full);
  REQUIRE(after.status == 409);
  CHECK(after.json()["detail"].get<std::string>().find("已提交") != std::string::npos);

  // The office sees the progress; the other reviewer sees nothing of carol's review.
  auto listed = w.p.coordinator.get(round_path(w.round) + "/assignments");
  Json const rows = listed.json();
  for (auto const& a : rows["items"])
    if (a["id"] == w.carols) CHECK(a["review_status"] == "submitted");
  CHECK(w.erin.client.get(w.path(w.carols) + "/review").status == 404);
  CHECK(w.erin.client.get(w.path(w.carols) + "/proposal").status == 404);
  auto erins = w.erin.client.get(w.path(w.erins) + "/review");
  REQUIRE(erins.status == 200);
  CHECK(erins.json()["review"].is_null());
  for (auto const& target : {w.path(w.erins) + "/review", w.path(w.erins) + "/proposal", std::string("/api/v1/assignments"),
                             std::string("/api/v1/notifications")}) {
    auto r = w.erin.client.get(target);
    INFO(target);
    CHECK(r.body.find("论证扎实") == std::string::npos);
    CHECK(r.body.find("陈卡罗") == std::string::npos);
  }
  CHECK(w.p.leader.get(w.path(w.carols) + "/review").status == 403);
}

TEST_CASE("after the deadline a submission is refused unless the coordinator extended it for that reviewer",
          "[integration][reviews][reviewing]") {
  ReviewWorld w;
  auto& office = w.p.coordinator;
  REQUIRE(assignment_step(w.erin.client, w.erins, "accept").status == 200);
  REQUIRE(assignment_step(w.carol.client, w.carols, "accept").status == 200);
  REQUIRE(w.erin.client.put(w.path(w.erins) + "/review", review_body({10, 12, 14, 16, 18})).status == 200);

  // The round's deadline (round_body) arrives: at that instant submitting is refused.
  w.clock.freeze_at(*parse_iso("2030-06-30T16:00:00Z"));
  auto late = w.erin.client.post(w.path(w.erins) + "/review/submit", Json::object());
  INFO(late.body);
  REQUIRE(late.status == 409);
  CHECK(late.json()["detail"].get<std::string>().find("2030-07-01 00:00（北京时间） 已过") != std::string::npos);
  CHECK(w.erin.client.get(w.path(w.erins) + "/review").json()["editable"] == false);

  Json past = Json::object();
  past["until"] = "2030-06-01T00:00:00Z";
  std::string const extension = round_path(w.round) + "/assignments/" + std::to_string(w.erins) + "/extension";
  auto backwards = office.post(extension, past);
  REQUIRE(backwards.status == 400);
  CHECK(field_names(backwards) == std::vector<std::string>{"until"});
  Json until = Json::object();
  until["until"] = "2030-07-05T16:00:00Z";
  auto extended = office.post(extension, until);
  INFO(extended.body);
  REQUIRE(extended.status == 200);
  CHECK(extended.json()["extended_until"] == "2030-07-05T16:00:00Z");
  CHECK(last_audit_diff(w.server, "round.extend_deadline").find("2030-07-05T16:00:00Z") != std::string::npos);
  CHECK(w.erin.client.get("/api/v1/notifications").body.find("延至") != std::string::npos);
  CHECK(w.erin.client.post(extension, until).status == 403);

  auto on_time = w.erin.client.post(w.path(w.erins) + "/review/submit", Json::object());
  INFO(on_time.body);
  REQUIRE(on_time.status == 200);
  CHECK(on_time.json()["total"] == 70);
  CHECK(on_time.json()["assignment"]["deadline"] == "2030-07-05T16:00:00Z");

  // carol was not extended.
  auto carol_late = w.carol.client.put(w.path(w.carols) + "/review", review_body({18, 15, 16, 17, 19}));
  REQUIRE(carol_late.status == 409);
  CHECK(carol_late.json()["detail"].get<std::string>().find("已过") != std::string::npos);

  // Closing freezes every review, extended or not.
  Json again = Json::object();
  again["until"] = "2030-07-10T16:00:00Z";
  REQUIRE(office.post(round_path(w.round) + "/assignments/" + std::to_string(w.carols) + "/extension", again).status ==
          200);
  REQUIRE(round_step(office, w.round, "close").status == 200);
  auto frozen = w.carol.client.put(w.path(w.carols) + "/review", review_body({18, 15, 16, 17, 19}));
  REQUIRE(frozen.status == 409);
  CHECK(has_cjk(frozen.json()["detail"].get<std::string>()));
}
