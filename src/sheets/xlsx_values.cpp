// Cell values: OOXML string items, number formats, Excel serial dates with std::chrono's calendar.
#include "sheets/xlsx_values.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>

#include "core/text.hpp"

namespace zhiku::sheets {

namespace {

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

// Built-in formats (ECMA-376 18.8.30, with the zh-CN ids 27–58).
NumberKind kind_of_builtin_format(int id) {
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) || id == 57 || id == 58)
    return NumberKind::date;
  if (id == 22) return NumberKind::date_time;
  if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || (id >= 45 && id <= 47) || id == 55 || id == 56)
    return NumberKind::time;
  return NumberKind::plain;
}

std::string two_digits(long long v) {
  return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10);
}

// An Excel serial date as ISO text; nullopt outside 1900–9999.
std::optional<std::string> format_serial(double serial, NumberKind kind, bool date1904) {
  using namespace std::chrono;
  if (!(serial >= 0) || serial >= 2958466.0) return std::nullopt;
  auto whole_days = static_cast<long long>(std::floor(serial));
  auto seconds = std::llround((serial - std::floor(serial)) * 86400.0);
  if (seconds >= 86400) {
    seconds -= 86400;
    ++whole_days;
  }
  std::string time = two_digits(seconds / 3600) + ":" + two_digits(seconds / 60 % 60);
  if (seconds % 60 != 0) time += ":" + two_digits(seconds % 60);
  if (kind == NumberKind::time) return time;
  // Serial 0 is 1899-12-31 in the 1900 system, which counts a 1900-02-29 that never was
  // (serial 60): from serial 61 on, the count is one day ahead of the calendar. Serial 0 is
  // 1904-01-01 in the 1904 system.
  constexpr sys_days kEpoch1900 = sys_days{1899y / December / 31};
  constexpr sys_days kEpoch1904 = sys_days{1904y / January / 1};
  sys_days day = date1904 ? kEpoch1904 + days{whole_days}
                          : kEpoch1900 + days{whole_days < 61 ? whole_days : whole_days - 1};
  year_month_day ymd{day};
  std::string date = std::to_string(static_cast<int>(ymd.year())) + "-" +
                     two_digits(static_cast<unsigned>(ymd.month())) + "-" +
                     two_digits(static_cast<unsigned>(ymd.day()));
  if (kind == NumberKind::date_time && seconds != 0) return date + " " + time;
  return date;
}

}  // namespace

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

void repair_in_place(std::string& s) {
  if (!is_valid_utf8(s)) s = repair_utf8(s);
}

}  // namespace zhiku::sheets
