// Import validation: headers in Chinese and English, per-cell errors with row and column,
// duplicates within the file, and the fixtures written by Excel in China.
#include "experts/expert_import.hpp"

#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "sheets/sheets.hpp"

using namespace zhiku;

namespace {

ImportVocabulary vocabulary() {
  ImportVocabulary v;
  v.fields = {{1, std::nullopt, std::string("560"), "土木建筑工程", std::nullopt, 0, 1},
              {2, Id{1}, std::nullopt, "城市规划", std::nullopt, 0, 1},
              {3, std::nullopt, std::string("520"), "计算机科学技术", std::nullopt, 0, 1},
              {4, Id{3}, std::string("520.20"), "人工智能", std::nullopt, 0, 1}};
  v.pools = {{1, "决策咨询专家库", "", 0, 1, 0}, {2, "海智专家库", "", 0, 1, 0}};
  return v;
}

bool has_error(ImportPlan const& plan, int row, std::string const& column) {
  for (auto const& e : plan.errors)
    if (e.row == row && e.column == column) return true;
  return false;
}

// A table as read_table gives it: the first row is the header, the others rows 2, 3, ….
Table sheet(std::vector<std::vector<std::string>> all) {
  Table t;
  if (all.empty()) return t;
  t.header = all.front();
  for (size_t i = 1; i < all.size(); ++i) {
    t.rows.push_back(all[i]);
    t.row_numbers.push_back(static_cast<int>(i) + 1);
  }
  return t;
}

std::string read_fixture(std::string const& name) {
  std::ifstream in(std::string(ZHIKU_FIXTURES_DIR) + "/" + name, std::ios::binary);
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("a clean sheet with Chinese headers becomes profiles", "[experts][import]") {
  std::vector<std::vector<std::string>> table = {
      {"序号", "姓名", "性别", "出生年份", "职称", "工作单位", "邮箱", "手机", "学科领域", "研究方向/关键词", "类别",
       "国家或地区", "院士", "专家库", "简介"},
      {"1", "王建国", "男", "1965年", "教授", "同济大学", "wang@tongji.edu.cn", "138-0013-8000", "城市规划；人工智能",
       "城市更新、智慧城市", "国内", "", "中国工程院院士", "决策咨询专家库", "长期从事城市规划研究"},
      {"", "", "", "", "", "", "", "", "", "", "", "", "", "", ""},  // blank rows are skipped
      {"2", "Anna Müller", "女", "1972", "Professor", "TU München", "anna@tum.de", "", "520.20", "AI", "海智", "德国",
       "否", "海智专家库", ""},
  };
  auto plan = parse_import(sheet(table), vocabulary(), 2026);
  INFO((plan.errors.empty() ? "" : plan.errors[0].column + ": " + plan.errors[0].message));
  CHECK(plan.ok());
  CHECK(plan.rows_total == 2);
  CHECK(plan.valid_rows() == 2);
  REQUIRE(plan.rows.size() == 2);
  auto const& a = plan.rows[0];
  CHECK(a.row == 2);
  CHECK(a.profile.gender == "male");
  CHECK(a.profile.birth_year == 1965);
  CHECK(a.profile.field_ids == std::vector<Id>{2, 4});
  CHECK(a.profile.keywords == std::vector<std::string>{"城市更新", "智慧城市"});
  CHECK(a.profile.academician == "CAE");
  CHECK(a.profile.pool_ids == std::vector<Id>{1});
  auto const& b = plan.rows[1];
  CHECK(b.row == 4);
  CHECK(b.profile.category == "overseas");
  CHECK(b.profile.country == "德国");
  CHECK(b.profile.field_ids == std::vector<Id>{4});
  CHECK_FALSE(b.profile.academician);
}

TEST_CASE("English headers are accepted", "[experts][import]") {
  std::vector<std::vector<std::string>> table = {{"Name", "Organization", "Email", "Keywords", "Category", "Country"},
                                                 {"Li Ming", "SJTU", "li@sjtu.edu.cn", "AI; health", "domestic", ""}};
  auto plan = parse_import(sheet(table), vocabulary(), 2026);
  CHECK(plan.ok());
  REQUIRE(plan.rows.size() == 1);
  CHECK(plan.rows[0].profile.keywords == std::vector<std::string>{"AI", "health"});
}

TEST_CASE("bad cells are reported with their row and column", "[experts][import]") {
  std::vector<std::vector<std::string>> table = {
      {"姓名", "性别", "出生年份", "工作单位", "邮箱", "手机", "学科领域", "类别", "院士", "专家库"},
      {"", "男", "1965", "同济大学", "a@b.cn", "", "", "", "", ""},
      {"张三", "未知", "六五年", "", "not-mail", "12", "不存在的学科", "外星", "诺贝尔", "不存在的库"},
      {"李四", "女", "1970", "复旦大学", "A@B.cn", "13800138000", "", "", "", ""},
      {"王五", "女", "1971", "交大", "c@d.cn", "138 0013 8000", "", "海外", "", ""},
  };
  auto plan = parse_import(sheet(table), vocabulary(), 2026);
  CHECK_FALSE(plan.ok());
  CHECK(plan.rows_total == 4);
  CHECK(has_error(plan, 2, "姓名"));
  for (char const* col : {"性别", "出生年份", "工作单位", "邮箱", "手机", "学科领域", "类别", "院士", "专家库"}) {
    INFO(col);
    CHECK(has_error(plan, 3, col));
  }
  // Row 4 repeats row 2's e-mail (case differs); row 5 repeats row 4's phone and lacks a country.
  CHECK(has_error(plan, 4, "邮箱"));
  CHECK(has_error(plan, 5, "手机"));
  CHECK(has_error(plan, 5, "国家或地区"));
  REQUIRE(plan.duplicates.size() == 2);
  CHECK(plan.duplicates[0].row == 4);
  CHECK(plan.duplicates[0].key == "email");
  CHECK(plan.duplicates[0].other_row == 2);
  CHECK(plan.duplicates[1].key == "phone");
  CHECK(plan.duplicates[1].other_row == 4);
  CHECK(plan.valid_rows() == 0);
}

TEST_CASE("a sheet without the required columns is refused at row 1", "[experts][import]") {
  auto plan = parse_import(sheet({{"名字", "单位名称"}, {"王", "同济"}}), vocabulary(), 2026);
  CHECK(has_error(plan, 1, "姓名"));
  CHECK(has_error(plan, 1, "工作单位"));
  CHECK(parse_import(Table{}, vocabulary(), 2026).errors.size() == 1);
}

TEST_CASE("a duplicate of an expert already in the pool is an error of its row", "[experts][import]") {
  auto plan = parse_import(sheet({{"姓名", "工作单位", "邮箱"}, {"王", "同济", "w@t.cn"}}), vocabulary(), 2026);
  REQUIRE(plan.ok());
  add_existing_duplicate(plan, 0, "email", "w@t.cn", 42);
  CHECK_FALSE(plan.ok());
  CHECK(has_error(plan, 2, "邮箱"));
  REQUIRE(plan.duplicates.size() == 1);
  CHECK(plan.duplicates[0].existing_expert_id == 42);
  CHECK(plan.valid_rows() == 0);
}

TEST_CASE("the GB18030 fixture written by Excel imports cleanly", "[experts][import][fixtures]") {
  auto table = read_table(read_fixture("experts_gb18030.csv"), "experts_gb18030.csv");
  auto plan = parse_import(table, vocabulary(), 2026);
  CHECK(plan.rows_total > 0);
  for (auto const& e : plan.errors) {
    // Field and pool names in the fixture refer to the seeded taxonomy, which this small
    // vocabulary lacks; every other column must parse.
    if (e.column == "学科领域" || e.column == "专家库") continue;
    FAIL_CHECK("row " << e.row << " " << e.column << ": " << e.message);
  }
  REQUIRE_FALSE(plan.rows.empty());
  CHECK_FALSE(plan.rows[0].profile.name.empty());
}

TEST_CASE("the xlsx fixture reads into the same shape", "[experts][import][fixtures]") {
  auto table = read_table(read_fixture("experts_sample.xlsx"), "experts_sample.xlsx");
  REQUIRE_FALSE(table.rows.empty());
  auto plan = parse_import(table, vocabulary(), 2026);
  CHECK(plan.rows_total == static_cast<int>(table.rows.size()));
}
