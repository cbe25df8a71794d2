// CSV and XLSX ↔ Table: encoding detection and RFC 4180 parsing, the xlsx package read with
// libzip and pugixml, exports written with libxlsxwriter.
#include "experts/spreadsheet.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>
#include <utility>

#include <iconv.h>
#include <unistd.h>

#include <xlsxwriter.h>
#include <zip.h>
#include <pugixml.hpp>

#include "core/error.hpp"
#include "core/text.hpp"

namespace zhiku {

namespace {

[[noreturn]] void refuse(std::string message) { throw Error{Errc::invalid_argument, std::move(message)}; }

[[noreturn]] void refuse_columns(int row_number, std::size_t max_columns) {
  refuse("第 " + std::to_string(row_number) + " 行在第 " + std::to_string(max_columns) + " 列之后还有内容，每行最多 " +
         std::to_string(max_columns) + " 列");
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// ---------------------------------------------------------------------------------------------
// UTF-8

// The code point of the well-formed sequence of `n` bytes at s[i].
char32_t code_point_at(std::string_view s, std::size_t i, std::size_t n) {
  auto byte = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k])); };
  switch (n) {
    case 1:
      return byte(0);
    case 2:
      return ((byte(0) & 0x1F) << 6) | (byte(1) & 0x3F);
    case 3:
      return ((byte(0) & 0x0F) << 12) | ((byte(1) & 0x3F) << 6) | (byte(2) & 0x3F);
    default:
      return ((byte(0) & 0x07) << 18) | ((byte(1) & 0x3F) << 12) | ((byte(2) & 0x3F) << 6) | (byte(3) & 0x3F);
  }
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Replaces ill-formed UTF-8 with U+FFFD (only xlsx text can hold it; CSV is decoded strictly).
void repair_in_place(std::string& s) {
  if (!is_valid_utf8(s)) s = repair_utf8(s);
}

// Trims ASCII whitespace, U+00A0, U+3000 (the full-width space Chinese text uses) and U+FEFF.
void trim_cell(std::string& s) {
  auto space_at_start = [&](std::size_t b) -> std::size_t {
    unsigned char c = static_cast<unsigned char>(s[b]);
    if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
    std::string_view rest = std::string_view(s).substr(b);
    if (starts_with(rest, "\xC2\xA0")) return 2;
    if (starts_with(rest, "\xE3\x80\x80") || starts_with(rest, "\xEF\xBB\xBF")) return 3;
    return 0;
  };
  auto space_at_end = [&](std::size_t e) -> std::size_t {
    unsigned char c = static_cast<unsigned char>(s[e - 1]);
    if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
    std::string_view head = std::string_view(s).substr(0, e);
    if (ends_with(head, "\xC2\xA0")) return 2;
    if (ends_with(head, "\xE3\x80\x80") || ends_with(head, "\xEF\xBB\xBF")) return 3;
    return 0;
  };
  std::size_t b = 0, e = s.size();
  while (b < e) {
    std::size_t n = space_at_start(b);
    if (n == 0 || b + n > e) break;
    b += n;
  }
  while (e > b) {
    std::size_t n = space_at_end(e);
    if (n == 0 || e - n < b) break;
    e -= n;
  }
  if (e < s.size()) s.erase(e);
  if (b > 0) s.erase(0, b);
}

// ---------------------------------------------------------------------------------------------
// Rows → Table, with the limits

class TableBuilder {
 public:
  explicit TableBuilder(SheetLimits const& limits) : limits_(limits) {}

  // `cells` are trimmed; they are moved from.
  void add(std::vector<std::string>& cells, int row_number) {
    while (!cells.empty() && cells.back().empty()) cells.pop_back();
    if (cells.empty()) return;
    if (cells.size() > limits_.max_columns) refuse_columns(row_number, limits_.max_columns);
    if (!has_header_) {
      has_header_ = true;
      table_.header = std::move(cells);
      table_.header_row_number = row_number;
      cells.clear();
      return;
    }
    if (table_.rows.size() >= limits_.max_rows)
      refuse("文件的数据超过 " + std::to_string(limits_.max_rows) + " 行，请拆分后分批导入");
    if (cells.size() < table_.header.size()) cells.resize(table_.header.size());
    table_.rows.push_back(std::move(cells));
    table_.row_numbers.push_back(row_number);
    cells.clear();
  }

  Table finish() {
    if (!has_header_) refuse("文件为空：第一行应为列名（姓名、工作单位……）");
    return std::move(table_);
  }

 private:
  SheetLimits const& limits_;
  Table table_;
  bool has_header_ = false;
};

// ---------------------------------------------------------------------------------------------
// CSV: decoding

int line_of_offset(std::string_view bytes, std::size_t offset) {
  return 1 + static_cast<int>(std::count(
                 bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(std::min(offset, bytes.size())), '\n'));
}

// `in` converted from `charset` to UTF-8, or nullopt (with the offset of the first bad byte)
// when it is not valid in that charset.
std::optional<std::string> iconv_to_utf8(std::string_view in, char const* charset, std::size_t& bad_offset) {
  iconv_t cd = iconv_open("UTF-8", charset);
  if (cd == reinterpret_cast<iconv_t>(static_cast<std::intptr_t>(-1)))
    throw std::runtime_error(std::string("iconv cannot convert from ") + charset + ": " + std::strerror(errno));
  struct Closer {
    iconv_t cd;
    ~Closer() { iconv_close(cd); }
  } closer{cd};

  std::string out(in.size() + in.size() / 2 + 16, '\0');
  char* src = const_cast<char*>(in.data());  // iconv's signature; it does not write the input
  std::size_t src_left = in.size();
  char* dst = out.data();
  std::size_t dst_left = out.size();
  while (src_left > 0) {
    if (iconv(cd, &src, &src_left, &dst, &dst_left) != static_cast<std::size_t>(-1)) continue;
    if (errno == E2BIG) {
      std::size_t used = static_cast<std::size_t>(dst - out.data());
      out.resize(out.size() * 2);
      dst = out.data() + used;
      dst_left = out.size() - used;
      continue;
    }
    bad_offset = in.size() - src_left;  // EILSEQ, or EINVAL: a sequence cut off at the end
    return std::nullopt;
  }
  out.resize(static_cast<std::size_t>(dst - out.data()));
  return out;
}

// The file's text as UTF-8 without BOM.
std::string decode_text(std::string_view bytes) {
  std::size_t bad = 0;
  auto from_utf16 = [&](std::string_view body, char const* charset) {
    if (body.size() % 2 != 0) body.remove_suffix(1);  // a stray last byte cannot be a character
    auto text = iconv_to_utf8(body, charset, bad);
    if (!text)
      refuse(std::string("文件开头标明为 ") + charset + " 编码，但第 " + std::to_string(bad + 2) +
             " 字节无法按该编码解码，请另存为 UTF-8 CSV");
    return std::move(*text);
  };
  if (starts_with(bytes, "\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
    if (!is_valid_utf8(bytes)) {
      std::size_t i = 0;
      while (i < bytes.size() && utf8_sequence_length(bytes, i) != 0) i += utf8_sequence_length(bytes, i);
      int line = line_of_offset(bytes, i);
      refuse("第 " + std::to_string(line) + " 行含有无效的 UTF-8 字符（文件开头标明为 UTF-8 编码）");
    }
    return std::string(bytes);
  }
  if (starts_with(bytes, "\xFF\xFE")) return from_utf16(bytes.substr(2), "UTF-16LE");
  if (starts_with(bytes, "\xFE\xFF")) return from_utf16(bytes.substr(2), "UTF-16BE");
  if (is_valid_utf8(bytes)) return std::string(bytes);
  if (auto text = iconv_to_utf8(bytes, "GB18030", bad)) return std::move(*text);
  std::size_t bad_gb18030 = bad;
  // CP936 also maps 0x80 (€), which GB18030 leaves undefined.
  if (auto text = iconv_to_utf8(bytes, "CP936", bad)) return std::move(*text);
  int line = line_of_offset(bytes, std::max(bad, bad_gb18030));
  refuse("无法识别文件编码：第 " + std::to_string(line) + " 行既不是 UTF-8 也不是 GB18030/GBK，请另存为 UTF-8 CSV");
}

// ---------------------------------------------------------------------------------------------
// CSV: parsing

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
  if (starts_with(text, "sep=") && text.size() >= 5 && text[4] != '\r' && text[4] != '\n' &&
      (text.size() == 5 || text[5] == '\r' || text[5] == '\n')) {
    sep = text[4];
    text.remove_prefix(5);
    if (starts_with(text, "\r")) text.remove_prefix(1);
    if (starts_with(text, "\n")) text.remove_prefix(1);
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
// CSV: writing

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

// ---------------------------------------------------------------------------------------------
// XLSX: the package

class ZipArchive {
 public:
  ZipArchive(std::string_view bytes, std::size_t max_part_bytes) : max_part_bytes_(max_part_bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (source != nullptr) {
      zip_ = zip_open_from_source(source, ZIP_RDONLY, &error);
      if (zip_ == nullptr) zip_source_free(source);
    }
    std::string why = zip_ == nullptr ? zip_error_strerror(&error) : "";
    zip_error_fini(&error);
    if (zip_ == nullptr) refuse("文件不是有效的 xlsx：无法作为 zip 压缩包打开（" + why + "）");
  }
  ~ZipArchive() { zip_discard(zip_); }
  ZipArchive(ZipArchive const&) = delete;
  ZipArchive& operator=(ZipArchive const&) = delete;

  // The uncompressed part, or nullopt when the package has none by that name (part names are
  // case-insensitive in OPC).
  std::optional<std::string> read(std::string const& name) const {
    zip_int64_t index = zip_name_locate(zip_, name.c_str(), ZIP_FL_NOCASE);
    if (index < 0) return std::nullopt;
    auto const at = static_cast<zip_uint64_t>(index);
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(zip_, at, 0, &stat) == 0 && (stat.valid & ZIP_STAT_SIZE) != 0 && stat.size > max_part_bytes_)
      too_large(name);
    zip_file_t* file = zip_fopen_index(zip_, at, 0);
    if (file == nullptr) corrupt(name, std::string("无法打开（") + zip_strerror(zip_) + "）");
    struct Closer {
      zip_file_t* file;
      ~Closer() { zip_fclose(file); }
    } closer{file};

    std::string out;
    if ((stat.valid & ZIP_STAT_SIZE) != 0) out.reserve(static_cast<std::size_t>(stat.size));
    char buffer[64 * 1024];
    for (;;) {
      // The size in the directory may lie; the limit holds on what actually inflates.
      zip_int64_t got = zip_fread(file, buffer, sizeof buffer);
      if (got < 0) corrupt(name, std::string("无法解压（") + zip_file_strerror(file) + "）");
      if (got == 0) break;
      if (out.size() + static_cast<std::size_t>(got) > max_part_bytes_) too_large(name);
      out.append(buffer, static_cast<std::size_t>(got));
    }
    return out;
  }

  [[noreturn]] static void corrupt(std::string const& part, std::string const& why) {
    refuse("xlsx 文件已损坏：" + part + " " + why + "，请用 Excel 打开后重新另存为 .xlsx");
  }

 private:
  [[noreturn]] void too_large(std::string const& name) const {
    refuse("xlsx 文件中的 " + name + " 解压后超过 " + std::to_string(max_part_bytes_ >> 20) + " MB，拒绝读取");
  }

  zip_t* zip_ = nullptr;
  std::size_t max_part_bytes_;
};

// An XML part; the document points into `text`.
struct XmlPart {
  std::string text;
  pugi::xml_document doc;
};

bool load_part(ZipArchive const& zip, std::string const& name, XmlPart& part) {
  auto bytes = zip.read(name);
  if (!bytes) return false;
  part.text = std::move(*bytes);
  // Keep a run that is only a space ("<t xml:space="preserve"> </t>"): it separates words.
  auto result = part.doc.load_buffer_inplace(part.text.data(), part.text.size(),
                                             pugi::parse_default | pugi::parse_ws_pcdata_single);
  if (!result) ZipArchive::corrupt(name, std::string("不是格式正确的 XML（") + result.description() + "）");
  return true;
}

// Element names without their namespace prefix: producers write <c>, <x:c> or <main:c>.
std::string_view local_name(pugi::xml_node node) {
  std::string_view name = node.name();
  std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node child_named(pugi::xml_node node, std::string_view local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && local_name(c) == local) return c;
  return {};
}

// "xl/workbook.xml" → "xl/"
std::string directory_of(std::string_view part) {
  std::size_t slash = part.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels"
std::string rels_of(std::string_view part) {
  std::size_t slash = part.rfind('/');
  std::size_t cut = slash == std::string_view::npos ? 0 : slash + 1;
  return std::string(part.substr(0, cut)) + "_rels/" + std::string(part.substr(cut)) + ".rels";
}

// A relationship target resolved against the source part's directory, "." and ".." applied.
std::string resolve_target(std::string const& base_directory, std::string_view target) {
  std::string joined = starts_with(target, "/") ? std::string(target.substr(1)) : base_directory + std::string(target);
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= joined.size()) {
    std::size_t slash = joined.find('/', start);
    if (slash == std::string::npos) slash = joined.size();
    std::string segment = joined.substr(start, slash - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(std::move(segment));
    }
    start = slash + 1;
  }
  std::string out;
  for (auto const& s : segments) out += (out.empty() ? "" : "/") + s;
  return out;
}

struct Relationship {
  std::string type;
  std::string target;  // resolved part name
};

// The relationships of `part` by id; empty when it has none.
std::map<std::string, Relationship> read_relationships(ZipArchive const& zip, std::string const& part) {
  std::map<std::string, Relationship> out;
  XmlPart rels;
  if (!load_part(zip, rels_of(part), rels)) return out;
  std::string base = directory_of(part);
  for (pugi::xml_node r : child_named(rels.doc, "Relationships").children()) {
    if (local_name(r) != "Relationship") continue;
    if (std::string_view(r.attribute("TargetMode").value()) == "External") continue;
    out[r.attribute("Id").value()] = {r.attribute("Type").value(), resolve_target(base, r.attribute("Target").value())};
  }
  return out;
}

// The first relationship whose type ends with `/kind` (transitional and strict URIs differ
// only before it).
std::optional<std::string> target_of_type(std::map<std::string, Relationship> const& rels, std::string_view kind) {
  for (auto const& [id, rel] : rels)
    if (ends_with(rel.type, kind)) return rel.target;
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// XLSX: cell values

// OOXML escapes characters XML cannot carry as _xHHHH_ ("_x000D_" is CR, "_x005F_" is '_').
void decode_ooxml_escapes(std::string& s) {
  std::size_t at = s.find("_x");
  if (at == std::string::npos) return;
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out(s, 0, at);
  std::size_t i = at;
  while (i < s.size()) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      int h0 = hex(s[i + 2]), h1 = hex(s[i + 3]), h2 = hex(s[i + 4]), h3 = hex(s[i + 5]);
      if (h0 >= 0 && h1 >= 0 && h2 >= 0 && h3 >= 0) {
        auto cp = static_cast<char32_t>((h0 << 12) | (h1 << 8) | (h2 << 4) | h3);
        if (cp < 0xD800 || cp > 0xDFFF) {
          append_utf8(out, cp);
          i += 7;
          continue;
        }
      }
    }
    out.push_back(s[i++]);
  }
  s = std::move(out);
}

// The text of a string item (<si> or <is>): its <t>, or its rich-text runs' <t>s joined;
// phonetic guides (<rPh>) are not part of the value.
std::string string_item_text(pugi::xml_node item) {
  std::string out;
  for (pugi::xml_node c = item.first_child(); c; c = c.next_sibling()) {
    std::string_view name = local_name(c);
    if (name == "t") {
      out += c.child_value();
    } else if (name == "r") {
      if (pugi::xml_node t = child_named(c, "t")) out += t.child_value();
    }
  }
  decode_ooxml_escapes(out);
  return out;
}

enum class NumberKind { plain, date, time, date_time };

// What a custom number format shows: letters inside quotes, brackets (except elapsed time
// [h] [m] [s]) or after \ _ * are literal.
NumberKind kind_of_format_code(std::string_view code) {
  bool date = false, time = false, month = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    char c = static_cast<char>(code[i] >= 'A' && code[i] <= 'Z' ? code[i] - 'A' + 'a' : code[i]);
    if (c == '"') {
      std::size_t close = code.find('"', i + 1);
      if (close == std::string_view::npos) break;
      i = close;
    } else if (c == '\\' || c == '_' || c == '*') {
      ++i;
    } else if (c == '[') {
      std::size_t close = code.find(']', i + 1);
      if (close == std::string_view::npos) break;
      std::string inner = lower_ascii(code.substr(i + 1, close - i - 1));
      if (!inner.empty() && inner.find_first_not_of(inner[0]) == std::string::npos &&
          (inner[0] == 'h' || inner[0] == 'm' || inner[0] == 's'))
        time = true;
      i = close;
    } else if (c == 'y' || c == 'd') {
      date = true;
    } else if (c == 'h' || c == 's') {
      time = true;
    } else if (c == 'm') {
      month = true;
    }
  }
  if (month && !time) date = true;  // "m" is minutes only next to h or s
  if (date && time) return NumberKind::date_time;
  if (date) return NumberKind::date;
  if (time) return NumberKind::time;
  return NumberKind::plain;
}

// Built-in formats (ECMA-376 18.8.30, with the zh-CN ids 27–58).
NumberKind kind_of_builtin_format(int id) {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) || id == 57 || id == 58)
    return NumberKind::date;
  if (id == 22) return NumberKind::date_time;
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 || id == 56)
    return NumberKind::time;
  return NumberKind::plain;
}

// NumberKind per cell style index (the cell's s attribute).
std::vector<NumberKind> read_styles(ZipArchive const& zip, std::string const& path) {
  std::vector<NumberKind> kinds;
  XmlPart styles;
  if (!load_part(zip, path, styles)) return kinds;
  pugi::xml_node sheet = child_named(styles.doc, "styleSheet");
  std::map<int, NumberKind> custom;
  for (pugi::xml_node f : child_named(sheet, "numFmts").children())
    if (local_name(f) == "numFmt")
      custom[f.attribute("numFmtId").as_int(-1)] = kind_of_format_code(f.attribute("formatCode").value());
  for (pugi::xml_node xf : child_named(sheet, "cellXfs").children()) {
    if (local_name(xf) != "xf") continue;
    int id = xf.attribute("numFmtId").as_int(0);
    auto it = custom.find(id);
    kinds.push_back(it != custom.end() ? it->second : kind_of_builtin_format(id));
  }
  return kinds;
}

// Howard Hinnant's civil_from_days: days since 1970-01-01 → (y, m, d).
void civil_from_days(long long z, long long& y, unsigned& m, unsigned& d) {
  z += 719468;
  long long era = (z >= 0 ? z : z - 146096) / 146097;
  auto doe = static_cast<unsigned>(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<long long>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
}

std::string two_digits(long long v) {
  return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10);
}

// An Excel serial date as ISO text; nullopt outside 1900–9999.
std::optional<std::string> format_serial(double serial, NumberKind kind, bool date1904) {
  if (!(serial >= 0) || serial >= 2958466.0) return std::nullopt;
  auto days = static_cast<long long>(std::floor(serial));
  auto seconds = std::llround((serial - std::floor(serial)) * 86400.0);
  if (seconds >= 86400) {
    seconds -= 86400;
    ++days;
  }
  std::string time = two_digits(seconds / 3600) + ":" + two_digits(seconds / 60 % 60);
  if (seconds % 60 != 0) time += ":" + two_digits(seconds % 60);
  if (kind == NumberKind::time) return time;
  // Serial 25569 is 1970-01-01 in the 1900 system, which counts a 1900-02-29 that never was
  // (serial 60); serials before it are one day later than that arithmetic says.
  long long unix_days = date1904 ? days - 24107 : (days < 61 ? days - 25568 : days - 25569);
  long long y = 0;
  unsigned m = 0, d = 0;
  civil_from_days(unix_days, y, m, d);
  std::string date = std::to_string(y) + "-" + two_digits(m) + "-" + two_digits(d);
  if (kind == NumberKind::date_time && seconds != 0) return date + " " + time;
  return date;
}

// A number as Excel's General format shows it: integers in full (up to 15 digits), others
// with 15 significant digits.
std::string format_number(std::string_view raw, NumberKind kind, bool date1904) {
  double value = 0;
  auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), value);
  if (ec != std::errc() || end != raw.data() + raw.size() || !std::isfinite(value)) return std::string(raw);
  if (kind != NumberKind::plain)
    if (auto text = format_serial(value, kind, date1904)) return *text;
  char buffer[64];
  std::to_chars_result r;
  if (value == std::floor(value) && std::fabs(value) < 1e15)
    r = std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(value));
  else
    r = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general, 15);
  return std::string(buffer, r.ptr);
}

// "BC12" → column 54 (0-based) and row 12; false when it is not a cell reference.
bool parse_cell_ref(std::string_view ref, int& column, int& row) {
  std::size_t i = 0;
  int col = 0;
  while (i < ref.size() && i < 3) {
    char c = ref[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') break;
    col = col * 26 + (c - 'A' + 1);
    ++i;
  }
  if (i == 0 || col > 16384) return false;
  int r = 0;
  auto [end, ec] = std::from_chars(ref.data() + i, ref.data() + ref.size(), r);
  if (ec != std::errc() || end != ref.data() + ref.size() || r < 1 || r > 1048576) return false;
  column = col - 1;
  row = r;
  return true;
}

// ---------------------------------------------------------------------------------------------
// XLSX: writing

// Column width in Excel's units: East Asian wide and full-width characters count two.
std::size_t display_width(std::string_view s) {
  std::size_t widest = 0, width = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t n = utf8_sequence_length(s, i);
    if (n == 0) n = 1;
    char32_t cp = code_point_at(s, i, n);
    i += n;
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

std::string read_file(std::string const& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("xlsx export: cannot read back " + path);
  std::string out;
  out.resize(static_cast<std::size_t>(std::filesystem::file_size(path)));
  in.read(out.data(), static_cast<std::streamsize>(out.size()));
  if (!in) throw std::runtime_error("xlsx export: cannot read back " + path);
  return out;
}

}  // namespace

// =============================================================================================

Table read_csv(std::string_view bytes, SheetLimits const& limits) {
  std::string text = decode_text(bytes);
  std::size_t nul = text.find('\0');
  if (nul != std::string::npos)
    refuse("第 " + std::to_string(line_of_offset(text, nul)) + " 行含有空字符（NUL），这不是文本格式的 CSV 文件");
  return parse_csv(text, limits);
}

Table read_xlsx(std::string_view bytes, SheetLimits const& limits) {
  ZipArchive zip(bytes, limits.max_xlsx_part_bytes);

  std::string workbook_path =
      target_of_type(read_relationships(zip, ""), "/officeDocument").value_or("xl/workbook.xml");
  XmlPart workbook;
  if (!load_part(zip, workbook_path, workbook)) refuse("文件不是 xlsx 工作簿（缺少 " + workbook_path + "）");
  pugi::xml_node wb = child_named(workbook.doc, "workbook");
  std::string_view date1904 = child_named(wb, "workbookPr").attribute("date1904").value();
  bool const is_date1904 = date1904 == "1" || date1904 == "true";

  auto rels = read_relationships(zip, workbook_path);
  std::string sheet_path;
  for (pugi::xml_node sheet : child_named(wb, "sheets").children()) {
    if (local_name(sheet) != "sheet") continue;
    std::string id;
    for (pugi::xml_attribute a : sheet.attributes()) {
      std::string_view name = a.name();
      if (name.size() > 3 && ends_with(name, ":id")) id = a.value();
    }
    auto it = rels.find(id);
    if (it != rels.end() && ends_with(it->second.type, "/worksheet")) {
      sheet_path = it->second.target;
      break;
    }
  }
  if (sheet_path.empty()) {
    if (!rels.empty()) refuse("xlsx 文件中没有工作表");
    sheet_path = directory_of(workbook_path) + "worksheets/sheet1.xml";
  }

  std::vector<std::string> shared;
  {
    XmlPart sst;
    std::string path =
        target_of_type(rels, "/sharedStrings").value_or(directory_of(workbook_path) + "sharedStrings.xml");
    if (load_part(zip, path, sst))
      for (pugi::xml_node si : child_named(sst.doc, "sst").children())
        if (local_name(si) == "si") shared.push_back(string_item_text(si));
  }
  std::vector<NumberKind> styles;
  if (auto path = target_of_type(rels, "/styles")) styles = read_styles(zip, *path);

  XmlPart sheet;
  if (!load_part(zip, sheet_path, sheet)) refuse("xlsx 文件缺少工作表 " + sheet_path);
  pugi::xml_node data = child_named(child_named(sheet.doc, "worksheet"), "sheetData");

  TableBuilder builder(limits);
  std::vector<std::string> cells;
  int row_number = 0;
  for (pugi::xml_node row : data.children()) {
    if (local_name(row) != "row") continue;
    int r = row.attribute("r").as_int(0);
    row_number = r > 0 ? r : row_number + 1;
    cells.clear();
    int next_column = 0;
    for (pugi::xml_node c : row.children()) {
      if (local_name(c) != "c") continue;
      int column = next_column, ref_row = 0;
      if (pugi::xml_attribute ref = c.attribute("r"))
        if (!parse_cell_ref(ref.value(), column, ref_row))
          ZipArchive::corrupt(sheet_path, std::string("中的单元格引用 ") + ref.value() + " 无效");
      next_column = column + 1;

      std::string_view type = c.attribute("t").value();
      pugi::xml_node v = child_named(c, "v");
      std::string value;
      if (type == "s") {
        if (v) {
          std::size_t index = 0;
          std::string_view raw = v.child_value();
          auto [end, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), index);
          if (ec != std::errc() || end != raw.data() + raw.size() || index >= shared.size())
            ZipArchive::corrupt(sheet_path, "中的共享字符串序号 " + std::string(raw) + " 超出范围");
          value = shared[index];
        }
      } else if (type == "inlineStr" || (!v && child_named(c, "is"))) {
        value = string_item_text(child_named(c, "is"));
      } else if (type == "b") {
        if (v) value = std::string_view(v.child_value()) == "1" ? "TRUE" : "FALSE";
      } else if (type == "str" || type == "e" || type == "d") {
        value = v.child_value();
      } else if (v) {
        std::size_t style = c.attribute("s").as_uint(0);
        NumberKind kind = style < styles.size() ? styles[style] : NumberKind::plain;
        value = format_number(v.child_value(), kind, is_date1904);
      }
      trim_cell(value);
      if (value.empty()) continue;
      if (static_cast<std::size_t>(column) >= limits.max_columns) refuse_columns(row_number, limits.max_columns);
      repair_in_place(value);
      if (cells.size() <= static_cast<std::size_t>(column)) cells.resize(static_cast<std::size_t>(column) + 1);
      cells[static_cast<std::size_t>(column)] = std::move(value);
    }
    builder.add(cells, row_number);
  }
  return builder.finish();
}

Table read_table(std::string_view bytes, std::string_view filename_or_content_type, SheetLimits const& limits) {
  if (starts_with(bytes, "PK\x03\x04") || starts_with(bytes, "PK\x05\x06")) return read_xlsx(bytes, limits);
  if (starts_with(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
    refuse("不支持旧版 .xls 或加密的 Excel 文件，请另存为 .xlsx 或 CSV");
  std::string hint = lower_ascii(filename_or_content_type);
  if (ends_with(hint, ".xlsx") || hint.find("spreadsheetml.sheet") != std::string::npos)
    return read_xlsx(bytes, limits);
  return read_csv(bytes, limits);
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
  return read_file(file.path());
}

}  // namespace zhiku
