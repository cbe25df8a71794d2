// SQL of fields and pools. The expected constraint violations (a name taken among siblings, a
// field still referred to) become Errc::conflict here; nothing above sees storage::Error.
#include "experts/taxonomy_store.hpp"

#include "core/error.hpp"
#include "storage/error.hpp"

namespace zhiku {

namespace {
constexpr char kFieldTaken[] = "同一上级下已有同名（或同代码）的学科领域";
constexpr char kPoolTaken[] = "已有同名的专家库";

Field field_from_row(storage::Statement const& s) {
  return {s.int64(0), s.opt_int64(1), s.opt_text(2), s.text(3), s.opt_text(4), s.int64(5), s.int64(6)};
}

Pool pool_from_row(storage::Statement const& s) {
  return {s.int64(0), s.text(1), s.text(2), s.int64(3), s.int64(4), s.int64(5)};
}
}  // namespace

std::vector<Field> TaxonomyStore::fields(storage::Connection& c) const {
  constexpr char kSql[] = "SELECT id, parent_id, code, name, name_en, sort, version FROM fields ORDER BY sort, id";
  return c.query_all(kSql, field_from_row);
}

std::optional<Field> TaxonomyStore::find_field(storage::Connection& c, Id id) const {
  constexpr char kSql[] = "SELECT id, parent_id, code, name, name_en, sort, version FROM fields WHERE id = ?";
  return c.query_one(kSql, field_from_row, id);
}

Id TaxonomyStore::insert_field(storage::Connection& c, Field const& f, std::string const& now) const {
  constexpr char kSql[] =
      "INSERT INTO fields (parent_id, code, name, name_en, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
  storage::unique_or(Error::conflict(kFieldTaken),
                     [&] { c.exec(kSql, f.parent_id, f.code, f.name, f.name_en, f.sort, now, now); });
  return c.last_insert_id();
}

bool TaxonomyStore::update_field(storage::Connection& c, Field const& f, std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE fields SET parent_id = ?, code = ?, name = ?, name_en = ?, sort = ?, updated_at = ?, "
      "version = version + 1 WHERE id = ? AND version = ?";
  storage::unique_or(Error::conflict(kFieldTaken),
                     [&] { c.exec(kSql, f.parent_id, f.code, f.name, f.name_en, f.sort, now, f.id, f.version); });
  return c.changes() > 0;
}

void TaxonomyStore::delete_field(storage::Connection& c, Id id) const {
  constexpr char kSql[] = "DELETE FROM fields WHERE id = ?";
  try {
    c.exec(kSql, id);
  } catch (storage::Error const& e) {
    // Topics and proposals refer to fields too (their foreign keys restrict the delete).
    if (e.is_constraint()) throw Error::conflict("该学科领域已被课题或成果引用，不能删除");
    throw;
  }
}

bool TaxonomyStore::field_has_children(storage::Connection& c, Id id) const {
  constexpr char kSql[] = "SELECT 1 FROM fields WHERE parent_id = ? LIMIT 1";
  return c.has_row(kSql, id);
}

bool TaxonomyStore::field_in_use(storage::Connection& c, Id id) const {
  constexpr char kSql[] = "SELECT 1 FROM expert_fields WHERE field_id = ? LIMIT 1";
  return c.has_row(kSql, id);
}

bool TaxonomyStore::is_ancestor_or_self(storage::Connection& c, Id ancestor, Id id) const {
  constexpr char kSql[] =
      "WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM fields WHERE id = ? "
      "UNION SELECT f.id, f.parent_id FROM fields f JOIN up ON f.id = up.parent_id) "
      "SELECT 1 FROM up WHERE id = ?";
  return c.has_row(kSql, id, ancestor);
}

std::vector<Id> TaxonomyStore::field_and_descendants(storage::Connection& c, Id id) const {
  constexpr char kSql[] =
      "WITH RECURSIVE sub(id) AS (SELECT id FROM fields WHERE id = ? UNION SELECT f.id FROM fields f JOIN sub ON "
      "f.parent_id = sub.id) SELECT id FROM sub";
  return c.query_all(kSql, storage::first_column<Id>, id);
}

std::vector<NamedRef> TaxonomyStore::fields_named(storage::Connection& c, std::string const& text) const {
  constexpr char kSql[] =
      "SELECT id, name FROM fields WHERE name = ?1 OR lower(code) = lower(?1) "
      "OR (length(?1) >= 2 AND instr(name, ?1) > 0) "
      "OR (length(?1) >= 3 AND instr(lower(name_en), lower(?1)) > 0) ORDER BY sort, id LIMIT 20";
  return c.query_all(
      kSql, [](storage::Statement& s) { return NamedRef{s.int64(0), s.text(1)}; }, text);
}

bool TaxonomyStore::field_exists(storage::Connection& c, Id id) const {
  constexpr char kSql[] = "SELECT 1 FROM fields WHERE id = ?";
  return c.has_row(kSql, id);
}

std::vector<Pool> TaxonomyStore::pools(storage::Connection& c) const {
  constexpr char kSql[] =
      "SELECT p.id, p.name, p.description, p.sort, p.version, "
      "(SELECT count(*) FROM expert_pools ep WHERE ep.pool_id = p.id) FROM pools p ORDER BY p.sort, p.id";
  return c.query_all(kSql, pool_from_row);
}

std::optional<Pool> TaxonomyStore::find_pool(storage::Connection& c, Id id) const {
  constexpr char kSql[] =
      "SELECT p.id, p.name, p.description, p.sort, p.version, "
      "(SELECT count(*) FROM expert_pools ep WHERE ep.pool_id = p.id) FROM pools p WHERE p.id = ?";
  return c.query_one(kSql, pool_from_row, id);
}

Id TaxonomyStore::insert_pool(storage::Connection& c, Pool const& p, std::string const& now) const {
  constexpr char kSql[] = "INSERT INTO pools (name, description, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?)";
  storage::unique_or(Error::conflict(kPoolTaken), [&] { c.exec(kSql, p.name, p.description, p.sort, now, now); });
  return c.last_insert_id();
}

bool TaxonomyStore::update_pool(storage::Connection& c, Pool const& p, std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE pools SET name = ?, description = ?, sort = ?, updated_at = ?, version = version + 1 "
      "WHERE id = ? AND version = ?";
  storage::unique_or(Error::conflict(kPoolTaken),
                     [&] { c.exec(kSql, p.name, p.description, p.sort, now, p.id, p.version); });
  return c.changes() > 0;
}

void TaxonomyStore::delete_pool(storage::Connection& c, Id id) const {
  constexpr char kSql[] = "DELETE FROM pools WHERE id = ?";
  c.exec(kSql, id);
}

bool TaxonomyStore::pool_exists(storage::Connection& c, Id id) const {
  constexpr char kSql[] = "SELECT 1 FROM pools WHERE id = ?";
  return c.has_row(kSql, id);
}

}  // namespace zhiku
