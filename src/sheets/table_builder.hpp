// Rows → Table under SheetLimits, and the refusals every reader shares (internal to sheets/).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "sheets/table.hpp"

namespace zhiku::sheets {

// Throws Error{invalid_argument, message}: what a reader says about a file it refuses.
[[noreturn]] void refuse(std::string message);
[[noreturn]] void refuse_columns(int row_number, std::size_t max_columns);

// A cell without the blanks pasted text carries (Blanks::pasted), in place.
inline void trim_cell(std::string& s) {
  std::string_view kept = trim_view(s, Blanks::pasted);
  if (kept.size() != s.size()) s = std::string(kept);
}

// Collects rows in order: the first non-empty one is the header, the rest data rows padded to it.
class TableBuilder {
 public:
  explicit TableBuilder(SheetLimits const& limits) : limits_(limits) {}

  // `cells` are trimmed; they are moved from.
  void add(std::vector<std::string>& cells, int row_number);
  // The table; throws when no row had content.
  Table finish();

 private:
  SheetLimits const& limits_;
  Table table_;
  bool has_header_ = false;
};

}  // namespace zhiku::sheets
