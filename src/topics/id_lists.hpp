// The one shape of SQL behind every ordered list of ids a row owns (the fields of a topic or a
// call): read them in order, or replace them all. Private to src/topics/.
#pragma once

#include <string_view>
#include <vector>

#include "core/principal.hpp"
#include "storage/connection.hpp"

namespace zhiku::id_lists {

// Runs `select_sql` (one parameter: the owner's id; one column: an id) and returns the ids.
std::vector<Id> read(storage::Connection& c, std::string_view select_sql, Id owner);
// Runs `delete_sql` (the owner's id), then `insert_sql` (owner, id, position) for each id.
void replace(storage::Connection& c, std::string_view delete_sql, std::string_view insert_sql, Id owner,
             std::vector<Id> const& ids);

}  // namespace zhiku::id_lists
