// Which bytes of a file a Range header asks for (RFC 9110 14.2), as the download route answers.
#include "http/byte_range.hpp"

#include <catch2/catch.hpp>

using zhiku::http::answer_range;
using Kind = zhiku::http::RangeAnswer::Kind;

TEST_CASE("a single byte range is clipped to the file", "[http][range]") {
  auto r = answer_range("bytes=0-99", 1000);
  CHECK(r.kind == Kind::partial);
  CHECK(r.first == 0);
  CHECK(r.last == 99);
  r = answer_range("bytes=900-5000", 1000);
  CHECK((r.kind == Kind::partial && r.first == 900 && r.last == 999));
  r = answer_range("bytes=500-", 1000);
  CHECK((r.kind == Kind::partial && r.first == 500 && r.last == 999));
  r = answer_range("bytes=-100", 1000);
  CHECK((r.kind == Kind::partial && r.first == 900 && r.last == 999));
  r = answer_range("bytes=-5000", 1000);
  CHECK((r.kind == Kind::partial && r.first == 0 && r.last == 999));
  r = answer_range("Bytes=1-1", 1000);
  CHECK((r.kind == Kind::partial && r.first == 1 && r.last == 1));
}

TEST_CASE("a range past the end is unsatisfiable", "[http][range]") {
  CHECK(answer_range("bytes=1000-", 1000).kind == Kind::unsatisfiable);
  CHECK(answer_range("bytes=1000-2000", 1000).kind == Kind::unsatisfiable);
  CHECK(answer_range("bytes=-0", 1000).kind == Kind::unsatisfiable);
  CHECK(answer_range("bytes=0-", 0).kind == Kind::unsatisfiable);
}

TEST_CASE("no, malformed or multiple ranges get the whole file", "[http][range]") {
  for (char const* h : {"", "bytes", "bytes=", "bytes=a-b", "bytes=5-1", "items=0-1", "bytes=0-1,5-9", "bytes=+1-2",
                        "bytes=--1", "bytes=1-2-3"}) {
    CAPTURE(h);
    CHECK(answer_range(h, 1000).kind == Kind::whole);
  }
}
