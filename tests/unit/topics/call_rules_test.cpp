// Calls for suggestions: open and closed by the clock at the edges of the window, the small
// workflow, and the text limits at their edges.
#include "topics/call_rules.hpp"

#include <catch2/catch.hpp>

#include "support/chinese_text.hpp"

using namespace zhiku;
using namespace std::chrono_literals;
using test::has_cjk;

namespace {
SysTime at(char const* iso) { return *parse_iso(iso); }

// `n` counted characters of Chinese text with spaces and line breaks between them.
std::string chinese(int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += "字";
    if (i % 10 == 9)
      out += "\n";
    else if (i % 3 == 2)
      out += " ";
  }
  return out;
}
}  // namespace

TEST_CASE("a published call is scheduled, open, then closed by the server's clock", "[topics][calls]") {
  std::string opens = "2026-03-01T00:00:00Z", closes = "2026-03-31T16:00:00Z";
  auto status = [&](CallStage stage, SysTime now) { return call_status_at(stage, opens, closes, now); };
  CHECK(status(CallStage::published, at("2026-03-01T00:00:00Z") - 1s) == CallStatus::scheduled);
  CHECK(status(CallStage::published, at("2026-03-01T00:00:00Z")) == CallStatus::open);
  CHECK(status(CallStage::published, at("2026-03-31T16:00:00Z") - 1s) == CallStatus::open);
  CHECK(status(CallStage::published, at("2026-03-31T16:00:00Z")) == CallStatus::closed);
  CHECK(status(CallStage::draft, at("2026-03-10T00:00:00Z")) == CallStatus::draft);
  CHECK(status(CallStage::closed, at("2026-03-10T00:00:00Z")) == CallStatus::closed);

  Call call;
  call.stage = CallStage::published;
  call.details.opens_at = opens;
  call.details.closes_at = closes;
  CHECK_FALSE(why_call_closed(call, at("2026-03-10T00:00:00Z")));
  CHECK(*why_call_closed(call, at("2026-04-01T00:00:00Z")) == "该征集已于 2026-04-01 00:00（北京时间） 截止");
  CHECK(*why_call_closed(call, at("2026-02-01T00:00:00Z")) == "该征集将于 2026-03-01 08:00（北京时间） 开始");
}

TEST_CASE("a call's details are checked field by field", "[topics][calls]") {
  CallDetails d;
  d.theme = "城市更新中的历史风貌保护";
  d.opens_at = "2026-03-01T00:00:00Z";
  d.closes_at = "2026-03-31T16:00:00Z";
  CHECK(validate_call(d).empty());
  d.closes_at = d.opens_at;
  d.limits.body_max_chars = 99;
  d.limits.summary_chars = 10;
  auto errors = validate_call(d);
  std::vector<std::string> fields;
  for (auto const& e : errors) {
    CHECK(has_cjk(e.message));
    fields.push_back(e.field);
  }
  CHECK(fields == std::vector<std::string>{"closes_at", "limits.body_max_chars", "limits.summary_chars",
                                           "limits.summary_threshold_chars"});
}

TEST_CASE("a call is published from a draft and closed once published", "[topics][calls]") {
  CHECK(next_stage(CallStage::draft, CallAction::publish) == CallStage::published);
  CHECK(next_stage(CallStage::published, CallAction::close) == CallStage::closed);
  try {
    next_stage(CallStage::draft, CallAction::close);
    FAIL("no error");
  } catch (Error const& e) {
    CHECK(e.code() == Errc::conflict);
    CHECK(e.allowed() == std::vector<std::string>{"publish"});
    CHECK(has_cjk(e.detail()));
  }
  CHECK_THROWS_AS(next_stage(CallStage::closed, CallAction::publish), Error);
}

TEST_CASE("call limits count the body as Markdown and the summary as plain text", "[topics][calls][limits]") {
  CallLimits limits;  // 3000, a summary of about 200 when longer than 1000
  // Markdown syntax in the body is not counted: 3,000 characters in bold and under a heading fit.
  CHECK(text_problems(limits, "# " + chinese(10) + "\n\n**" + chinese(2990) + "**", chinese(200)).empty());
  auto over = text_problems(limits, "**" + chinese(3001) + "**", chinese(200));
  REQUIRE(over.size() == 1);
  CHECK(over[0].message == "正文 3,001 字，超出上限 3,000 字，请删减 1 字");
  // A summary is plain text: its asterisks count (300 + 2 = 302 > 300).
  auto summary = text_problems(limits, chinese(1500), "**" + chinese(300));
  REQUIRE(summary.size() == 1);
  CHECK(summary[0].field == "summary");
  CHECK(summary[0].message == "摘要 302 字，须约 200 字（100 至 300 字），请删减 2 字");
}

TEST_CASE("text limits of a call at their edges", "[topics][calls][limits]") {
  CallLimits limits;  // 3000, a summary of about 200 when longer than 1000
  auto fields = [&](std::string const& body, std::string const& summary) {
    std::vector<std::string> out;
    for (auto const& e : text_problems(limits, body, summary)) {
      CHECK(has_cjk(e.message));
      out.push_back(e.field);
    }
    return out;
  };
  using V = std::vector<std::string>;
  CHECK(fields(chinese(3000), chinese(200)).empty());
  CHECK(fields(chinese(3001), chinese(200)) == V{"body"});
  CHECK(fields(chinese(1000), "").empty());
  CHECK(fields(chinese(1001), "") == V{"summary"});
  CHECK(fields(chinese(1001), chinese(100)).empty());
  CHECK(fields(chinese(1001), chinese(99)) == V{"summary"});
  CHECK(fields(chinese(1001), chinese(300)).empty());
  CHECK(fields(chinese(1001), chinese(301)) == V{"summary"});
  CHECK(fields(chinese(500), chinese(301)) == V{"summary"});
  auto problems = text_problems(limits, chinese(3001), "");
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].message == "正文 3,001 字，超出上限 3,000 字，请删减 1 字");
  CHECK(problems[1].message == "正文超过 1,000 字时须附摘要，约 200 字（100 至 300 字）");
  CHECK(text_problems(limits, chinese(1001), chinese(350))[0].message ==
        "摘要 350 字，须约 200 字（100 至 300 字），请删减 50 字");
  CHECK(text_problems(limits, chinese(1001), chinese(80))[0].message ==
        "摘要 80 字，须约 200 字（100 至 300 字），请补充 20 字");
  CHECK(with_thousands(0) == "0");
  CHECK(with_thousands(999) == "999");
  CHECK(with_thousands(1000) == "1,000");
  CHECK(with_thousands(1234567) == "1,234,567");

  limits = {5000, 2000, 300};
  CHECK(fields(chinese(4000), chinese(150)).empty());
  CHECK(fields(chinese(4000), chinese(149)) == V{"summary"});
}
