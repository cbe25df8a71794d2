#include "proposals/proposal_similarity.hpp"

#include <catch2/catch.hpp>

using namespace zhiku;

TEST_CASE("a near copy scores high, a text on the same theme in other words low", "[proposals][similarity]") {
  std::string const a =
      "## 存在问题\n\n老旧小区加装电梯进展缓慢，居民意见难以统一，资金筹措渠道单一。\n\n"
      "## 对策建议\n\n建立居民协商机制，完善财政补贴政策，引入社会资本参与。";
  // The same text with a few words changed and the Markdown written another way.
  std::string const copy =
      "# 存在问题\n老旧小区加装电梯进展缓慢，居民意见难以统一，资金筹措渠道单一。\n"
      "# 对策建议\n建立居民协商机制，完善财政补贴政策，鼓励社会资本参与。";
  std::string const other =
      "## 存在问题\n\n城市更新中历史街区保护不足，开发强度过高。\n\n## 对策建议\n\n划定保护范围，控制开发强度。";
  double const near = similarity(shingles_of(a), shingles_of(copy));
  double const far = similarity(shingles_of(a), shingles_of(other));
  CHECK(near >= kDuplicateSimilarity);
  CHECK(near < 1.0);
  CHECK(far < 0.3);
  CHECK(similarity(shingles_of(a), shingles_of(a)) == 1.0);
  CHECK(similarity(shingles_of(""), shingles_of("")) == 0.0);
}

TEST_CASE("bigrams ignore case, width, punctuation and Markdown syntax", "[proposals][similarity]") {
  CHECK(similarity(shingles_of("**ＡＩ**赋能，城市"), shingles_of("ai 赋能城市")) < 1.0);
  CHECK(similarity(shingles_of("**AI赋能**城市"), shingles_of("ai赋能城市")) == 1.0);
}

TEST_CASE("the candidate query ORs distinct CJK bigrams spread over the text", "[proposals][similarity]") {
  CHECK(candidate_query("城市更新") == "\"城市\" OR \"市更\" OR \"更新\"");
  CHECK(candidate_query("城市城市", 16) == "\"城市\" OR \"市城\"");
  CHECK(candidate_query("no chinese here") == "");
  auto q = candidate_query(std::string(3000, 'x') + "城市更新建议老旧小区加装电梯", 4);
  CHECK(std::count(q.begin(), q.end(), '"') <= 8);
}
