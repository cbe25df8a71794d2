// The Markdown renderer: what GFM gives (tables, lists, strikethrough, task lists, line breaks)
// and that the classic XSS payloads come out as text, never as markup.
#include "proposals/markdown.hpp"

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <catch2/catch.hpp>

#include "core/json.hpp"

using namespace zhiku;

namespace {

// Every tag in `html`, with its attributes, so that a test can hold the output to a whitelist.
// cmark escapes '<' in text as &lt;, so every '<' in its output opens a real tag.
struct Tag {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
};

std::vector<Tag> tags_of(std::string const& html) {
  std::vector<Tag> out;
  static std::regex const tag_re(R"(<(/?)([a-zA-Z0-9]+)([^>]*)>)");
  static std::regex const attr_re(R"re(\s+([a-zA-Z-]+)(?:="([^"]*)")?)re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), tag_re); it != std::sregex_iterator(); ++it) {
    Tag t;
    t.name = (*it)[2];
    std::string attrs = (*it)[3];
    if (!attrs.empty() && attrs.back() == '/') attrs.pop_back();
    std::string rest = attrs;
    for (auto a = std::sregex_iterator(attrs.begin(), attrs.end(), attr_re); a != std::sregex_iterator(); ++a) {
      t.attributes.emplace_back((*a)[1], (*a)[2]);
      auto pos = rest.find((*a)[0].str());
      if (pos != std::string::npos) rest.erase(pos, (*a)[0].length());
    }
    // Anything the attribute pattern did not consume (an unquoted value, a stray quote) fails.
    INFO("tag <" << t.name << attrs << ">");
    CHECK(rest.find_first_not_of(" \t\n") == std::string::npos);
    out.push_back(std::move(t));
  }
  CHECK(std::count(html.begin(), html.end(), '<') == static_cast<long>(out.size()));
  return out;
}

std::set<std::string> const kTags = {"p",  "h1",    "h2",    "h3",    "h4", "h5", "h6",  "ul",   "ol",  "li",
                                     "blockquote", "pre", "code", "em", "strong", "del", "a", "img", "table",
                                     "thead", "tbody", "tr", "th", "td", "hr", "br", "input"};
std::set<std::string> const kAttributes = {"href", "src", "alt", "title", "align", "type", "checked", "disabled",
                                           "start", "class"};

// Holds rendered HTML to the whitelist: known tags, known attributes (so no event handler), safe
// URLs only.
void check_safe(std::string const& html) {
  INFO(html);
  for (auto const& t : tags_of(html)) {
    CHECK(kTags.count(t.name) == 1);
    for (auto const& [name, value] : t.attributes) {
      CHECK(kAttributes.count(name) == 1);
      if (name == "href") CHECK(is_safe_link_url(value));
      if (name == "src") CHECK(is_safe_image_url(value));
      if (name == "type") CHECK(value == "checkbox");
    }
  }
  std::string lower = html;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  CHECK(lower.find("<script") == std::string::npos);
}

// The payloads every place that shows a proposal's text is tested with.
std::vector<std::string> xss_payloads() {
  std::ifstream in(std::string(ZHIKU_FIXTURES_DIR) + "/xss_payloads.json");
  REQUIRE(in);
  std::stringstream ss;
  ss << in.rdbuf();
  return Json::parse(ss.str())["payloads"].get<std::vector<std::string>>();
}

}  // namespace

TEST_CASE("classic XSS payloads come out as text, never as markup", "[proposals][markdown][xss]") {
  auto const payloads = xss_payloads();
  REQUIRE(payloads.size() >= 30);
  for (auto const& payload : payloads) {
    std::string const html = render_markdown(payload);
    INFO(payload);
    check_safe(html);
  }
  // All of them at once, as one body.
  std::string all;
  for (auto const& p : payloads) all += p + "\n\n";
  check_safe(render_markdown(all));
}

TEST_CASE("raw HTML is shown as the text the author typed", "[proposals][markdown]") {
  CHECK(render_markdown("a <b>粗</b> c") == "<p>a &lt;b&gt;粗&lt;/b&gt; c</p>\n");
  std::string const block = render_markdown("<div>\n内容\n</div>");
  CHECK(block.find("&lt;div&gt;") != std::string::npos);
  CHECK(block.find("<div") == std::string::npos);
}

TEST_CASE("unsafe links and images keep their text", "[proposals][markdown]") {
  CHECK(render_markdown("[点我](javascript:alert(1))") == "<p>点我</p>\n");
  CHECK(render_markdown("![示意图](https://evil.example/x.png)") == "<p>示意图</p>\n");
  CHECK(render_markdown("[官网](https://www.gov.cn)") == "<p><a href=\"https://www.gov.cn\">官网</a></p>\n");
  CHECK(render_markdown("![图](/api/v1/proposals/3/attachments/4/content)") ==
        "<p><img src=\"/api/v1/proposals/3/attachments/4/content\" alt=\"图\" /></p>\n");
}

TEST_CASE("GFM tables, lists, strikethrough and task lists render", "[proposals][markdown]") {
  std::string const html = render_markdown(
      "## 存在问题\n\n| 指标 | 数值 |\n| :--- | ---: |\n| 人口 | 100 |\n\n1. 第一\n2. 第二\n\n- [x] 已办\n- 项\n\n~~删除~~");
  check_safe(html);
  CHECK(html.find("<h2>存在问题</h2>") != std::string::npos);
  CHECK(html.find("<table>") != std::string::npos);
  CHECK(html.find("<th align=\"left\">指标</th>") != std::string::npos);
  CHECK(html.find("<td align=\"right\">100</td>") != std::string::npos);
  CHECK(html.find("<ol>") != std::string::npos);
  CHECK(html.find("<li>第一</li>") != std::string::npos);
  CHECK(html.find("type=\"checkbox\"") != std::string::npos);
  CHECK(html.find("<del>删除</del>") != std::string::npos);
}

TEST_CASE("a single line break is a line break", "[proposals][markdown]") {
  CHECK(render_markdown("第一行\n第二行") == "<p>第一行<br />\n第二行</p>\n");
}

TEST_CASE("which URLs a link and an image may have", "[proposals][markdown]") {
  CHECK(is_safe_link_url("https://example.cn/a?b=1"));
  CHECK(is_safe_link_url("HTTP://example.cn"));
  CHECK(is_safe_link_url("mailto:office@example.cn"));
  CHECK(is_safe_link_url("/proposals/3"));
  CHECK(is_safe_link_url("#对策建议"));
  CHECK_FALSE(is_safe_link_url(""));
  CHECK_FALSE(is_safe_link_url("javascript:alert(1)"));
  CHECK_FALSE(is_safe_link_url("data:text/html,x"));
  CHECK_FALSE(is_safe_link_url("//evil.example"));
  CHECK_FALSE(is_safe_link_url("/\\evil.example"));
  CHECK_FALSE(is_safe_link_url("relative/path"));
  CHECK(is_safe_image_url("/api/v1/proposals/1/attachments/2/content"));
  CHECK_FALSE(is_safe_image_url("/api/v1/../../etc/passwd"));
  CHECK_FALSE(is_safe_image_url("https://example.cn/a.png"));
  CHECK_FALSE(is_safe_image_url("data:image/png;base64,AAAA"));
}
