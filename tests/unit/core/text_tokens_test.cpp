#include "core/text_tokens.hpp"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

using namespace zhiku::text;

namespace {

// "w:word" for words, "c:字" or "c+字" (joins the character before) for CJK.
std::vector<std::string> tokens(std::string_view s) {
  std::vector<std::string> out;
  auto sink = [&out](TextToken const& t) noexcept {
    std::string text(t.data, static_cast<std::size_t>(t.size));
    out.push_back(t.kind == TokenKind::word ? "w:" + text : (t.joins_previous ? "c+" : "c:") + text);
    return 0;
  };
  for_each_token(s, sink);
  return out;
}

}  // namespace

TEST_CASE("text splits into folded words and joined Chinese characters", "[core][text]") {
  CHECK(tokens("城市更新") == std::vector<std::string>{"c:城", "c+市", "c+更", "c+新"});
  CHECK(tokens("城市，更新") == std::vector<std::string>{"c:城", "c+市", "c:更", "c+新"});
  CHECK(tokens("ＡＩ赋能 Zhāng") == std::vector<std::string>{"w:ai", "c:赋", "c+能", "w:zhang"});
  CHECK(tokens("2023年GDP") == std::vector<std::string>{"w:2023", "c:年", "w:gdp"});
  CHECK(tokens("城\xff市") == std::vector<std::string>{"c:城", "c:市"});  // an invalid byte separates
  CHECK(tokens("").empty());
}

TEST_CASE("a sink that returns non-zero stops the walk", "[core][text]") {
  int seen = 0;
  auto sink = [&seen](TextToken const&) noexcept { return ++seen == 2 ? 7 : 0; };
  CHECK(for_each_token(std::string_view("a b c d"), sink) == 7);
  CHECK(seen == 2);
}
