// .xlsx → Table: the workbook found through the package relationships, its first worksheet read
// cell by cell with shared strings and number formats.
#include <charconv>
#include <string>
#include <vector>

#include <pugixml.hpp>

#include "sheets/table_builder.hpp"
#include "sheets/xlsx.hpp"
#include "sheets/xlsx_package.hpp"
#include "sheets/xlsx_values.hpp"

namespace zhiku {

using sheets::child_named;
using sheets::directory_of;
using sheets::format_number;
using sheets::load_part;
using sheets::local_name;
using sheets::NumberKind;
using sheets::parse_cell_ref;
using sheets::read_relationships;
using sheets::read_styles;
using sheets::refuse;
using sheets::refuse_columns;
using sheets::repair_in_place;
using sheets::string_item_text;
using sheets::TableBuilder;
using sheets::target_of_type;
using sheets::trim_cell;
using sheets::XmlPart;
using sheets::ZipArchive;

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
      if (name.size() > 3 && name.ends_with(":id")) id = a.value();
    }
    auto it = rels.find(id);
    if (it != rels.end() && it->second.type.ends_with("/worksheet")) {
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

}  // namespace zhiku
