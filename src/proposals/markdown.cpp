// cmark-gfm with its GFM extensions, a pass over the tree that removes what may not be shown,
// then cmark's HTML renderer in safe mode.
#include "proposals/markdown.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <vector>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

namespace zhiku {

namespace {

constexpr char const* kExtensions[] = {"table", "strikethrough", "autolink", "tasklist"};

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// Moves the children of `node` in front of it and removes it: a link shown as its text.
void unwrap(cmark_node* node) {
  while (cmark_node* child = cmark_node_first_child(node)) {
    cmark_node_unlink(child);
    cmark_node_insert_before(node, child);
  }
  cmark_node_unlink(node);
  cmark_node_free(node);
}

void replace_with_literal(cmark_node* node, cmark_node_type type) {
  cmark_node* text = cmark_node_new(type);
  char const* literal = cmark_node_get_literal(node);
  cmark_node_set_literal(text, literal ? literal : "");
  cmark_node_replace(node, text);
  cmark_node_free(node);
}

void sanitise(cmark_node* root) {
  // Collected first: the tree must not change under the iterator.
  std::vector<cmark_node*> html_inline, html_block, bad_links, bad_images;
  cmark_iter* it = cmark_iter_new(root);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* n = cmark_iter_get_node(it);
    char const* url = nullptr;
    switch (cmark_node_get_type(n)) {
      case CMARK_NODE_HTML_INLINE:
        html_inline.push_back(n);
        break;
      case CMARK_NODE_HTML_BLOCK:
        html_block.push_back(n);
        break;
      case CMARK_NODE_LINK:
        url = cmark_node_get_url(n);
        if (!is_safe_link_url(url ? url : "")) bad_links.push_back(n);
        break;
      case CMARK_NODE_IMAGE:
        url = cmark_node_get_url(n);
        if (!is_safe_image_url(url ? url : "")) bad_images.push_back(n);
        break;
      default:
        break;
    }
  }
  cmark_iter_free(it);
  for (cmark_node* n : html_inline) replace_with_literal(n, CMARK_NODE_TEXT);
  for (cmark_node* n : html_block) replace_with_literal(n, CMARK_NODE_CODE_BLOCK);
  // Innermost first: an image inside a bad link is handled before the link moves it.
  for (auto i = bad_images.rbegin(); i != bad_images.rend(); ++i) unwrap(*i);
  for (auto i = bad_links.rbegin(); i != bad_links.rend(); ++i) unwrap(*i);
}

}  // namespace

bool is_safe_link_url(std::string_view url) {
  if (url.empty()) return false;
  if (url[0] == '#') return true;
  // "/x" is this site; "//x" and "/\x" are other hosts to a browser.
  if (url[0] == '/') return url.size() == 1 || (url[1] != '/' && url[1] != '\\');
  auto colon = url.find(':');
  if (colon == std::string_view::npos) return false;
  // Exact schemes only: anything obfuscated (java\tscript:, JaVaScRiPt&#58;) fails closed.
  std::string const scheme = lower_ascii(url.substr(0, colon));
  return scheme == "http" || scheme == "https" || scheme == "mailto";
}

bool is_safe_image_url(std::string_view url) {
  constexpr std::string_view kOwn = "/api/v1/";
  return url.starts_with(kOwn) && url.find("..") == std::string_view::npos;
}

std::string render_markdown(std::string_view source) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });

  // CMARK_OPT_VALIDATE_UTF8 replaces invalid sequences; the service stores valid UTF-8 anyway.
  int const options = CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_HARDBREAKS;
  std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(options));
  for (char const* name : kExtensions)
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) cmark_parser_attach_syntax_extension(parser.get(), ext);
  cmark_parser_feed(parser.get(), source.data(), source.size());
  std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));
  sanitise(doc.get());
  // No CMARK_OPT_UNSAFE: cmark's safe mode is the second fence.
  char* html = cmark_render_html(doc.get(), options, cmark_parser_get_syntax_extensions(parser.get()));
  std::string out(html ? html : "");
  std::free(html);
  return out;
}

}  // namespace zhiku
