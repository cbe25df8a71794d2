// Finding experts over HTTP: Chinese full-text search, filters (fields with their
// descendants), sorting and paging bounds.
#include <catch2/catch.hpp>

#include "integration/experts_helpers.hpp"

using namespace zhiku;
using namespace zhiku::test;

namespace {

Id field_named(HttpClient& client, std::string const& name) {
  auto tree = client.get("/api/v1/fields").json()["items"];
  std::function<std::optional<Id>(Json const&)> find = [&](Json const& nodes) -> std::optional<Id> {
    for (auto const& n : nodes) {
      if (n["name"] == name) return n["id"].get<Id>();
      if (auto id = find(n["children"])) return id;
    }
    return std::nullopt;
  };
  auto id = find(tree);
  REQUIRE(id);
  return *id;
}

std::vector<std::string> names_of(Json const& list) {
  std::vector<std::string> out;
  for (auto const& item : list["items"]) out.push_back(item["name"]);
  return out;
}

}  // namespace

TEST_CASE("experts are found in Chinese, filtered, sorted and paged", "[integration][experts]") {
  TestServer server;
  auto p = make_personas(server);
  Id planning = field_named(p.coordinator, "城市规划");
  Id civil = field_named(p.coordinator, "土木建筑工程");
  Id ai = field_named(p.coordinator, "人工智能");

  struct Seed {
    char const* name;
    char const* org;
    std::vector<std::string> keywords;
    std::optional<Id> field;
    char const* category;
    char const* country;
    char const* academician;
    int birth_year;
  };
  std::vector<Seed> const seeds = {
      {"赵城", "同济大学", {"城市规划", "城市更新"}, planning, "domestic", nullptr, "CAE", 1950},
      {"钱医", "复旦大学附属华山医院", {"医疗卫生", "医院管理"}, std::nullopt, "domestic", nullptr, nullptr, 1960},
      {"孙智", "上海交通大学", {"人工智能", "AI 医疗"}, ai, "domestic", nullptr, "CAS", 1970},
      {"李海", "Stanford University", {"AI", "robotics"}, ai, "overseas", "美国", nullptr, 1980},
      {"周建", "上海建工集团", {"土木工程"}, civil, "domestic", nullptr, nullptr, 1975},
      {"吴海", "Max Planck Institute", {"城市交通"}, planning, "overseas", "德国", nullptr, 1985},
  };
  std::vector<Id> ids;
  for (auto const& s : seeds) {
    Json b = expert_body(s.name, s.org);
    b["keywords"] = s.keywords;
    if (s.field) b["field_ids"] = Json::array({*s.field});
    b["category"] = s.category;
    if (s.country) b["country"] = s.country;
    if (s.academician) b["academician"] = s.academician;
    b["birth_year"] = s.birth_year;
    ids.push_back(create_expert(p.coordinator, b));
  }
  transition(p.coordinator, ids[0], "approve");
  transition(p.coordinator, ids[2], "approve");

  auto list = [&](std::string const& query) {
    auto r = p.coordinator.get("/api/v1/experts?" + query);
    INFO(query << " → " << r.body);
    REQUIRE(r.status == 200);
    return r.json();
  };

  SECTION("two Chinese characters find longer words, ranked, with a highlight") {
    auto r = list("q=" + enc("城市"));
    CHECK(r["total"] == 2);
    std::set<std::string> names;
    for (auto const& n : names_of(r)) names.insert(n);
    CHECK(names == std::set<std::string>{"赵城", "吴海"});
    CHECK(r["items"][0]["name"] == "赵城");  // two matching keywords rank first
    std::string hl = r["items"][0]["highlight"];
    CHECK(hl.find("<mark>城市</mark>") != std::string::npos);
    CHECK(list("q=" + enc("医疗"))["total"] == 2);
  }
  SECTION("mixed Chinese and English terms must all match") {
    auto r = list("q=" + enc("AI 医疗"));
    CHECK(names_of(r) == std::vector<std::string>{"孙智"});
    CHECK(list("q=ai")["total"] == 2);
    CHECK(list("q=" + enc("robotics 城市"))["total"] == 0);
    CHECK(list("q=" + enc("\"*) OR"))["total"] == 0);  // FTS syntax is text, never an error
    CHECK(list("q=" + enc("!!!"))["total"] == 0);
  }
  SECTION("a search also finds the experts of the field it names, and says what it searched") {
    // 李海 never writes 人工智能 but is filed under it: the search and the field filter agree.
    auto r = list("q=" + enc("人工智能"));
    CHECK(names_of(r) == std::vector<std::string>{"孙智", "李海"});  // the text match ranks first
    CHECK(r["total"] == list("field_id=" + std::to_string(ai))["total"]);
    CHECK(r["searched"]["q"] == "人工智能");
    CHECK(r["searched"]["in"] == Json::array({"name", "organization", "keywords", "bio"}));
    REQUIRE(r["searched"]["fields"].size() >= 1);
    CHECK(r["searched"]["fields"][0]["id"] == ai);
    CHECK(r["searched"]["field_count"].get<int>() >= 1);
    // A parent field's name finds the experts of the fields below it.
    auto civil_search = list("q=" + enc("土木建筑工程") + "&sort=birth_year");
    CHECK(names_of(civil_search) == std::vector<std::string>{"赵城", "周建", "吴海"});
    // Filters still apply to the field matches.
    CHECK(names_of(list("q=" + enc("人工智能") + "&category=overseas")) == std::vector<std::string>{"李海"});
    CHECK_FALSE(list("category=overseas").contains("searched"));
  }
  SECTION("search combines with filters and other sorts") {
    CHECK(names_of(list("q=" + enc("城市") + "&category=overseas")) == std::vector<std::string>{"吴海"});
    CHECK(names_of(list("q=" + enc("城市") + "&sort=-birth_year")) == std::vector<std::string>{"吴海", "赵城"});
  }
  SECTION("a field filter includes the field's descendants") {
    auto r = list("field_id=" + std::to_string(civil) + "&sort=birth_year");
    CHECK(names_of(r) == std::vector<std::string>{"赵城", "周建", "吴海"});
    CHECK(list("field_id=" + std::to_string(planning))["total"] == 2);
    CHECK(list("field_id=" + std::to_string(civil) + "&category=overseas")["total"] == 1);
  }
  SECTION("filters") {
    CHECK(list("category=overseas")["total"] == 2);
    CHECK(list("country=" + enc("德国"))["total"] == 1);
    CHECK(list("academician=CAS")["total"] == 1);
    CHECK(list("academician=any")["total"] == 2);
    CHECK(list("status=active")["total"] == 2);
    CHECK(list("status=pending")["total"] == 4);
    CHECK(list("organization=" + enc("上海"))["total"] == 2);
    CHECK(list("pool_id=1")["total"] == 0);
    CHECK(list("stale=true")["total"] == 0);
    CHECK(list("stale=false")["total"] == 6);
  }
  SECTION("facet counts say what each choice of a filter would find") {
    CHECK_FALSE(list("category=overseas").contains("facets"));
    auto f = list("category=overseas&status=pending&facets=true")["facets"];
    // Status counts keep the category filter and drop their own: both overseas experts are pending.
    CHECK(f["status"] == Json{{"active", 0}, {"pending", 2}, {"retired", 0}, {"suspended", 0}});
    // Category counts keep the status filter: 4 pending, 2 of them overseas.
    CHECK(f["category"] == Json{{"domestic", 2}, {"overseas", 2}});
    CHECK(f["pool"] == Json::object());
    CHECK(f["stale"] == 0);
    auto searched = list("q=" + enc("城市") + "&facets=1")["facets"];
    CHECK(searched["status"]["active"] == 1);   // 赵城
    CHECK(searched["status"]["pending"] == 1);  // 吴海
    CHECK(p.coordinator.get("/api/v1/experts?facets=maybe").status == 400);
  }
  SECTION("names sort by pinyin, or by 姓氏笔画 when asked") {
    // 李 li, 钱 qian, 孙 sun, 吴 wu, 赵 zhao, 周 zhou (code points would put 吴 孙 周 李 赵 钱).
    CHECK(names_of(list("sort=name")) == std::vector<std::string>{"李海", "钱医", "孙智", "吴海", "赵城", "周建"});
    CHECK(names_of(list("sort=-name")) == std::vector<std::string>{"周建", "赵城", "吴海", "孙智", "钱医", "李海"});
    // Strokes: 孙 6, 李 7, 吴 7, 周 8, 赵 9, 钱 10.
    auto by_strokes = names_of(list("sort=name_stroke"));
    REQUIRE(by_strokes.size() == 6);
    CHECK(by_strokes[0] == "孙智");
    CHECK(std::set<std::string>{by_strokes[1], by_strokes[2]} == std::set<std::string>{"李海", "吴海"});
    CHECK(std::vector<std::string>(by_strokes.begin() + 3, by_strokes.end()) ==
          std::vector<std::string>{"周建", "赵城", "钱医"});
    CHECK(names_of(list("sort=-name_stroke")).front() == "钱医");
  }
  SECTION("sorting and paging") {
    CHECK(names_of(list("sort=-birth_year&page_size=2")) == std::vector<std::string>{"吴海", "李海"});
    auto page2 = list("sort=birth_year&page=2&page_size=4");
    CHECK(page2["total"] == 6);
    CHECK(page2["page"] == 2);
    CHECK(page2["page_size"] == 4);
    CHECK(names_of(page2) == std::vector<std::string>{"李海", "吴海"});
    CHECK(list("page=9")["items"].empty());
    CHECK(p.coordinator.get("/api/v1/experts?page_size=101").status == 400);
    CHECK(p.coordinator.get("/api/v1/experts?page_size=0").status == 400);
    CHECK(p.coordinator.get("/api/v1/experts?page=0").status == 400);
    CHECK(p.coordinator.get("/api/v1/experts?sort=salary").status == 400);
    CHECK(p.coordinator.get("/api/v1/experts?status=happy").status == 400);
    CHECK(p.coordinator.get("/api/v1/experts?field_id=abc").status == 400);
  }
}
