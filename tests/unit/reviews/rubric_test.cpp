#include "reviews/rubric.hpp"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/chinese_text.hpp"

using namespace zhiku;

namespace {

bool has_error(std::vector<FieldError> const& errors, std::string const& field, std::string const& part) {
  for (auto const& e : errors) {
    if (e.field == field && e.message.find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("the default rubric is the five qualities, out of 100", "[reviews][rubric]") {
  Rubric const r = default_rubric();
  REQUIRE(r.criteria.size() == 5);
  CHECK(r.criteria[0].name == "针对性");
  CHECK(r.criteria[1].name == "科学性");
  CHECK(r.criteria[2].name == "超前性");
  CHECK(r.criteria[3].name == "可操作性");
  CHECK(r.criteria[4].name == "时效性");
  CHECK(max_total(r) == 100);
  CHECK(rubric_errors(r).empty());
}

TEST_CASE("rubric validation names the field and the criterion, in Chinese", "[reviews][rubric]") {
  struct Case {
    char const* what;
    void (*change)(Rubric&);
    char const* field;
    char const* message_part;
  };
  Case const cases[] = {
      {"no criteria", [](Rubric& r) { r.criteria.clear(); }, "criteria", "1 至 20 项"},
      {"empty name", [](Rubric& r) { r.criteria[1].name = ""; }, "criteria[1].name", "第 2 项评分标准的名称"},
      {"duplicate name", [](Rubric& r) { r.criteria[2].name = "针对性"; }, "criteria[2].name", "「针对性」重复"},
      {"zero weight", [](Rubric& r) { r.criteria[1].weight = 0; }, "criteria[1].weight", "「科学性」的权重须大于 0"},
      {"weight too big", [](Rubric& r) { r.criteria[0].weight = 101; }, "criteria[0].weight", "不超过 100"},
      {"negative maximum", [](Rubric& r) { r.criteria[3].max_score = -5; }, "criteria[3].max_score", "「可操作性」的满分"},
      {"fractional maximum", [](Rubric& r) { r.criteria[4].max_score = 12.5; }, "criteria[4].max_score", "须为整数"},
      {"long description", [](Rubric& r) { r.criteria[0].description = std::string(501 * 3, 'a'); },
       "criteria[0].description", "不能超过 500"},
  };
  for (Case const& c : cases) {
    INFO(c.what);
    Rubric r = default_rubric();
    c.change(r);
    auto const errors = rubric_errors(r);
    CHECK(has_error(errors, c.field, c.message_part));
    for (auto const& e : errors) CHECK(test::has_cjk(e.message));
  }
  Rubric halves = default_rubric();
  halves.criteria[4].max_score = 12.5;
  halves.criteria[4].half_points = true;
  CHECK(rubric_errors(halves).empty());
  CHECK(has_error(rubric_errors(Rubric{}, "rubric"), "rubric.criteria", "评分标准"));
}

TEST_CASE("scores must be given for every criterion, within range, in whole or half points", "[reviews][rubric]") {
  Rubric r = default_rubric();
  r.criteria[1].half_points = true;
  using S = std::vector<std::optional<double>>;
  CHECK(score_errors(r, S{18, 17.5, 20, 0, 10}).empty());
  CHECK(has_error(score_errors(r, S{18, 17.5, 20, 0}), "scores", "共 5 项，收到 4 项"));
  CHECK(has_error(score_errors(r, S{18, std::nullopt, 20, 0, 10}), "scores[1]", "请为「科学性」打分"));
  CHECK(has_error(score_errors(r, S{21, 17, 20, 0, 10}), "scores[0]", "「针对性」须为 0 至 20 之间的整数"));
  CHECK(has_error(score_errors(r, S{18, 17, 20, -1, 10}), "scores[3]", "「可操作性」"));
  CHECK(has_error(score_errors(r, S{18.5, 17, 20, 0, 10}), "scores[0]", "整数"));
  CHECK(has_error(score_errors(r, S{18, 17.25, 20, 0, 10}), "scores[1]", "整数或半分"));
  r.criteria[0].weight = 2;
  CHECK(weighted_total(r, S{18, 17.5, 20, 0, 10}) == 2 * 18 + 17.5 + 20 + 0 + 10);
}

TEST_CASE("award tiers: defaults, validation, sizes by count and by share", "[reviews][tiers]") {
  AwardTiers const d = default_award_tiers();
  REQUIRE(d.tiers.size() == 4);
  CHECK(d.tiers[0].name == "一等奖");
  CHECK(d.tiers[3].name == "优秀奖");
  CHECK(award_tier_errors(d).empty());
  CHECK(tier_sizes(d, 100) == std::vector<int>{6, 10, 20, 14});
  CHECK(tier_sizes(d, 20) == std::vector<int>{6, 10, 4, 0});  // fewer ranked than places
  CHECK(tier_sizes(d, 0) == std::vector<int>{0, 0, 0, 0});

  AwardTiers thirds{TierBasis::share, {{"甲", 0, 1.0 / 3}, {"乙", 0, 1.0 / 3}, {"丙", 0, 1.0 / 3}}};
  CHECK(award_tier_errors(thirds).empty());
  CHECK(tier_sizes(thirds, 10) == std::vector<int>{3, 3, 4});
  AwardTiers tenths{TierBasis::share, {{"一等奖", 0, 0.1}, {"二等奖", 0, 0.2}}};
  CHECK(tier_sizes(tenths, 15) == std::vector<int>{1, 3});  // floor(1.5) = 1, floor(4.5) = 4
  CHECK(tier_sizes(tenths, 10) == std::vector<int>{1, 2});  // 0.1 + 0.2 = 0.30000000000000004 still ends at 3

  AwardTiers bad{TierBasis::share, {{"一等奖", 0, 0.6}, {"一等奖", 0, 0.5}, {"", 0, 0}}};
  auto const errors = award_tier_errors(bad);
  CHECK(has_error(errors, "tiers[1].name", "「一等奖」重复"));
  CHECK(has_error(errors, "tiers[2].name", "第 3 个奖项等级"));
  CHECK(has_error(errors, "tiers[2].share", "比例须大于 0"));
  CHECK(has_error(errors, "tiers", "比例之和不能超过 1"));
  AwardTiers negative{TierBasis::count, {{"一等奖", -1, 0}}};
  CHECK(has_error(award_tier_errors(negative), "tiers[0].count", "「一等奖」的名额"));
}

TEST_CASE("round rules fail as one validation error naming every field", "[reviews][rubric]") {
  Rubric r = default_rubric();
  r.criteria[0].weight = 0;
  AwardTiers t = default_award_tiers();
  t.tiers[1].count = -3;
  try {
    validate_round_rules(r, t);
    FAIL("expected Error");
  } catch (Error const& e) {
    CHECK(e.code() == Errc::invalid_argument);
    REQUIRE(e.errors().size() == 2);
    CHECK(e.errors()[0].field == "rubric.criteria[0].weight");
    CHECK(e.errors()[1].field == "award_tiers.tiers[1].count");
    CHECK(test::has_cjk(e.detail()));
  }
  CHECK_NOTHROW(validate_round_rules(default_rubric(), default_award_tiers()));
}
