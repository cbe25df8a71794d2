// The expert pool over HTTP: curation, the workflow, invitations and reminders, public
// applications, who sees contact data, self-service profiles and conflicts.
#include <catch2/catch.hpp>

#include "integration/application_helpers.hpp"
#include "integration/experts_helpers.hpp"

using namespace zhiku;
using namespace zhiku::test;

TEST_CASE("coordinators create, edit and move experts through the workflow", "[integration][experts]") {
  TestServer server;
  auto p = make_personas(server);

  Json body = expert_body("王建国", "同济大学");
  body["gender"] = "male";
  body["birth_year"] = 1965;
  body["title"] = "教授";
  body["email"] = "wangjg@tongji.edu.cn";
  body["phone"] = "13800138000";
  body["keywords"] = Json::array({"城市规划", "城市更新"});
  body["employment"] = Json::array({Json{{"organization", "清华大学"}, {"from", "1990-07"}, {"to", "2000-06"}},
                                    Json{{"organization", "同济大学"}, {"from", "2000-07"}}});
  body["pool_ids"] = Json::array({1});
  auto created = p.coordinator.post("/api/v1/experts", body);
  INFO(created.body);
  REQUIRE(created.status == 201);
  Json e = created.json();
  Id id = e["id"].get<Id>();
  std::string path = "/api/v1/experts/" + std::to_string(id);
  CHECK(e["status"] == "pending");
  CHECK(e["version"] == 1);
  CHECK(e["allowed_actions"] == Json::array({"approve", "reject", "retire"}));
  CHECK(e["email"] == "wangjg@tongji.edu.cn");
  CHECK(e["employment"].size() == 2);
  CHECK(e["employment"][1]["to"].is_null());
  CHECK(e["pools"][0]["name"] == "决策咨询专家库");
  CHECK(e["stale"] == false);
  CHECK(e["stats"]["reviews_done"] == 0);
  CHECK(e["stats"]["avg_rating"].is_null());
  CHECK(e["category"] == "domestic");

  SECTION("only coordinators and admins create") {
    CHECK(p.leader.post("/api/v1/experts", expert_body("某某", "某单位")).status == 403);
    CHECK(p.expert_alice.post("/api/v1/experts", expert_body("某某", "某单位")).status == 403);
    CHECK(p.admin.post("/api/v1/experts", expert_body("某某", "某单位")).status == 201);
  }

  SECTION("a duplicate e-mail is refused") {
    Json dup = expert_body("王建国", "同济大学");
    dup["email"] = "WANGJG@tongji.edu.cn";
    CHECK(p.coordinator.post("/api/v1/experts", dup).status == 409);
  }

  SECTION("edits carry the version; a stale one answers 412") {
    Json patch = Json::object();
    patch["version"] = 1;
    patch["title"] = "研究员";
    auto r = p.coordinator.patch(path, patch);
    REQUIRE(r.status == 200);
    CHECK(r.json()["version"] == 2);
    CHECK(r.json()["title"] == "研究员");
    CHECK(r.json()["name"] == "王建国");
    CHECK(p.admin.patch(path, patch).status == 412);
    auto etag_edit = p.admin.request("PATCH", path, R"({"department":"建筑与城市规划学院"})", "application/json",
                                     {{"If-Match", "\"2\""}});
    CHECK(etag_edit.status == 200);
    CHECK(p.leader.patch(path, patch).status == 403);
  }

  SECTION("invalid fields are listed together") {
    Json bad = Json::object();
    bad["version"] = 1;
    bad["employment"] = Json::array({Json{{"organization", "清华大学"}, {"from", "2010-07"}, {"to", "2001-06"}},
                                     Json{{"organization", "北大"}, {"from", "2010"}}});
    bad["gender"] = "unknown";
    bad["category"] = "overseas";
    auto r = p.coordinator.patch(path, bad);
    INFO(r.body);
    REQUIRE(r.status == 400);
    CHECK(r.is_problem());
    std::set<std::string> fields;
    Json problem = r.json();
    for (auto const& err : problem["errors"]) fields.insert(err["field"].get<std::string>());
    CHECK(fields.count("employment[0].to"));
    CHECK(fields.count("employment[1].from"));
    CHECK(fields.count("gender"));
    CHECK(fields.count("country"));
  }

  SECTION("the workflow answers 409 with the allowed actions") {
    auto r = transition(p.coordinator, id, "approve");
    REQUIRE(r["status_code"] == 200);
    CHECK(r["body"]["status"] == "active");
    CHECK(r["body"]["allowed_actions"] == Json::array({"suspend", "retire"}));
    r = transition(p.coordinator, id, "approve");
    CHECK(r["status_code"] == 409);
    CHECK(r["body"]["allowed"] == Json::array({"suspend", "retire"}));
    CHECK(transition(p.coordinator, id, "suspend", "年度考核未通过")["body"]["status"] == "suspended");
    CHECK(transition(p.admin, id, "reinstate")["body"]["status"] == "active");
    CHECK(transition(p.coordinator, id, "retire")["status_code"] == 400);  // reason required
    r = transition(p.coordinator, id, "retire", "本人申请出库");
    CHECK(r["body"]["status"] == "retired");
    CHECK(r["body"]["status_reason"] == "本人申请出库");
    r = transition(p.coordinator, id, "reinstate");
    CHECK(r["status_code"] == 409);
    CHECK(transition(p.coordinator, id, "dance")["status_code"] == 400);
    CHECK(transition(p.leader, id, "approve")["status_code"] == 403);
    CHECK(count_rows(server, "SELECT count(*) FROM audit_log WHERE entity_type = 'expert' AND entity_id = ?", id) >= 5);
  }
}

TEST_CASE("contact data reaches coordinators, admins and the expert only", "[integration][experts]") {
  TestServer server;
  auto p = make_personas(server);
  Json body = expert_body("李爱丽", "复旦大学");
  body["email"] = "alice@fudan.edu.cn";
  body["phone"] = "13900000001";
  Id alice = create_expert(p.coordinator, body);
  Id other = create_expert(p.coordinator, expert_body("陈明", "上海大学"));
  link_user(server, alice, p.expert_alice_id);
  std::string path = "/api/v1/experts/" + std::to_string(alice);

  for (auto* client : {&p.coordinator, &p.admin, &p.expert_alice}) {
    auto r = client->get(path);
    REQUIRE(r.status == 200);
    CHECK(r.json()["email"] == "alice@fudan.edu.cn");
    CHECK(r.json()["phone"] == "13900000001");
  }
  auto seen_by_leader = p.leader.get(path);
  REQUIRE(seen_by_leader.status == 200);
  CHECK_FALSE(has_key(seen_by_leader.json(), "email"));
  CHECK_FALSE(has_key(seen_by_leader.json(), "phone"));
  CHECK(seen_by_leader.json()["allowed_actions"].empty());

  // Another expert may not know the record exists.
  CHECK(p.expert_bob.get(path).status == 404);
  CHECK(p.expert_alice.get("/api/v1/experts/" + std::to_string(other)).status == 404);
  CHECK(p.expert_bob.get("/api/v1/experts/me").status == 404);
  CHECK(p.expert_alice.get("/api/v1/experts").status == 403);

  auto mine = p.expert_alice.get("/api/v1/experts/me");
  REQUIRE(mine.status == 200);
  CHECK(mine.json()["id"] == alice);
  CHECK(mine.json()["email"] == "alice@fudan.edu.cn");
  CHECK(mine.json()["allowed_actions"].empty());

  auto leader_list = p.leader.get("/api/v1/experts");
  REQUIRE(leader_list.status == 200);
  REQUIRE(leader_list.json()["items"].size() == 2);
  Json leader_items = leader_list.json()["items"];
  for (auto const& item : leader_items) {
    CHECK_FALSE(has_key(item, "email"));
    CHECK_FALSE(has_key(item, "phone"));
  }
  auto staff_list = p.coordinator.get("/api/v1/experts");
  Json staff_items = staff_list.json()["items"];
  for (auto const& item : staff_items) CHECK(has_key(item, "email"));

  auto leader_export = p.leader.get("/api/v1/experts/export?format=csv");
  REQUIRE(leader_export.status == 200);
  CHECK(leader_export.body.find("邮箱") == std::string::npos);
  CHECK(leader_export.body.find("alice@fudan.edu.cn") == std::string::npos);
  auto staff_export = p.coordinator.get("/api/v1/experts/export?format=csv");
  CHECK(staff_export.body.find("alice@fudan.edu.cn") != std::string::npos);
}

TEST_CASE("an invited expert signs in with the one-time password and must change it", "[integration][experts]") {
  TestServer server;
  auto p = make_personas(server);
  Json body = expert_body("周教授", "华东师范大学");
  body["email"] = "zhou@ecnu.edu.cn";
  Id id = create_expert(p.coordinator, body);
  std::string path = "/api/v1/experts/" + std::to_string(id);

  CHECK(p.coordinator.post(path + "/remind").status == 409);  // no account yet
  auto r = p.coordinator.post(path + "/invite");
  INFO(r.body);
  REQUIRE(r.status == 201);
  auto invited = r.json();
  CHECK(invited["user"]["roles"] == Json::array({"expert"}));
  CHECK(invited["user"]["username"] == "zhou");
  std::string otp = invited["one_time_password"];
  CHECK(otp.size() >= 10);
  CHECK(p.coordinator.post(path + "/invite").status == 409);
  CHECK(p.coordinator.get(path).json()["user_id"] == invited["user"]["id"]);

  HttpClient zhou(server.port());
  Json login = Json::object();
  login["username"] = invited["user"]["username"];
  login["password"] = otp;
  auto signed_in = zhou.post("/api/v1/auth/login", login);
  REQUIRE(signed_in.status == 200);
  zhou.remember_login(signed_in);
  CHECK(signed_in.json()["user"]["must_change_password"] == true);
  CHECK(zhou.get("/api/v1/experts/me").status == 403);  // not before the password is changed
  Json change = Json::object();
  change["current_password"] = otp;
  change["new_password"] = "Strong-Pass-2026!";
  REQUIRE(zhou.post("/api/v1/auth/password", change).status == 204);
  auto again =
      zhou.post("/api/v1/auth/login", Json{{"username", login["username"]}, {"password", "Strong-Pass-2026!"}});
  REQUIRE(again.status == 200);
  zhou.remember_login(again);
  auto mine = zhou.get("/api/v1/experts/me");
  REQUIRE(mine.status == 200);
  CHECK(mine.json()["id"] == id);

  // The reminder reaches the new account.
  Id user_id = invited["user"]["id"].get<Id>();
  CHECK(p.coordinator.post(path + "/remind").status == 204);
  CHECK(count_rows(server, "SELECT count(*) FROM notifications WHERE user_id = ? AND kind = 'expert.remind_confirm'",
                   user_id) == 1);
  CHECK(p.leader.post(path + "/remind").status == 403);
}

TEST_CASE("a public application is answered by a coordinator and the applicant can read the answer",
          "[integration][experts]") {
  TestServer server([](AppConfig& c) { c.auth.application_limit_per_hour = 3; });
  auto p = make_personas(server);
  HttpClient anonymous(server.port());
  auto fields = anonymous.get("/api/v1/fields");
  CHECK(fields.status == 200);  // the application form offers the taxonomy
  CHECK(anonymous.get("/api/v1/pools").status == 401);

  Json app = expert_body("孙申请", "上海社会科学院");
  app["email"] = "sun@sass.org.cn";
  app["keywords"] = Json::array({"区域经济", "长三角一体化"});
  app["pool_ids"] = Json::array({1});  // ignored: pools are the office's decision
  auto r = apply_as_public(anonymous, app);
  INFO(r.body);
  REQUIRE(r.status == 201);
  Id id = count_rows(server, "SELECT max(id) FROM experts WHERE id > ?", 0);
  CHECK(r.json()["status"] == "pending");
  std::string receipt = r.json()["receipt"];
  CHECK(count_rows(server, "SELECT count(*) FROM notifications WHERE user_id = ? AND kind = 'expert.application'",
                   p.coordinator_id) == 1);
  auto record = p.coordinator.get("/api/v1/experts/" + std::to_string(id));
  CHECK(record.json()["pools"].empty());
  CHECK(record.json()["status"] == "pending");

  auto status = application_status(anonymous, receipt);
  REQUIRE(status.status == 200);
  CHECK(status.json()["status"] == "pending");
  CHECK(application_status(anonymous, "not-a-receipt").status == 404);

  REQUIRE(transition(p.coordinator, id, "approve")["status_code"] == 200);
  CHECK(application_status(anonymous, receipt).json()["status"] == "active");

  Json second = expert_body("钱申请", "某公司");
  second["email"] = "qian@example.cn";
  auto r2 = apply_as_public(anonymous, second);
  REQUIRE(r2.status == 201);
  REQUIRE(transition(p.coordinator, count_rows(server, "SELECT max(id) FROM experts WHERE id > ?", id), "reject",
                     "研究方向与专家库需求不符")["status_code"] == 200);
  auto answer = application_status(anonymous, r2.json()["receipt"].get<std::string>()).json();
  CHECK(answer["status"] == "retired");
  CHECK(answer["status_reason"] == "研究方向与专家库需求不符");

  SECTION("applications need a name, organisation and e-mail") {
    auto bad = apply_as_public(anonymous, Json{{"name", "无名"}});
    CHECK(bad.status == 400);
  }
  SECTION("applications are rate limited per client address") {
    Json third = expert_body("李申请", "某大学");
    third["email"] = "li@example.cn";
    CHECK(apply_as_public(anonymous, third).status == 201);
    third["email"] = "li2@example.cn";
    auto limited = apply_as_public(anonymous, third);
    CHECK(limited.status == 429);
    CHECK(!limited.header("retry-after").empty());
    CHECK(std::stoi(limited.header("retry-after")) > 3000);
  }
}

TEST_CASE("experts keep their own profile and conflicts", "[integration][experts]") {
  TestServer server;
  auto p = make_personas(server);
  Json body = expert_body("李爱丽", "复旦大学");
  body["pool_ids"] = Json::array({1});
  Id alice = create_expert(p.coordinator, body);
  Id bob = create_expert(p.coordinator, expert_body("张博", "同济大学"));
  link_user(server, alice, p.expert_alice_id);
  link_user(server, bob, p.expert_bob_id);
  std::string conflicts = "/api/v1/experts/" + std::to_string(alice) + "/conflicts";

  SECTION("the profile, but not status or pools") {
    auto me = p.expert_alice.get("/api/v1/experts/me").json();
    Json patch = Json::object();
    patch["version"] = me["version"];
    patch["keywords"] = Json::array({"公共卫生", "AI 医疗"});
    patch["pool_ids"] = Json::array({2});
    patch["status"] = "active";
    auto r = p.expert_alice.patch("/api/v1/experts/me", patch);
    INFO(r.body);
    REQUIRE(r.status == 200);
    CHECK(r.json()["keywords"] == Json::array({"公共卫生", "AI 医疗"}));
    CHECK(r.json()["pools"][0]["id"] == 1);
    CHECK(r.json()["status"] == "pending");
    CHECK(p.expert_alice.patch("/api/v1/experts/me", patch).status == 412);
    CHECK(p.expert_alice.patch("/api/v1/experts/" + std::to_string(alice), patch).status == 403);

    auto confirmed = p.expert_alice.post("/api/v1/experts/me/confirm");
    REQUIRE(confirmed.status == 200);
    CHECK(confirmed.json()["confirmed_at"].is_string());
    CHECK(confirmed.json()["stale"] == false);
    CHECK(p.coordinator.get("/api/v1/experts/me").status == 403);
  }

  SECTION("conflicts: declared, listed and withdrawn by the expert") {
    REQUIRE(transition(p.coordinator, bob, "approve")["status_code"] == 200);  // experts name active experts only
    Json person = Json::object();
    person["kind"] = "person";
    person["other_expert_id"] = bob;
    person["name"] = "张博";
    person["note"] = "合作者";
    auto r = p.expert_alice.post(conflicts, person);
    INFO(r.body);
    REQUIRE(r.status == 201);
    Id cid = r.json()["id"].get<Id>();
    Json org = Json::object();
    org["kind"] = "organization";
    org["name"] = "上海交通大学";
    org["until"] = "2027-12-31";
    REQUIRE(p.expert_alice.post(conflicts, org).status == 201);
    CHECK(p.expert_alice.post(conflicts, Json{{"kind", "family"}, {"name", "x"}}).status == 400);
    CHECK(
        p.expert_alice.post(conflicts, Json{{"kind", "organization"}, {"name", "x"}, {"until", "2027-13-01"}}).status ==
        400);

    auto list = p.expert_alice.get(conflicts);
    REQUIRE(list.status == 200);
    CHECK(list.json()["items"].size() == 2);
    CHECK(p.coordinator.get(conflicts).json()["items"].size() == 2);
    CHECK(p.expert_bob.get(conflicts).status == 404);
    CHECK(p.expert_bob.post(conflicts, org).status == 404);
    CHECK(p.expert_bob.del(conflicts + "/" + std::to_string(cid)).status == 404);
    CHECK(p.leader.get(conflicts).status == 403);

    CHECK(p.expert_alice.del(conflicts + "/" + std::to_string(cid)).status == 204);
    CHECK(p.expert_alice.del(conflicts + "/" + std::to_string(cid)).status == 404);
    CHECK(p.expert_alice.get(conflicts).json()["items"].size() == 1);
    CHECK(p.coordinator.post(conflicts, person).status == 201);
  }
}

TEST_CASE("fields and pools are managed lists", "[integration][experts]") {
  TestServer server;
  auto p = make_personas(server);
  auto tree = p.expert_bob.get("/api/v1/fields");
  INFO(tree.body.substr(0, 300));
  REQUIRE(tree.status == 200);
  Json civil;
  Json roots = tree.json()["items"];
  for (auto const& f : roots)
    if (f["name"] == "土木建筑工程") civil = f;
  REQUIRE(civil.is_object());
  CHECK(civil["code"] == "560");
  bool has_planning = false;
  for (auto const& c : civil["children"]) has_planning = has_planning || c["name"] == "城市规划";
  CHECK(has_planning);
  CHECK(tree.json()["items"].size() >= 60);

  Json nf = Json::object();
  nf["name"] = "城市更新";
  nf["parent_id"] = civil["id"];
  auto created = p.coordinator.post("/api/v1/fields", nf);
  REQUIRE(created.status == 201);
  Id fid = created.json()["id"].get<Id>();
  CHECK(p.coordinator.post("/api/v1/fields", nf).status == 409);
  CHECK(p.expert_bob.post("/api/v1/fields", nf).status == 403);
  auto renamed =
      p.coordinator.patch("/api/v1/fields/" + std::to_string(fid), Json{{"version", 1}, {"name", "城市更新与治理"}});
  REQUIRE(renamed.status == 200);
  CHECK(p.coordinator.patch("/api/v1/fields/" + std::to_string(fid), Json{{"version", 1}, {"name", "x"}}).status ==
        412);
  CHECK(p.coordinator
            .patch("/api/v1/fields/" + std::to_string(civil["id"].get<Id>()),
                   Json{{"version", civil["version"]}, {"parent_id", fid}})
            .status == 409);                                                                          // a cycle
  CHECK(p.coordinator.del("/api/v1/fields/" + std::to_string(civil["id"].get<Id>())).status == 409);  // has children

  Json body = expert_body("赵规划", "同济大学");
  body["field_ids"] = Json::array({fid});
  create_expert(p.coordinator, body);
  CHECK(p.coordinator.del("/api/v1/fields/" + std::to_string(fid)).status == 409);  // in use
  auto unused = p.coordinator.post("/api/v1/fields", Json{{"name", "临时学科"}});
  CHECK(p.admin.del("/api/v1/fields/" + std::to_string(unused.json()["id"].get<Id>())).status == 204);

  auto pools = p.leader.get("/api/v1/pools");
  REQUIRE(pools.status == 200);
  REQUIRE(pools.json()["items"].size() == 3);
  CHECK(pools.json()["items"][0]["name"] == "决策咨询专家库");
  CHECK(pools.json()["items"][0]["member_count"] == 0);
  auto np = p.coordinator.post("/api/v1/pools", Json{{"name", "青年专家库"}, {"description", "四十五岁以下"}});
  REQUIRE(np.status == 201);
  Id pid = np.json()["id"].get<Id>();
  CHECK(p.coordinator.patch("/api/v1/pools/" + std::to_string(pid), Json{{"version", 1}, {"description", "45岁以下"}})
            .status == 200);
  Json member = expert_body("钱青年", "上海大学");
  member["pool_ids"] = Json::array({pid});
  create_expert(p.coordinator, member);
  CHECK(p.coordinator.del("/api/v1/pools/" + std::to_string(pid)).status == 409);
  Json pool_items = p.leader.get("/api/v1/pools").json()["items"];
  for (auto const& item : pool_items)
    if (item["id"] == pid) CHECK(item["member_count"] == 1);
}
