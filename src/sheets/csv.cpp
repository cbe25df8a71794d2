// CSV ↔ Table: RFC 4180 parsing with Excel's leniencies, and the formula-guarded writer.
#include "sheets/csv.hpp"

#include <cstddef>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "sheets/table_builder.hpp"
#include "sheets/text_decoding.hpp"

namespace zhiku {

namespace {

using sheets::refuse;
using sheets::refuse_columns;
using sheets::TableBuilder;
using sheets::trim_cell;

// ---------------------------------------------------------------------------------------------
// Reading

// The separator the first record uses: ',' when it has one, else the more frequent of tab
// and ';' (quoted text does not count).
char sniff_separator(std::string_view text) {
  std::size_t commas = 0, tabs = 0, semicolons = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    if (c == ',')
      ++commas;
    else if (c == '\t')
      ++tabs;
    else if (c == ';')
      ++semicolons;
  }
  if (commas > 0) return ',';
  if (tabs > 0 && tabs >= semicolons) return '\t';
  if (semicolons > 0) return ';';
  return ',';
}

// Undoes write_csv's formula guard ("'=A1" → "=A1").
void unguard_formula(std::string& cell) {
  if (cell.size() >= 2 && cell[0] == '\'' && std::string_view("=+-@").find(cell[1]) != std::string_view::npos)
    cell.erase(0, 1);
}

Table parse_csv(std::string_view text, SheetLimits const& limits) {
  char sep = 0;
  // Excel's "sep=;" line names the separator and is not part of the sheet.
  if (text.starts_with("sep=") && text.size() >= 5 && text[4] != '\r' && text[4] != '\n' &&
      (text.size() == 5 || text[5] == '\r' || text[5] == '\n')) {
    sep = text[4];
    text.remove_prefix(5);
    if (text.starts_with("\r")) text.remove_prefix(1);
    if (text.starts_with("\n")) text.remove_prefix(1);
  } else {
    sep = sniff_separator(text);
  }

  TableBuilder builder(limits);
  std::vector<std::string> cells;
  std::string field;
  std::size_t const n = text.size();
  std::size_t i = 0;
  int line = 1;    // physical line, for the unterminated-quote message
  int record = 0;  // the row number Excel would show
  while (i < n) {
    ++record;
    cells.clear();
    for (;;) {
      field.clear();
      // Spaces before an opening quote are tolerated (`a, "b,c"`); the cell is trimmed anyway.
      std::size_t j = i;
      while (j < n && text[j] == ' ') ++j;
      if (j < n && text[j] == '"') {
        int quote_line = line;
        i = j + 1;
        for (;;) {
          std::size_t q = text.find('"', i);
          if (q == std::string_view::npos)
            refuse("第 " + std::to_string(quote_line) + " 行的引号没有闭合：以引号开始的单元格缺少结束引号");
          std::string_view chunk = text.substr(i, q - i);
          for (std::size_t k = 0; k < chunk.size(); ++k) {
            char c = chunk[k];
            if (c == '\r') {
              ++line;  // CRLF and a lone CR inside a cell both become "\n"
              field.push_back('\n');
              if (k + 1 < chunk.size() && chunk[k + 1] == '\n') ++k;
            } else {
              if (c == '\n') ++line;
              field.push_back(c);
            }
          }
          i = q + 1;
          if (i < n && text[i] == '"') {
            field.push_back('"');
            ++i;
            continue;
          }
          break;
        }
      }
      // Unquoted text, or what follows a closing quote (kept as Excel keeps it).
      std::size_t end = i;
      while (end < n && text[end] != sep && text[end] != '\n' && text[end] != '\r') ++end;
      field.append(text.substr(i, end - i));
      i = end;
      trim_cell(field);
      unguard_formula(field);
      // Empty cells past the limit are dropped as they come, so a line of a million commas
      // costs no memory; text there is refused.
      if (cells.size() < limits.max_columns)
        cells.push_back(field);
      else if (!field.empty())
        refuse_columns(record, limits.max_columns);
      if (i < n && text[i] == sep) {
        ++i;
        continue;
      }
      break;
    }
    if (i < n && text[i] == '\r') ++i;
    if (i < n && text[i] == '\n') ++i;
    ++line;
    builder.add(cells, record);
  }
  return builder.finish();
}

// ---------------------------------------------------------------------------------------------
// Writing

bool is_plain_number(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  bool digits = false, dot = false;
  for (char c : s) {
    if (c >= '0' && c <= '9')
      digits = true;
    else if (c == '.' && !dot)
      dot = true;
    else
      return false;
  }
  return digits;
}

bool needs_formula_guard(std::string_view cell) {
  if (cell.empty()) return false;
  if (cell[0] == '\t' || cell[0] == '\r') return true;
  std::size_t b = cell.find_first_not_of(' ');
  if (b == std::string_view::npos) return false;
  char c = cell[b];
  if (c != '=' && c != '+' && c != '-' && c != '@') return false;
  std::size_t e = cell.find_last_not_of(' ');
  return !is_plain_number(cell.substr(b, e - b + 1));
}

void append_csv_cell(std::string& out, std::string_view cell) {
  bool guard = needs_formula_guard(cell);
  bool quote = cell.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!guard && !quote) {
    out += cell;
    return;
  }
  if (quote) out.push_back('"');
  if (guard) out.push_back('\'');
  for (char c : cell) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  if (quote) out.push_back('"');
}

}  // namespace

Table read_csv(std::string_view bytes, SheetLimits const& limits) {
  std::string text = sheets::decode_text(bytes);
  std::size_t nul = text.find('\0');
  if (nul != std::string::npos)
    refuse("第 " + std::to_string(sheets::line_of_offset(text, nul)) + " 行含有空字符（NUL），这不是文本格式的 CSV 文件");
  return parse_csv(text, limits);
}

std::string write_csv(Table const& table) {
  std::string out = "\xEF\xBB\xBF";
  auto write_row = [&](std::vector<std::string> const& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out.push_back(',');
      append_csv_cell(out, cells[i]);
    }
    out += "\r\n";
  };
  write_row(table.header);
  for (auto const& row : table.rows) write_row(row);
  return out;
}

}  // namespace zhiku
