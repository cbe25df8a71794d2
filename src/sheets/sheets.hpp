// Spreadsheets as plain text tables, for every module that imports or exports one (the expert
// pool, proposals, rankings, the annual report): CSV and XLSX in, CSV and XLSX out.
//
//   table.hpp          Table, SheetLimits
//   csv.hpp            read_csv, write_csv
//   xlsx.hpp           read_xlsx, write_xlsx
//   text_decoding.hpp  bytes in UTF-8 / UTF-16 / GB18030 / CP936 → UTF-8 (iconv)
//   and internals: table_builder (rows → Table under the limits), xlsx_package (the zip and
//   its relationships), xlsx_values (cell values, number formats, Excel dates).
#pragma once

#include <string_view>

#include "sheets/csv.hpp"
#include "sheets/table.hpp"
#include "sheets/xlsx.hpp"

namespace zhiku {

// read_xlsx when the bytes are a zip (PK\3\4) or `filename_or_content_type` names an .xlsx
// (".xlsx" suffix or the spreadsheetml content type), read_csv otherwise. A legacy .xls or an
// encrypted workbook (OLE2 bytes) gets Error{invalid_argument} asking for .xlsx or CSV.
Table read_table(std::string_view bytes, std::string_view filename_or_content_type, SheetLimits const& limits = {});

}  // namespace zhiku
