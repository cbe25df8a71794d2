// Markdown rendering (proposals/markdown.hpp): any bytes. Promises checked: the HTML is valid
// UTF-8 and carries no raw HTML, script, event handler or dangerous URL scheme of the input.
#include <algorithm>
#include <string>
#include "core/text.hpp"
#include "fuzz_check.hpp"
#include "proposals/markdown.hpp"

namespace {
std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return c < 128 ? std::tolower(c) : c; });
  return s;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(unsigned char const* data, std::size_t size) {
  if (size > 65536) return -1;
  auto in = fuzz_bytes(data, size);
  auto html = zhiku::render_markdown(in);
  FUZZ_CHECK(zhiku::is_valid_utf8(html));
  auto l = lower(html);
  FUZZ_CHECK(l.find("<script") == std::string::npos);
  FUZZ_CHECK(l.find("<iframe") == std::string::npos);
  FUZZ_CHECK(l.find("<svg") == std::string::npos);
  FUZZ_CHECK(l.find("<img onerror") == std::string::npos);
  FUZZ_CHECK(l.find("href=\"javascript:") == std::string::npos);
  FUZZ_CHECK(l.find("href=\"data:") == std::string::npos);
  FUZZ_CHECK(l.find("src=\"data:") == std::string::npos);
  FUZZ_CHECK(l.find("src=\"javascript:") == std::string::npos);
  // Every tag is one cmark writes, so no attribute outside its quoted values can appear.
  for (std::size_t at = l.find('<'); at != std::string::npos; at = l.find('<', at + 1)) {
    std::size_t end = at + 1;
    if (end < l.size() && l[end] == '/') ++end;
    std::size_t name_end = end;
    while (name_end < l.size() && std::isalnum(static_cast<unsigned char>(l[name_end]))) ++name_end;
    auto name = l.substr(end, name_end - end);
    static char const* const kAllowed[] = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "del",
                                           "a", "img", "ul", "ol", "li", "blockquote", "pre", "code", "hr",
                                           "br", "table", "thead", "tbody", "tr", "th", "td", "input", "section",
                                           "sup", "span", "div"};
    bool ok = std::any_of(std::begin(kAllowed), std::end(kAllowed), [&](char const* a) { return name == a; });
    if (!ok) std::fprintf(stderr, "unexpected tag <%s> in output\n", name.c_str());
    FUZZ_CHECK(ok);
    auto close = l.find('>', at);
    auto tag = l.substr(at, close == std::string::npos ? std::string::npos : close - at);
    FUZZ_CHECK(tag.find(" on") == std::string::npos || tag.find('"') < tag.find(" on"));
  }
  return 0;
}
