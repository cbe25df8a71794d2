// Rubric and award-tier rules: defaults, validation with Chinese messages, totals, tier sizes.
#include "reviews/rubric.hpp"

#include <cmath>
#include <set>

#include "core/json.hpp"

namespace zhiku {
namespace {

constexpr std::size_t kMaxTiers = 10;
constexpr std::size_t kMaxTierNameChars = 20;
constexpr int kMaxTierCount = 10'000;
// Shares add up in floating point (0.1 + 0.2 is 0.30000000000000004); within this of a bound
// counts as on it.
constexpr double kShareSlack = 1e-9;

std::string field_name(std::string_view prefix, std::string_view list, std::size_t i, std::string_view member) {
  std::string out(prefix);
  if (!out.empty()) out += '.';
  out += list;
  out += '[' + std::to_string(i) + ']';
  if (!member.empty()) out += '.' + std::string(member);
  return out;
}

// "20", "12.5", "0.25": what a user typed, without trailing zeros.
std::string number_text(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

bool is_multiple_of(double v, double step) {
  double const q = v / step;
  return std::abs(q - std::round(q)) < 1e-9;
}

std::string quoted(std::string const& name, std::size_t i) {
  return name.empty() ? "第 " + std::to_string(i + 1) + " 项评分标准" : "「" + name + "」";
}

// A list item's name: 1..max_chars characters, not used before in the list. `ordinal` names the
// item by position ("第 2 项评分标准"), `who` by name, `kind` the list ("评分标准").
void check_name(std::vector<FieldError>& errors, std::string field, std::string const& name, std::size_t max_chars,
                std::set<std::string>& seen, std::string const& ordinal, std::string const& kind,
                std::string const& who) {
  std::size_t const chars = utf8_length(name);
  if (chars == 0 || chars > max_chars) {
    errors.push_back({std::move(field), ordinal + "的名称须为 1 至 " + std::to_string(max_chars) + " 个字符"});
  } else if (!seen.insert(name).second) {
    errors.push_back({std::move(field), kind + who + "重复"});
  }
}

}  // namespace

Rubric default_rubric() {
  return Rubric{{
      {"针对性", "是否紧扣决策需求与现实问题，问题找得准、切口清楚", 1, 20, false},
      {"科学性", "论据是否充分可靠，分析方法是否科学，结论是否经得起推敲", 1, 20, false},
      {"超前性", "是否具有前瞻视野，能否预判趋势、提出新思路", 1, 20, false},
      {"可操作性", "对策建议是否具体可行，责任主体与实施路径是否清楚", 1, 20, false},
      {"时效性", "是否回应当前急需解决的问题，报送时机是否适当", 1, 20, false},
  }};
}

double max_total(Rubric const& rubric) {
  double total = 0;
  for (Criterion const& c : rubric.criteria) total += c.weight * c.max_score;
  return total;
}

std::vector<FieldError> rubric_errors(Rubric const& rubric, std::string_view prefix) {
  std::vector<FieldError> errors;
  std::string const list = prefix.empty() ? "criteria" : std::string(prefix) + ".criteria";
  if (rubric.criteria.empty() || rubric.criteria.size() > kMaxCriteria) {
    errors.push_back({list, "评分标准须有 1 至 " + std::to_string(kMaxCriteria) + " 项"});
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < rubric.criteria.size(); ++i) {
    Criterion const& c = rubric.criteria[i];
    std::string const who = quoted(c.name, i);
    check_name(errors, field_name(prefix, "criteria", i, "name"), c.name, kMaxCriterionNameChars, names,
               "第 " + std::to_string(i + 1) + " 项评分标准", "评分标准", who);
    if (utf8_length(c.description) > kMaxCriterionDescriptionChars) {
      errors.push_back({field_name(prefix, "criteria", i, "description"),
                        who + "的说明不能超过 " + std::to_string(kMaxCriterionDescriptionChars) + " 个字符"});
    }
    if (!(c.weight > 0 && c.weight <= kMaxCriterionWeight)) {
      errors.push_back({field_name(prefix, "criteria", i, "weight"),
                        who + "的权重须大于 0 且不超过 " + number_text(kMaxCriterionWeight)});
    }
    if (!(c.max_score > 0 && c.max_score <= kMaxCriterionScore)) {
      errors.push_back({field_name(prefix, "criteria", i, "max_score"),
                        who + "的满分须大于 0 且不超过 " + number_text(kMaxCriterionScore)});
    } else if (!is_multiple_of(c.max_score, c.half_points ? 0.5 : 1.0)) {
      errors.push_back({field_name(prefix, "criteria", i, "max_score"),
                        who + (c.half_points ? "的满分须为 0.5 的整数倍" : "的满分须为整数（允许半分时可为 0.5 的整数倍）")});
    }
  }
  return errors;
}

std::vector<FieldError> score_errors(Rubric const& rubric, std::vector<std::optional<double>> const& scores,
                                     std::string_view prefix) {
  std::vector<FieldError> errors;
  if (scores.size() != rubric.criteria.size()) {
    errors.push_back({std::string(prefix), "须为每项评分标准各打一个分数（共 " + std::to_string(rubric.criteria.size()) +
                                               " 项，收到 " + std::to_string(scores.size()) + " 项）"});
    return errors;
  }
  for (std::size_t i = 0; i < scores.size(); ++i) {
    Criterion const& c = rubric.criteria[i];
    std::string const field = std::string(prefix) + "[" + std::to_string(i) + "]";
    std::string const range = "0 至 " + number_text(c.max_score) + " 之间";
    std::string const grain = c.half_points ? "的整数或半分" : "的整数";
    if (!scores[i]) {
      errors.push_back({field, "请为" + quoted(c.name, i) + "打分（" + range + grain + "）"});
    } else if (double const v = *scores[i];
               !(v >= 0 && v <= c.max_score) || !is_multiple_of(v, c.half_points ? 0.5 : 1.0)) {
      errors.push_back({field, quoted(c.name, i) + "须为 " + range + grain});
    }
  }
  return errors;
}

double weighted_total(Rubric const& rubric, std::vector<std::optional<double>> const& scores) {
  double total = 0;
  for (std::size_t i = 0; i < rubric.criteria.size() && i < scores.size(); ++i) {
    total += rubric.criteria[i].weight * scores[i].value_or(0);
  }
  return total;
}

AwardTiers default_award_tiers() {
  return AwardTiers{TierBasis::count, {{"一等奖", 6, 0}, {"二等奖", 10, 0}, {"三等奖", 20, 0}, {"优秀奖", 14, 0}}};
}

std::vector<FieldError> award_tier_errors(AwardTiers const& tiers, std::string_view prefix) {
  std::vector<FieldError> errors;
  std::string const list = prefix.empty() ? "tiers" : std::string(prefix) + ".tiers";
  if (tiers.tiers.size() > kMaxTiers) errors.push_back({list, "奖项等级最多 " + std::to_string(kMaxTiers) + " 个"});
  std::set<std::string> names;
  double share_sum = 0;
  for (std::size_t i = 0; i < tiers.tiers.size(); ++i) {
    AwardTier const& t = tiers.tiers[i];
    std::string const ordinal = "第 " + std::to_string(i + 1) + " 个奖项等级";
    std::string const who = t.name.empty() ? ordinal : "「" + t.name + "」";
    check_name(errors, field_name(prefix, "tiers", i, "name"), t.name, kMaxTierNameChars, names, ordinal, "奖项等级", who);
    if (tiers.basis == TierBasis::count) {
      if (t.count < 0 || t.count > kMaxTierCount) {
        errors.push_back({field_name(prefix, "tiers", i, "count"),
                          who + "的名额须为 0 至 " + std::to_string(kMaxTierCount) + " 之间的整数"});
      }
    } else {
      if (!(t.share > 0 && t.share <= 1)) {
        errors.push_back({field_name(prefix, "tiers", i, "share"), who + "的比例须大于 0 且不超过 1（即 100%）"});
      } else {
        share_sum += t.share;
      }
    }
  }
  if (tiers.basis == TierBasis::share && share_sum > 1 + kShareSlack) {
    errors.push_back({list, "各奖项等级的比例之和不能超过 1（即 100%），现为 " + number_text(share_sum)});
  }
  return errors;
}

std::vector<int> tier_sizes(AwardTiers const& tiers, int ranked) {
  std::vector<int> sizes;
  int given = 0;
  double cumulative = 0;
  for (AwardTier const& t : tiers.tiers) {
    int end = 0;
    if (tiers.basis == TierBasis::count) {
      end = std::min(ranked, given + t.count);
    } else {
      cumulative += t.share;
      end = std::min(ranked, static_cast<int>(std::floor(cumulative * ranked + kShareSlack)));
    }
    end = std::max(end, given);
    sizes.push_back(end - given);
    given = end;
  }
  return sizes;
}

void validate_round_rules(Rubric const& rubric, AwardTiers const& tiers) {
  std::vector<FieldError> errors = rubric_errors(rubric, "rubric");
  for (auto& e : award_tier_errors(tiers, "award_tiers")) errors.push_back(std::move(e));
  if (!errors.empty()) throw Error::invalid_fields(std::move(errors));
}

}  // namespace zhiku
