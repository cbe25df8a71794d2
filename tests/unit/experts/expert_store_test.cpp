// The expert store on a migrated database: round trips, the full-text index kept in sync,
// field-descendant filters, sorting and paging, and search recall on a labelled set.
#include "experts/expert_store.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "experts/taxonomy_store.hpp"
#include "storage/cjk_tokenizer.hpp"
#include "support/test_database.hpp"
#include "users/user_store.hpp"

using namespace zhiku;
using zhiku::test::field_id_named;
using zhiku::test::migrated_connection;

namespace {

constexpr char kNow[] = "2026-11-29T03:00:00Z";
constexpr char kCutoff[] = "2024-11-29T03:00:00Z";

ExpertProfile profile(std::string name, std::string org, std::vector<std::string> keywords, std::string bio = "") {
  ExpertProfile p;
  p.name = std::move(name);
  p.organization = std::move(org);
  p.keywords = std::move(keywords);
  p.bio = std::move(bio);
  return p;
}

std::vector<Id> ids_of(ExpertPage const& page) {
  std::vector<Id> out;
  for (auto const& [id, _] : page.rows) out.push_back(id);
  return out;
}

std::set<Id> search(storage::Connection& c, ExpertStore const& store, std::string const& q) {
  ExpertQuery query;
  query.q = q;
  query.limit = 1000;
  auto page = store.list(c, query, storage::fts_query_for(q), kCutoff);
  auto ids = ids_of(page);
  return {ids.begin(), ids.end()};
}

}  // namespace

TEST_CASE("an expert profile links to one account, and an account to one profile", "[experts][store]") {
  auto db = migrated_connection();
  auto& c = *db;
  UserStore users;
  User a = users.insert(c, {"abc", "A", "", {Role::expert}}, "$h", false, kNow);
  User b = users.insert(c, {"abd", "B", "", {Role::expert}}, "$h", false, kNow);
  ExpertStore store;
  Id first =
      store.insert(c, profile("甲", "同济大学", {}), ExpertStatus::active, std::nullopt, ExpertSource::created, kNow);
  Id second =
      store.insert(c, profile("乙", "复旦大学", {}), ExpertStatus::active, std::nullopt, ExpertSource::created, kNow);
  CHECK(store.set_user(c, first, a.id, kNow));
  CHECK(store.find_id_by_user(c, a.id) == first);
  CHECK(store.find(c, first)->user_id == a.id);
  CHECK(store.find(c, first)->version == 2);
  CHECK_FALSE(store.set_user(c, first, b.id, kNow));  // the profile has its account
  CHECK(store.find(c, first)->user_id == a.id);
  CHECK_THROWS_AS(store.set_user(c, second, a.id, kNow), Error);  // the account has its profile
  CHECK_FALSE(store.find_id_by_user(c, b.id));
}

TEST_CASE("an expert round-trips through the store with employment, fields and pools", "[experts][store]") {
  auto db = migrated_connection();
  ExpertStore store;
  auto p = profile("王建国", "同济大学", {"城市规划", "交通"}, "长期从事城市更新研究。");
  p.gender = "male";
  p.birth_year = 1965;
  p.title = "教授";
  p.email = "Wang@Tongji.edu.cn";
  p.phone = "+86 138-0013-8000";
  p.employment = {{"清华大学", "1990-07", "2000-06"}, {"同济大学", "2000-07", std::nullopt}};
  p.field_ids = {field_id_named(*db, "城市规划"), field_id_named(*db, "交通运输工程")};
  p.pool_ids = {1, 3};
  Id id = store.insert(*db, p, ExpertStatus::pending, std::nullopt, ExpertSource::created, kNow);
  auto e = store.find(*db, id);
  REQUIRE(e);
  CHECK(e->version == 1);
  CHECK(e->status == ExpertStatus::pending);
  CHECK(e->profile.name == "王建国");
  CHECK(e->profile.keywords == std::vector<std::string>{"城市规划", "交通"});
  CHECK(e->profile.employment == p.employment);
  REQUIRE(e->fields.size() == 2);
  CHECK(e->fields[0].name == "城市规划");
  CHECK(e->profile.field_ids == p.field_ids);
  REQUIRE(e->pools.size() == 2);
  CHECK(e->pools[0].name == "决策咨询专家库");
  CHECK(e->stats.reviews_done == 0);
  CHECK_FALSE(e->stats.avg_rating);
  CHECK(store.find_by_email_norm(*db, "wang@tongji.edu.cn") == id);
  CHECK(store.find_by_phone_norm(*db, "13800138000") == id);

  SECTION("an update with a stale version changes nothing") {
    auto q = p;
    q.name = "王建华";
    CHECK_FALSE(store.update_profile(*db, id, 5, q, kNow));
    CHECK(store.update_profile(*db, id, 1, q, kNow));
    CHECK(store.find(*db, id)->version == 2);
    CHECK(store.find(*db, id)->profile.name == "王建华");
  }
}

TEST_CASE("the full-text index follows inserts, updates and deletes", "[experts][store][search]") {
  auto db = migrated_connection();
  ExpertStore store;
  Id a = store.insert(*db, profile("李明", "上海交通大学", {"城市规划"}), ExpertStatus::active, std::nullopt,
                      ExpertSource::created, kNow);
  Id b = store.insert(*db, profile("张华", "复旦大学", {"医疗卫生"}), ExpertStatus::active, std::nullopt,
                      ExpertSource::created, kNow);
  CHECK(search(*db, store, "城市") == std::set<Id>{a});
  CHECK(search(*db, store, "医疗") == std::set<Id>{b});

  auto p = *store.find(*db, a);
  p.profile.keywords = {"人工智能"};
  REQUIRE(store.update_profile(*db, a, p.version, p.profile, kNow));
  CHECK(search(*db, store, "城市").empty());
  CHECK(search(*db, store, "智能") == std::set<Id>{a});

  // A status change does not touch the indexed columns (the trigger fires only for them).
  store.update_status(*db, a, ExpertStatus::suspended, std::string("暂停"), kNow);
  CHECK(search(*db, store, "智能") == std::set<Id>{a});

  db->exec("DELETE FROM experts WHERE id = ?", b);
  CHECK(search(*db, store, "医疗").empty());
  db->exec_script("INSERT INTO experts_fts(experts_fts) VALUES ('integrity-check');");
}

TEST_CASE("search snippets mark the matched words", "[experts][store][search]") {
  auto db = migrated_connection();
  ExpertStore store;
  store.insert(*db, profile("李明", "上海交通大学", {"城市规划"}, "研究城市更新与交通。"), ExpertStatus::active,
               std::nullopt, ExpertSource::created, kNow);
  ExpertQuery q;
  q.q = "城市";
  auto page = store.list(*db, q, storage::fts_query_for("城市"), kCutoff);
  REQUIRE(page.rows.size() == 1);
  REQUIRE(page.rows[0].second);
  CHECK(page.rows[0].second->find("\x02") != std::string::npos);
  CHECK(page.rows[0].second->find("\x03") != std::string::npos);
}

TEST_CASE("filtering by a field includes its descendants", "[experts][store]") {
  auto db = migrated_connection();
  ExpertStore store;
  TaxonomyStore taxonomy;
  Id civil = field_id_named(*db, "土木建筑工程");
  Id planning = field_id_named(*db, "城市规划");
  Field grandchild;
  grandchild.parent_id = planning;
  grandchild.name = "城市更新";
  Id renewal = taxonomy.insert_field(*db, grandchild, kNow);

  auto p1 = profile("甲", "单位一", {});
  p1.field_ids = {planning};
  auto p2 = profile("乙", "单位二", {});
  p2.field_ids = {renewal};
  auto p3 = profile("丙", "单位三", {});
  p3.field_ids = {field_id_named(*db, "人工智能")};
  auto p4 = profile("丁", "单位四", {});
  p4.field_ids = {civil};
  Id e1 = store.insert(*db, p1, ExpertStatus::active, std::nullopt, ExpertSource::created, kNow);
  Id e2 = store.insert(*db, p2, ExpertStatus::active, std::nullopt, ExpertSource::created, kNow);
  store.insert(*db, p3, ExpertStatus::active, std::nullopt, ExpertSource::created, kNow);
  Id e4 = store.insert(*db, p4, ExpertStatus::active, std::nullopt, ExpertSource::created, kNow);

  auto by_field = [&](Id field) {
    ExpertQuery q;
    q.field_id = field;
    q.sort = ExpertSort::name;
    auto ids = ids_of(store.list(*db, q, "", kCutoff));
    return std::set<Id>(ids.begin(), ids.end());
  };
  CHECK(by_field(civil) == std::set<Id>{e1, e2, e4});
  CHECK(by_field(planning) == std::set<Id>{e1, e2});
  CHECK(by_field(renewal) == std::set<Id>{e2});
  CHECK(taxonomy.is_ancestor_or_self(*db, civil, renewal));
  CHECK_FALSE(taxonomy.is_ancestor_or_self(*db, renewal, civil));
}

TEST_CASE("list filters, sorts and pages", "[experts][store]") {
  auto db = migrated_connection();
  ExpertStore store;
  std::vector<Id> ids;
  for (int i = 0; i < 25; ++i) {
    auto p = profile("专家" + std::string(1, static_cast<char>('A' + i)), i % 2 ? "清华大学建筑学院" : "北京大学", {});
    p.birth_year = 1950 + i;
    p.category = i % 5 == 0 ? "overseas" : "domestic";
    if (p.category == "overseas") p.country = "德国";
    if (i % 7 == 0) p.academician = "CAE";
    p.title = i % 3 ? "教授" : "研究员";
    if (i % 4 == 0) p.pool_ids = {2};
    ids.push_back(store.insert(*db, p, i < 20 ? ExpertStatus::active : ExpertStatus::pending, std::nullopt,
                               ExpertSource::created, kNow));
  }
  db->exec("UPDATE experts SET confirmed_at = ? WHERE id = ?", "2020-01-01T00:00:00Z", ids[3]);
  db->exec("UPDATE experts SET confirmed_at = ? WHERE id = ?", "2026-01-01T00:00:00Z", ids[4]);

  auto run = [&](ExpertQuery q) { return store.list(*db, q, "", kCutoff); };
  ExpertQuery q;
  q.limit = 10;
  auto first = run(q);
  CHECK(first.total == 25);
  CHECK(first.rows.size() == 10);
  q.offset = 20;
  CHECK(run(q).rows.size() == 5);
  q.offset = 30;
  CHECK(run(q).rows.empty());

  ExpertQuery f;
  f.limit = 100;
  f.category = "overseas";
  CHECK(run(f).total == 5);
  f = {};
  f.limit = 100;
  f.academician = "CAE";
  CHECK(run(f).total == 4);
  f.academician = "none";
  CHECK(run(f).total == 21);
  f = {};
  f.limit = 100;
  f.status = ExpertStatus::pending;
  CHECK(run(f).total == 5);
  f = {};
  f.limit = 100;
  f.organization = "清华大学";
  CHECK(run(f).total == 12);
  f = {};
  f.limit = 100;
  f.pool_id = 2;
  CHECK(run(f).total == 7);
  f = {};
  f.limit = 100;
  f.title = "研究员";
  CHECK(run(f).total == 9);
  f = {};
  f.limit = 100;
  f.stale = true;
  CHECK(ids_of(run(f)) == std::vector<Id>{ids[3]});
  f.stale = false;
  CHECK(run(f).total == 24);

  ExpertQuery s;
  s.limit = 3;
  s.sort = ExpertSort::birth_year_desc;
  CHECK(ids_of(run(s)) == std::vector<Id>{ids[24], ids[23], ids[22]});
  s.sort = ExpertSort::name;
  CHECK(ids_of(run(s)) == std::vector<Id>{ids[0], ids[1], ids[2]});
  s.sort = ExpertSort::name_desc;
  CHECK(ids_of(run(s)).front() == ids[24]);
}

TEST_CASE("Chinese search finds every relevant expert in a labelled set (recall)", "[experts][store][search]") {
  auto db = migrated_connection();
  ExpertStore store;
  struct Doc {
    char const* name;
    char const* org;
    std::vector<std::string> keywords;
    char const* bio;
  };
  std::vector<Doc> const docs = {
      {"赵一", "同济大学建筑与城市规划学院", {"城市规划", "城市更新"}, "从事城乡规划教学与研究。"},
      {"钱二", "上海市城市规划设计研究院", {"国土空间规划"}, "主持多项总体规划。"},
      {"孙三", "复旦大学附属中山医院", {"医疗卫生", "医院管理"}, "关注公立医院改革。"},
      {"李四", "上海交通大学", {"人工智能", "AI 医疗"}, "研究医学影像的深度学习方法。"},
      {"周五", "华东师范大学", {"教育政策"}, "研究基础教育均衡发展。"},
      {"吴六", "中国科学院上海分院", {"AI", "机器学习"}, "从事人工智能基础研究。"},
      {"郑七", "上海市卫生健康委员会", {"公共卫生", "医疗保障"}, "长期从事卫生政策研究。"},
      {"王八", "同济大学", {"交通规划", "智慧交通"}, "研究城市交通与出行。"},
      {"冯九", "上海社会科学院", {"区域经济"}, "研究长三角一体化。"},
      {"陈十", "华为技术有限公司", {"5G", "通信"}, "通信标准专家，Huawei。"},
  };
  std::vector<Id> ids;
  for (auto const& d : docs)
    ids.push_back(store.insert(*db, profile(d.name, d.org, d.keywords, d.bio), ExpertStatus::active, std::nullopt,
                               ExpertSource::created, kNow));
  // Relevant = the query's words appear in name, organisation, keywords or biography.
  std::map<std::string, std::set<Id>> const labelled = {
      {"城市", {ids[0], ids[1], ids[7]}},
      {"规划", {ids[0], ids[1], ids[7]}},
      {"医疗", {ids[2], ids[3], ids[6]}},
      {"人工智能", {ids[3], ids[5]}},
      {"AI 医疗", {ids[3]}},
      {"ai", {ids[3], ids[5]}},
      {"同济", {ids[0], ids[7]}},
      {"卫生", {ids[2], ids[6]}},
      {"交通", {ids[3], ids[7]}},  // 上海交通大学 is an organisation containing 交通
      {"huawei", {ids[9]}},
      {"5g", {ids[9]}},
  };
  size_t relevant = 0, found = 0, returned = 0;
  for (auto const& [query, expected] : labelled) {
    auto got = search(*db, store, query);
    INFO("query " << query);
    CHECK(got == expected);
    relevant += expected.size();
    returned += got.size();
    for (Id id : expected) found += got.count(id);
  }
  double recall = static_cast<double>(found) / static_cast<double>(relevant);
  double precision = returned ? static_cast<double>(found) / static_cast<double>(returned) : 0;
  CHECK(recall == Approx(1.0));
  CHECK(precision == Approx(1.0));
}
