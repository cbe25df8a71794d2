// zhiku_rank against a real FTS5 table with the zhiku_cjk tokenizer: column weights, repeated
// hits, and rarer phrases weighing more in a query of several phrases.
#include "storage/fts_rank.hpp"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "storage/cjk_tokenizer.hpp"
#include "storage/connection.hpp"

using namespace zhiku;
using storage::fts_query_for;

namespace {

std::unique_ptr<storage::Connection> table_with(std::vector<std::pair<std::string, std::string>> const& rows) {
  auto c = std::make_unique<storage::Connection>(storage::ConnectionOptions{":memory:", "OFF", 1000, false});
  c->exec_script("CREATE VIRTUAL TABLE t USING fts5(name, body, tokenize = 'zhiku_cjk');");
  std::int64_t id = 0;
  for (auto const& [name, body] : rows) c->exec("INSERT INTO t (rowid, name, body) VALUES (?, ?, ?)", ++id, name, body);
  return c;
}

// Row ids in rank order, and their scores.
std::vector<std::pair<std::int64_t, double>> ranked(storage::Connection& c, std::string const& query,
                                                    std::string const& weights = ", 10.0, 1.0") {
  auto s = c.prepare("SELECT rowid, zhiku_rank(t" + weights + ") AS r FROM t WHERE t MATCH ? ORDER BY r, rowid");
  bind_all(s, fts_query_for(query));
  std::vector<std::pair<std::int64_t, double>> out;
  while (s.step()) out.emplace_back(s.int64(0), s.real(1));
  return out;
}

std::vector<std::int64_t> ids(std::vector<std::pair<std::int64_t, double>> const& r) {
  std::vector<std::int64_t> out;
  for (auto const& [id, _] : r) out.push_back(id);
  return out;
}

}  // namespace

TEST_CASE("zhiku_rank puts a hit in a heavier column first, then more hits", "[storage][search]") {
  auto c = table_with({
      {"李娜", "关注城市更新。"},                // 1: once in the body
      {"城市规划研究组", "区域发展"},            // 2: in the name (weight 10)
      {"王强", "城市交通、城市更新与城市治理"},  // 3: three times in the body
      {"赵敏", "财政体制"},                      // 4: no hit
  });
  auto r = ranked(*c, "城市");
  CHECK(ids(r) == std::vector<std::int64_t>{2, 3, 1});
  for (auto const& [id, score] : r) CHECK(score < 0.0);  // lower is better, as bm25()

  SECTION("without weights every column counts the same") {
    CHECK(ids(ranked(*c, "城市", "")) == std::vector<std::int64_t>{3, 1, 2});
  }
  SECTION("hits saturate: the third adds less than the second") {
    auto with = [&](int hits) {
      std::string body;
      for (int i = 0; i < hits; ++i) body += "城市，";
      auto t = table_with({{"某", body}});
      return -ranked(*t, "城市").at(0).second;
    };
    double const one = with(1), two = with(2), three = with(3);
    CHECK(two > one);
    CHECK(three > two);
    CHECK(three - two < two - one);
  }
}

TEST_CASE("zhiku_rank weighs the rarer phrase of a query higher", "[storage][search]") {
  std::vector<std::pair<std::string, std::string>> rows;
  for (int i = 0; i < 20; ++i) rows.emplace_back("成员" + std::to_string(i), "常见议题");
  rows.emplace_back("甲", "常见，常见，常见，稀有");  // 21: the common phrase often, the rare once
  rows.emplace_back("乙", "常见，稀有，稀有，稀有");  // 22: the rare phrase often
  auto c = table_with(rows);
  CHECK(ids(ranked(*c, "常见 稀有")) == std::vector<std::int64_t>{22, 21});
}
