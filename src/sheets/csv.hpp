// CSV ↔ Table: reading what Excel, WPS and hand-made files hold (any of the encodings Chinese
// Windows writes), writing what Excel opens in Chinese without a wizard.
#pragma once

#include <string>
#include <string_view>

#include "sheets/table.hpp"

namespace zhiku {

// Parses CSV bytes (RFC 4180: quoted cells with separators, doubled quotes and line breaks
// inside; CRLF, LF or CR line ends; a lenient reading of stray quotes, as Excel does).
// Encoding: see decode_text (sheets/text_decoding.hpp): a BOM decides, else UTF-8, else
// GB18030, else CP936. Separator: ',' unless the first record has none and has tabs or
// semicolons; an Excel "sep=;" first line also decides (and is not a row). A cell that starts
// with an apostrophe followed by = + - @ loses the apostrophe (write_csv's formula guard,
// undone). Throws Error{invalid_argument} with a Chinese message naming the line or row for
// an unterminated quote, undecodable bytes, a binary file, no header row, or a file beyond
// `limits`. Thread-safe.
Table read_csv(std::string_view bytes, SheetLimits const& limits = {});

// The table as CSV for Excel: UTF-8 with BOM, comma separated, CRLF line ends, quotes where a
// cell holds a comma, quote or line break. Formula injection guard (OWASP): a cell whose first
// character is = + - @ tab or CR (after leading spaces) gets a leading apostrophe, except a
// plain number such as "-3" or "+86". Rows are written as they are (not padded).
std::string write_csv(Table const& table);

}  // namespace zhiku
