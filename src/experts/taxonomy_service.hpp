// Use cases of the managed lists: the field taxonomy (学科领域) and the pools (专家库).
// Reads for every signed-in user; changes for curators (the routes' policy), audited.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/actor.hpp"
#include "core/clock.hpp"
#include "experts/expert.hpp"
#include "experts/taxonomy_store.hpp"
#include "storage/database.hpp"

namespace zhiku {

// A field with its children, for the tree the API returns.
struct FieldNode {
  Field field;
  std::vector<FieldNode> children;
};

// Changes to a field or pool: keys in `present` ("parent_id", "code", "name", "name_en",
// "sort", "description") take their value from `values`.
struct FieldPatch {
  Field values;
  std::set<std::string> present;
};
struct PoolPatch {
  Pool values;
  std::set<std::string> present;
};

class TaxonomyService {
 public:
  TaxonomyService(storage::Database& db, AuditLog const& audit, Clock const& clock);

  // The whole taxonomy as a forest ordered by sort, then id.
  std::vector<FieldNode> field_tree() const;
  std::vector<Field> fields() const;
  // Throw Error{not_found}, Error{invalid_argument} with field errors, Error{precondition_failed} on a stale version,
  // Error{conflict} for a duplicate name among siblings, a cycle, or a field in use.
  Field create_field(Actor const& actor, Field const& f);
  Field update_field(Actor const& actor, Id id, std::int64_t version, FieldPatch const& p);
  void delete_field(Actor const& actor, Id id);

  std::vector<Pool> pools() const;

  // ---- for later modules naming fields (any connection; inside a write, the writer's)
  // The fields `ids` with their names, in that order (ids that name no field are left out).
  std::vector<NamedRef> field_refs(storage::Connection& c, std::vector<Id> const& ids) const;
  // `id` and every field below it; empty when `id` names no field.
  std::vector<Id> field_and_descendants(storage::Connection& c, Id id) const;
  bool field_exists(storage::Connection& c, Id id) const;
  Pool create_pool(Actor const& actor, Pool const& p);
  Pool update_pool(Actor const& actor, Id id, std::int64_t version, PoolPatch const& p);
  // Error{conflict} while the pool has members.
  void delete_pool(Actor const& actor, Id id);

 private:
  storage::Database& db_;
  AuditLog const& audit_;
  Clock const& clock_;
  TaxonomyStore store_;
};

}  // namespace zhiku
