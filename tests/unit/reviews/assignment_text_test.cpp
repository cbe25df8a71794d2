#include "reviews/assignment_text.hpp"

#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "support/chinese_text.hpp"

using namespace zhiku;
using namespace zhiku::matching;

namespace {

bool any_contains(std::vector<std::string> const& lines, std::string const& part) {
  for (auto const& l : lines) {
    if (l.find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("an infeasible plan is explained in Chinese, naming proposals, reviewers and numbers", "[reviews][assignment]") {
  // Proposals 0 and 1 may only use reviewers 0 and 1 (load 1 each) and need 2 each; proposal 2
  // conflicts with all but one reviewer; there is too little load overall.
  auto problem = AssignmentProblem::uniform(3, 3, 2, 1);
  problem.forbid(0, 2);
  problem.forbid(1, 2);
  problem.forbid(2, 0);
  problem.forbid(2, 1);
  Infeasibility const why = diagnose(problem);
  REQUIRE_FALSE(why.feasible());
  std::vector<std::string> const titles = {"城市更新", "韧性城市", "数字经济"};
  std::vector<std::string> const names = {"张三", "李四", "王五"};
  auto const lines = describe_infeasibility(why, titles, names);
  REQUIRE_FALSE(lines.empty());
  for (auto const& l : lines) CHECK(test::has_cjk(l));
  CHECK(any_contains(lines, "「城市更新」、「韧性城市」 共需 4 个评审名额，但能评审它们的专家（张三、李四）已满额，最多只能提供 2 个（缺 2 个）"));
  CHECK(any_contains(lines, "共需 6 个评审名额，而专家的剩余评审量合计只有 3 个：缺 3 个"));
  CHECK(any_contains(lines, "「数字经济」 还需 2 位评审专家，但无利益冲突且仍有评审余量的专家只有 1 位"));
  CHECK(any_contains(lines, "至少需将专家的最大评审量合计提高 "));

  problem.pinned = {{2, 0}};
  CHECK(any_contains(describe_infeasibility(diagnose(problem), titles, names),
                     "已固定的分配 「数字经济」 — 张三 存在利益冲突"));
}

TEST_CASE("a feasible plan needs no explanation, and long lists are cut", "[reviews][assignment]") {
  CHECK(describe_infeasibility(diagnose(AssignmentProblem::uniform(2, 2, 1, 1)), {"甲", "乙"}, {"子", "丑"}).empty());
  // Eight proposals needing one each from a single reviewer who takes one.
  auto problem = AssignmentProblem::uniform(8, 1, 1, 1);
  std::vector<std::string> titles;
  for (int i = 0; i < 8; ++i) titles.push_back("建议" + std::to_string(i + 1));
  auto const lines = describe_infeasibility(diagnose(problem), titles, {"张三"});
  CHECK(any_contains(lines, "「建议1」、「建议2」、「建议3」、「建议4」、「建议5」等 8 份建议 共需 8 个评审名额"));
}
