#include "sheets/sheets.hpp"

#include <string>

#include "core/text.hpp"
#include "sheets/table_builder.hpp"

namespace zhiku {

Table read_table(std::string_view bytes, std::string_view filename_or_content_type, SheetLimits const& limits) {
  if (bytes.starts_with("PK\x03\x04") || bytes.starts_with("PK\x05\x06")) return read_xlsx(bytes, limits);
  if (bytes.starts_with("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
    sheets::refuse("不支持旧版 .xls 或加密的 Excel 文件，请另存为 .xlsx 或 CSV");
  std::string hint = lower_ascii(filename_or_content_type);
  if (hint.ends_with(".xlsx") || hint.find("spreadsheetml.sheet") != std::string::npos)
    return read_xlsx(bytes, limits);
  return read_csv(bytes, limits);
}

}  // namespace zhiku
