// Ordered id lists of a row.
#include "topics/id_lists.hpp"

namespace zhiku::id_lists {

std::vector<Id> read(storage::Connection& c, std::string_view select_sql, Id owner) {
  std::vector<Id> out;
  auto s = c.prepare(select_sql);
  bind_all(s, owner);
  while (s.step()) out.push_back(s.int64(0));
  return out;
}

void replace(storage::Connection& c, std::string_view delete_sql, std::string_view insert_sql, Id owner,
             std::vector<Id> const& ids) {
  c.exec(delete_sql, owner);
  for (size_t i = 0; i < ids.size(); ++i) c.exec(insert_sql, owner, ids[i], static_cast<std::int64_t>(i));
}

}  // namespace zhiku::id_lists
