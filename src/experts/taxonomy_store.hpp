// SQL of the managed lists experts refer to: the field taxonomy (学科领域) and the pools. Names
// taken among siblings and fields still referred to throw Error{conflict}.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "experts/expert.hpp"
#include "storage/connection.hpp"

namespace zhiku {

class TaxonomyStore {
 public:
  // Every field, ordered by sort then id (the tree is built by the caller).
  std::vector<Field> fields(storage::Connection& c) const;
  std::optional<Field> find_field(storage::Connection& c, Id id) const;
  Id insert_field(storage::Connection& c, Field const& f, std::string const& now) const;
  // False when the version differs (or the field is gone).
  bool update_field(storage::Connection& c, Field const& f, std::string const& now) const;
  void delete_field(storage::Connection& c, Id id) const;
  bool field_has_children(storage::Connection& c, Id id) const;
  bool field_in_use(storage::Connection& c, Id id) const;
  // True when `ancestor` is `id` or one of its ancestors.
  bool is_ancestor_or_self(storage::Connection& c, Id ancestor, Id id) const;
  bool field_exists(storage::Connection& c, Id id) const;
  // `id` and every field below it (empty when `id` names no field).
  std::vector<Id> field_and_descendants(storage::Connection& c, Id id) const;
  // The fields a search text names (at most 20, by sort then id): the name or code equals it,
  // or, for a text of two characters or more, the name (or English name, from three) holds it.
  std::vector<NamedRef> fields_named(storage::Connection& c, std::string const& text) const;

  // Every pool with its member count, ordered by sort then id.
  std::vector<Pool> pools(storage::Connection& c) const;
  std::optional<Pool> find_pool(storage::Connection& c, Id id) const;
  Id insert_pool(storage::Connection& c, Pool const& p, std::string const& now) const;
  bool update_pool(storage::Connection& c, Pool const& p, std::string const& now) const;
  void delete_pool(storage::Connection& c, Id id) const;
  bool pool_exists(storage::Connection& c, Id id) const;
};

}  // namespace zhiku
