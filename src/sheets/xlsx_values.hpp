// Cell values of an .xlsx as the text Excel shows (internal to sheets/): string items, number
// formats (which numbers are dates or times), Excel serial dates, cell references.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "sheets/xlsx_package.hpp"

namespace zhiku::sheets {

// The text of a string item (<si> or <is>): its <t>, or its rich-text runs' <t>s joined;
// phonetic guides (<rPh>) are not part of the value; OOXML's _xHHHH_ escapes decoded.
std::string string_item_text(pugi::xml_node item);

// How a cell's number format shows a number.
enum class NumberKind { plain, date, time, date_time };

// What a custom number format code shows ("yyyy-mm-dd" → date, "h:mm" → time, "0.00" → plain).
NumberKind kind_of_format_code(std::string_view code);

// NumberKind per cell style index (a cell's s attribute), from the styles part at `path`.
std::vector<NumberKind> read_styles(ZipArchive const& zip, std::string const& path);

// A number cell's raw value as Excel's General format shows it (integers in full up to 15
// digits, others with 15 significant digits), or as ISO text ("1965-03-01", "08:30",
// "2026-11-29 08:30") when `kind` is a date or time and the serial lies in 1900–9999.
// `date1904` is the workbook's date system. Text that is not a number is returned as it is.
std::string format_number(std::string_view raw, NumberKind kind, bool date1904);

// "BC12" → column 54 (0-based) and row 12; false when it is not a cell reference.
bool parse_cell_ref(std::string_view ref, int& column, int& row);

// Replaces ill-formed UTF-8 with U+FFFD, in place.
void repair_in_place(std::string& s);

}  // namespace zhiku::sheets
