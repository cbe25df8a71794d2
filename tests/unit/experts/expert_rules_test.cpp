// Profile validation, contact normalisation, list splitting and staleness.
#include "experts/expert_rules.hpp"

#include <catch2/catch.hpp>

using namespace zhiku;

namespace {
ExpertProfile valid_profile() {
  ExpertProfile p;
  p.name = "王建国";
  p.organization = "同济大学";
  return p;
}
bool has_error(std::vector<FieldError> const& errors, std::string const& field) {
  for (auto const& e : errors)
    if (e.field == field) return true;
  return false;
}
}  // namespace

TEST_CASE("e-mail addresses are normalised for duplicate detection", "[experts][rules]") {
  CHECK(normalize_email(" Wang.JG@Tongji.EDU.cn ") == "wang.jg@tongji.edu.cn");
  CHECK_FALSE(normalize_email("wang"));
  CHECK_FALSE(normalize_email("wang@localhost"));
  CHECK_FALSE(normalize_email("a@b@c.cn"));
  CHECK_FALSE(normalize_email("wang jg@tongji.edu.cn"));
}

TEST_CASE("phone numbers are normalised: separators dropped, China's country code removed", "[experts][rules]") {
  CHECK(normalize_phone("138-0013-8000") == "13800138000");
  CHECK(normalize_phone("+86 138 0013 8000") == "13800138000");
  CHECK(normalize_phone("0086 13800138000") == "13800138000");
  CHECK(normalize_phone("(021) 6598-3000") == "02165983000");
  CHECK(normalize_phone("+1 650 555 0100") == "+16505550100");
  CHECK_FALSE(normalize_phone("12"));
  CHECK_FALSE(normalize_phone("phone: 138"));
}

TEST_CASE("employment dates are YYYY-MM or YYYY-MM-DD and from is not after to", "[experts][rules]") {
  CHECK(is_month_or_date("2019-07"));
  CHECK(is_month_or_date("2019-07-31"));
  CHECK_FALSE(is_month_or_date("2019-13"));
  CHECK_FALSE(is_month_or_date("2019-02-30"));
  CHECK_FALSE(is_month_or_date("2019"));
  auto p = valid_profile();
  p.employment = {{"清华大学", "2010-09", "2015-06"}, {"同济大学", "2015-07-01", std::nullopt}};
  CHECK(validate_profile(p, 2026).empty());
  p.employment = {{"清华大学", "2015-09", "2010-06"}};
  CHECK(has_error(validate_profile(p, 2026), "employment[0].to"));
  p.employment = {{"清华大学", "2015-09-10", "2015-09"}};  // same month: not before
  CHECK(validate_profile(p, 2026).empty());
  p.employment = {{"", "2015/09", std::nullopt}};
  auto errors = validate_profile(p, 2026);
  CHECK(has_error(errors, "employment[0].organization"));
  CHECK(has_error(errors, "employment[0].from"));
}

TEST_CASE("a profile needs a name and organisation, overseas experts a country", "[experts][rules]") {
  ExpertProfile empty;
  auto errors = validate_profile(empty, 2026);
  CHECK(has_error(errors, "name"));
  CHECK(has_error(errors, "organization"));
  auto p = valid_profile();
  p.category = "overseas";
  CHECK(has_error(validate_profile(p, 2026), "country"));
  p.country = "德国";
  CHECK(validate_profile(p, 2026).empty());
  p.category = "abroad";
  CHECK(has_error(validate_profile(p, 2026), "category"));
  p = valid_profile();
  p.academician = "NAS";
  p.gender = "x";
  p.birth_year = 2020;
  p.email = "nope";
  p.phone = "abc";
  p.keywords = {"城市规划;交通"};
  p.field_ids = {3, 3};
  errors = validate_profile(p, 2026);
  for (char const* f : {"academician", "gender", "birth_year", "email", "phone", "keywords[0]", "field_ids"})
    CHECK(has_error(errors, f));
}

TEST_CASE("lists typed by people split on Chinese and ASCII separators", "[experts][rules]") {
  CHECK(split_list("城市规划；智慧城市、交通, AI ;;城市规划") ==
        std::vector<std::string>{"城市规划", "智慧城市", "交通", "AI"});
  CHECK(split_list("").empty());
  CHECK(split_keywords(join_keywords({"城市规划", "AI 医疗"})) == std::vector<std::string>{"城市规划", "AI 医疗"});
  CHECK(split_keywords("").empty());
  CHECK(trim_text("\xE3\x80\x80 王建国 \xE3\x80\x80") == "王建国");
}

TEST_CASE("a profile is stale when not confirmed for two years", "[experts][rules]") {
  CHECK(stale_cutoff("2026-11-29T03:00:00Z") == "2024-11-29T03:00:00Z");
  CHECK(is_stale("2024-11-28T23:59:59Z", "2026-11-29T03:00:00Z"));
  CHECK_FALSE(is_stale("2024-11-29T03:00:00Z", "2026-11-29T03:00:00Z"));
  CHECK_FALSE(is_stale("2026-01-01T00:00:00Z", "2026-11-29T03:00:00Z"));
}
