// A sheet as a plain text table, and what a reader accepts: the shape every CSV and XLSX reader
// and writer in sheets/ shares.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace zhiku {

// A sheet as text. Every cell is valid UTF-8 and trimmed (ASCII whitespace, U+00A0, U+3000,
// U+FEFF). The first non-empty row is the header; its trailing empty cells are dropped. Rows
// whose cells are all empty are skipped, but every kept row remembers where it stood, so a
// message can say "第 5 行". Each data row has at least header.size() cells (padded with "");
// it has more only when it holds non-empty cells past the header's last column.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // 1-based row number in the source of each entry of `rows`: the sheet's row number for XLSX,
  // the record number for CSV (what Excel shows as the row; it equals the line number unless
  // an earlier quoted cell spans lines). Ignored by the writers.
  std::vector<int> row_numbers;
  int header_row_number = 1;  // where the header stood (1 unless blank rows precede it)
};

// What a reader accepts before it refuses the file with Error{invalid_argument}.
struct SheetLimits {
  std::size_t max_rows = 50'000;                // non-empty data rows below the header
  std::size_t max_columns = 200;                // up to the last non-empty cell of any row
  std::size_t max_xlsx_part_bytes = 100 << 20;  // uncompressed size of one part of an .xlsx (zip bombs)
};

}  // namespace zhiku
