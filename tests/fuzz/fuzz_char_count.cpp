// char_count (core/char_count.hpp): any bytes, plain or Markdown. Promises checked: the visible
// text is valid UTF-8, a Markdown count is the plain count of its visible text, and no count
// exceeds the number of code points of the input.
#include "core/char_count.hpp"
#include "core/text.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(unsigned char const* data, std::size_t size) {
  auto in = fuzz_bytes(data, size);
  auto visible = zhiku::markdown_visible_text(in);
  FUZZ_CHECK(zhiku::is_valid_utf8(visible));
  auto md = zhiku::count_markdown_chars(in);
  FUZZ_CHECK(md == zhiku::count_plain_chars(visible));
  auto plain = zhiku::count_plain_chars(in);
  FUZZ_CHECK(plain <= size);
  if (zhiku::is_valid_utf8(in)) FUZZ_CHECK(plain <= zhiku::utf8_length(in));
  return 0;
}
