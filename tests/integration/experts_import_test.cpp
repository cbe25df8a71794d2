// Import and export over HTTP and the CLI: dry run with row errors, all-or-nothing commit,
// GB18030 and XLSX files, exports that Excel reads in Chinese and that name their reader.
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "sheets/sheets.hpp"
#include "storage/connection.hpp"
#include "integration/experts_helpers.hpp"
#include "support/process.hpp"

using namespace zhiku;
using namespace zhiku::test;

namespace {

std::string fixture(std::string const& name) {
  std::ifstream in(std::string(ZHIKU_FIXTURES_DIR) + "/" + name, std::ios::binary);
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

constexpr char kCsv[] = "text/csv";
constexpr char kXlsx[] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

HttpResponse upload(HttpClient& client, std::string const& query, std::string const& bytes,
                    std::string const& type = kCsv) {
  return client.request("POST", "/api/v1/experts/import" + query, bytes, type);
}

std::int64_t expert_count(TestServer& server) { return count_rows(server, "SELECT count(*) + 0 * ? FROM experts", 0); }

bool has_error(Json const& errors, int row, std::string const& column) {
  for (auto const& e : errors)
    if (e["row"] == row && e["column"] == column) return true;
  return false;
}

}  // namespace

TEST_CASE("an import is checked in a dry run and committed all or nothing", "[integration][experts]") {
  TestServer server;
  auto p = make_personas(server);
  std::string bad = fixture("experts_bad_rows.csv");

  auto dry = upload(p.coordinator, "?dry_run=true", bad);
  INFO(dry.body);
  REQUIRE(dry.status == 200);
  auto report = dry.json();
  CHECK(report["dry_run"] == true);
  CHECK(report["rows_total"] == 7);
  CHECK(report["valid_rows"] == 2);
  CHECK(report["imported"] == 0);
  CHECK(has_error(report["errors"], 3, "姓名"));
  CHECK(has_error(report["errors"], 4, "邮箱"));
  CHECK(has_error(report["errors"], 5, "学科领域"));
  CHECK(has_error(report["errors"], 6, "出生年份"));
  CHECK(has_error(report["errors"], 7, "邮箱"));  // same e-mail as row 2
  REQUIRE(report["duplicates"].size() == 1);
  CHECK(report["duplicates"][0]["row"] == 7);
  CHECK(report["duplicates"][0]["other_row"] == 2);
  CHECK(report["duplicates"][0]["key"] == "email");
  CHECK(report["preview"].size() == 7);
  CHECK(report["preview"][0]["name"] == "王建国");
  CHECK(report["preview"][0]["fields"][0]["name"] == "城市规划");
  CHECK(expert_count(server) == 0);

  auto refused = upload(p.coordinator, "?dry_run=false", bad);
  CHECK(refused.status == 400);
  CHECK(refused.is_problem());
  CHECK(has_error(refused.json()["errors"], 3, "姓名"));
  CHECK(expert_count(server) == 0);

  CHECK(upload(p.leader, "?dry_run=true", bad).status == 403);
  CHECK(upload(p.coordinator, "?dry_run=true", bad, "application/json").status == 415);

  SECTION("a clean file is imported in one go, pending, audited") {
    std::string clean =
        "\xEF\xBB\xBF姓名,性别,出生年份,职称,工作单位,邮箱,手机,学科领域,研究方向/"
        "关键词,类别,国家或地区,院士,专家库\r\n"
        "刘一,男,1960,教授,同济大学,liu1@example.cn,13900000011,城市规划,城市更新；交通,国内,,中国工程院院士,"
        "决策咨询专家库\r\n"
        "陈二,女,1975,研究员,Max Planck Institute,chen2@example.cn,,人工智能,AI,海外,德国,否,海智专家库\r\n";
    auto ok = upload(p.coordinator, "?dry_run=false", clean);
    INFO(ok.body);
    REQUIRE(ok.status == 201);
    CHECK(ok.json()["imported"] == 2);
    CHECK(expert_count(server) == 2);
    auto list = p.coordinator.get("/api/v1/experts?status=pending&sort=name").json();
    CHECK(list["total"] == 2);
    CHECK(count_rows(server, "SELECT count(*) + 0 * ? FROM audit_log WHERE action = 'expert.import_batch'", 0) == 1);
    CHECK(count_rows(server, "SELECT count(*) + 0 * ? FROM audit_log WHERE action = 'expert.import'", 0) == 2);
    // The same file again: every row is now a duplicate of an expert in the pool.
    auto again = upload(p.coordinator, "?dry_run=true", clean).json();
    CHECK(again["valid_rows"] == 0);
    CHECK(again["duplicates"][0]["existing_expert_id"].is_number());
  }

  SECTION("GB18030 from Excel in China") {
    auto r = upload(p.coordinator, "?dry_run=true", fixture("experts_gb18030.csv"));
    REQUIRE(r.status == 200);
    INFO(r.body);
    CHECK(r.json()["errors"].empty());
    CHECK(r.json()["rows_total"].get<int>() > 0);
    auto commit = upload(p.coordinator, "?dry_run=false&status=active", fixture("experts_gb18030.csv"));
    REQUIRE(commit.status == 201);
    CHECK(p.coordinator.get("/api/v1/experts?status=active").json()["total"] == r.json()["rows_total"]);
  }

  SECTION("XLSX") {
    auto r = upload(p.coordinator, "?dry_run=true", fixture("experts_sample.xlsx"), kXlsx);
    INFO(r.body);
    REQUIRE(r.status == 200);
    CHECK(r.json()["rows_total"].get<int>() > 0);
  }
}

TEST_CASE("exports are spreadsheets Excel reads in Chinese, naming their reader", "[integration][experts]") {
  TestServer server;
  auto p = make_personas(server);
  Json a = expert_body("王建国", "同济大学");
  a["email"] = "wang@tongji.edu.cn";
  a["keywords"] = Json::array({"城市规划"});
  a["pool_ids"] = Json::array({1});
  create_expert(p.coordinator, a);
  Json b = expert_body("=HYPERLINK(\"x\")", "某单位");
  create_expert(p.coordinator, b);

  auto csv = p.coordinator.get("/api/v1/experts/export?format=csv&q=" + enc("城市"));
  REQUIRE(csv.status == 200);
  CHECK(csv.header("content-type").rfind("text/csv", 0) == 0);
  std::string cd = csv.header("content-disposition");
  CHECK(cd.find("attachment") == 0);
  CHECK(cd.find("filename=\"experts-") != std::string::npos);
  CHECK(cd.find("filename*=UTF-8''%E4%B8%93%E5%AE%B6%E5%BA%93-") != std::string::npos);
  CHECK(csv.body.rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(csv.body.find("姓名") != std::string::npos);
  CHECK(csv.body.find("王建国") != std::string::npos);
  CHECK(csv.body.find("wang@tongji.edu.cn") != std::string::npos);
  CHECK(csv.body.find("决策咨询专家库") != std::string::npos);
  CHECK(csv.body.find("导出人: 王协调（coordinator）") != std::string::npos);
  CHECK(csv.body.find("HYPERLINK") == std::string::npos);  // filtered out by q

  auto read_back = read_csv(csv.body);
  REQUIRE(read_back.rows.size() >= 2);
  CHECK(read_back.header[0] == "姓名");
  CHECK(read_back.rows[0][0] == "王建国");
  CHECK(read_back.rows.back()[0].rfind("导出人", 0) == 0);

  auto all = p.coordinator.get("/api/v1/experts/export?format=csv");
  CHECK(all.body.find("'=HYPERLINK") != std::string::npos);  // formula injection guarded

  auto xlsx = p.admin.get("/api/v1/experts/export?format=xlsx");
  REQUIRE(xlsx.status == 200);
  CHECK(xlsx.header("content-type") == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  CHECK(xlsx.header("content-disposition").find(".xlsx") != std::string::npos);
  auto sheet = read_xlsx(xlsx.body);
  CHECK(sheet.header[0] == "姓名");
  bool found = false, reader = false;
  for (auto const& row : sheet.rows) {
    found = found || row[0] == "王建国";
    for (auto const& cell : row) reader = reader || cell.find("导出人: 系统管理员（admin）") != std::string::npos;
  }
  CHECK(found);
  CHECK(reader);

  CHECK(p.coordinator.get("/api/v1/experts/export?format=pdf").status == 400);
  CHECK(p.expert_alice.get("/api/v1/experts/export").status == 403);
}

TEST_CASE("zhiku import experts validates and commits like the API", "[integration][experts]") {
  TempDir dir;
  std::string db = dir.file("cli.db");
  std::string bad = std::string(ZHIKU_FIXTURES_DIR) + "/experts_bad_rows.csv";
  auto refused = run_process({ZHIKU_BINARY, "import", "experts", bad, "--db", db});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("row 3, 姓名") != std::string::npos);
  CHECK(refused.out.find("0 imported") != std::string::npos);

  auto dry = run_process({ZHIKU_BINARY, "import", "experts", std::string(ZHIKU_FIXTURES_DIR) + "/experts_gb18030.csv",
                          "--dry-run", "--db", db});
  INFO(dry.err);
  CHECK(dry.exit_code == 0);
  CHECK(dry.out.find("dry run") != std::string::npos);
  auto commit = run_process(
      {ZHIKU_BINARY, "import", "experts", std::string(ZHIKU_FIXTURES_DIR) + "/experts_gb18030.csv", "--db", db});
  INFO(commit.err);
  CHECK(commit.exit_code == 0);
  CHECK(commit.out.find("imported") != std::string::npos);
  auto twice = run_process(
      {ZHIKU_BINARY, "import", "experts", std::string(ZHIKU_FIXTURES_DIR) + "/experts_gb18030.csv", "--db", db});
  CHECK(twice.exit_code == 1);  // every row now duplicates an expert in the pool

  // --status active enters a vetted list straight into the pool, as the API's ?status=active.
  std::string const vetted = dir.file("vetted.csv");
  std::ofstream(vetted) << "姓名,工作单位,邮箱\n钱学文,上海交通大学,qian@example.cn\n";
  CHECK(run_process({ZHIKU_BINARY, "import", "experts", vetted, "--status", "retired", "--db", db}).exit_code != 0);
  auto active = run_process({ZHIKU_BINARY, "import", "experts", vetted, "--status", "active", "--db", db});
  INFO(active.err);
  CHECK(active.exit_code == 0);
  storage::Connection c(storage::ConnectionOptions{db, "FULL", 5000, true});
  auto s = c.prepare("SELECT status FROM experts WHERE name = '钱学文'");
  REQUIRE(s.step());
  CHECK(s.text(0) == "active");
}
