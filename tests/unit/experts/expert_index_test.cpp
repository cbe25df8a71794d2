// The expert list's in-memory index: it answers exactly what plain SQL over the same filters and
// sorts answers, for random pools and queries, and it follows changes written through other
// connections (another server thread, `zhiku import`, a migration), including after the change
// log has moved past its window.
#include "experts/expert_index.hpp"

#include <atomic>
#include <random>
#include <sstream>
#include <thread>

#include <catch2/catch.hpp>

#include "experts/expert_store.hpp"
#include "experts/name_order.hpp"
#include "storage/cjk_tokenizer.hpp"
#include "storage/database.hpp"
#include "storage/migrations.hpp"
#include "support/test_database.hpp"
#include "support/test_server.hpp"

using namespace zhiku;

namespace {

constexpr char kNow[] = "2026-11-29T03:00:00Z";
constexpr char kCutoff[] = "2024-11-29T03:00:00Z";

template <class T>
T const& pick(std::mt19937& rng, std::vector<T> const& from) {
  return from[std::uniform_int_distribution<std::size_t>(0, from.size() - 1)(rng)];
}
bool chance(std::mt19937& rng, double p) { return std::uniform_real_distribution<double>(0, 1)(rng) < p; }

std::vector<Id> ids_of(ExpertPage const& page) {
  std::vector<Id> out;
  for (auto const& [id, _] : page.rows) out.push_back(id);
  return out;
}

// The list as a plain SQL query would answer it: every filter a WHERE term, every sort an
// ORDER BY, the page cut from the whole ordered answer.
std::pair<std::vector<Id>, std::int64_t> reference(storage::Connection& c, ExpertQuery const& q,
                                                   std::string const& match) {
  std::string sql = match.empty() ? "SELECT e.id FROM experts e WHERE 1 = 1"
                                  : "SELECT e.id FROM experts_fts JOIN experts e ON e.id = experts_fts.rowid "
                                    "WHERE experts_fts MATCH ?";
  std::vector<storage::BindValue> binds;
  if (!match.empty()) binds.emplace_back(match);
  if (q.status) sql += " AND e.status = ?", binds.emplace_back(std::string(to_string(*q.status)));
  if (q.category) sql += " AND e.category = ?", binds.emplace_back(*q.category);
  if (q.academician == "any")
    sql += " AND e.academician IS NOT NULL";
  else if (q.academician == "none")
    sql += " AND e.academician IS NULL";
  else if (q.academician)
    sql += " AND e.academician = ?", binds.emplace_back(*q.academician);
  if (q.country) sql += " AND e.country = ?", binds.emplace_back(*q.country);
  if (q.title) sql += " AND e.title = ?", binds.emplace_back(*q.title);
  if (q.organization) {
    sql += " AND substr(e.organization, 1, length(?)) = ?";
    binds.emplace_back(*q.organization);
    binds.emplace_back(*q.organization);
  }
  if (q.stale) {
    sql += *q.stale ? " AND coalesce(e.confirmed_at, e.created_at) < ?"
                    : " AND coalesce(e.confirmed_at, e.created_at) >= ?";
    binds.emplace_back(std::string(kCutoff));
  }
  if (q.field_id) {
    sql +=
        " AND EXISTS (SELECT 1 FROM expert_fields ef WHERE ef.expert_id = e.id AND ef.field_id IN (WITH RECURSIVE "
        "sub(id) AS (SELECT ? UNION SELECT f.id FROM fields f JOIN sub ON f.parent_id = sub.id) SELECT id FROM sub))";
    binds.emplace_back(*q.field_id);
  }
  if (q.pool_id) {
    sql += " AND EXISTS (SELECT 1 FROM expert_pools ep WHERE ep.expert_id = e.id AND ep.pool_id = ?)";
    binds.emplace_back(*q.pool_id);
  }
  switch (q.sort.value_or(match.empty() ? ExpertSort::updated_at_desc : ExpertSort::relevance)) {
    case ExpertSort::relevance:
      sql += match.empty() ? " ORDER BY e.updated_at DESC, e.id DESC"
                           : " ORDER BY zhiku_rank(experts_fts, 10.0, 2.0, 5.0, 1.0), e.id";
      break;
    // SQLite knows no pinyin: the names are ordered by their ICU keys below.
    case ExpertSort::name:
    case ExpertSort::name_desc:
    case ExpertSort::name_stroke:
    case ExpertSort::name_stroke_desc:
      sql += " ORDER BY e.id";
      break;
    case ExpertSort::updated_at:
      sql += " ORDER BY e.updated_at, e.id";
      break;
    case ExpertSort::updated_at_desc:
      sql += " ORDER BY e.updated_at DESC, e.id DESC";
      break;
    case ExpertSort::birth_year:
      sql += " ORDER BY e.birth_year, e.id";
      break;
    case ExpertSort::birth_year_desc:
      sql += " ORDER BY e.birth_year DESC, e.id DESC";
      break;
  }
  auto s = c.prepare(sql);
  storage::bind_list(s, binds);
  std::vector<Id> all;
  while (s.step()) all.push_back(s.int64(0));
  if (auto sort = q.sort; sort == ExpertSort::name || sort == ExpertSort::name_desc ||
                          sort == ExpertSort::name_stroke || sort == ExpertSort::name_stroke_desc) {
    auto order = sort == ExpertSort::name || sort == ExpertSort::name_desc ? NameOrder::pinyin : NameOrder::stroke;
    bool const descending = sort == ExpertSort::name_desc || sort == ExpertSort::name_stroke_desc;
    std::vector<std::pair<std::string, Id>> keyed;
    for (Id id : all)
      keyed.emplace_back(name_sort_key(*c.query_one("SELECT name FROM experts WHERE id = ?",
                                                    storage::first_column<std::string>, id),
                                       order),
                         id);
    std::sort(keyed.begin(), keyed.end());
    if (descending) std::reverse(keyed.begin(), keyed.end());
    all.clear();
    for (auto const& [key, id] : keyed) all.push_back(id);
  }
  auto from = std::min(all.size(), static_cast<std::size_t>(q.offset));
  auto to = std::min(all.size(), from + static_cast<std::size_t>(q.limit));
  return {std::vector<Id>(all.begin() + static_cast<long>(from), all.begin() + static_cast<long>(to)),
          static_cast<std::int64_t>(all.size())};
}

// The facet counts as plain SQL gives them: the reference list with the facet's own filter
// dropped, grouped by that column.
ExpertFacets reference_facets(storage::Connection& c, ExpertQuery q, std::string const& match) {
  q.offset = 0;
  q.limit = 1 << 30;
  q.sort.reset();
  auto ids_without = [&](auto drop) {
    ExpertQuery r = q;
    drop(r);
    return reference(c, r, match).first;
  };
  auto column_of = [&](Id id, char const* sql) {
    auto s = c.prepare(sql);
    bind_all(s, id);
    std::vector<std::string> out;
    while (s.step()) out.push_back(s.text(0));
    return out;
  };
  ExpertFacets f;
  for (ExpertStatus st : kAllExpertStatuses) f.status[std::string(to_string(st))] = 0;
  for (Id id : ids_without([](ExpertQuery& r) { r.status.reset(); }))
    ++f.status[column_of(id, "SELECT status FROM experts WHERE id = ?").at(0)];
  for (Id id : ids_without([](ExpertQuery& r) { r.category.reset(); }))
    ++f.category[column_of(id, "SELECT category FROM experts WHERE id = ?").at(0)];
  for (Id id : ids_without([](ExpertQuery& r) { r.pool_id.reset(); }))
    for (auto const& pool : column_of(id, "SELECT CAST(pool_id AS TEXT) FROM expert_pools WHERE expert_id = ?"))
      ++f.pool[std::stoll(pool)];
  f.stale = static_cast<std::int64_t>(ids_without([](ExpertQuery& r) { r.stale = true; }).size());
  return f;
}

std::string describe(ExpertQuery const& q) {
  std::ostringstream o;
  if (q.q) o << " q=" << *q.q;
  if (q.status) o << " status=" << to_string(*q.status);
  if (q.category) o << " category=" << *q.category;
  if (q.academician) o << " academician=" << *q.academician;
  if (q.country) o << " country=" << *q.country;
  if (q.title) o << " title=" << *q.title;
  if (q.organization) o << " organization=" << *q.organization;
  if (q.stale) o << " stale=" << *q.stale;
  if (q.field_id) o << " field=" << *q.field_id;
  if (q.pool_id) o << " pool=" << *q.pool_id;
  if (q.sort) o << " sort=" << static_cast<int>(*q.sort);
  o << " offset=" << q.offset << " limit=" << q.limit;
  return o.str();
}

}  // namespace

TEST_CASE("the expert list and its facet counts answer what plain SQL answers, for random pools and queries",
          "[experts][index]") {
  auto db = test::migrated_connection();
  ExpertStore store;
  std::mt19937 rng(20261129);
  std::vector<Id> fields;
  {
    auto s = db->prepare("SELECT id FROM fields ORDER BY id");
    while (s.step()) fields.push_back(s.int64(0));
  }
  std::vector<std::string> const orgs = {"清华大学", "清华大学建筑学院", "北京大学", "同济大学",
                                         "上海市城市规划设计研究院"};
  std::vector<std::string> const words = {"城市规划", "医疗卫生", "人工智能", "交通", "能源", "城市治理", "AI"};
  std::vector<std::string> const titles = {"教授", "研究员", "高级工程师"};
  std::vector<std::string> const countries = {"德国", "美国", "新加坡"};
  std::vector<std::string> const names = {"王伟", "李娜", "张敏", "刘洋", "陈静", "杨帆", "赵磊", "黄蕾"};
  std::vector<std::string> const times = {"2023-01-05T08:00:00Z", "2024-06-01T08:00:00Z", "2025-03-03T08:00:00Z",
                                          "2026-02-02T08:00:00Z", "2026-11-01T08:00:00Z"};
  std::vector<ExpertStatus> const statuses(std::begin(kAllExpertStatuses), std::end(kAllExpertStatuses));

  for (int i = 0; i < 400; ++i) {
    ExpertProfile p;
    p.name = pick(rng, names) + (chance(rng, 0.5) ? std::to_string(i % 13) : "");
    p.organization = pick(rng, orgs);
    p.keywords = {pick(rng, words), pick(rng, words)};
    p.bio = chance(rng, 0.5) ? "研究" + pick(rng, words) + "与" + pick(rng, words) : "";
    if (chance(rng, 0.8)) p.title = pick(rng, titles);
    if (chance(rng, 0.2)) {
      p.category = "overseas";
      p.country = pick(rng, countries);
    }
    if (chance(rng, 0.15)) p.academician = chance(rng, 0.5) ? "CAS" : "CAE";
    if (chance(rng, 0.9)) p.birth_year = std::uniform_int_distribution<int>(1945, 1990)(rng);
    p.field_ids = {pick(rng, fields)};
    if (chance(rng, 0.4) && pick(rng, fields) != p.field_ids[0]) p.field_ids.push_back(pick(rng, fields));
    for (Id pool : {1, 2, 3})
      if (chance(rng, 0.4)) p.pool_ids.push_back(pool);
    std::sort(p.field_ids.begin(), p.field_ids.end());
    p.field_ids.erase(std::unique(p.field_ids.begin(), p.field_ids.end()), p.field_ids.end());
    Id id = store.insert(*db, p, pick(rng, statuses), std::nullopt, ExpertSource::created, kNow);
    // Few distinct times, so that ties (broken by id) are common.
    db->exec("UPDATE experts SET updated_at = ?, created_at = ?, confirmed_at = ? WHERE id = ?", pick(rng, times),
             pick(rng, times), chance(rng, 0.5) ? std::optional<std::string>(pick(rng, times)) : std::nullopt, id);
  }

  std::vector<ExpertSort> const sorts = {
      ExpertSort::relevance,       ExpertSort::name,       ExpertSort::name_desc,      ExpertSort::updated_at,
      ExpertSort::updated_at_desc, ExpertSort::birth_year, ExpertSort::birth_year_desc, ExpertSort::name_stroke,
      ExpertSort::name_stroke_desc};
  for (int i = 0; i < 500; ++i) {
    ExpertQuery q;
    if (chance(rng, 0.3)) q.q = pick(rng, words).substr(0, chance(rng, 0.5) ? 6 : std::string::npos);
    if (chance(rng, 0.3)) q.status = pick(rng, statuses);
    if (chance(rng, 0.2)) q.category = chance(rng, 0.5) ? "overseas" : "domestic";
    if (chance(rng, 0.15)) q.academician = pick(rng, std::vector<std::string>{"any", "none", "CAS", "CAE"});
    if (chance(rng, 0.1)) q.country = pick(rng, countries);
    if (chance(rng, 0.2)) q.title = pick(rng, titles);
    if (chance(rng, 0.2)) q.organization = chance(rng, 0.5) ? "清华大学" : pick(rng, orgs);
    if (chance(rng, 0.2)) q.stale = chance(rng, 0.5);
    if (chance(rng, 0.3)) q.field_id = pick(rng, fields);
    if (chance(rng, 0.3)) q.pool_id = std::uniform_int_distribution<Id>(1, 3)(rng);
    if (chance(rng, 0.7)) q.sort = pick(rng, sorts);
    q.offset = chance(rng, 0.3) ? std::uniform_int_distribution<int>(0, 60)(rng) : 0;
    q.limit = std::uniform_int_distribution<int>(1, 40)(rng);
    q.facets = i % 5 == 0;

    std::string match = q.q ? storage::fts_query_for(*q.q) : "";
    INFO(describe(q));
    auto page = store.list(*db, q, match, kCutoff);
    auto [ids, total] = reference(*db, q, match);
    CHECK(page.total == total);
    CHECK(ids_of(page) == ids);
    REQUIRE(page.facets.has_value() == q.facets);
    if (q.facets) {
      auto expected = reference_facets(*db, q, match);
      CHECK(page.facets->status == expected.status);
      CHECK(page.facets->category == expected.category);
      CHECK(page.facets->pool == expected.pool);
      CHECK(page.facets->stale == expected.stale);
    }
  }
}

TEST_CASE("the expert list follows changes written through other connections", "[experts][index]") {
  test::TestDatabase t{"pool.db"};
  auto writer_connection = t.raw_connection();
  auto reader_connection = t.raw_connection(/*read_only=*/true);
  storage::Connection& writer = *writer_connection;
  storage::Connection& reader = *reader_connection;
  ExpertStore elsewhere;  // another process's store: its writes reach the reader only through the file
  ExpertStore store;

  auto insert = [&](std::string name, std::vector<Id> pools) {
    ExpertProfile p;
    p.name = std::move(name);
    p.organization = "同济大学";
    p.pool_ids = std::move(pools);
    return elsewhere.insert(writer, p, ExpertStatus::active, std::nullopt, ExpertSource::import, kNow);
  };
  auto list = [&](ExpertQuery q) {
    q.limit = 100;
    q.sort = ExpertSort::name;
    return ids_of(store.list(reader, q, q.q ? storage::fts_query_for(*q.q) : "", kCutoff));
  };
  Id a = insert("1甲", {1});
  Id b = insert("2乙", {});
  CHECK(list({}) == std::vector<Id>{a, b});

  Id c = insert("3丙", {1});
  ExpertQuery in_pool;
  in_pool.pool_id = 1;
  CHECK(list(in_pool) == std::vector<Id>{a, c});

  elsewhere.update_status(writer, a, ExpertStatus::suspended, std::string("休假"), kNow);
  ExpertQuery active;
  active.status = ExpertStatus::active;
  CHECK(list(active) == std::vector<Id>{b, c});

  writer.exec("DELETE FROM expert_pools WHERE expert_id = ?", c);
  writer.exec("INSERT INTO expert_pools (expert_id, pool_id) VALUES (?, 1)", b);
  CHECK(list(in_pool) == std::vector<Id>{a, b});

  writer.exec("DELETE FROM experts WHERE id = ?", a);
  CHECK(list({}) == std::vector<Id>{b, c});

  SECTION("a copy older than the change log's window reloads whole") {
    // More changes than the log keeps, then one that matters.
    writer.exec(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 101000) "
        "INSERT INTO expert_changes (expert_id) SELECT ? FROM n",
        b);
    writer.exec("UPDATE experts SET name = '4丁' WHERE id = ?", b);
    auto s = writer.prepare("SELECT count(*) FROM expert_changes");
    REQUIRE(s.step());
    CHECK(s.int64(0) <= 101000);  // pruned a thousand at a time
    CHECK(list({}) == std::vector<Id>{c, b});
    ExpertQuery named;
    named.q = "丁";
    CHECK(list(named) == std::vector<Id>{b});
  }
}

TEST_CASE("the expert list stays consistent while readers list and a writer adds experts", "[experts][index]") {
  test::TestDatabase t{"busy.db"};
  storage::Database& db = t.db;
  ExpertStore store;  // one store, one index, shared by every thread as in the server
  constexpr int kWrites = 150;
  constexpr int kReaders = 4;

  std::atomic<bool> done{false};
  std::vector<std::vector<std::int64_t>> totals(kReaders);
  std::vector<std::thread> readers;
  for (int t = 0; t < kReaders; ++t)
    readers.emplace_back([&, t] {
      ExpertQuery q;
      q.pool_id = 1;
      q.limit = 5;
      while (!done.load()) {
        auto c = db.read();
        storage::Transaction tx(*c, storage::Transaction::Mode::deferred);
        totals[static_cast<std::size_t>(t)].push_back(store.list(*c, q, "", kCutoff).total);
      }
    });
  for (int i = 0; i < kWrites; ++i)
    db.write([&](storage::Connection& c) {
      ExpertProfile p;
      p.name = "专家" + std::to_string(i);
      p.organization = "复旦大学";
      p.pool_ids = {1};
      store.insert(c, p, ExpertStatus::active, std::nullopt, ExpertSource::created, kNow);
    });
  done = true;
  for (auto& r : readers) r.join();

  // Each reader saw the pool only grow (the index never goes back), and the end is exact.
  for (auto const& seen : totals) {
    CHECK(std::is_sorted(seen.begin(), seen.end()));
    CHECK(seen.back() <= kWrites);
  }
  auto c = db.read();
  ExpertQuery q;
  q.pool_id = 1;
  CHECK(store.list(*c, q, "", kCutoff).total == kWrites);
}
