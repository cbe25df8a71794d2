// Table → .xlsx with libxlsxwriter (constant-memory mode: rows go straight to a temporary file).
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

#include <xlsxwriter.h>

#include "core/error.hpp"
#include "core/text.hpp"
#include "sheets/table_builder.hpp"
#include "sheets/xlsx.hpp"
#include "sheets/xlsx_values.hpp"

namespace zhiku {

namespace {

using sheets::repair_in_place;
using sheets::trim_cell;


// Column width in Excel's units: East Asian wide and full-width characters count two.
std::size_t display_width(std::string_view s) {
  std::size_t widest = 0, width = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = utf8_sequence_length(s, i);
    char32_t cp = code_point_at(s, i);  // kInvalidCodePoint for a stray byte, which counts one
    i += n == 0 ? 1 : n;
    if (cp == '\n') {
      widest = std::max(widest, width);
      width = 0;
      continue;
    }
    bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    width += wide ? 2 : 1;
  }
  return std::max(widest, width);
}

constexpr std::size_t kMaxXlsxCellChars = 32'767;

// Text libxlsxwriter can store and Excel will open: well-formed UTF-8, no control characters
// XML 1.0 forbids, at most Excel's 32,767 characters.
std::string xlsx_safe(std::string_view in) {
  std::string s(in);
  repair_in_place(s);
  bool clean = s.size() <= kMaxXlsxCellChars && std::none_of(s.begin(), s.end(), [](char c) {
                 auto u = static_cast<unsigned char>(c);
                 return u < 0x20 && u != '\t' && u != '\n' && u != '\r';
               });
  if (clean) return s;
  std::string out;
  out.reserve(s.size());
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size() && chars < kMaxXlsxCellChars;) {
    std::size_t n = utf8_sequence_length(s, i);
    auto u = static_cast<unsigned char>(s[i]);
    if (n == 1 && u < 0x20 && u != '\t' && u != '\n' && u != '\r')
      out += ' ';
    else
      out.append(s, i, n);
    // Excel counts UTF-16 units: a character beyond the BMP takes two.
    chars += n == 4 ? 2 : 1;
    i += n;
  }
  return out;
}

// Excel forbids []:*?/\ in sheet names, an apostrophe at either end, and more than 31 characters.
std::string sheet_name_for(std::string_view wanted) {
  std::string name;
  std::string s = xlsx_safe(wanted);
  std::size_t chars = 0;
  for (std::size_t i = 0; i < s.size() && chars < 31;) {
    std::size_t n = utf8_sequence_length(s, i);
    char c = s[i];
    if (n == 1 &&
        (std::string_view("[]:*?/\\").find(c) != std::string_view::npos || static_cast<unsigned char>(c) < 0x20))
      name += '_';
    else
      name.append(s, i, n);
    ++chars;
    i += n;
  }
  while (!name.empty() && name.front() == '\'') name.erase(0, 1);
  while (!name.empty() && name.back() == '\'') name.pop_back();
  trim_cell(name);
  return name.empty() ? "Sheet1" : name;
}

// A file name no other export uses; removed when this goes out of scope.
class TempFile {
 public:
  TempFile() {
    std::string pattern = (std::filesystem::temp_directory_path() / "zhiku-export-XXXXXX.xlsx").string();
    int fd = ::mkstemps(pattern.data(), 5);
    if (fd < 0) throw std::runtime_error("cannot create a temporary file " + pattern + ": " + std::strerror(errno));
    ::close(fd);
    path_ = std::move(pattern);
  }
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempFile(TempFile const&) = delete;
  TempFile& operator=(TempFile const&) = delete;

  std::string const& path() const { return path_; }

 private:
  std::string path_;
};

void check_lxw(lxw_error error, char const* what) {
  if (error != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx export: ") + what + ": " + lxw_strerror(error));
}

std::string read_back(std::string const& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("xlsx export: cannot read back " + path);
  std::string out;
  out.resize(static_cast<std::size_t>(std::filesystem::file_size(path)));
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  if (!in) throw std::runtime_error("xlsx export: cannot read back " + path);
  return out;
}

}  // namespace

std::string write_xlsx(Table const& table, std::string_view sheet_name, std::string_view footer_note) {
  std::size_t columns = table.header.size();
  for (auto const& row : table.rows) columns = std::max(columns, row.size());
  if (columns > LXW_COL_MAX || table.rows.size() + 3 > LXW_ROW_MAX)
    throw Error{Errc::invalid_argument, "表格超出 Excel 的行列上限，请缩小筛选范围后再导出"};

  TempFile file;
  std::string temp_directory = std::filesystem::temp_directory_path().string();
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;  // rows go straight to disk: memory stays flat for big exports
  options.tmpdir = temp_directory.data();
  lxw_workbook* workbook = workbook_new_opt(file.path().c_str(), &options);
  if (workbook == nullptr) throw std::runtime_error("xlsx export: cannot create a workbook");
  // On an error below the half-built workbook is freed without writing; the file goes with `file`.
  struct WorkbookGuard {
    lxw_workbook* workbook;
    ~WorkbookGuard() {
      if (workbook != nullptr) lxw_workbook_free(workbook);
    }
  } guard{workbook};

  std::string name = sheet_name_for(sheet_name);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
  if (sheet == nullptr) throw std::runtime_error("xlsx export: cannot add the worksheet " + name);
  lxw_format* text = workbook_add_format(workbook);
  format_set_num_format(text, "@");  // cells typed in later stay text too
  lxw_format* bold = workbook_add_format(workbook);
  format_set_num_format(bold, "@");
  format_set_bold(bold);
  lxw_format* italic = workbook_add_format(workbook);
  format_set_italic(italic);

  std::vector<std::size_t> widths(columns, 0);
  auto measure = [&](std::vector<std::string> const& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) widths[c] = std::max(widths[c], display_width(cells[c]));
  };
  measure(table.header);
  for (auto const& row : table.rows) measure(row);
  for (std::size_t c = 0; c < columns; ++c) {
    double width = static_cast<double>(std::clamp<std::size_t>(widths[c] + 2, 8, 60));
    auto col = static_cast<lxw_col_t>(c);
    check_lxw(worksheet_set_column(sheet, col, col, width, text), "column width");
  }
  worksheet_freeze_panes(sheet, 1, 0);

  auto write_row = [&](lxw_row_t r, std::vector<std::string> const& cells, lxw_format* format) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (cells[c].empty()) continue;
      check_lxw(worksheet_write_string(sheet, r, static_cast<lxw_col_t>(c), xlsx_safe(cells[c]).c_str(), format),
                "cell");
    }
  };
  write_row(0, table.header, bold);
  for (std::size_t r = 0; r < table.rows.size(); ++r) write_row(static_cast<lxw_row_t>(r + 1), table.rows[r], text);

  if (!footer_note.empty()) {
    std::string note = xlsx_safe(footer_note);
    check_lxw(worksheet_write_string(sheet, static_cast<lxw_row_t>(table.rows.size() + 2), 0, note.c_str(), italic),
              "footer note");
    // The printed copy names its reader too; '&' starts a control code in a page footer.
    std::string page_footer = "&L";
    for (char c : note) page_footer += c == '&' ? std::string("&&") : std::string(1, c == '\n' ? ' ' : c);
    // Excel caps a page footer at 255 characters; a longer note stays in the row and the properties.
    static_cast<void>(worksheet_set_footer(sheet, page_footer.c_str()));
    lxw_doc_properties properties{};
    properties.author = note.data();
    properties.comments = note.data();
    check_lxw(workbook_set_properties(workbook, &properties), "document properties");
  }

  guard.workbook = nullptr;  // workbook_close frees it, whatever it returns
  check_lxw(workbook_close(workbook), "write");
  return read_back(file.path());
}

}  // namespace zhiku
