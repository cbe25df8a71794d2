// The expert lookup: how an expert names another one in a declared conflict without reading the
// pool. Only active experts, never oneself, never more than id, name, organisation, department.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "integration/experts_helpers.hpp"

using namespace zhiku;
using namespace zhiku::test;

namespace {

std::vector<std::string> names_of(Json const& found) {
  std::vector<std::string> out;
  for (auto const& item : found["items"]) out.push_back(item["name"]);
  return out;
}

bool contains(std::vector<std::string> const& names, std::string const& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// The field names of a 400 problem document.
std::set<std::string> bad_fields(HttpResponse const& r) {
  std::set<std::string> out;
  if (!r.is_problem()) return out;
  Json const body = r.json();  // named: a range-for would not keep the temporary alive
  for (auto const& e : body["errors"]) out.insert(e["field"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("an expert looks up active experts by name or organisation, and learns nothing else",
          "[integration][experts][lookup]") {
  TestServer server;
  auto p = make_personas(server);

  auto add = [&](std::string const& name, std::string const& org, Json extra = Json::object()) {
    Json b = expert_body(name, org);
    b.update(extra);
    return create_expert(p.coordinator, b);
  };
  auto must = [&](Id id, std::string const& action, std::string const& note = "") {
    auto t = transition(p.coordinator, id, action, note);
    INFO(t.dump());
    REQUIRE(t["status_code"] == 200);
  };

  Json contact = Json::object();
  contact["department"] = "建筑学院";
  contact["phone"] = "13800000001";
  contact["email"] = "wjg@example.org";
  contact["bio"] = "长期从事城市规划研究";
  contact["keywords"] = Json::array({"城市规划"});
  Id wang = add("王建国", "清华大学", contact);
  must(wang, "approve");
  Id own = add("王建丽", "复旦大学");  // alice's own record
  must(own, "approve");
  link_user(server, own, p.expert_alice_id);
  add("王建华", "同济大学");  // pending: never approved
  Id suspended = add("王建明", "浙江大学");
  must(suspended, "approve");
  must(suspended, "suspend", "暂停");
  Id retired = add("王建军", "南京大学");
  must(retired, "approve");
  must(retired, "retire", "出库");
  Json bio = Json::object();
  bio["bio"] = "师从王建国教授";
  bio["keywords"] = Json::array({"王建国学派"});
  must(add("赵六", "上海交通大学", bio), "approve");  // mentions 王建 only in bio and keywords
  Id lucas = add("Lucas Wong", "Tsinghua University");
  must(lucas, "approve");
  must(add("陈清华", "中山大学"), "approve");

  auto lookup = [&](HttpClient& client, std::string const& query) {
    auto r = client.get("/api/v1/experts/lookup?" + query);
    INFO(query << " → " << r.status << " " << r.body);
    REQUIRE(r.status == 200);
    return r.json();
  };

  SECTION("two Chinese characters find the active experts and no one else, never oneself") {
    auto found = lookup(p.expert_alice, "q=" + enc("王建"));
    CHECK(names_of(found) == std::vector<std::string>{"王建国"});
    CHECK(found["items"][0]["id"] == wang);

    // Another expert, who is not 王建丽, finds her too; the other states stay hidden.
    auto names = names_of(lookup(p.expert_bob, "q=" + enc("王建")));
    CHECK(names.size() == 2);
    CHECK(contains(names, "王建国"));
    CHECK(contains(names, "王建丽"));
    for (char const* hidden : {"王建华", "王建明", "王建军", "赵六"}) CHECK(!contains(names, hidden));
  }

  SECTION("a Latin prefix finds a name or an organisation, in any case") {
    CHECK(names_of(lookup(p.expert_alice, "q=luc")) == std::vector<std::string>{"Lucas Wong"});
    CHECK(names_of(lookup(p.expert_alice, "q=TSING")) == std::vector<std::string>{"Lucas Wong"});
    CHECK(names_of(lookup(p.expert_alice, "q=" + enc("wong tsinghua"))) == std::vector<std::string>{"Lucas Wong"});
    CHECK(lookup(p.expert_alice, "q=tsingx")["items"].empty());
  }

  SECTION("items carry id, name, organisation and department only") {
    auto found = lookup(p.expert_bob, "q=" + enc("王建国"));
    REQUIRE(found["items"].size() == 1);
    Json const& item = found["items"][0];
    CHECK(item["id"] == wang);
    CHECK(item["name"] == "王建国");
    CHECK(item["organization"] == "清华大学");
    CHECK(item["department"] == "建筑学院");
    std::set<std::string> keys;
    for (auto const& [k, v] : item.items()) keys.insert(k);
    CHECK(keys == std::set<std::string>{"id", "name", "organization", "department"});
    CHECK(found.size() == 1);  // no total, no paging: nothing to count the pool with
    CHECK(found["items"][0].dump().find("13800000001") == std::string::npos);
  }

  SECTION("a name match ranks before an organisation match; limit caps the answer") {
    // 陈清华 has 清华 in the name, 王建国 only in the organisation (清华大学).
    auto names = names_of(lookup(p.expert_alice, "q=" + enc("清华")));
    REQUIRE(names.size() == 2);
    CHECK(names[0] == "陈清华");
    CHECK(names[1] == "王建国");
    CHECK(lookup(p.expert_alice, "q=" + enc("清华") + "&limit=1")["items"].size() == 1);
    auto r = p.expert_alice.get("/api/v1/experts/lookup?q=" + enc("清华") + "&limit=21");
    CHECK(r.status == 400);
    CHECK(bad_fields(r) == std::set<std::string>{"limit"});
  }

  SECTION("a blank or unsearchable q is refused, naming q") {
    for (std::string const& query : {std::string(""), std::string("q="), "q=" + enc("  　 "), "q=" + enc("!?（）"),
                                     "q=" + std::string(201, 'a')}) {
      auto r = p.expert_alice.get("/api/v1/experts/lookup" + (query.empty() ? "" : "?" + query));
      INFO(query << " → " << r.body);
      CHECK(r.status == 400);
      CHECK(bad_fields(r) == std::set<std::string>{"q"});
    }
  }

  SECTION("staff may look up; leaders use the list instead; signed-out callers may not") {
    CHECK(names_of(lookup(p.coordinator, "q=" + enc("王建"))).size() == 2);
    CHECK(names_of(lookup(p.admin, "q=luc")) == std::vector<std::string>{"Lucas Wong"});
    CHECK(p.leader.get("/api/v1/experts/lookup?q=luc").status == 403);
    HttpClient anonymous(server.port());
    auto r = anonymous.get("/api/v1/experts/lookup?q=luc");
    CHECK(r.status == 401);
    CHECK(r.is_problem());
  }

  SECTION("the expert then declares the conflict with the one they found") {
    Id other = lookup(p.expert_alice, "q=" + enc("王建"))["items"][0]["id"].get<Id>();
    Json person = Json::object();
    person["kind"] = "person";
    person["other_expert_id"] = other;
    person["name"] = "王建国";
    auto r = p.expert_alice.post("/api/v1/experts/" + std::to_string(own) + "/conflicts", person);
    INFO(r.body);
    CHECK(r.status == 201);
  }
}
