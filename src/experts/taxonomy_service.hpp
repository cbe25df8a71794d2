// Use cases of the managed lists: the field taxonomy (学科领域) and the pools (专家库).
// Reads for every signed-in user; changes for coordinators and admins, audited.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "audit/audit_log.hpp"
#include "core/principal.hpp"
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
  TaxonomyService(storage::Database& db, AuditLog const& audit);

  // The whole taxonomy as a forest ordered by sort, then id.
  std::vector<FieldNode> field_tree() const;
  std::vector<Field> fields() const;
  // Throw Error{forbidden} for callers other than coordinators and admins, Error{not_found},
  // Error{invalid_argument} with field errors, Error{precondition_failed} on a stale version,
  // Error{conflict} for a duplicate name among siblings, a cycle, or a field in use.
  Field create_field(Principal const& who, RequestMeta const& meta, Field const& f);
  Field update_field(Principal const& who, RequestMeta const& meta, Id id, std::int64_t version, FieldPatch const& p);
  void delete_field(Principal const& who, RequestMeta const& meta, Id id);

  std::vector<Pool> pools() const;
  Pool create_pool(Principal const& who, RequestMeta const& meta, Pool const& p);
  Pool update_pool(Principal const& who, RequestMeta const& meta, Id id, std::int64_t version, PoolPatch const& p);
  // Error{conflict} while the pool has members.
  void delete_pool(Principal const& who, RequestMeta const& meta, Id id);

 private:
  storage::Database& db_;
  AuditLog const& audit_;
  TaxonomyStore store_;
};

}  // namespace zhiku
