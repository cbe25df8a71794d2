// SQL of fields and pools.
#include "experts/taxonomy_store.hpp"

namespace zhiku {

namespace {
Field field_from_row(storage::Statement& s) {
  return {s.int64(0), s.opt_int64(1), s.opt_text(2), s.text(3), s.opt_text(4), s.int64(5), s.int64(6)};
}

Pool pool_from_row(storage::Statement& s) {
  return {s.int64(0), s.text(1), s.text(2), s.int64(3), s.int64(4), s.int64(5)};
}
}  // namespace

std::vector<Field> TaxonomyStore::fields(storage::Connection& c) const {
  constexpr char kSql[] = "SELECT id, parent_id, code, name, name_en, sort, version FROM fields ORDER BY sort, id";
  std::vector<Field> out;
  auto s = c.prepare(kSql);
  while (s.step()) out.push_back(field_from_row(s));
  return out;
}

std::optional<Field> TaxonomyStore::find_field(storage::Connection& c, Id id) const {
  constexpr char kSql[] = "SELECT id, parent_id, code, name, name_en, sort, version FROM fields WHERE id = ?";
  auto s = c.prepare(kSql);
  bind_all(s, id);
  if (!s.step()) return std::nullopt;
  return field_from_row(s);
}

Id TaxonomyStore::insert_field(storage::Connection& c, Field const& f, std::string const& now) const {
  constexpr char kSql[] =
      "INSERT INTO fields (parent_id, code, name, name_en, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
  c.exec(kSql, f.parent_id, f.code, f.name, f.name_en, f.sort, now, now);
  return c.last_insert_id();
}

bool TaxonomyStore::update_field(storage::Connection& c, Field const& f, std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE fields SET parent_id = ?, code = ?, name = ?, name_en = ?, sort = ?, updated_at = ?, "
      "version = version + 1 WHERE id = ? AND version = ?";
  c.exec(kSql, f.parent_id, f.code, f.name, f.name_en, f.sort, now, f.id, f.version);
  return c.changes() > 0;
}

void TaxonomyStore::delete_field(storage::Connection& c, Id id) const {
  constexpr char kSql[] = "DELETE FROM fields WHERE id = ?";
  c.exec(kSql, id);
}

bool TaxonomyStore::field_has_children(storage::Connection& c, Id id) const {
  constexpr char kSql[] = "SELECT 1 FROM fields WHERE parent_id = ? LIMIT 1";
  auto s = c.prepare(kSql);
  bind_all(s, id);
  return s.step();
}

bool TaxonomyStore::field_in_use(storage::Connection& c, Id id) const {
  constexpr char kSql[] = "SELECT 1 FROM expert_fields WHERE field_id = ? LIMIT 1";
  auto s = c.prepare(kSql);
  bind_all(s, id);
  return s.step();
}

bool TaxonomyStore::is_ancestor_or_self(storage::Connection& c, Id ancestor, Id id) const {
  constexpr char kSql[] =
      "WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM fields WHERE id = ? "
      "UNION SELECT f.id, f.parent_id FROM fields f JOIN up ON f.id = up.parent_id) "
      "SELECT 1 FROM up WHERE id = ?";
  auto s = c.prepare(kSql);
  bind_all(s, id, ancestor);
  return s.step();
}

bool TaxonomyStore::field_exists(storage::Connection& c, Id id) const {
  constexpr char kSql[] = "SELECT 1 FROM fields WHERE id = ?";
  auto s = c.prepare(kSql);
  bind_all(s, id);
  return s.step();
}

std::vector<Pool> TaxonomyStore::pools(storage::Connection& c) const {
  constexpr char kSql[] =
      "SELECT p.id, p.name, p.description, p.sort, p.version, "
      "(SELECT count(*) FROM expert_pools ep WHERE ep.pool_id = p.id) FROM pools p ORDER BY p.sort, p.id";
  std::vector<Pool> out;
  auto s = c.prepare(kSql);
  while (s.step()) out.push_back(pool_from_row(s));
  return out;
}

std::optional<Pool> TaxonomyStore::find_pool(storage::Connection& c, Id id) const {
  constexpr char kSql[] =
      "SELECT p.id, p.name, p.description, p.sort, p.version, "
      "(SELECT count(*) FROM expert_pools ep WHERE ep.pool_id = p.id) FROM pools p WHERE p.id = ?";
  auto s = c.prepare(kSql);
  bind_all(s, id);
  if (!s.step()) return std::nullopt;
  return pool_from_row(s);
}

Id TaxonomyStore::insert_pool(storage::Connection& c, Pool const& p, std::string const& now) const {
  constexpr char kSql[] = "INSERT INTO pools (name, description, sort, created_at, updated_at) VALUES (?, ?, ?, ?, ?)";
  c.exec(kSql, p.name, p.description, p.sort, now, now);
  return c.last_insert_id();
}

bool TaxonomyStore::update_pool(storage::Connection& c, Pool const& p, std::string const& now) const {
  constexpr char kSql[] =
      "UPDATE pools SET name = ?, description = ?, sort = ?, updated_at = ?, version = version + 1 "
      "WHERE id = ? AND version = ?";
  c.exec(kSql, p.name, p.description, p.sort, now, p.id, p.version);
  return c.changes() > 0;
}

void TaxonomyStore::delete_pool(storage::Connection& c, Id id) const {
  constexpr char kSql[] = "DELETE FROM pools WHERE id = ?";
  c.exec(kSql, id);
}

bool TaxonomyStore::pool_exists(storage::Connection& c, Id id) const {
  constexpr char kSql[] = "SELECT 1 FROM pools WHERE id = ?";
  auto s = c.prepare(kSql);
  bind_all(s, id);
  return s.step();
}

}  // namespace zhiku
