// Every message JsonFields and parse_json_body give is Chinese (the web UI shows them as they
// are), names what is wrong and what is allowed, and keeps the API's field names.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "core/json.hpp"
#include "support/chinese_text.hpp"

using zhiku::Errc;
using zhiku::Error;
using zhiku::Json;
using zhiku::JsonFields;
using zhiku::parse_json_body;
using zhiku::test::has_cjk;

namespace {

std::string detail_of(std::string const& body) {
  try {
    parse_json_body(body);
  } catch (Error const& e) {
    return e.detail();
  }
  FAIL("accepted: " << body);
  return {};
}

std::string message_of(std::vector<zhiku::FieldError> const& errors, std::string const& field) {
  for (auto const& e : errors)
    if (e.field == field) return e.message;
  FAIL("no error for " << field);
  return {};
}

}  // namespace

TEST_CASE("every JsonFields type and range error is Chinese and names its field", "[core][json][messages]") {
  Json body = parse_json_body(R"({
    "s_number": 5, "s_long": "一二三四五六", "s_blank": "  ", "s_short": "ab",
    "i_text": "7", "i_range": 11, "i_huge": 18446744073709551615, "i_negative": 0,
    "n_text": "x", "n_range": 3,
    "b_text": "yes",
    "a_object": {}, "a_many": ["a", "b", "c"], "a_item": ["ok", 3], "a_empty_item": ["ok", " "],
    "ia_text": "1,2", "ia_item": [1, "2"],
    "d_text": "2026-02-30"
  })");
  JsonFields f(body);
  f.req_string("s_missing");
  f.req_string("s_number");
  f.opt_string("s_long", 5);
  f.req_string("s_blank");
  f.req_string("s_short", 10, 3);
  f.req_int("i_missing", 0, 10);
  f.opt_int("i_text", 0, 10);
  f.opt_int("i_range", 0, 10);
  f.opt_int("i_huge", 1, INT64_MAX);
  f.opt_int("i_negative", 5, INT64_MAX);
  f.opt_number("n_text", 0, 1);
  f.opt_number("n_range", 0, 2.5);
  f.opt_bool("b_text");
  f.opt_string_array("a_object");
  f.opt_string_array("a_many", 2);
  f.opt_string_array("a_item");
  f.opt_string_array("a_empty_item", 10, 20);
  f.opt_int_array("ia_text");
  f.opt_int_array("ia_item");
  f.opt_date("d_text");

  Error e(Errc::invalid_argument, "");
  try {
    f.finish();
    FAIL("finish accepted invalid fields");
  } catch (Error const& thrown) {
    e = thrown;
  }
  CHECK(e.code() == Errc::invalid_argument);
  REQUIRE(e.errors().size() == 20);
  for (auto const& fe : e.errors()) {
    INFO(fe.field << ": " << fe.message);
    CHECK(has_cjk(fe.message));
    CHECK_THAT(e.detail(), Catch::Contains(fe.field) && Catch::Contains(fe.message));
  }
  CHECK(has_cjk(e.detail()));

  auto const& errors = e.errors();
  CHECK(message_of(errors, "s_missing") == "此项必填");
  CHECK(message_of(errors, "s_number") == "须为字符串");
  CHECK(message_of(errors, "s_long") == "不能超过 5 个字符");
  CHECK(message_of(errors, "s_blank") == "不能为空");
  CHECK(message_of(errors, "s_short") == "至少需要 3 个字符");
  CHECK(message_of(errors, "i_text") == "须为整数");
  CHECK(message_of(errors, "i_range") == "须为 0 至 10 之间的整数");
  CHECK(message_of(errors, "i_huge") == "须为正整数");
  CHECK(message_of(errors, "i_negative") == "须为不小于 5 的整数");
  CHECK(message_of(errors, "n_text") == "须为数字");
  CHECK(message_of(errors, "n_range") == "须在 0 至 2.5 之间");
  CHECK(message_of(errors, "b_text") == "须为 true 或 false");
  CHECK(message_of(errors, "a_object") == "须为字符串数组");
  CHECK(message_of(errors, "a_many") == "不能超过 2 项");
  CHECK(message_of(errors, "a_item[1]") == "须为字符串");
  CHECK(message_of(errors, "a_empty_item[1]") == "须为 1 至 20 个字符");
  CHECK(message_of(errors, "ia_text") == "须为整数数组，且不超过 200 项");
  CHECK(message_of(errors, "ia_item") == "只能包含整数");
  CHECK(message_of(errors, "d_text") == "须为日期，格式为 YYYY-MM-DD");
}

TEST_CASE("a body that cannot be read is refused in Chinese", "[core][json][messages]") {
  std::string const deep = std::string(100, '[') + std::string(100, ']');
  for (std::string const& body : {std::string(), std::string("{\"a\":\"\xff\"}"), deep, std::string("{\"a\":}")}) {
    std::string detail = detail_of(body);
    INFO(detail);
    CHECK(has_cjk(detail));
  }
  CHECK_THAT(detail_of(deep), Catch::Contains("32"));

  Json array = Json::array();
  try {
    JsonFields f(array);
    FAIL("an array was read as an object");
  } catch (Error const& e) {
    CHECK(e.detail() == "请求体须为 JSON 对象");
  }
}

TEST_CASE("Error::invalid_fields lists every field in its Chinese detail", "[core][json][messages]") {
  auto e = Error::invalid_fields({{"name", "请填写姓名"}, {"birth_year", "须为整数"}});
  CHECK(e.code() == Errc::invalid_argument);
  CHECK(e.detail() == "以下字段有误：name（请填写姓名）；birth_year（须为整数）");
  CHECK(e.errors().size() == 2);
}
