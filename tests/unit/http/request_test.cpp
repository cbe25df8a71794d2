// Request helpers: If-Match versions, cookies, ids, and their messages in Chinese.
#include "http/request.hpp"

#include <catch2/catch.hpp>

#include "support/chinese_text.hpp"

using zhiku::Errc;
using zhiku::Error;
using zhiku::http::Request;

TEST_CASE("If-Match yields the version it names, and refuses anything else with 412", "[http][request]") {
  Request req;
  CHECK(!req.if_match_version());
  req.headers = {{"if-match", "\"7\""}};
  CHECK(req.if_match_version() == 7);
  req.headers = {{"if-match", "W/\"12\""}};
  CHECK(req.if_match_version() == 12);
  for (char const* bad : {"\"abc\"", "\"0\"", "\"-3\"", "*", "\"\""}) {
    INFO(bad);
    req.headers = {{"if-match", bad}};
    try {
      (void)req.if_match_version();
      FAIL("accepted");
    } catch (Error const& e) {
      CHECK(e.code() == Errc::precondition_failed);
    }
  }
}

TEST_CASE("a cookie is found among several and a malformed id names no resource", "[http][request]") {
  Request req;
  req.headers = {{"cookie", "a=1; zhiku_session=tok; b=2"}};
  CHECK(req.cookie("zhiku_session") == "tok");
  CHECK(!req.cookie("missing"));
  req.params = {{"id", "12x"}};
  CHECK_THROWS_AS(req.id_param(), Error);
}

TEST_CASE("the request helpers refuse in Chinese, naming the parameter", "[http][request][messages]") {
  Request req;
  req.query = {{"page", "0"}, {"page_size", "abc"}, {"id", "-4"}};
  struct Case {
    char const* name;
    long long min, max;
    char const* expected;
  };
  for (auto [name, min, max, expected] :
       {Case{"page", 1, 1'000'000, "须为 1 至 1000000 之间的整数"},
        Case{"page_size", 1, 100, "须为 1 至 100 之间的整数"}, Case{"id", 1, INT64_MAX, "须为正整数"}}) {
    INFO(name);
    try {
      (void)req.query_int(name, min, max);
      FAIL("accepted");
    } catch (Error const& e) {
      CHECK(e.code() == Errc::invalid_argument);
      REQUIRE(e.errors().size() == 1);
      CHECK(e.errors()[0].field == name);
      CHECK(e.errors()[0].message == expected);
    }
  }

  req.headers = {{"if-match", "*"}};
  try {
    (void)req.if_match_version();
    FAIL("accepted");
  } catch (Error const& e) {
    CHECK(zhiku::test::has_cjk(e.detail()));
    CHECK_THAT(e.detail(), Catch::Contains("If-Match"));
  }

  req.headers = {{"content-type", "text/plain"}};
  req.body = "{}";
  try {
    (void)req.json();
    FAIL("accepted");
  } catch (Error const& e) {
    CHECK(e.code() == Errc::unsupported_media_type);
    CHECK(zhiku::test::has_cjk(e.detail()));
    CHECK_THAT(e.detail(), Catch::Contains("application/json"));
  }

  req.params = {{"id", "x"}};
  try {
    (void)req.id_param();
    FAIL("accepted");
  } catch (Error const& e) {
    CHECK(e.code() == Errc::not_found);
    CHECK(zhiku::test::has_cjk(e.detail()));
  }
}
