// Calls for suggestions over HTTP: drafts for the office, open and closed by the server's clock
// (at the exact instants), closed early, edits with versions, text limits validated, audited,
// experts told of a published call, and the hooks the proposals module calls.
#include <catch2/catch.hpp>

#include <chrono>

#include "app/services.hpp"
#include "support/chinese_text.hpp"
#include "support/http_client.hpp"
#include "support/personas.hpp"
#include "support/test_server.hpp"
#include "topics/call_rules.hpp"

using namespace zhiku;
using namespace zhiku::test;
using namespace std::chrono_literals;

namespace {

SysTime at(char const* iso) { return *parse_iso(iso); }

// A server on a frozen clock whose sessions outlive the month the scenario moves through.
struct CallWorld {
  Clock clock;
  std::unique_ptr<TestServer> server;
  std::unique_ptr<Personas> p;
  CallWorld() {
    clock.freeze_at(at("2026-03-01T00:00:00Z"));
    server = std::make_unique<TestServer>(
        [](AppConfig& c) {
          c.auth.session_idle_minutes = 60 * 24 * 400;
          c.auth.session_absolute_hours = 24 * 400;
        },
        &clock);
    p = std::make_unique<Personas>(make_personas(*server));
  }
};

Json call_body(std::string const& theme, std::string const& opens, std::string const& closes) {
  Json j = Json::object();
  j["theme"] = theme;
  j["description"] = "围绕" + theme + "征集对策建议。";
  j["opens_at"] = opens;
  j["closes_at"] = closes;
  return j;
}

HttpResponse call_step(HttpClient& c, Id id, std::string const& action) {
  Json j = Json::object();
  j["action"] = action;
  return c.post("/api/v1/calls/" + std::to_string(id) + "/transitions", j);
}

std::vector<std::string> allowed_of(HttpResponse const& r) {
  std::vector<std::string> out;
  auto j = r.json();
  if (j.contains("allowed"))
    for (auto const& a : j["allowed"]) out.push_back(a.get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("a call opens and closes by the server's clock", "[integration][calls]") {
  CallWorld w;
  auto& office = w.p->coordinator;
  auto& alice = w.p->expert_alice;
  auto r = office.post("/api/v1/calls", call_body("优化营商环境", "2026-03-10T00:00:00Z", "2026-03-31T16:00:00Z"));
  INFO(r.body);
  REQUIRE(r.status == 201);
  auto call = r.json();
  Id id = call["id"].get<Id>();
  std::string path = "/api/v1/calls/" + std::to_string(id);
  CHECK(r.header("location") == path);
  CHECK(call["status"] == "draft");
  CHECK(call["stage"] == "draft");
  CHECK(call["limits"]["body_max_chars"] == 3000);
  CHECK(call["limits"]["summary_threshold_chars"] == 1000);
  CHECK(call["limits"]["summary_chars"] == 200);
  CHECK(call["submission_count"] == 0);

  SECTION("a draft is the office's alone") {
    CHECK(alice.get(path).status == 404);
    CHECK(alice.get("/api/v1/calls").json()["total"] == 0);
    CHECK(alice.get("/api/v1/calls?status=draft").json()["total"] == 0);
    CHECK(office.get("/api/v1/calls").json()["total"] == 1);
    CHECK(w.p->admin.get(path).status == 200);
    CHECK(call_step(alice, id, "publish").status == 403);
    CHECK(alice.post("/api/v1/calls", call_body("x", "2026-03-10T00:00:00Z", "2026-03-31T16:00:00Z")).status == 403);
    CHECK(office.get("/api/v1/calls?status=later").status == 400);
  }
  SECTION("published: scheduled, open at opens_at, closed at closes_at; experts are told") {
    auto published = call_step(office, id, "publish");
    REQUIRE(published.status == 200);
    CHECK(published.json()["stage"] == "published");
    auto notes = alice.get("/api/v1/notifications").json()["items"];
    REQUIRE(notes.size() == 1);
    CHECK(notes[0]["kind"] == "call.published");
    CHECK(notes[0]["title"] == "新的建议征集：优化营商环境");
    CHECK(notes[0]["link"] == "/calls/" + std::to_string(id));
    CHECK(office.get("/api/v1/notifications").json()["items"].empty());

    CHECK(alice.get(path).json()["status"] == "scheduled");
    w.clock.freeze_at(at("2026-03-10T00:00:00Z") - 1s);
    CHECK(alice.get(path).json()["status"] == "scheduled");
    w.clock.freeze_at(at("2026-03-10T00:00:00Z"));
    CHECK(alice.get(path).json()["status"] == "open");
    CHECK(alice.get("/api/v1/calls?status=open").json()["total"] == 1);
    w.clock.freeze_at(at("2026-03-31T16:00:00Z") - 1s);
    CHECK(alice.get(path).json()["status"] == "open");
    w.clock.freeze_at(at("2026-03-31T16:00:00Z"));
    CHECK(alice.get(path).json()["status"] == "closed");
    CHECK(alice.get("/api/v1/calls?status=open").json()["total"] == 0);
    CHECK(alice.get("/api/v1/calls?status=closed").json()["total"] == 1);
  }
  SECTION("closed early by the office, then nothing more; every step audited") {
    REQUIRE(call_step(office, id, "publish").status == 200);
    auto twice = call_step(office, id, "publish");
    CHECK(twice.status == 409);
    CHECK(allowed_of(twice) == std::vector<std::string>{"close"});
    CHECK(has_cjk(twice.json()["detail"].get<std::string>()));
    w.clock.freeze_at(at("2026-03-15T00:00:00Z"));
    auto closed = call_step(office, id, "close");
    REQUIRE(closed.status == 200);
    CHECK(closed.json()["status"] == "closed");
    auto again = call_step(office, id, "publish");
    CHECK(again.status == 409);
    CHECK(allowed_of(again).empty());
    Json patch = Json::object();
    patch["theme"] = "改";
    patch["version"] = closed.json()["version"];
    CHECK(office.patch(path, patch).status == 409);
    CHECK(call_step(office, id, "reopen").json()["errors"][0]["field"] == "action");

    auto audit = w.p->admin.get("/api/v1/audit?entity_type=call&entity_id=" + std::to_string(id)).json()["items"];
    std::vector<std::string> actions;
    for (auto const& a : audit) actions.push_back(a["action"].get<std::string>());
    std::sort(actions.begin(), actions.end());
    CHECK(actions == std::vector<std::string>{"call.close", "call.create", "call.publish"});
  }
  SECTION("edits carry the version; limits and dates are checked, naming the field") {
    Json patch = Json::object();
    patch["limits"] = Json{{"body_max_chars", 5000}, {"summary_threshold_chars", 2000}, {"summary_chars", 300}};
    patch["version"] = call["version"];
    auto ok = office.patch(path, patch);
    REQUIRE(ok.status == 200);
    CHECK(ok.json()["limits"]["body_max_chars"] == 5000);
    CHECK(ok.json()["theme"] == "优化营商环境");
    CHECK(ok.header("etag") == "\"" + std::to_string(ok.json()["version"].get<std::int64_t>()) + "\"");
    CHECK(office.patch(path, patch).status == 412);
    patch["version"] = ok.json()["version"];
    patch["limits"] = Json{{"body_max_chars", 50}};
    auto bad = office.patch(path, patch);
    CHECK(bad.status == 400);
    CHECK(bad.json()["errors"][0]["field"] == "limits.body_max_chars");
    patch = Json::object();
    patch["closes_at"] = "2026-03-01T00:00:00Z";
    patch["version"] = ok.json()["version"];
    auto early = office.patch(path, patch).json();
    CHECK(early["errors"][0]["field"] == "closes_at");
    CHECK(early["errors"][0]["message"] == "截止时间须晚于开始时间");
    auto missing = office.post("/api/v1/calls", Json::object()).json();
    CHECK(missing["errors"].size() == 3);  // theme, opens_at, closes_at
    Json unknown_field = call_body("数字经济", "2026-03-10T00:00:00Z", "2026-03-31T16:00:00Z");
    unknown_field["field_ids"] = Json::array({987654});
    auto unknown = office.post("/api/v1/calls", unknown_field);
    CHECK(unknown.status == 400);
    CHECK(unknown.json()["errors"][0]["field"] == "field_ids");
  }
  SECTION("the hooks: the call as proposals see it, and why it takes no submission") {
    auto& calls = w.server->app().services().calls;
    auto c = w.server->app().database().read();
    CHECK(*calls.why_closed(*c, id) == "该征集尚未发布");
    REQUIRE(call_step(office, id, "publish").status == 200);
    CHECK(*calls.why_closed(*c, id) == "该征集将于 2026-03-10 08:00（北京时间） 开始");
    w.clock.freeze_at(at("2026-03-20T00:00:00Z"));
    CHECK_FALSE(calls.why_closed(*c, id));
    auto found = calls.find(*c, id);
    REQUIRE(found);
    CHECK(found->status == CallStatus::open);
    CHECK(text_problems(found->details.limits, std::string(3001, 'x'), std::string(200, 'y')).size() == 1);
    w.clock.freeze_at(at("2026-03-31T16:00:00Z"));
    CHECK(*calls.why_closed(*c, id) == "该征集已于 2026-04-01 00:00（北京时间） 截止");
    CHECK(*calls.why_closed(*c, 999999) == "征集不存在");
  }
}
