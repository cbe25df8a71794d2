// Spreadsheet import and export: CSV encodings and quoting, xlsx structure, round trips, limits.
#include "sheets/sheets.hpp"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <iconv.h>
#include <xlsxwriter.h>
#include <zip.h>
#include <catch2/catch.hpp>

#include "core/error.hpp"
#include "support/chinese_text.hpp"
#include "support/test_server.hpp"

#ifndef ZHIKU_FIXTURES_DIR
#error "ZHIKU_FIXTURES_DIR must name tests/fixtures"
#endif

using zhiku::Errc;
using zhiku::Error;
using zhiku::Table;

namespace {

using Rows = std::vector<std::vector<std::string>>;

// `utf8` in another charset, through the same iconv the reader uses.
std::string encode(std::string const& utf8, char const* charset) {
  iconv_t cd = iconv_open(charset, "UTF-8");
  REQUIRE(cd != reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1)));
  std::string out(utf8.size() * 4 + 16, '\0');
  char* src = const_cast<char*>(utf8.data());
  std::size_t src_left = utf8.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  std::size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
  iconv_close(cd);
  REQUIRE(r != static_cast<std::size_t>(-1));
  out.resize(out.size() - dst_left);
  return out;
}

std::string read_file(std::string const& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// One entry of a zip held in memory ("" when absent).
std::string zip_entry(std::string const& bytes, char const* name) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* zip = zip_open_from_source(source, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  REQUIRE(zip != nullptr);
  std::string out;
  if (zip_file_t* file = zip_fopen(zip, name, 0)) {
    char buffer[4096];
    zip_int64_t got;
    while ((got = zip_fread(file, buffer, sizeof buffer)) > 0) out.append(buffer, static_cast<std::size_t>(got));
    zip_fclose(file);
  }
  zip_discard(zip);
  return out;
}

// A zip of the given parts, built in memory.
std::string make_zip(std::map<std::string, std::string> const& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* target = zip_source_buffer_create(nullptr, 0, 0, &error);
  zip_t* zip = zip_open_from_source(target, ZIP_TRUNCATE, &error);
  zip_error_fini(&error);
  REQUIRE(zip != nullptr);
  zip_source_keep(target);
  for (auto const& [name, content] : parts) {
    zip_source_t* s = zip_source_buffer(zip, content.data(), content.size(), 0);
    REQUIRE(zip_file_add(zip, name.c_str(), s, ZIP_FL_ENC_UTF_8) >= 0);
  }
  REQUIRE(zip_close(zip) == 0);
  REQUIRE(zip_source_open(target) == 0);
  zip_source_seek(target, 0, SEEK_END);
  std::string out(static_cast<std::size_t>(zip_source_tell(target)), '\0');
  zip_source_seek(target, 0, SEEK_SET);
  zip_source_read(target, out.data(), out.size());
  zip_source_close(target);
  zip_source_free(target);
  return out;
}

// An xlsx written by libxlsxwriter's default (shared strings) mode, as Excel users make them.
template <typename Fill>
std::string make_workbook(Fill fill) {
  auto path = std::filesystem::temp_directory_path() / "zhiku-spreadsheet-test.xlsx";
  lxw_workbook* wb = workbook_new(path.string().c_str());
  REQUIRE(wb != nullptr);
  fill(wb, workbook_add_worksheet(wb, nullptr));
  REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
  std::string bytes = read_file(path.string());
  std::filesystem::remove(path);
  return bytes;
}

std::string refusal(std::string_view bytes, zhiku::SheetLimits const& limits = {}) {
  try {
    zhiku::read_table(bytes, "upload", limits);
  } catch (Error const& e) {
    CHECK(e.code() == Errc::invalid_argument);
    INFO(e.detail());
    CHECK(zhiku::test::has_cjk(e.detail()));  // the import wizard shows it as it is
    return e.detail();
  }
  FAIL("the file was accepted");
  return {};
}

std::string const kExpertsCsv = "姓名,工作单位,学科领域\n张三,清华大学,城市规划\n李四,北京大学,人工智能\n";

void check_experts(Table const& t) {
  CHECK(t.header == std::vector<std::string>{"姓名", "工作单位", "学科领域"});
  CHECK(t.rows == Rows{{"张三", "清华大学", "城市规划"}, {"李四", "北京大学", "人工智能"}});
  CHECK(t.row_numbers == std::vector<int>{2, 3});
}

}  // namespace

TEST_CASE("a UTF-8 CSV is read with or without a byte order mark", "[sheets]") {
  SECTION("without") { check_experts(zhiku::read_csv(kExpertsCsv)); }
  SECTION("with: the mark is not part of the first column's name") {
    check_experts(zhiku::read_csv("\xEF\xBB\xBF" + kExpertsCsv));
  }
}

TEST_CASE("a GB18030 CSV as Excel in China saves it is decoded", "[sheets]") {
  std::string bytes = encode("姓名,工作单位,学科领域\r\n张三,清华大学,城市规划\r\n", "GB18030");
  REQUIRE(bytes.find("\xD5\xC5\xC8\xFD") != std::string::npos);  // 张三 in GB18030
  Table t = zhiku::read_csv(bytes);
  CHECK(t.header == std::vector<std::string>{"姓名", "工作单位", "学科领域"});
  CHECK(t.rows == Rows{{"张三", "清华大学", "城市规划"}});
}

TEST_CASE("a UTF-16 CSV with a byte order mark is decoded", "[sheets]") {
  SECTION("little endian, as Excel's Unicode text") {
    check_experts(zhiku::read_csv("\xFF\xFE" + encode(kExpertsCsv, "UTF-16LE")));
  }
  SECTION("big endian") { check_experts(zhiku::read_csv("\xFE\xFF" + encode(kExpertsCsv, "UTF-16BE"))); }
}

TEST_CASE("quoted cells keep their separators and doubled quotes", "[sheets]") {
  Table t = zhiku::read_csv("姓名,研究方向,备注\n张三,\"城市更新,国土空间规划\",\"他说\"\"好\"\"\"\n");
  CHECK(t.rows == Rows{{"张三", "城市更新,国土空间规划", "他说\"好\""}});
}

TEST_CASE("a quoted cell may span lines and records may end with CRLF", "[sheets]") {
  Table t = zhiku::read_csv("姓名,简介\r\n张三,\"第一行\r\n第二行\"\r\n李四,教授\r\n");
  CHECK(t.rows == Rows{{"张三", "第一行\n第二行"}, {"李四", "教授"}});
  CHECK(t.row_numbers == std::vector<int>{2, 3});  // Excel's rows, not the text's lines
}

TEST_CASE("an unterminated quote is refused naming the line where it opened", "[sheets]") {
  std::string detail = refusal("姓名,单位\n张三,清华\n李四,\"北京大学\n王五,复旦\n");
  CHECK_THAT(detail, Catch::Contains("第 3 行") && Catch::Contains("引号没有闭合"));
}

TEST_CASE("empty rows are skipped but the other rows keep their numbers", "[sheets]") {
  Table t = zhiku::read_csv("\n姓名,单位\n\n张三,清华\n , \n,,,\n李四,北大\n");
  CHECK(t.header_row_number == 2);
  CHECK(t.rows == Rows{{"张三", "清华"}, {"李四", "北大"}});
  CHECK(t.row_numbers == std::vector<int>{4, 7});
}

TEST_CASE("rows are padded to the header and keep extra cells that hold text", "[sheets]") {
  Table t = zhiku::read_csv("a,b,c,,\n1\n1,2,3,4\n");
  CHECK(t.header == std::vector<std::string>{"a", "b", "c"});
  CHECK(t.rows == Rows{{"1", "", ""}, {"1", "2", "3", "4"}});
}

TEST_CASE("the separator is sniffed from the first line", "[sheets]") {
  SECTION("semicolons") {
    CHECK(zhiku::read_csv("姓名;单位\n张三;\"清华;北大\"\n").rows == Rows{{"张三", "清华;北大"}});
  }
  SECTION("tabs") { CHECK(zhiku::read_csv("姓名\t单位\n张三\t清华,北大\n").rows == Rows{{"张三", "清华,北大"}}); }
  SECTION("a comma wins") { CHECK(zhiku::read_csv("姓名,单位;部门\n张三,清华;建筑学院\n").header.size() == 2); }
  SECTION("Excel's sep= line") {
    Table t = zhiku::read_csv("sep=;\r\n姓名;单位\r\n张三;清华\r\n");
    CHECK(t.rows == Rows{{"张三", "清华"}});
    CHECK(t.row_numbers == std::vector<int>{2});
  }
}

TEST_CASE("cells are trimmed of ASCII and full-width spaces", "[sheets]") {
  Table t = zhiku::read_csv("  姓名 ,单位\n\xE3\x80\x80张三\xE3\x80\x80, \"  清华 \" \n");
  CHECK(t.header == std::vector<std::string>{"姓名", "单位"});
  CHECK(t.rows == Rows{{"张三", "清华"}});
}

TEST_CASE("a file without a header row is refused", "[sheets]") {
  SECTION("empty") { CHECK_THAT(refusal(""), Catch::Contains("文件为空")); }
  SECTION("blank lines") { CHECK_THAT(refusal("\r\n , \r\n\r\n"), Catch::Contains("文件为空")); }
  SECTION("a byte order mark only") { CHECK_THAT(refusal("\xEF\xBB\xBF"), Catch::Contains("文件为空")); }
}

TEST_CASE("files beyond the row or column limit are refused", "[sheets]") {
  zhiku::SheetLimits limits;
  limits.max_rows = 3;
  limits.max_columns = 4;
  CHECK_NOTHROW(zhiku::read_csv("a\n1\n2\n3\n", limits));
  CHECK_THAT(refusal("a\n1\n2\n3\n4\n", limits), Catch::Contains("超过 3 行"));
  CHECK_NOTHROW(zhiku::read_csv("a,b,c,d,,,,\n", limits));
  CHECK_THAT(refusal("a\n1,2,3,4,5\n", limits), Catch::Contains("第 2 行") && Catch::Contains("最多 4 列"));
  std::string xlsx = zhiku::write_xlsx(Table{{"a", "b", "c", "d", "e"}, {}, {}, 1});
  CHECK_THAT(refusal(xlsx, limits), Catch::Contains("第 1 行") && Catch::Contains("第 4 列之后"));
  SECTION("the defaults are 50,000 rows and 200 columns") {
    std::string wide = "a" + std::string(200, ',') + "b\n";
    CHECK_THAT(refusal(wide), Catch::Contains("第 200 列之后"));
    CHECK_NOTHROW(zhiku::read_csv("a" + std::string(100'000, ',') + "\n"));
    std::string tall = "a\n";
    for (int i = 0; i < 50'001; ++i) tall += "x\n";
    CHECK_THAT(refusal(tall), Catch::Contains("50000"));
  }
}

TEST_CASE("bytes that are no known text are refused", "[sheets]") {
  SECTION("neither UTF-8 nor GB18030") {
    CHECK_THAT(refusal("姓名\n张三\n\x81\x20\n"), Catch::Contains("第 3 行") && Catch::Contains("GB18030"));
  }
  SECTION("binary") { CHECK_THAT(refusal(std::string("a,b\n\0\0\0", 7)), Catch::Contains("空字符")); }
  SECTION("UTF-16 with a broken surrogate") {
    CHECK_THAT(refusal(std::string("\xFF\xFE"
                                   "a\0\x00\xD8"
                                   "b\0",
                                   8)),
               Catch::Contains("UTF-16LE"));
  }
  SECTION("a legacy .xls") { CHECK_THAT(refusal("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest"), Catch::Contains(".xls")); }
}

TEST_CASE("write_csv writes UTF-8 with a BOM, CRLF and quotes where needed", "[sheets]") {
  Table t{{"姓名", "备注"}, {{"张三", "a,b"}, {"李四", "他说\"好\"\n下一行"}}, {}, 1};
  CHECK(zhiku::write_csv(t) == "\xEF\xBB\xBF姓名,备注\r\n张三,\"a,b\"\r\n李四,\"他说\"\"好\"\"\n下一行\"\r\n");
}

TEST_CASE("write_csv guards cells a spreadsheet would run as formulas", "[sheets]") {
  auto one_cell = [](std::string cell) {
    std::string csv = zhiku::write_csv(Table{{"x"}, {{std::move(cell)}}, {}, 1});
    return csv.substr(csv.find("\r\n") + 2, csv.size() - csv.find("\r\n") - 4);
  };
  CHECK(one_cell("=HYPERLINK(\"http://evil\",\"x\")") == "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
  CHECK(one_cell("+1+cmd|' /C calc'!A0") == "'+1+cmd|' /C calc'!A0");
  CHECK(one_cell("-2+3") == "'-2+3");
  CHECK(one_cell("@SUM(A1)") == "'@SUM(A1)");
  CHECK(one_cell("\t=1") == "'\t=1");
  CHECK(one_cell("\r=1") == "\"'\r=1\"");
  CHECK(one_cell("  =1") == "'  =1");
  CHECK(one_cell("+86 138 0013 8000") == "'+86 138 0013 8000");
  SECTION("plain numbers and ordinary text stay as they are") {
    CHECK(one_cell("-3") == "-3");
    CHECK(one_cell("-3.5") == "-3.5");
    CHECK(one_cell("+8613800138000") == "+8613800138000");
    CHECK(one_cell("张三=李四") == "张三=李四");
    CHECK(one_cell("a@example.com") == "a@example.com");
  }
}

TEST_CASE("write_csv output reads back as the same table", "[sheets]") {
  Table t{{"姓名", "单位", "备注", "手机"},
          {{"张三", "清华大学,建筑学院", "他说\"好\"\n第二行", "13800138000"},
           {"李四", "", "=1+1", "-3"},
           {"O'Brien", "@home", "-2+3", "+86 138 0013 8000"}},
          {},
          1};
  Table back = zhiku::read_csv(zhiku::write_csv(t));
  CHECK(back.header == t.header);
  CHECK(back.rows == t.rows);
  CHECK(back.row_numbers == std::vector<int>{2, 3, 4});
}

TEST_CASE("an exported xlsx reads back with Chinese text, phone numbers and empty cells", "[sheets]") {
  Table t{{"姓名", "手机", "工作单位", "备注"},
          {{"张三", "13800138000", "清华大学", ""},
           {"李四", "", "", "=1+1"},
           {"王五", "0086-10-62785001", "北京大学", "第一行\n第二行"}},
          {},
          1};
  std::string bytes = zhiku::write_xlsx(t, "专家库");
  REQUIRE(bytes.substr(0, 4) == std::string("PK\x03\x04", 4));
  Table back = zhiku::read_xlsx(bytes);
  CHECK(back.header == t.header);
  CHECK(back.rows == t.rows);
  CHECK(back.row_numbers == std::vector<int>{2, 3, 4});
  SECTION("the header is frozen and every cell is a string") {
    std::string sheet = zip_entry(bytes, "xl/worksheets/sheet1.xml");
    CHECK_THAT(sheet, Catch::Contains("state=\"frozen\""));
    CHECK_THAT(sheet, !Catch::Contains("<v>13800138000</v>"));
    CHECK_THAT(zip_entry(bytes, "xl/workbook.xml"), Catch::Contains("name=\"专家库\""));
  }
}

TEST_CASE("the footer note names the reader below the data and in the document properties", "[sheets]") {
  Table t{{"姓名"}, {{"张三"}}, {}, 1};
  std::string note = "导出人: 张三 2026-11-29";
  std::string bytes = zhiku::write_xlsx(t, "专家库", note);
  Table back = zhiku::read_xlsx(bytes);
  REQUIRE(back.rows.size() == 2);
  CHECK(back.rows.back() == std::vector<std::string>{note});
  CHECK(back.row_numbers.back() == 4);  // one blank row between the data and the note
  std::string core = zip_entry(bytes, "docProps/core.xml");
  CHECK_THAT(core, Catch::Contains("<dc:creator>" + note + "</dc:creator>"));
  CHECK_THAT(core, Catch::Contains(note + "</dc:description>"));
  CHECK_THAT(zip_entry(bytes, "xl/worksheets/sheet1.xml"), Catch::Contains("<oddFooter>&amp;L" + note));
  SECTION("no note, no extra row") { CHECK(zhiku::read_xlsx(zhiku::write_xlsx(t)).rows.size() == 1); }
}

TEST_CASE("write_xlsx cleans what Excel would reject", "[sheets]") {
  Table t{{"名"},
          {{std::string("a\x01"
                        "b\xFF"
                        "c")},
           {std::string(40'000, 'x')}},
          {},
          1};
  std::string bytes = zhiku::write_xlsx(t, "a/b:c[d]*?'");
  CHECK_THAT(zip_entry(bytes, "xl/workbook.xml"), Catch::Contains("name=\"a_b_c_d___\""));
  Table back = zhiku::read_xlsx(bytes);
  CHECK(back.rows[0][0] ==
        "a b\xEF\xBF\xBD"
        "c");
  CHECK(back.rows[1][0].size() == 32'767);
}

TEST_CASE("write_xlsx leaves no temporary file behind", "[sheets]") {
  // A private temporary directory: other tests (and other test processes) export at the same time.
  zhiku::test::TempDir dir;
  char const* saved = std::getenv("TMPDIR");
  std::string const previous = saved ? saved : "";
  ::setenv("TMPDIR", dir.path().c_str(), 1);
  REQUIRE(std::filesystem::temp_directory_path() == dir.path());
  std::string const bytes = zhiku::write_xlsx(Table{{"a"}, {{"1"}}, {}, 1});
  if (saved)
    ::setenv("TMPDIR", previous.c_str(), 1);
  else
    ::unsetenv("TMPDIR");
  CHECK(bytes.rfind("PK", 0) == 0);
  CHECK(std::filesystem::is_empty(dir.path()));
}

TEST_CASE("a corrupt xlsx is refused with an Error, not a crash", "[sheets]") {
  SECTION("random bytes after the zip magic") {
    std::mt19937 random(42);
    std::string bytes("PK\x03\x04", 4);
    for (int i = 0; i < 4096; ++i) bytes.push_back(static_cast<char>(random()));
    CHECK_THAT(refusal(bytes), Catch::Contains("xlsx"));
  }
  SECTION("a truncated workbook") {
    std::string bytes = zhiku::write_xlsx(Table{{"姓名"}, {{"张三"}}, {}, 1});
    CHECK_THAT(refusal(bytes.substr(0, bytes.size() / 2)), Catch::Contains("xlsx"));
  }
  SECTION("a zip that is no workbook") {
    CHECK_THAT(refusal(make_zip({{"readme.txt", "hello"}})), Catch::Contains("不是 xlsx 工作簿"));
  }
  SECTION("broken XML in the sheet") {
    std::string bytes = make_zip({{"xl/workbook.xml", "<workbook><sheets/></workbook>"},
                                  {"xl/worksheets/sheet1.xml", "<worksheet><sheetData><row><c"}});
    CHECK_THAT(refusal(bytes), Catch::Contains("已损坏"));
  }
  SECTION("a shared string index out of range") {
    std::string bytes = make_zip(
        {{"xl/workbook.xml", "<workbook/>"},
         {"xl/worksheets/sheet1.xml",
          "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row></sheetData></worksheet>"}});
    CHECK_THAT(refusal(bytes), Catch::Contains("超出范围"));
  }
}

TEST_CASE("numbers in an xlsx read as Excel shows them", "[sheets]") {
  std::string bytes = make_workbook([](lxw_workbook* wb, lxw_worksheet* ws) {
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy\"年\"m\"月\"d\"日\"");
    lxw_format* builtin_date = workbook_add_format(wb);
    format_set_num_format_index(builtin_date, 14);
    lxw_format* time = workbook_add_format(wb);
    format_set_num_format(time, "hh:mm");
    lxw_format* money = workbook_add_format(wb);
    format_set_num_format(money, "#,##0.00\"元\";[Red]-#,##0.00\"元\"");
    worksheet_write_string(ws, 0, 0, "手机", nullptr);
    worksheet_write_string(ws, 0, 1, "出生年份", nullptr);
    worksheet_write_string(ws, 0, 2, "其他", nullptr);
    worksheet_write_number(ws, 1, 0, 13800138000, nullptr);
    worksheet_write_number(ws, 1, 1, 1965, nullptr);
    worksheet_write_number(ws, 1, 2, 3.5, nullptr);
    worksheet_write_number(ws, 2, 0, -42, nullptr);
    worksheet_write_boolean(ws, 2, 2, 1, nullptr);  // B3 skipped
    worksheet_write_number(ws, 3, 0, 0.1 + 0.2, nullptr);
    worksheet_write_number(ws, 3, 1, 23802, date);            // 1965-03-01
    worksheet_write_number(ws, 3, 2, 46355.5, builtin_date);  // a date format shows the day only
    worksheet_write_number(ws, 4, 0, 0.34375, time);          // 08:15
    worksheet_write_number(ws, 4, 1, 1234.5, money);
    worksheet_write_formula_num(ws, 4, 2, "=1+1", nullptr, 2);
  });
  Table t = zhiku::read_xlsx(bytes);
  CHECK(t.rows == Rows{{"13800138000", "1965", "3.5"},
                       {"-42", "", "TRUE"},
                       {"0.3", "1965-03-01", "2026-11-29"},
                       {"08:15", "1234.5", "2"}});
}

TEST_CASE("the first worksheet is found through the package relationships", "[sheets]") {
  // Shaped like files from other producers: prefixed elements, a chart sheet first, the
  // worksheet not called sheet1.xml, rich text, phonetic runs, inline strings, _xHHHH_ escapes.
  std::string const ns =
      "xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
  std::string const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  std::string bytes = make_zip({
      {"_rels/.rels", "<Relationships><Relationship Id=\"rId1\" Type=\"" + rel +
                          "officeDocument\" Target=\"/book/main.xml\"/></Relationships>"},
      {"book/main.xml", "<x:workbook " + ns + "><x:sheets><x:sheet name=\"图表\" sheetId=\"1\" r:id=\"rId3\"/>" +
                            "<x:sheet name=\"名单\" sheetId=\"2\" r:id=\"rId2\"/>" +
                            "<x:sheet name=\"其他\" sheetId=\"3\" r:id=\"rId4\"/></x:sheets></x:workbook>"},
      {"book/_rels/main.xml.rels",
       "<Relationships><Relationship Id=\"rId2\" Type=\"" + rel + "worksheet\" Target=\"sheets/../sheets/list.xml\"/>" +
           "<Relationship Id=\"rId3\" Type=\"" + rel + "chartsheet\" Target=\"charts/c.xml\"/>" +
           "<Relationship Id=\"rId4\" Type=\"" + rel + "worksheet\" Target=\"sheets/other.xml\"/>" +
           "<Relationship Id=\"rId5\" Type=\"" + rel + "sharedStrings\" Target=\"strings.xml\"/></Relationships>"},
      {"book/strings.xml",
       "<x:sst " + ns + "><x:si><x:t>姓名</x:t></x:si><x:si><x:t>单位</x:t></x:si>" +
           "<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>张</x:t></x:r><x:r><x:t xml:space=\"preserve\"> </x:t>" +
           "</x:r><x:r><x:t>三</x:t></x:r><x:rPh sb=\"0\" eb=\"1\"><x:t>ZHANG</x:t></x:rPh></x:si>" +
           "<x:si><x:t>a_x000D_b_x005F_x0041_</x:t></x:si></x:sst>"},
      {"book/sheets/list.xml",
       "<x:worksheet " + ns + "><x:sheetData>" +
           "<x:row r=\"2\"><x:c r=\"A2\" t=\"s\"><x:v>0</x:v></x:c><x:c r=\"C2\" t=\"s\"><x:v>1</x:v></x:c></x:row>" +
           "<x:row r=\"3\"><x:c r=\"A3\" t=\"s\"><x:v>2</x:v></x:c><x:c r=\"B3\" s=\"0\"/>" +
           "<x:c r=\"C3\" t=\"inlineStr\"><x:is><x:t>清华大学</x:t></x:is></x:c></x:row>" +
           "<x:row r=\"5\"><x:c t=\"s\"><x:v>3</x:v></x:c><x:c/><x:c "
           "t=\"str\"><x:f>A5</x:f><x:v>公式</x:v></x:c></x:row>" +
           "</x:sheetData></x:worksheet>"},
      {"book/sheets/other.xml", "<x:worksheet " + ns + "><x:sheetData/></x:worksheet>"},
  });
  Table t = zhiku::read_xlsx(bytes);
  CHECK(t.header_row_number == 2);
  CHECK(t.header == std::vector<std::string>{"姓名", "", "单位"});
  CHECK(t.rows == Rows{{"张 三", "", "清华大学"}, {"a\rb_x0041_", "", "公式"}});
  CHECK(t.row_numbers == std::vector<int>{3, 5});
}

TEST_CASE("an xlsx part larger than the limit is refused", "[sheets]") {
  std::string bytes = zhiku::write_xlsx(Table{{"姓名"}, {{std::string(5000, 'x')}}, {}, 1});
  zhiku::SheetLimits limits;
  limits.max_xlsx_part_bytes = 4096;
  CHECK_THAT(refusal(bytes, limits), Catch::Contains("解压后超过"));
  CHECK_NOTHROW(zhiku::read_xlsx(bytes));
}

TEST_CASE("read_table picks the reader by the bytes, then by the name", "[sheets]") {
  std::string xlsx = zhiku::write_xlsx(Table{{"姓名"}, {{"张三"}}, {}, 1});
  CHECK(zhiku::read_table(xlsx, "experts.csv").rows == Rows{{"张三"}});
  CHECK(zhiku::read_table("姓名\n张三\n", "text/csv").rows == Rows{{"张三"}});
  CHECK(zhiku::read_table("姓名\n张三\n", "application/vnd.ms-excel").rows == Rows{{"张三"}});
  CHECK_THROWS_AS(zhiku::read_table("姓名\n张三\n", "Experts.XLSX"), Error);
  CHECK_THROWS_AS(zhiku::read_table("姓名\n", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                  Error);
}

TEST_CASE("the GB18030 fixture reads as five experts in twelve columns", "[sheets]") {
  Table t = zhiku::read_table(read_file(ZHIKU_FIXTURES_DIR "/experts_gb18030.csv"), "experts_gb18030.csv");
  CHECK(t.header == std::vector<std::string>{"姓名", "性别", "出生年份", "职称", "工作单位", "邮箱", "手机", "学科领域",
                                             "研究方向", "类别", "国家或地区", "院士"});
  REQUIRE(t.rows.size() == 5);
  CHECK(t.rows[0][0] == "张伟");
  CHECK(t.rows[0][8] == "城市更新,国土空间规划");
  CHECK(t.rows[4][6] == "+1 650 555 0142");
}

TEST_CASE("the sample xlsx fixture reads its numeric phones as digits", "[sheets]") {
  Table t = zhiku::read_table(read_file(ZHIKU_FIXTURES_DIR "/experts_sample.xlsx"), "experts_sample.xlsx");
  REQUIRE(t.rows.size() == 5);
  CHECK(t.header.size() == 12);
  CHECK(t.rows[0][6] == "13800138011");
  CHECK(t.rows[0][2] == "1970");
  CHECK(t.rows[1][5] == "sun.qiang#example.com");
  CHECK(t.rows[3][5] == t.rows[0][5]);
  CHECK(t.row_numbers == std::vector<int>{2, 3, 4, 5, 6});
}
