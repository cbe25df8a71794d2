#include "reviews/expertise_match.hpp"

#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/chinese_text.hpp"

using namespace zhiku;

namespace {

// 1 城乡规划学 ─┬─ 2 城市规划 ── 5 城市更新规划
//              └─ 3 交通规划
// 4 经济学
FieldClosure const& taxonomy() {
  static FieldClosure const closure =
      FieldClosure::from_parents({{1, std::nullopt}, {2, 1}, {3, 1}, {4, std::nullopt}, {5, 2}});
  return closure;
}

std::map<Id, std::string> const kFieldNames = {
    {1, "城乡规划学"}, {2, "城市规划"}, {3, "交通规划"}, {4, "经济学"}, {5, "城市更新规划"}};

ExpertiseMatch match(ReviewerExpertise const& reviewer, ProposalTopic const& proposal) {
  ExpertiseMatcher const matcher(taxonomy());
  return matcher.match(matcher.prepare(reviewer), matcher.prepare(proposal));
}

ProposalTopic const kRenewal{
    {2},
    {"城市更新", "韧性城市"},
    "关于推进老旧小区城市更新的建议",
    "存在问题：老旧小区设施老化。对策建议：以城市更新统筹韧性提升，完善交通微循环。"};

}  // namespace

TEST_CASE("the taxonomy covers a field by itself and its ancestors", "[reviews][match]") {
  CHECK(taxonomy().covers(1, 5));
  CHECK(taxonomy().covers(2, 5));
  CHECK(taxonomy().covers(5, 5));
  CHECK_FALSE(taxonomy().covers(5, 2));
  CHECK_FALSE(taxonomy().covers(3, 2));
  CHECK_FALSE(taxonomy().covers(4, 1));
  FieldClosure const given(std::map<Id, std::set<Id>>{{10, {11, 12}}});
  CHECK(given.covers(10, 12));
  CHECK_FALSE(given.covers(11, 12));
  // A cycle (which the taxonomy forbids) does not hang the walk up.
  FieldClosure const looped = FieldClosure::from_parents({{7, 8}, {8, 7}});
  CHECK(looped.covers(8, 7));
}

TEST_CASE("the score combines fields and keywords as documented, with its reasons", "[reviews][match]") {
  // Fields: the reviewer's 城乡规划学 covers the proposal's 城市规划 → F = 1.
  // Keywords: 城市更新 is one of the proposal's keywords (hit 1, evidence 0.6); 韧性 lies inside
  // the proposal keyword 韧性城市 (0.7 → 0.42), which beats its place in the text (0.5);
  // 交通 appears in the text (0.5 → 0.3). 经济 appears nowhere.
  // K = 1 − 0.4 × 0.58 × 0.7 = 0.8376; score = round(1000 × (F + K) / 2) = 919.
  ExpertiseMatch const m = match({{1}, {"城市更新", "韧性", "交通", "经济"}}, kRenewal);
  CHECK(m.score == 919);
  REQUIRE(m.fields.size() == 1);
  CHECK(m.fields[0].proposal_field == 2);
  CHECK(m.fields[0].reviewer_field == 1);
  CHECK_FALSE(m.fields[0].narrower);
  REQUIRE(m.keywords.size() == 3);
  CHECK(m.keywords[0].keyword == "城市更新");
  CHECK(m.keywords[0].place == KeywordPlace::keyword);
  CHECK(m.keywords[1].keyword == "韧性");
  CHECK(m.keywords[1].place == KeywordPlace::keyword_overlap);
  CHECK(m.keywords[2].keyword == "交通");
  CHECK(m.keywords[2].place == KeywordPlace::text);
  CHECK(m.keywords[2].occurrences == 1);
  CHECK(describe_match(m, kFieldNames) == "因领域 城市规划 与关键词 城市更新、韧性、交通 匹配");
}

TEST_CASE("field credit: own or broader field full, narrower half, unrelated none", "[reviews][match]") {
  ProposalTopic const only_fields{{2, 3}, {}, "", ""};
  // 城市规划 covered by itself; 交通规划 not → F = 0.5 → 250.
  CHECK(match({{2}, {}}, only_fields).score == 250);
  // 城乡规划学 covers both → 500.
  CHECK(match({{1}, {}}, only_fields).score == 500);
  // 城市更新规划 lies below 城市规划: half credit on one of two → F = 0.25 → 125.
  ExpertiseMatch const narrower = match({{5}, {}}, only_fields);
  CHECK(narrower.score == 125);
  REQUIRE(narrower.fields.size() == 1);
  CHECK(narrower.fields[0].narrower);
  CHECK(match({{4}, {}}, only_fields).score == 0);
  CHECK(describe_match(match({{4}, {}}, only_fields), kFieldNames) == "无领域或关键词匹配");
  CHECK(describe_match(match({{1}, {}}, only_fields), kFieldNames) == "因领域 城市规划、交通规划 匹配");
}

TEST_CASE("a proposal without fields is scored on keywords alone", "[reviews][match]") {
  ProposalTopic const no_fields{{}, {"城市更新"}, "", ""};
  // K = 0.6 → 600 (the field weight is not spent on a term every reviewer would miss).
  CHECK(match({{1}, {"城市更新"}}, no_fields).score == 600);
  CHECK(describe_match(match({{1}, {"城市更新"}}, no_fields), kFieldNames) == "因关键词 城市更新 匹配");
}

TEST_CASE("keywords are found in text the way search finds them", "[reviews][match]") {
  auto place_of = [](std::string const& keyword, std::string const& title, std::string const& text) {
    ExpertiseMatch const m = match({{}, {keyword}}, ProposalTopic{{}, {}, title, text});
    return m.keywords.empty() ? std::string("none")
                              : std::string(m.keywords[0].place == KeywordPlace::title ? "title" : "text");
  };
  CHECK(place_of("城市更新", "", "推进城市更新行动") == "text");
  CHECK(place_of("城市更新", "", "建设新城市，更新观念") == "none");  // 市 and 更 not adjacent in the text
  CHECK(place_of("城市 更新", "", "建设新城市，更新观念") == "text");  // the keyword itself separates them
  CHECK(place_of("AI", "", "以ＡＩ赋能基层治理") == "text");          // width and case folded
  CHECK(place_of("AI", "", "air quality") == "none");                  // whole words only
  CHECK(place_of("韧性", "城市韧性评估", "") == "title");
  CHECK(place_of("", "", "任何文字") == "none");
  // Three occurrences in the text count more than one: 0.6 × 0.6 = 0.36 against 0.3.
  CHECK(match({{}, {"韧性"}}, ProposalTopic{{}, {}, "", "韧性、韧性与韧性"}).score == 360);
  CHECK(match({{}, {"韧性"}}, ProposalTopic{{}, {}, "", "韧性"}).score == 300);
}

TEST_CASE("keyword overlap needs more than one character, either way round", "[reviews][match]") {
  ProposalTopic const p{{}, {"城市更新"}, "", ""};
  CHECK(match({{}, {"城市更新政策"}}, p).keywords.at(0).place == KeywordPlace::keyword_overlap);
  CHECK(match({{}, {"更新"}}, p).keywords.at(0).place == KeywordPlace::keyword_overlap);
  CHECK(match({{}, {"城"}}, p).keywords.empty());
  // Equal after folding counts as the same keyword; a repeated reviewer keyword counts once.
  ExpertiseMatch const twice = match({{}, {"Smart City", "smart city"}}, ProposalTopic{{}, {"SMART CITY"}, "", ""});
  REQUIRE(twice.keywords.size() == 1);
  CHECK(twice.keywords[0].place == KeywordPlace::keyword);
  CHECK(twice.score == 600);
}

TEST_CASE("match tokens follow the project's tokenizer", "[reviews][match]") {
  auto const t = match_tokens("AI医疗");
  REQUIRE(t.size() == 3);
  CHECK(t[0] == MatchToken{"ai", false, token_hash("ai")});
  CHECK(t[1] == MatchToken{"医", false, token_hash("医")});
  CHECK(t[2] == MatchToken{"疗", true, token_hash("疗")});
}

TEST_CASE("weights shift the balance and must not be negative", "[reviews][match]") {
  ExpertiseMatcher const fields_only(taxonomy(), MatchWeights{1, 0});
  auto const reviewer = fields_only.prepare(ReviewerExpertise{{1}, {"经济"}});
  CHECK(fields_only.score(reviewer, fields_only.prepare(kRenewal)) == 1000);
  CHECK_THROWS_AS(ExpertiseMatcher(taxonomy(), MatchWeights{-1, 1}), std::invalid_argument);
  CHECK_THROWS_AS(ExpertiseMatcher(taxonomy(), MatchWeights{0, 0}), std::invalid_argument);
}

TEST_CASE("match reasons are Chinese", "[reviews][match]") {
  CHECK(test::has_cjk(describe_match(ExpertiseMatch{}, {})));
}
