// Proposals over HTTP, acted by the personas: alice drafts with bob as co-author, carol (another
// expert) and even the admin get 404 on the draft; edits carry the version (a stale one answers
// 412 with the other author's text); submit freezes an immutable version (checked in the SQLite
// file itself); a call's limits say what to cut; the coordinator returns with a reason, alice
// revises and resubmits (version 2), the coordinator accepts; withdraw and reopen.
#include <catch2/catch.hpp>

#include <chrono>
#include <map>
#include <set>

#include "app/services.hpp"
#include "core/crypto.hpp"
#include "experts_helpers.hpp"
#include "support/chinese_text.hpp"
#include "support/http_client.hpp"
#include "support/personas.hpp"
#include "support/test_server.hpp"

using namespace zhiku;
using namespace zhiku::test;

namespace {

Actor office_actor() {
  Principal who;
  who.username = "test";
  who.roles = RoleSet{Role::coordinator};
  return Actor::of(who, {"test", "127.0.0.1"});
}

// An active expert linked to the account `user_id`.
Id active_expert(TestServer& server, Id user_id, std::string const& name, std::string const& organization) {
  auto& experts = server.app().services().experts;
  ExpertProfile p;
  p.name = name;
  p.organization = organization;
  Id id = experts.create(office_actor(), p).id;
  experts.transition(office_actor(), id, ExpertAction::approve, "");
  if (user_id != 0) link_user(server, id, user_id);
  return id;
}

struct ProposalWorld {
  TestServer server;
  Personas p = make_personas(server);
  Id carol_id = create_user(server, "carol", {Role::expert}, kPersonaPassword, "陈卡罗");
  HttpClient carol = sign_in(server, "carol", kPersonaPassword);
  Id alice_expert = active_expert(server, p.expert_alice_id, "李爱丽", "同济大学");
  Id bob_expert = active_expert(server, p.expert_bob_id, "张博", "复旦大学");
  Id carol_expert = active_expert(server, carol_id, "陈卡罗", "上海交通大学");
};

std::string path_of(Id id) { return "/api/v1/proposals/" + std::to_string(id); }

Json draft_body() {
  Json j = Json::object();
  j["kind"] = "suggestion";
  j["title"] = "关于推进老旧小区加装电梯的建议";
  j["summary"] = "";
  j["body"] = "## 存在问题\n\n老旧小区加装电梯进展缓慢。\n\n## 原因分析\n\n居民意见难统一。\n\n## 对策建议\n\n建立协商机制。";
  j["keywords"] = {"城市更新", "加装电梯"};
  j["sensitivity"] = "internal";
  return j;
}

HttpResponse step(HttpClient& c, Id id, std::string const& action, std::string const& note = "") {
  Json j = Json::object();
  j["action"] = action;
  if (!note.empty()) j["note"] = note;
  return c.post(path_of(id) + "/transitions", j);
}

Json patch_of(std::int64_t version, char const* key, Json value) {
  Json j = Json::object();
  j["version"] = version;
  j[key] = std::move(value);
  return j;
}

}  // namespace

TEST_CASE("a draft is its authors' alone, co-authors edit it and a stale edit answers 412", "[integration][proposals]") {
  ProposalWorld w;
  auto& alice = w.p.expert_alice;
  auto& bob = w.p.expert_bob;

  Json body = draft_body();
  body["author_ids"] = {w.alice_expert, w.bob_expert};
  auto r = alice.post("/api/v1/proposals", body);
  INFO(r.body);
  REQUIRE(r.status == 201);
  auto created = r.json();
  Id id = created["id"].get<Id>();
  CHECK(r.header("location") == path_of(id));
  CHECK(created["status"] == "draft");
  CHECK(created["current_version"] == 0);
  CHECK(created["authors"][0]["name"] == "李爱丽");
  CHECK(created["authors"][1]["name"] == "张博");
  CHECK(created["is_author"] == true);
  CHECK(created["body_html"].get<std::string>().find("<h2>存在问题</h2>") != std::string::npos);
  // Markdown syntax is not counted: the three headings' "## " and the blank lines.
  CHECK(created["body_chars"] == 40);

  SECTION("nobody else sees it, admins included, and it is absent from their lists") {
    CHECK(w.carol.get(path_of(id)).status == 404);
    CHECK(w.p.admin.get(path_of(id)).status == 404);
    CHECK(w.p.coordinator.get(path_of(id)).status == 404);
    CHECK(w.p.leader.get(path_of(id)).status == 404);
    CHECK(w.carol.get(path_of(id) + "/versions").status == 404);
    CHECK(w.carol.patch(path_of(id), patch_of(1, "title", "改")).status == 404);
    CHECK(step(w.p.coordinator, id, "accept").status == 404);
    CHECK(w.p.coordinator.get("/api/v1/proposals").json()["total"] == 0);
    CHECK(w.p.coordinator.get("/api/v1/proposals/queue").json()["total"] == 0);
    auto mine = bob.get("/api/v1/proposals?scope=mine").json();
    REQUIRE(mine["total"] == 1);
    CHECK(mine["items"][0]["title"] == "关于推进老旧小区加装电梯的建议");
  }

  SECTION("a co-author edits; the other author's stale save answers 412 with the current text") {
    auto g = bob.get(path_of(id));
    REQUIRE(g.status == 200);
    CHECK(g.header("etag") == "\"1\"");
    auto b = bob.patch(path_of(id), patch_of(1, "summary", "张博补充的摘要"));
    INFO(b.body);
    REQUIRE(b.status == 200);
    CHECK(b.json()["version"] == 2);
    CHECK(b.json()["summary"] == "张博补充的摘要");
    // alice still holds version 1.
    auto a = alice.patch(path_of(id), patch_of(1, "title", "李爱丽改的标题"));
    REQUIRE(a.status == 412);
    CHECK(a.is_problem());
    CHECK(has_cjk(a.json()["detail"].get<std::string>()));
    CHECK(a.json()["current"]["summary"] == "张博补充的摘要");
    CHECK(a.json()["current"]["version"] == 2);
    // Nothing of alice's stale save was written.
    CHECK(alice.get(path_of(id)).json()["title"] == "关于推进老旧小区加装电梯的建议");
    // If-Match works as the version does.
    Json t = Json::object();
    t["title"] = "合并后的标题";
    auto m = alice.request("PATCH", path_of(id), t.dump(), "application/json", {{"If-Match", "\"2\""}});
    INFO(m.body);
    REQUIRE(m.status == 200);
    CHECK(m.json()["title"] == "合并后的标题");
  }

  SECTION("validation names every bad field in Chinese") {
    Json bad = Json::object();
    bad["version"] = 1;
    bad["author_ids"] = {w.bob_expert};  // alice would lose her own proposal
    bad["keywords"] = {"城市、更新"};
    bad["kind"] = "poem";
    auto e = alice.patch(path_of(id), bad);
    INFO(e.body);
    REQUIRE(e.status == 400);
    std::set<std::string> fields;
    Json const ej = e.json();
    for (auto const& x : ej["errors"]) {
      fields.insert(x["field"].get<std::string>());
      CHECK(has_cjk(x["message"].get<std::string>()));
    }
    CHECK(fields.count("kind") == 1);
    Json bad2 = Json::object();
    bad2["version"] = 1;
    bad2["author_ids"] = {w.bob_expert};
    bad2["keywords"] = {"城市、更新"};
    auto e2 = alice.patch(path_of(id), bad2);
    INFO(e2.body);
    REQUIRE(e2.status == 400);
    fields.clear();
    Json const ej2 = e2.json();
    for (auto const& x : ej2["errors"]) fields.insert(x["field"].get<std::string>());
    CHECK(fields.count("author_ids") == 1);
    CHECK(fields.count("keywords[0]") == 1);
  }

  SECTION("an expert without a profile and a coordinator cannot start one") {
    auto c = w.p.coordinator.post("/api/v1/proposals", draft_body());
    CHECK(c.status == 403);
    Id dave = create_user(w.server, "dave", {Role::expert}, kPersonaPassword, "无档案专家");
    (void)dave;
    auto d = sign_in(w.server, "dave", kPersonaPassword).post("/api/v1/proposals", draft_body());
    CHECK(d.status == 403);
    CHECK(has_cjk(d.json()["detail"].get<std::string>()));
  }
}

TEST_CASE("submit freezes an immutable version; return, revise and resubmit make version 2; accept",
          "[integration][proposals]") {
  ProposalWorld w;
  auto& alice = w.p.expert_alice;
  auto& office = w.p.coordinator;
  auto r = alice.post("/api/v1/proposals", draft_body());
  REQUIRE(r.status == 201);
  Id id = r.json()["id"].get<Id>();

  auto s = step(alice, id, "submit");
  INFO(s.body);
  REQUIRE(s.status == 200);
  CHECK(s.json()["status"] == "submitted");
  CHECK(s.json()["current_version"] == 1);

  // The version: its canonical content hashes to its SHA-256, the names frozen with it.
  auto v = alice.get(path_of(id) + "/versions/1");
  REQUIRE(v.status == 200);
  auto version = v.json();
  CHECK(version["number"] == 1);
  CHECK(sha256_hex(version["canonical"].get<std::string>()) == version["sha256"]);
  CHECK(version["content"]["title"] == "关于推进老旧小区加装电梯的建议");
  CHECK(version["content"]["authors"][0]["name"] == "李爱丽");
  CHECK(alice.get(path_of(id) + "/versions").json()["items"].size() == 1);

  // Frozen: no edit, and not even the database owner can change or remove the version.
  CHECK(alice.patch(path_of(id), patch_of(s.json()["version"].get<std::int64_t>(), "title", "偷改")).status == 409);
  {
    storage::Connection raw({w.server.db_path(), "NORMAL", 1000, false});
    using Catch::Matchers::Contains;
    CHECK_THROWS_WITH(raw.exec("UPDATE proposal_versions SET content = 'x' WHERE proposal_id = ?", id),
                      Contains("immutable"));
    CHECK_THROWS_WITH(raw.exec("DELETE FROM proposal_versions WHERE proposal_id = ?", id), Contains("immutable"));
    CHECK_THROWS_WITH(raw.exec("UPDATE proposal_texts SET title = '偷改' WHERE proposal_id = ?", id),
                      Contains("frozen"));
    CHECK_THROWS_WITH(raw.exec("DELETE FROM proposals WHERE id = ?", id), Contains("never deleted"));
  }

  // The office sees it in the queue, oldest first; another expert still does not see it.
  auto q = office.get("/api/v1/proposals/queue").json();
  REQUIRE(q["total"] == 1);
  CHECK(q["items"][0]["id"] == id);
  CHECK(q["items"][0]["body_chars"] == 40);
  CHECK(w.carol.get(path_of(id)).status == 404);

  // The author cannot accept their own; a return needs a reason.
  auto self = step(alice, id, "accept");
  CHECK(self.status == 403);
  CHECK(step(office, id, "return").status == 400);
  auto back = step(office, id, "return", "请补充数据来源");
  INFO(back.body);
  REQUIRE(back.status == 200);
  CHECK(back.json()["status"] == "returned");
  CHECK(back.json()["allowed"] == Json::array());

  // The authors see the reason, in the proposal and in their notifications.
  auto mine = alice.get(path_of(id)).json();
  CHECK(mine["status_note"] == "请补充数据来源");
  CHECK(mine["events"].back()["note"] == "请补充数据来源");
  CHECK(mine["allowed"] == Json({"submit", "withdraw"}));
  auto notes = alice.get("/api/v1/notifications").json();
  CHECK(notes.dump().find("请补充数据来源") != std::string::npos);

  // Revise: the office goes on reading version 1 while alice edits.
  auto e = alice.patch(path_of(id), patch_of(mine["version"].get<std::int64_t>(), "summary", "补充了数据来源"));
  REQUIRE(e.status == 200);
  CHECK(office.get(path_of(id)).json()["summary"] == "");
  auto again = step(alice, id, "submit");
  REQUIRE(again.status == 200);
  CHECK(again.json()["current_version"] == 2);
  auto versions = alice.get(path_of(id) + "/versions").json()["items"];
  REQUIRE(versions.size() == 2);
  CHECK(versions[0]["sha256"] != versions[1]["sha256"]);
  CHECK(alice.get(path_of(id) + "/versions/1").json()["content"]["summary"] == "");
  CHECK(alice.get(path_of(id) + "/versions/2").json()["content"]["summary"] == "补充了数据来源");
  CHECK(alice.get(path_of(id) + "/versions/3").status == 404);

  auto ok = step(office, id, "accept");
  REQUIRE(ok.status == 200);
  CHECK(ok.json()["status"] == "accepted");
  CHECK(office.get("/api/v1/proposals/queue").json()["total"] == 0);
  // Accepted is no longer returnable: 409 with what the office may do now.
  auto late = step(office, id, "return", "再改改");
  CHECK(late.status == 409);

  // The audit log has the whole story.
  auto audit = w.p.admin.get("/api/v1/audit?entity_type=proposal&entity_id=" + std::to_string(id)).json();
  std::string all = audit.dump();
  for (char const* a : {"proposal.create", "proposal.submit", "proposal.return", "proposal.update", "proposal.accept"})
    CHECK(all.find(a) != std::string::npos);
}

TEST_CASE("a call's limits are enforced at submit with a message that says what to cut", "[integration][proposals]") {
  Clock clock;
  clock.freeze_at(*parse_iso("2026-03-15T00:00:00Z"));
  TestServer server(
      [](AppConfig& c) {
        c.auth.session_idle_minutes = 60 * 24 * 400;
        c.auth.session_absolute_hours = 24 * 400;
      },
      &clock);
  Personas p = make_personas(server);
  active_expert(server, p.expert_alice_id, "李爱丽", "同济大学");
  Json call = Json::object();
  call["theme"] = "优化营商环境";
  call["opens_at"] = "2026-03-10T00:00:00Z";
  call["closes_at"] = "2026-03-31T16:00:00Z";
  call["limits"] = {{"body_max_chars", 100}, {"summary_threshold_chars", 20}, {"summary_chars", 20}};
  auto c = p.coordinator.post("/api/v1/calls", call);
  INFO(c.body);
  REQUIRE(c.status == 201);
  Id call_id = c.json()["id"].get<Id>();

  // A draft call cannot be answered yet.
  Json body = draft_body();
  body["call_id"] = call_id;
  CHECK(p.expert_alice.post("/api/v1/proposals", body).status == 400);
  Json publish = Json::object();
  publish["action"] = "publish";
  REQUIRE(p.coordinator.post("/api/v1/calls/" + std::to_string(call_id) + "/transitions", publish).status == 200);

  body["body"] = std::string("## 存在问题\n\n") + [] {
    std::string s;
    for (int i = 0; i < 110; ++i) s += "问";
    return s;
  }();
  auto r = p.expert_alice.post("/api/v1/proposals", body);
  REQUIRE(r.status == 201);
  Id id = r.json()["id"].get<Id>();
  auto s = step(p.expert_alice, id, "submit");
  INFO(s.body);
  REQUIRE(s.status == 400);
  std::string errors = s.json()["errors"].dump();
  CHECK(errors.find("\"body\"") != std::string::npos);
  CHECK(errors.find("请删减 14 字") != std::string::npos);  // 114 characters against 100
  CHECK(errors.find("\"summary\"") != std::string::npos);
  CHECK(p.expert_alice.get(path_of(id)).json()["status"] == "draft");

  // Within the limits it goes in; after the call closes, a revision cannot.
  Json fix = Json::object();
  fix["version"] = r.json()["version"];
  fix["body"] = "## 存在问题\n\n问题在于审批环节太多，企业跑腿次数多。";
  fix["summary"] = "建议压减审批环节，推行一网通办服务。";
  REQUIRE(p.expert_alice.patch(path_of(id), fix).status == 200);
  auto ok = step(p.expert_alice, id, "submit");
  INFO(ok.body);
  REQUIRE(ok.status == 200);
  REQUIRE(step(p.coordinator, id, "return", "请补充案例").status == 200);
  clock.freeze_at(*parse_iso("2026-04-01T00:00:00Z"));
  auto closed = step(p.expert_alice, id, "submit");
  CHECK(closed.status == 409);
  CHECK(has_cjk(closed.json()["detail"].get<std::string>()));
}

TEST_CASE("authors withdraw before review and reopen a withdrawn proposal as a draft", "[integration][proposals]") {
  ProposalWorld w;
  auto& alice = w.p.expert_alice;
  Id id = alice.post("/api/v1/proposals", draft_body()).json()["id"].get<Id>();
  REQUIRE(step(alice, id, "submit").status == 200);
  auto wd = step(alice, id, "withdraw", "数据需要更新");
  REQUIRE(wd.status == 200);
  CHECK(wd.json()["status"] == "withdrawn");
  CHECK(wd.json()["allowed"] == Json({"reopen"}));
  CHECK(w.p.coordinator.get("/api/v1/proposals/queue").json()["total"] == 0);
  // The office still reads what was sent (nothing submitted disappears).
  CHECK(w.p.coordinator.get(path_of(id)).status == 200);
  auto re = step(alice, id, "reopen");
  REQUIRE(re.status == 200);
  CHECK(re.json()["status"] == "draft");
  CHECK(w.p.coordinator.get(path_of(id)).status == 404);
  CHECK(alice.get(path_of(id) + "/versions").json()["items"].size() == 1);
  REQUIRE(step(alice, id, "submit").status == 200);
  CHECK(alice.get(path_of(id) + "/versions").json()["items"].size() == 2);
}

TEST_CASE("restricted proposals stay out of the admin's list; search finds two-character words", "[integration][proposals]") {
  ProposalWorld w;
  auto& alice = w.p.expert_alice;
  Json open = draft_body();
  open["title"] = "关于城市更新的建议";
  Id a = alice.post("/api/v1/proposals", open).json()["id"].get<Id>();
  Json secret = draft_body();
  secret["title"] = "关于城市安全的建议";
  secret["sensitivity"] = "restricted";
  Id b = alice.post("/api/v1/proposals", secret).json()["id"].get<Id>();
  REQUIRE(step(alice, a, "submit").status == 200);
  REQUIRE(step(alice, b, "submit").status == 200);

  auto office = w.p.coordinator.get("/api/v1/proposals?q=" + enc("城市")).json();
  CHECK(office["total"] == 2);
  auto admin = w.p.admin.get("/api/v1/proposals?q=" + enc("城市")).json();
  REQUIRE(admin["total"] == 1);
  CHECK(admin["items"][0]["id"] == a);
  CHECK(w.p.admin.get(path_of(b)).status == 404);
  CHECK(w.carol.get("/api/v1/proposals?q=" + enc("城市")).json()["total"] == 0);
  CHECK(w.p.coordinator.get("/api/v1/proposals?q=" + enc("安全")).json()["total"] == 1);
  CHECK(w.p.coordinator.get("/api/v1/proposals?sensitivity=restricted").json()["total"] == 1);
  CHECK(w.p.coordinator.get("/api/v1/proposals?status=nonsense").status == 400);
}

TEST_CASE("the screening queue names possible duplicates; lists count facets", "[integration][proposals]") {
  ProposalWorld w;
  auto& alice = w.p.expert_alice;
  std::string const text =
      "## 存在问题\n\n老旧小区加装电梯进展缓慢，居民意见难以统一，资金筹措渠道单一。\n\n"
      "## 对策建议\n\n建立居民协商机制，完善财政补贴政策，引入社会资本参与。";
  Json first = draft_body();
  first["body"] = text;
  Id a = alice.post("/api/v1/proposals", first).json()["id"].get<Id>();
  REQUIRE(step(alice, a, "submit").status == 200);
  // bob sends in nearly the same text; carol writes on another theme.
  Json copy = draft_body();
  copy["title"] = "加装电梯的几点建议";
  copy["body"] = "# 存在问题\n老旧小区加装电梯进展缓慢，居民意见难以统一，资金筹措渠道单一。\n"
                 "# 对策建议\n建立居民协商机制，完善财政补贴政策，鼓励社会资本参与。";
  Id b = w.p.expert_bob.post("/api/v1/proposals", copy).json()["id"].get<Id>();
  REQUIRE(step(w.p.expert_bob, b, "submit").status == 200);
  Json other = draft_body();
  other["kind"] = "report";
  other["body"] = "## 存在问题\n\n城市更新中历史街区保护不足，开发强度过高。\n\n## 对策建议\n\n划定保护范围，控制开发强度。";
  Id c = w.carol.post("/api/v1/proposals", other).json()["id"].get<Id>();
  REQUIRE(step(w.carol, c, "submit").status == 200);

  auto q = w.p.coordinator.get("/api/v1/proposals/queue").json();
  REQUIRE(q["total"] == 3);
  std::map<Id, Json> rows;
  for (auto const& r : q["items"]) rows[r["id"].get<Id>()] = r;
  REQUIRE(rows[a]["duplicates"].size() == 1);
  CHECK(rows[a]["duplicates"][0]["id"] == b);
  CHECK(rows[b]["duplicates"][0]["id"] == a);
  CHECK(rows[b]["duplicates"][0]["title"] == "关于推进老旧小区加装电梯的建议");
  CHECK(rows[b]["duplicates"][0]["similarity"].get<double>() >= 0.6);
  CHECK(rows[c]["duplicates"].empty());

  // Facets: each count with the other filters applied.
  auto f = w.p.coordinator.get("/api/v1/proposals?facets=true&kind=suggestion").json();
  CHECK(f["total"] == 2);
  CHECK(f["facets"]["kind"]["suggestion"] == 2);
  CHECK(f["facets"]["kind"]["report"] == 1);
  CHECK(f["facets"]["status"]["submitted"] == 2);
  CHECK(f["facets"]["sensitivity"]["internal"] == 2);
  CHECK(f["facets"]["year"].size() == 1);
  // An expert's facets count only what they may see (their own).
  auto mine = w.carol.get("/api/v1/proposals?facets=true").json();
  CHECK(mine["facets"]["kind"].value("suggestion", 0) == 0);
  CHECK(mine["facets"]["kind"]["report"] == 1);
}
