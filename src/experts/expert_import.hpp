// Turning a spreadsheet of experts into profiles: header recognition (Chinese and English
// column names), per-cell parsing, validation with the profile rules, and duplicate detection
// within the file. Pure: the service adds the checks against the database.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/principal.hpp"
#include "experts/expert.hpp"
#include "sheets/sheets.hpp"

namespace zhiku {

inline constexpr size_t kMaxImportRows = 20'000;

struct ImportError {
  int row = 0;         // spreadsheet row number: the header is row 1, the first expert row 2
  std::string column;  // the column's header as written in the file ("" for the whole row)
  std::string message;
};

struct ImportDuplicate {
  int row = 0;
  std::string key;                       // "email" | "phone"
  std::string value;                     // as written in the file
  std::optional<int> other_row;          // an earlier row of the same file
  std::optional<Id> existing_expert_id;  // an expert already in the pool
};

struct ImportRow {
  int row = 0;
  ExpertProfile profile;
  std::vector<NamedRef> fields;  // profile.field_ids with names, for the preview
  std::vector<NamedRef> pools;
  bool valid = true;  // no error in this row (duplicates included)
};

struct ImportPlan {
  int rows_total = 0;  // non-empty rows below the header
  std::vector<ImportRow> rows;
  std::vector<ImportError> errors;
  std::vector<ImportDuplicate> duplicates;
  std::string email_header = "邮箱";  // the file's own names of the contact columns
  std::string phone_header = "手机";

  int valid_rows() const;
  bool ok() const { return errors.empty(); }
};

// Names the parser resolves: fields (by name or code) and pools (by name).
struct ImportVocabulary {
  std::vector<Field> fields;
  std::vector<Pool> pools;
};

// Parses `table` (as read_table gives it). Every problem becomes an ImportError naming the
// sheet's row number; rows whose e-mail or phone repeats an earlier row become duplicates (and
// errors). Pure.
ImportPlan parse_import(Table const& table, ImportVocabulary const& vocab, int current_year);

// Records a duplicate of an expert already in the pool (found by the service) as both a
// duplicate and an error of its row, and marks the row invalid.
void add_existing_duplicate(ImportPlan& plan, size_t row_index, std::string key, std::string value, Id expert_id);

}  // namespace zhiku
