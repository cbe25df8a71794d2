// The character count rule against the vectors the web UI's copy of it is tested with too.
#include "core/char_count.hpp"

#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "core/json.hpp"

using namespace zhiku;

namespace {
Json vectors(char const* file) {
  std::ifstream in(std::string(ZHIKU_FIXTURES_DIR) + "/" + file);
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return Json::parse(ss.str());
}

void check_vectors(Json const& all) {
  for (auto const& c : all["cases"]) {
    std::string const text = c["text"].get<std::string>();
    INFO(c["name"].get<std::string>() << ": " << text);
    if (c["mode"] == "plain") {
      CHECK(count_plain_chars(text) == c["count"].get<std::size_t>());
    } else {
      CHECK(count_markdown_chars(text) == c["count"].get<std::size_t>());
      if (c.contains("visible")) CHECK(markdown_visible_text(text) == c["visible"].get<std::string>());
    }
  }
}
}  // namespace

TEST_CASE("the character count gives every shared vector its count", "[core][char_count]") {
  Json const all = vectors("char_count_vectors.json");
  REQUIRE(all["cases"].size() >= 40);
  check_vectors(all);
}

TEST_CASE("the character count agrees with the web UI's on random Markdown-like texts", "[core][char_count]") {
  Json const all = vectors("char_count_random.json");
  REQUIRE(all["cases"].size() >= 400);
  check_vectors(all);
}

TEST_CASE("the count drops invalid UTF-8 bytes instead of counting them", "[core][char_count]") {
  CHECK(count_plain_chars("城\xff\xfe市") == 2);
  CHECK(count_plain_chars("\xe5\x9f") == 0);          // a truncated 城
  CHECK(count_plain_chars("\xc0\xaf") == 0);          // an overlong '/'
  CHECK(count_plain_chars("\xed\xa0\x80") == 0);      // a surrogate
  CHECK(count_markdown_chars("**\xf4\x90\x80\x80**") == 0);  // past U+10FFFF
}

TEST_CASE("what counts is decided per code point by one table", "[core][char_count]") {
  CHECK(is_counted_char(U'城'));
  CHECK(is_counted_char(U'，'));
  CHECK(is_counted_char(U'a'));
  CHECK(is_counted_char(U'!'));
  CHECK_FALSE(is_counted_char(U' '));
  CHECK_FALSE(is_counted_char(U'\u3000'));
  CHECK_FALSE(is_counted_char(U'\u200b'));
  CHECK_FALSE(is_counted_char(U'\u0304'));
  CHECK(is_counted_char(U'\u0370'));  // the first code point after the combining marks
  CHECK(is_counted_char(U'\U0001F44D'));
  CHECK_FALSE(is_counted_char(U'\U000E0001'));
}
