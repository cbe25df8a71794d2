// JSON bodies (core/json.hpp): parse_json_body on any bytes, then JsonFields reading the usual
// field shapes from whatever object came out. Promises checked: only zhiku::Error escapes (no
// nlohmann exception, no crash on deep nesting), every error names a field, and a string read
// back is valid UTF-8 within its limit.
#include <string>
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/text.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(unsigned char const* data, std::size_t size) {
  auto in = fuzz_bytes(data, size);
  zhiku::Json body;
  try {
    body = zhiku::parse_json_body(in);
  } catch (zhiku::Error const&) {
    return 0;
  }
  // Whatever parsed must serialise again (dump() throws on invalid UTF-8 strings).
  (void)body.dump();
  try {
    zhiku::JsonFields f(body);
    for (auto const* key : {"title", "name", "summary", "note", "q", "a", ""}) {
      if (auto s = f.opt_string(key, 50)) {
        FUZZ_CHECK(zhiku::is_valid_utf8(*s));
        FUZZ_CHECK(zhiku::utf8_length(*s) <= 50);
      }
    }
    (void)f.opt_int("version", 1, 1'000'000);
    (void)f.opt_int("year", 1900, 2100);
    (void)f.opt_number("score", 0, 100);
    (void)f.opt_bool("active");
    if (auto a = f.opt_string_array("tags", 10, 20)) {
      FUZZ_CHECK(a->size() <= 10);
      for (auto const& s : *a) FUZZ_CHECK(zhiku::is_valid_utf8(s));
    }
    (void)f.opt_int_array("ids", 20);
    (void)f.opt_date("date");
    (void)f.raw("extra");
    if (f.has("name")) (void)f.req_string("name", 30);
    (void)f.req_int("count", 0, 10);
    f.finish();
  } catch (zhiku::Error const& e) {
    for (auto const& fe : e.errors()) FUZZ_CHECK(!fe.field.empty() || !fe.message.empty());
  }
  return 0;
}
