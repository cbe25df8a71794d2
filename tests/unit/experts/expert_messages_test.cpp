// The expert pool answers in Chinese: every profile rule, import row error and workflow refusal
// is a Chinese sentence saying what is wrong (the expert forms and the import wizard show them
// as they are). Walks the rules with everything wrong, so a new English message fails here.
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "experts/expert_import.hpp"
#include "experts/expert_rules.hpp"
#include "experts/expert_workflow.hpp"
#include "support/chinese_text.hpp"

using namespace zhiku;
using zhiku::test::has_cjk;

namespace {

std::set<std::string> fields_of(std::vector<FieldError> const& errors) {
  std::set<std::string> out;
  for (auto const& e : errors) out.insert(e.field);
  return out;
}

std::string message_of(std::vector<FieldError> const& errors, std::string const& field) {
  for (auto const& e : errors)
    if (e.field == field) return e.message;
  FAIL("no error for " << field);
  return {};
}

void check_all_chinese(std::vector<FieldError> const& errors) {
  for (auto const& e : errors) {
    INFO(e.field << ": " << e.message);
    CHECK(has_cjk(e.message));
  }
}

void check_all_chinese(ImportPlan const& plan) {
  for (auto const& e : plan.errors) {
    INFO("row " << e.row << " [" << e.column << "]: " << e.message);
    CHECK(has_cjk(e.message));
  }
}

bool has_import_error(ImportPlan const& plan, int row, std::string const& column, std::string const& message) {
  for (auto const& e : plan.errors)
    if (e.row == row && e.column == column && e.message == message) return true;
  return false;
}

Table sheet(std::vector<std::vector<std::string>> all) {
  Table t;
  t.header = all.front();
  for (size_t i = 1; i < all.size(); ++i) {
    t.rows.push_back(all[i]);
    t.row_numbers.push_back(static_cast<int>(i) + 1);
  }
  return t;
}

ImportVocabulary vocabulary() {
  ImportVocabulary v;
  v.fields = {{1, std::nullopt, std::string("560"), "城市规划", std::nullopt, 0, 1},
              {2, std::nullopt, std::string("790"), "城市规划", std::nullopt, 0, 1},  // the same name twice
              {3, std::nullopt, std::nullopt, "人工智能", std::nullopt, 0, 1}};
  v.pools = {{1, "决策咨询专家库", "", 0, 1, 0}};
  return v;
}

}  // namespace

TEST_CASE("an empty expert profile is refused in Chinese, naming each missing field", "[experts][rules][messages]") {
  ExpertProfile empty;
  empty.category = "";
  auto errors = validate_profile(empty, 2026);
  CHECK(fields_of(errors) == std::set<std::string>{"name", "organization", "category"});
  check_all_chinese(errors);
  CHECK(message_of(errors, "name") == "请填写姓名");
  CHECK(message_of(errors, "organization") == "请填写工作单位");
}

TEST_CASE("every rule of an invalid expert profile answers in Chinese", "[experts][rules][messages]") {
  std::string const long_text(201, 'x');
  ExpertProfile p;
  p.name = std::string(101, 'x');
  p.gender = "x";
  p.birth_year = 1800;
  p.title = long_text;
  p.position = long_text;
  p.organization = long_text;
  p.department = long_text;
  p.country = long_text;
  p.category = "abroad";
  p.academician = "NAS";
  p.email = "nope";
  p.phone = "abc";
  p.bio = std::string(kMaxBioChars + 1, 'x');
  p.keywords = std::vector<std::string>(kMaxKeywords + 1, "城市");
  p.keywords[0] = "";
  p.keywords[1] = "城市规划;交通";
  p.field_ids = std::vector<Id>(kMaxFieldsPerExpert + 1, 3);
  p.field_ids[0] = 0;
  p.pool_ids = {1, 1};
  p.employment = std::vector<Employment>(kMaxEmployment + 1, Employment{"同济大学", "2001-09", std::nullopt});
  p.employment[0] = {"", "2001", std::string("2001-13")};
  p.employment[1] = {long_text, "2010-01", std::string("2009-12")};
  auto errors = validate_profile(p, 2026);
  for (char const* field : {"name",
                            "gender",
                            "birth_year",
                            "title",
                            "position",
                            "organization",
                            "department",
                            "country",
                            "category",
                            "academician",
                            "email",
                            "phone",
                            "bio",
                            "keywords",
                            "keywords[0]",
                            "keywords[1]",
                            "field_ids",
                            "pool_ids",
                            "employment",
                            "employment[0].organization",
                            "employment[0].from",
                            "employment[0].to",
                            "employment[1].organization",
                            "employment[1].to"}) {
    INFO(field);
    CHECK(fields_of(errors).count(field) == 1);
  }
  check_all_chinese(errors);
  CHECK(message_of(errors, "birth_year") == "出生年份须在 1900 至 2010 之间");
  CHECK(message_of(errors, "title") == "职称不能超过 100 个字符");
  CHECK(message_of(errors, "employment[1].to") == "截止时间不能早于起始时间");

  SECTION("an overseas expert without a country") {
    ExpertProfile overseas;
    overseas.name = "Anna Müller";
    overseas.organization = "TU München";
    overseas.category = "overseas";
    auto e = validate_profile(overseas, 2026);
    CHECK(message_of(e, "country") == "海外专家须填写国家或地区");
  }
}

TEST_CASE("every error of an invalid import row is Chinese and names its column", "[experts][import][messages]") {
  std::vector<std::vector<std::string>> rows = {
      {"姓名", "性别", "出生年份", "工作单位", "邮箱", "手机", "学科领域", "类别", "国家或地区", "院士", "专家库"},
      {"", "未知", "六八年", "", "nope", "abc", "城市规划；不存在的领域", "火星", "", "外籍院士", "没有的库"},
      {"张三", "男", "1968", "同济大学", "zhang@example.cn", "13800138000", "人工智能", "海外", "", "否", ""},
      {"李四", "女", "1970", "复旦大学", "zhang@example.cn", "13800138000", "", "国内", "", "否", ""},
  };
  auto plan = parse_import(sheet(rows), vocabulary(), 2026);
  add_existing_duplicate(plan, 2, "email", "zhang@example.cn", 42);
  REQUIRE(plan.rows.size() == 3);
  for (auto const& r : plan.rows) CHECK_FALSE(r.valid);
  check_all_chinese(plan);
  std::set<std::string> columns;
  for (auto const& e : plan.errors)
    if (e.row == 2) columns.insert(e.column);
  CHECK(columns == std::set<std::string>{"姓名", "性别", "出生年份", "工作单位", "邮箱", "手机", "学科领域", "类别",
                                         "院士", "专家库"});
  CHECK(has_import_error(plan, 2, "性别", "性别须为「男」或「女」"));
  CHECK(has_import_error(plan, 2, "学科领域", "学科领域「城市规划」有重名，请改填其代码"));
  CHECK(has_import_error(plan, 2, "学科领域", "没有名为「不存在的领域」的学科领域"));
  CHECK(has_import_error(plan, 3, "国家或地区", "海外专家须填写国家或地区"));
  CHECK(has_import_error(plan, 4, "邮箱", "与第 3 行的邮箱相同"));
  CHECK(has_import_error(plan, 4, "手机", "与第 3 行的手机号码相同"));
  CHECK(has_import_error(plan, 4, "邮箱", "专家库中已有使用该邮箱的专家（#42）"));
}

TEST_CASE("a sheet without the required columns or without experts is refused in Chinese",
          "[experts][import][messages]") {
  auto no_columns = parse_import(sheet({{"序号", "姓名", "姓名"}, {"1", "张三", "张三"}}), vocabulary(), 2026);
  check_all_chinese(no_columns);
  CHECK(has_import_error(no_columns, 1, "姓名", "该列重复出现，请只保留一列"));
  CHECK(has_import_error(no_columns, 1, "工作单位", "缺少必需的列「工作单位」"));

  auto header_only = parse_import(sheet({{"姓名", "工作单位"}}), vocabulary(), 2026);
  REQUIRE(header_only.errors.size() == 1);
  check_all_chinese(header_only);

  auto empty = parse_import(Table{}, vocabulary(), 2026);
  REQUIRE(empty.errors.size() == 1);
  check_all_chinese(empty);
}

TEST_CASE("workflow refusals name the status and the action in Chinese", "[experts][workflow][messages]") {
  Principal coordinator;
  coordinator.user_id = 1;
  coordinator.roles = RoleSet{Role::coordinator};
  Principal leader;
  leader.user_id = 2;
  leader.roles = RoleSet{Role::leader};
  for (ExpertStatus s : kAllExpertStatuses) {
    for (ExpertAction a : kAllExpertActions) {
      for (Principal const* who : {&coordinator, &leader}) {
        if (auto d = expert_workflow::why_not(s, a, *who)) {
          INFO(d->reason);
          CHECK(has_cjk(d->reason));
        }
      }
    }
  }
  auto d = expert_workflow::why_not(ExpertStatus::retired, ExpertAction::approve, coordinator);
  REQUIRE(d);
  CHECK(d->reason == "专家当前状态为「出库」，不能执行「批准入库」");
  try {
    expert_workflow::check(ExpertStatus::pending, ExpertAction::reject, coordinator, "");
    FAIL("a reject without a reason was accepted");
  } catch (Error const& e) {
    REQUIRE(e.errors().size() == 1);
    CHECK(e.errors()[0].field == "note");
    CHECK(e.errors()[0].message == "「驳回」须填写原因");
  }
}
