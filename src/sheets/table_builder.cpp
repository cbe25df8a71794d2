#include "sheets/table_builder.hpp"

#include <utility>

#include "core/error.hpp"

namespace zhiku::sheets {

void refuse(std::string message) { throw Error{Errc::invalid_argument, std::move(message)}; }

void refuse_columns(int row_number, std::size_t max_columns) {
  refuse("第 " + std::to_string(row_number) + " 行在第 " + std::to_string(max_columns) + " 列之后还有内容，每行最多 " +
         std::to_string(max_columns) + " 列");
}

void TableBuilder::add(std::vector<std::string>& cells, int row_number) {
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

Table TableBuilder::finish() {
  if (!has_header_) refuse("文件为空：第一行应为列名（姓名、工作单位……）");
  return std::move(table_);
}

}  // namespace zhiku::sheets
