// Markdown → HTML for reading a proposal, its print view and the editor's preview: one renderer,
// on the server, cmark-gfm (GitHub's CommonMark implementation, Debian's libcmark-gfm).
//
// Why the server and not markdown-it + DOMPurify in the browser: the text is rendered by one
// parser everywhere it is shown (detail, print, preview, and later bulletins and exports made on
// the server), the sanitising is tested here once against the classic payloads, and the UI never
// parses Markdown. The preview is one request per pause in typing (debounced; rendering 3,000
// characters takes well under a millisecond).
//
// What comes out (GFM: tables, strikethrough, autolinks, task lists; a line break is a line
// break, as Chinese writers expect):
//   - no raw HTML: HTML the author typed is shown as text (inline as text, a block as code),
//     never passed through;
//   - links only to http:, https:, mailto: or a same-site path ("/…", "#…"); any other link is
//     shown as its text alone (javascript:, data:, vbscript:, file:, protocol-relative "//…");
//   - images only from this server's attachment paths (/api/v1/…); any other image is shown as
//     its alt text (no data: images, no remote images that would tell a third party who reads);
//   - and, as a second fence, cmark's own safe mode (no CMARK_OPT_UNSAFE), which drops raw HTML
//     and dangerous URLs itself.
// Attributes are only those cmark writes (href, src, alt, title, align, checkbox state), always
// quoted and escaped, so no event handler can appear.
#pragma once

#include <string>
#include <string_view>

namespace zhiku {

// Sanitised HTML for `source` (valid UTF-8; invalid bytes become U+FFFD). Thread-safe.
std::string render_markdown(std::string_view source);

// True when a link may point at `url` (see above). Pure.
bool is_safe_link_url(std::string_view url);
// True when an image may be loaded from `url`. Pure.
bool is_safe_image_url(std::string_view url);

}  // namespace zhiku
