// Request helpers: If-Match versions, cookies, ids.
#include "http/request.hpp"

#include <catch2/catch.hpp>

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
