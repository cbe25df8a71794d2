// Safe JSON input (depth, UTF-8, field errors in characters) and the ISO 8601 clock helpers.
#include "core/json.hpp"

#include <chrono>
#include <string>
#include <type_traits>
#include <vector>

#include <catch2/catch.hpp>

#include "core/clock.hpp"

using zhiku::Errc;
using zhiku::Error;
using zhiku::Json;
using zhiku::JsonFields;
using zhiku::parse_json_body;

namespace {

// The Error that `fn` throws; fails the test when it throws nothing.
template <class F>
Error error_of(F&& fn) {
  try {
    fn();
  } catch (Error const& e) {
    return e;
  }
  FAIL("expected an Error");
  return Error(Errc::invalid_argument, "unreachable");
}

}  // namespace

TEST_CASE("parse_json_body refuses 100,000 nested arrays quickly and without crashing", "[core][json]") {
  std::string deep(100'000, '[');
  deep += std::string(100'000, ']');
  auto started = std::chrono::steady_clock::now();
  auto e = error_of([&] { parse_json_body(deep); });
  auto took = std::chrono::steady_clock::now() - started;
  CHECK(e.code() == Errc::invalid_argument);
  CHECK_THAT(e.detail(), Catch::Contains("嵌套"));
  CHECK(took < std::chrono::milliseconds(100));

  SECTION("objects count as nesting too") {
    std::string objects;
    for (int i = 0; i < 1000; ++i) objects += "{\"a\":";
    objects += "1" + std::string(1000, '}');
    CHECK_THAT(error_of([&] { parse_json_body(objects); }).detail(), Catch::Contains("嵌套"));
  }
}

TEST_CASE("parse_json_body accepts nesting up to the limit and ignores brackets inside strings", "[core][json]") {
  std::string at_limit = std::string(zhiku::kMaxJsonDepth, '[') + std::string(zhiku::kMaxJsonDepth, ']');
  CHECK(parse_json_body(at_limit).is_array());
  std::string over = std::string(zhiku::kMaxJsonDepth + 1, '[') + std::string(zhiku::kMaxJsonDepth + 1, ']');
  CHECK_THROWS_AS(parse_json_body(over), Error);

  std::string brackets_in_string = "{\"s\":\"" + std::string(1000, '[') + "\\\"" + std::string(1000, '{') + "\"}";
  Json j = parse_json_body(brackets_in_string);
  CHECK(j["s"].get<std::string>().size() == 2001);
}

TEST_CASE("parse_json_body refuses invalid UTF-8 before parsing", "[core][json]") {
  for (std::string body : {std::string("{\"name\":\"\xff\"}"), std::string("{\"name\":\"\xe5\x9f\"}"),
                           std::string("{\"name\":\"\xed\xa0\x80\"}")}) {
    CAPTURE(body);
    auto e = error_of([&] { parse_json_body(body); });
    CHECK(e.code() == Errc::invalid_argument);
    CHECK_THAT(e.detail(), Catch::Contains("UTF-8"));
  }
}

TEST_CASE("parse_json_body refuses malformed and empty bodies with a 400-class error", "[core][json]") {
  for (std::string body : {"{", "{\"a\":}", "[1,2,]", "nul", "{\"a\":1} trailing", "'single'", "{a:1}"}) {
    CAPTURE(body);
    auto e = error_of([&] { parse_json_body(body); });
    CHECK(e.code() == Errc::invalid_argument);
    CHECK_THAT(e.detail(), Catch::Contains("JSON"));
  }
  CHECK_THAT(error_of([] { parse_json_body(""); }).detail(), Catch::Contains("请求体为空"));
}

TEST_CASE("parse_json_body parses Chinese text intact", "[core][json]") {
  Json j = parse_json_body(R"({"title":"城市更新与治理","n":3})");
  CHECK(j["title"] == "城市更新与治理");
  CHECK(j["n"] == 3);
}

TEST_CASE("JsonFields collects every field error before throwing once", "[core][json]") {
  Json body = parse_json_body(R"({"name": 5, "age": "x", "ok": "yes", "tags": ["a", 3], "when": "2026-02-30"})");
  JsonFields f(body);
  f.req_string("name");
  f.req_int("age", 0, 150);
  f.opt_bool("ok");
  f.opt_string_array("tags");
  f.opt_date("when");
  f.req_string("missing");
  CHECK_FALSE(f.ok());
  auto e = error_of([&] { f.finish(); });
  CHECK(e.code() == Errc::invalid_argument);
  std::vector<std::string> fields;
  for (auto const& fe : e.errors()) fields.push_back(fe.field);
  CHECK(fields == std::vector<std::string>{"name", "age", "ok", "tags[1]", "when", "missing"});
  CHECK_THAT(e.detail(), Catch::Contains("name") && Catch::Contains("missing"));
  CHECK(e.errors().back().message == "此项必填");
}

TEST_CASE("JsonFields finish does nothing when every field is valid", "[core][json]") {
  Json body = parse_json_body(R"({"name":"张三","age":40,"score":7.5,"ids":[1,2],"when":"2024-02-29"})");
  JsonFields f(body);
  CHECK(f.req_string("name") == "张三");
  CHECK(f.req_int("age", 0, 150) == 40);
  CHECK(f.opt_number("score", 0, 10) == 7.5);
  CHECK(f.opt_int_array("ids") == std::vector<std::int64_t>{1, 2});
  CHECK(f.opt_date("when") == "2024-02-29");
  CHECK_FALSE(f.opt_string("absent").has_value());
  CHECK(f.ok());
  CHECK_NOTHROW(f.finish());
}

// JsonFields keeps a reference to its object: binding it to a temporary must not compile.
static_assert(!std::is_constructible_v<JsonFields, Json&&>);
static_assert(std::is_constructible_v<JsonFields, Json const&>);

TEST_CASE("JsonFields refuses a body that is not an object", "[core][json]") {
  Json arr = Json::array();
  CHECK(error_of([&] { JsonFields f(arr); }).code() == Errc::invalid_argument);
}

TEST_CASE("JsonFields counts lengths in characters, not bytes", "[core][json]") {
  // Ten Chinese characters are thirty bytes.
  Json body = Json::object();
  body["title"] = "一二三四五六七八九十";
  body["long"] = "一二三四五六七八九十一";
  JsonFields f(body);
  CHECK(f.req_string("title", 10) == "一二三四五六七八九十");
  CHECK_FALSE(f.opt_string("long", 10).has_value());
  CHECK(f.opt_string("long", 11).has_value());
  CHECK(f.req_string("title", 20, 10) == "一二三四五六七八九十");
  f.req_string("title", 20, 11);
  REQUIRE(f.ok() == false);
  auto e = error_of([&] { f.finish(); });
  REQUIRE(e.errors().size() == 2);
  CHECK(e.errors()[0].field == "long");
  CHECK(e.errors()[0].message == "不能超过 10 个字符");
  CHECK(e.errors()[1].message == "至少需要 11 个字符");
}

TEST_CASE("JsonFields trims ASCII and ideographic spaces around strings", "[core][json]") {
  Json body = Json::object();
  body["a"] = "\u3000\u3000张三\u3000";
  body["b"] = "  李四\t\n";
  body["c"] = "\u3000 王五 \u3000";  // mixed, as an input method leaves it
  body["d"] = "\u3000\u3000";
  body["e"] = "张\u3000三";  // inner spaces stay
  JsonFields f(body);
  CHECK(f.req_string("a") == "张三");
  CHECK(f.req_string("b") == "李四");
  CHECK(f.req_string("c") == "王五");
  CHECK(f.opt_string("d") == "");
  CHECK(f.req_string("e") == "张\u3000三");
  f.req_string("d");
  auto e = error_of([&] { f.finish(); });
  REQUIRE(e.errors().size() == 1);
  CHECK(e.errors()[0].field == "d");
  CHECK(e.errors()[0].message == "不能为空");
}

TEST_CASE("JsonFields checks integer ranges and types", "[core][json]") {
  Json body = parse_json_body(R"({"a": 5, "b": 1.5, "c": 18446744073709551615, "d": -1, "e": true})");
  JsonFields f(body);
  CHECK(f.opt_int("a", 1, 10) == 5);
  CHECK_FALSE(f.opt_int("b", 0, 10));
  CHECK_FALSE(f.opt_int("c", 0, 10));
  CHECK_FALSE(f.opt_int("d", 0, 10));
  CHECK_FALSE(f.opt_int("e", 0, 10));
  auto e = error_of([&] { f.finish(); });
  REQUIRE(e.errors().size() == 4);
  CHECK(e.errors()[0].message == "须为整数");
  CHECK(e.errors()[1].message == "须为 0 至 10 之间的整数");
  CHECK(e.errors()[3].message == "须为整数");

  SECTION("a huge unsigned value never passes an int64 range") {
    JsonFields g(body);
    CHECK_FALSE(g.opt_int("c", 0, INT64_MAX));
  }
}

TEST_CASE("is_valid_utf8 accepts well-formed text and refuses every malformation", "[core][json]") {
  struct Case {
    char const* name;
    std::string bytes;
    bool valid;
  };
  std::vector<Case> const cases = {
      {"empty", "", true},
      {"ascii", "hello", true},
      {"chinese", "智库", true},
      {"largest code point U+10FFFF", "\xf4\x8f\xbf\xbf", true},
      {"U+FFFF", "\xef\xbf\xbf", true},
      {"last before surrogates U+D7FF", "\xed\x9f\xbf", true},
      {"first after surrogates U+E000", "\xee\x80\x80", true},
      {"NUL byte is valid UTF-8", std::string("a\0b", 3), true},
      {"overlong slash (2 bytes)", "\xc0\xaf", false},
      {"overlong NUL", "\xc0\x80", false},
      {"overlong 3 bytes", "\xe0\x80\xaf", false},
      {"overlong 4 bytes", "\xf0\x80\x80\xaf", false},
      {"C1 lead byte", "\xc1\xbf", false},
      {"high surrogate U+D800", "\xed\xa0\x80", false},
      {"low surrogate U+DFFF", "\xed\xbf\xbf", false},
      {"above U+10FFFF", "\xf4\x90\x80\x80", false},
      {"F5 lead byte", "\xf5\x80\x80\x80", false},
      {"FF byte", "\xff", false},
      {"lone continuation", "\x80", false},
      {"truncated 3-byte sequence", "\xe6\x99", false},
      {"truncated at end of text", "ok\xe6", false},
      {"bad continuation", "\xe6\x41\x41", false},
  };
  for (auto const& c : cases) {
    CAPTURE(c.name);
    CHECK(zhiku::is_valid_utf8(c.bytes) == c.valid);
  }
  CHECK(zhiku::utf8_length("智库 ok") == 5);
}

TEST_CASE("ISO 8601 times round-trip through parse_iso and to_iso", "[core][clock]") {
  for (char const* s :
       {"2026-11-29T02:45:11Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z", "2099-12-31T12:00:00Z"}) {
    CAPTURE(s);
    auto t = zhiku::parse_iso(s);
    REQUIRE(t);
    CHECK(zhiku::to_iso(*t) == s);
  }
  CHECK(zhiku::to_iso(*zhiku::parse_iso("2026-11-29")) == "2026-11-29T00:00:00Z");
  CHECK(zhiku::to_iso(*zhiku::parse_iso("2026-11-29T02:45:11.123Z")) == "2026-11-29T02:45:11Z");
  auto now = zhiku::Clock().now_iso();
  CHECK(zhiku::to_iso(*zhiku::parse_iso(now)) == now);
}

TEST_CASE("parse_iso and is_iso_date refuse invalid dates and shapes", "[core][clock]") {
  for (char const* s : {"2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-01", "26-01-01",
                        "2026/01/01", "2026-01-01x", ""}) {
    CAPTURE(s);
    CHECK_FALSE(zhiku::is_iso_date(s));
    CHECK_FALSE(zhiku::parse_iso(s));
  }
  CHECK(zhiku::is_iso_date("2024-02-29"));
  // Valid dates the clock cannot hold are refused rather than wrapped around.
  for (char const* s : {"9999-12-31", "2263-01-01T00:00:00Z", "1000-01-01", "0001-01-01T00:00:00Z"}) {
    CAPTURE(s);
    CHECK_FALSE(zhiku::parse_iso(s));
  }
  CHECK(zhiku::parse_iso("2200-12-31T23:59:59Z"));
  for (char const* s : {"2026-02-30T00:00:00Z", "2026-01-01T24:00:00Z", "2026-01-01T12:60:00Z", "2026-01-01T12:00:00",
                        "2026-01-01T12:00:00+08:00", "2026-01-01T12:00Z", "2026-01-01T12:00:00.Zx"}) {
    CAPTURE(s);
    CHECK_FALSE(zhiku::parse_iso(s));
  }
}
