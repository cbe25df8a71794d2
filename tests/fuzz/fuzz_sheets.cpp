// Spreadsheet import (sheets/sheets.hpp): CSV or XLSX bytes (a zip is read as XLSX, the
// rest as CSV; the first byte picks the route for inputs that are neither). Promises checked:
// only zhiku::Error escapes; every cell is valid UTF-8 and trimmed; every row is as wide as the
// header and has a row number; what write_csv writes reads back as the same table.
#include <string>
#include "core/error.hpp"
#include "core/text.hpp"
#include "sheets/sheets.hpp"
#include "fuzz_check.hpp"

namespace {
void check(zhiku::Table const& t) {
  FUZZ_CHECK(t.rows.size() == t.row_numbers.size());
  for (auto const& h : t.header) FUZZ_CHECK(zhiku::is_valid_utf8(h));
  for (auto const& r : t.rows) {
    FUZZ_CHECK(r.size() >= t.header.size());
    for (auto const& c : r) {
      FUZZ_CHECK(zhiku::is_valid_utf8(c));
      FUZZ_CHECK(zhiku::trim_text(c) == c);
    }
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(unsigned char const* data, std::size_t size) {
  if (size > 200'000) return -1;
  auto in = fuzz_bytes(data, size);
  zhiku::SheetLimits limits;
  limits.max_rows = 2000;
  limits.max_xlsx_part_bytes = 8 << 20;
  zhiku::Table t;
  try {
    bool as_xlsx = size > 0 && data[0] == 'P';
    t = zhiku::read_table(in, as_xlsx ? "upload.xlsx" : "upload.csv", limits);
  } catch (zhiku::Error const&) {
    return 0;
  }
  check(t);
  if (t.header.empty()) return 0;
  zhiku::Table again;
  try {
    again = zhiku::read_csv(zhiku::write_csv(t), limits);
  } catch (zhiku::Error const& e) {
    std::fprintf(stderr, "write_csv output refused: %s\n", e.what());
    FUZZ_CHECK(false);
  }
  FUZZ_CHECK(again.header == t.header);
  FUZZ_CHECK(again.rows == t.rows);
  return 0;
}
