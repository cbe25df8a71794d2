// XLSX ↔ Table: the first worksheet of an Office Open XML workbook read as text (libzip +
// pugixml), and exports written with libxlsxwriter.
#pragma once

#include <string>
#include <string_view>

#include "sheets/table.hpp"

namespace zhiku {

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

// The table as an .xlsx with one sheet named `sheet_name` (characters Excel forbids become
// '_', cut to 31 characters): the header row bold and frozen, column widths fitted to the
// content (CJK characters count double, capped), every cell a string so phone numbers and ids
// stay as written, text longer than Excel's 32,767 characters cut there, and invalid UTF-8 or
// control characters replaced. A non-empty `footer_note` (e.g. "导出人: 张三 2026-11-29") is
// written in the second row below the data, in the printed page footer, and as the
// workbook's author and comments. Builds the file in a uniquely named temporary file in
// std::filesystem::temp_directory_path(), which is removed on every path. Throws
// std::runtime_error when the temporary file cannot be written. Thread-safe.
std::string write_xlsx(Table const& table, std::string_view sheet_name = "Sheet1", std::string_view footer_note = "");

}  // namespace zhiku
