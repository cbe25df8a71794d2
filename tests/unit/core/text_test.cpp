// The text helpers every module shares: UTF-8 decoding and encoding, trimming typed and pasted text.
#include "core/text.hpp"

#include <string>

#include <catch2/catch.hpp>

using namespace zhiku;

TEST_CASE("code points decode and encode back to the same UTF-8", "[core][text]") {
  std::string const s = "a\xC3\xA9\xE5\x9F\x8E\xF0\x9F\x98\x80";  // a é 城 😀
  std::string back;
  for (std::size_t i = 0; i < s.size(); i += utf8_sequence_length(s, i)) append_utf8(back, code_point_at(s, i));
  CHECK(back == s);
  CHECK(code_point_at(s, 3) == U'城');
  CHECK(code_point_at("\xC0\xAF", 0) == text::kInvalidCodePoint);  // overlong
  CHECK(code_point_at("\xED\xA0\x80", 0) == text::kInvalidCodePoint);  // surrogate
  CHECK(utf8_sequence_length("\xE5\x9F", 0) == 0);  // cut off
}

TEST_CASE("typed text is trimmed of ASCII and ideographic spaces only", "[core][text]") {
  CHECK(trim_text("\xE3\x80\x80 张三 \t\r\n") == "张三");
  CHECK(trim_text("\xC2\xA0张三") == "\xC2\xA0张三");
  CHECK(trim_text("   ").empty());
}

TEST_CASE("pasted text is also trimmed of no-break spaces, BOMs and form feeds", "[core][text]") {
  CHECK(trim_text("\xEF\xBB\xBF\xC2\xA0 张 三\xE3\x80\x80\v\f", Blanks::pasted) == "张 三");
  CHECK(trim_view("\xC2\xA0", Blanks::pasted).empty());
}
