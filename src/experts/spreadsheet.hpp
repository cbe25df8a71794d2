// The expert pool's spreadsheets as plain text tables: CSV and XLSX in, CSV and XLSX out.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
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

// Parses CSV bytes (RFC 4180: quoted cells with separators, doubled quotes and line breaks
// inside; CRLF, LF or CR line ends; a lenient reading of stray quotes, as Excel does).
// Encoding: a BOM decides (UTF-8, UTF-16LE, UTF-16BE); otherwise valid UTF-8 is UTF-8 and
// anything else is decoded as GB18030 (which covers GBK, the "ANSI" of Chinese Windows), then
// as CP936. Separator: ',' unless the first record has none and has tabs or semicolons; an
// Excel "sep=;" first line also decides (and is not a row). A cell that starts with an
// apostrophe followed by = + - @ loses the apostrophe (write_csv's formula guard, undone).
// Throws Error{invalid_argument} with a Chinese + English message naming the line or row for
// an unterminated quote, undecodable bytes, a binary file, no header row, or a file beyond
// `limits`. Thread-safe.
Table read_csv(std::string_view bytes, SheetLimits const& limits = {});

// Reads the first worksheet of an .xlsx (Office Open XML, transitional or strict), found
// through the package relationships rather than assumed to be sheet1.xml. Shared strings
// (rich-text runs included, phonetic runs excluded), inline strings, formula results, booleans
// ("TRUE"/"FALSE") and error values are read as text; numbers as Excel's General format shows
// them (integers without ".0": 13800138000, 1965), and as ISO dates / times ("1965-03-01",
// "08:30", "2026-11-29 08:30") when the cell's number format is a date or time format.
// Skipped columns become empty cells. Throws Error{invalid_argument} for a file that is not
// an xlsx or is corrupt, a part larger than limits.max_xlsx_part_bytes uncompressed, or a sheet
// beyond `limits`. Thread-safe.
Table read_xlsx(std::string_view bytes, SheetLimits const& limits = {});

// read_xlsx when the bytes are a zip (PK\3\4) or `filename_or_content_type` names an .xlsx
// (".xlsx" suffix or the spreadsheetml content type), read_csv otherwise. A legacy .xls or an
// encrypted workbook (OLE2 bytes) gets Error{invalid_argument} asking for .xlsx or CSV.
Table read_table(std::string_view bytes, std::string_view filename_or_content_type, SheetLimits const& limits = {});

// The table as CSV for Excel: UTF-8 with BOM, comma separated, CRLF line ends, quotes where a
// cell holds a comma, quote or line break. Formula injection guard (OWASP): a cell whose first
// character is = + - @ tab or CR (after leading spaces) gets a leading apostrophe, except a
// plain number such as "-3" or "+86". Rows are written as they are (not padded).
std::string write_csv(Table const& table);

// The table as an .xlsx with one sheet named `sheet_name` (characters Excel forbids become
// '_', cut to 31 characters): the header row bold and frozen, column widths fitted to the
// content (CJK characters count double, capped), every cell a string so phone numbers and ids
// stay as written, text longer than Excel's 32,767 characters cut there, and invalid UTF-8 or
// control characters replaced. A non-empty `footer_note` (e.g. "导出人: 张三 2026-11-29") is
// written in the second row below the data, in the printed page footer, and as the
// workbook's author and comments. Builds the file in a uniquely named temporary file in
// std::filesystem::temp_directory_path(), which is removed on every path. Throws
// std::runtime_error when the temporary file cannot be written. Thread-safe.
std::string write_xlsx(Table const& table, std::string_view sheet_name = "专家库", std::string_view footer_note = "");

}  // namespace zhiku
