#include "reviews/conflict_rules.hpp"

#include <catch2/catch.hpp>

#include "support/chinese_text.hpp"

using namespace zhiku;
using zhiku::test::has_cjk;

namespace {

ConflictPerson person(Id id, std::string name, std::string org) {
  ConflictPerson p;
  p.expert_id = id;
  p.name = std::move(name);
  p.organization = std::move(org);
  return p;
}

std::vector<ConflictRule> rules(std::vector<ConflictHit> const& hits) {
  std::vector<ConflictRule> out;
  for (auto const& h : hits) out.push_back(h.rule);
  return out;
}

constexpr char kToday[] = "2026-12-02";

}  // namespace

TEST_CASE("each conflict rule hits on its own case and names the author", "[reviews][conflicts]") {
  auto const author = person(1, "李爱丽", "同济大学");
  std::vector<ConflictPerson> const authors{author};

  SECTION("the reviewer is an author") {
    CHECK(rules(conflict_hits(author, authors, {}, kToday)) == std::vector{ConflictRule::author});
  }
  SECTION("same organisation, compared after trimming") {
    auto hits = conflict_hits(person(2, "丁丹", " 同济大学 "), authors, {}, kToday);
    REQUIRE(rules(hits) == std::vector{ConflictRule::same_organization});
    CHECK(hits[0].detail == "与作者李爱丽同在「同济大学」工作");
  }
  SECTION("an empty organisation is nobody's") {
    CHECK(conflict_hits(person(2, "丁丹", ""), {person(1, "李爱丽", "")}, {}, kToday).empty());
  }
  SECTION("co-authorship") {
    CHECK(rules(conflict_hits(person(3, "张博", "复旦大学"), authors, {1}, kToday)) ==
          std::vector{ConflictRule::coauthor});
  }
  SECTION("employment at the author's organisation within three years, or current") {
    auto r = person(4, "陈卡罗", "上海交通大学");
    r.employment = {Employment{"同济大学", "2015-01", "2024-03"}};
    auto hits = conflict_hits(r, authors, {}, kToday);
    REQUIRE(rules(hits) == std::vector{ConflictRule::former_employment});
    CHECK(hits[0].detail.find("（至 2024-03）") != std::string::npos);
    r.employment = {Employment{"同济大学", "2015-01", "2023-11"}};
    CHECK(conflict_hits(r, authors, {}, kToday).empty());  // more than three years ago
    r.employment = {Employment{"同济大学", "2015-01", "2023-12-02"}};
    CHECK(!conflict_hits(r, authors, {}, kToday).empty());  // exactly three years: still counts
    r.employment = {Employment{"同济大学", "2020-01", std::nullopt}};
    CHECK(rules(conflict_hits(r, authors, {}, kToday)) == std::vector{ConflictRule::former_employment});
  }
  SECTION("a conflict either side declared, until it expires") {
    auto r = person(5, "尔琳", "华东师范大学");
    Conflict k;
    k.kind = "person";
    k.other_expert_id = 1;
    r.declared = {k};
    CHECK(rules(conflict_hits(r, authors, {}, kToday)) == std::vector{ConflictRule::declared});
    r.declared[0].until = "2026-01-01";
    CHECK(conflict_hits(r, authors, {}, kToday).empty());
    Conflict org;
    org.kind = "organization";
    org.name = "同济大学";
    r.declared = {org};
    CHECK(rules(conflict_hits(r, authors, {}, kToday)) == std::vector{ConflictRule::declared});
    auto a = author;
    Conflict back;
    back.kind = "person";
    back.other_expert_id = 5;
    a.declared = {back};
    auto hits = conflict_hits(person(5, "尔琳", "华东师范大学"), {a}, {}, kToday);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].detail == "作者李爱丽申报了与评审人的利益冲突");
  }
  SECTION("nothing in common: no conflict") {
    CHECK(conflict_hits(person(6, "方弗", "浙江大学"), authors, {7}, kToday).empty());
  }
}

TEST_CASE("every hit of several authors is listed, in Chinese", "[reviews][conflicts]") {
  auto r = person(9, "丁丹", "同济大学");
  auto hits = conflict_hits(r, {person(1, "李爱丽", "同济大学"), person(2, "张博", "复旦大学")}, {2}, kToday);
  REQUIRE(rules(hits) == std::vector{ConflictRule::same_organization, ConflictRule::coauthor});
  for (auto const& h : hits) CHECK(has_cjk(h.detail));
}
