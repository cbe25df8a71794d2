// Field taxonomy and pools: validated, authorised, audited changes.
#include "experts/taxonomy_service.hpp"

#include <functional>
#include <map>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "experts/expert_rules.hpp"
#include "storage/error.hpp"

namespace zhiku {

namespace {

void require_curator(Principal const& who) {
  if (!who.is_staff()) throw Error(Errc::forbidden, "only coordinators and administrators manage these lists");
}

Json field_view(Field const& f) {
  Json j = Json::object();
  j["parent_id"] = f.parent_id ? Json(*f.parent_id) : Json();
  j["code"] = f.code ? Json(*f.code) : Json();
  j["name"] = f.name;
  j["name_en"] = f.name_en ? Json(*f.name_en) : Json();
  j["sort"] = f.sort;
  return j;
}

Json pool_view(Pool const& p) {
  Json j = Json::object();
  j["name"] = p.name;
  j["description"] = p.description;
  j["sort"] = p.sort;
  return j;
}

void validate_field(Field const& f) {
  std::vector<FieldError> errors;
  if (trim_text(f.name).empty())
    errors.push_back({"name", "is required"});
  else if (utf8_length(f.name) > 100)
    errors.push_back({"name", "must be at most 100 characters"});
  if (f.name_en && utf8_length(*f.name_en) > 200) errors.push_back({"name_en", "must be at most 200 characters"});
  if (f.code && utf8_length(*f.code) > 20) errors.push_back({"code", "must be at most 20 characters"});
  if (!errors.empty()) throw Error(Errc::invalid_argument, "invalid field", std::move(errors));
}

void validate_pool(Pool const& p) {
  std::vector<FieldError> errors;
  if (trim_text(p.name).empty())
    errors.push_back({"name", "is required"});
  else if (utf8_length(p.name) > 100)
    errors.push_back({"name", "must be at most 100 characters"});
  if (utf8_length(p.description) > 1000) errors.push_back({"description", "must be at most 1000 characters"});
  if (!errors.empty()) throw Error(Errc::invalid_argument, "invalid pool", std::move(errors));
}

// Unique indexes on names and codes: the expected constraint violations.
template <class F>
auto unique_or_conflict(char const* what, F&& fn) {
  try {
    return fn();
  } catch (storage::Error const& e) {
    if (e.is_unique_violation()) throw Error(Errc::conflict, std::string(what));
    throw;
  }
}

}  // namespace

TaxonomyService::TaxonomyService(storage::Database& db, AuditLog const& audit) : db_(db), audit_(audit) {}

std::vector<Field> TaxonomyService::fields() const {
  auto c = db_.read();
  return store_.fields(*c);
}

std::vector<FieldNode> TaxonomyService::field_tree() const {
  auto all = fields();
  std::map<std::optional<Id>, std::vector<Field const*>> by_parent;
  for (auto const& f : all) by_parent[f.parent_id].push_back(&f);
  std::function<std::vector<FieldNode>(std::optional<Id>, int)> build = [&](std::optional<Id> parent, int depth) {
    std::vector<FieldNode> out;
    auto it = by_parent.find(parent);
    if (it == by_parent.end() || depth > 32) return out;
    for (Field const* f : it->second) out.push_back({*f, build(f->id, depth + 1)});
    return out;
  };
  return build(std::nullopt, 0);
}

Field TaxonomyService::create_field(Principal const& who, RequestMeta const& meta, Field const& f) {
  require_curator(who);
  Field n = f;
  n.name = trim_text(n.name);
  validate_field(n);
  return db_.write([&](storage::Connection& c) {
    if (n.parent_id && !store_.field_exists(c, *n.parent_id)) throw Error::invalid_field("parent_id", "no such field");
    Id id = unique_or_conflict("a field with this name (or code) exists already at this place",
                               [&] { return store_.insert_field(c, n, now_iso()); });
    audit_.record(c, &who, meta, "field.create", "field", id, audit_diff(Json::object(), field_view(n)));
    return *store_.find_field(c, id);
  });
}

Field TaxonomyService::update_field(Principal const& who, RequestMeta const& meta, Id id, std::int64_t version,
                                    FieldPatch const& p) {
  require_curator(who);
  return db_.write([&](storage::Connection& c) {
    auto before = store_.find_field(c, id);
    if (!before) throw Error(Errc::not_found, "no such field");
    if (before->version != version) throw Error(Errc::precondition_failed, "the field was changed by someone else");
    Field f = *before;
    auto has = [&](char const* k) { return p.present.count(k) > 0; };
    if (has("parent_id")) f.parent_id = p.values.parent_id;
    if (has("code")) f.code = p.values.code;
    if (has("name")) f.name = trim_text(p.values.name);
    if (has("name_en")) f.name_en = p.values.name_en;
    if (has("sort")) f.sort = p.values.sort;
    validate_field(f);
    if (f.parent_id) {
      if (!store_.field_exists(c, *f.parent_id)) throw Error::invalid_field("parent_id", "no such field");
      if (store_.is_ancestor_or_self(c, id, *f.parent_id))
        throw Error(Errc::conflict, "a field cannot be moved under itself or one of its descendants");
    }
    bool ok = unique_or_conflict("a field with this name (or code) exists already at this place",
                                 [&] { return store_.update_field(c, f, now_iso()); });
    if (!ok) throw Error(Errc::precondition_failed, "the field was changed by someone else");
    audit_.record(c, &who, meta, "field.update", "field", id, audit_diff(field_view(*before), field_view(f)));
    return *store_.find_field(c, id);
  });
}

void TaxonomyService::delete_field(Principal const& who, RequestMeta const& meta, Id id) {
  require_curator(who);
  db_.write([&](storage::Connection& c) {
    auto before = store_.find_field(c, id);
    if (!before) throw Error(Errc::not_found, "no such field");
    if (store_.field_has_children(c, id))
      throw Error(Errc::conflict, "the field has sub-fields; delete or move them first");
    if (store_.field_in_use(c, id)) throw Error(Errc::conflict, "experts are classified under this field");
    try {
      store_.delete_field(c, id);
    } catch (storage::Error const& e) {
      // Topics and proposals refer to fields too (their foreign keys restrict the delete).
      if (e.is_constraint()) throw Error(Errc::conflict, "the field is in use");
      throw;
    }
    audit_.record(c, &who, meta, "field.delete", "field", id, audit_diff(field_view(*before), Json::object()));
  });
}

std::vector<Pool> TaxonomyService::pools() const {
  auto c = db_.read();
  return store_.pools(*c);
}

Pool TaxonomyService::create_pool(Principal const& who, RequestMeta const& meta, Pool const& p) {
  require_curator(who);
  Pool n = p;
  n.name = trim_text(n.name);
  validate_pool(n);
  return db_.write([&](storage::Connection& c) {
    Id id =
        unique_or_conflict("a pool with this name exists already", [&] { return store_.insert_pool(c, n, now_iso()); });
    audit_.record(c, &who, meta, "pool.create", "pool", id, audit_diff(Json::object(), pool_view(n)));
    return *store_.find_pool(c, id);
  });
}

Pool TaxonomyService::update_pool(Principal const& who, RequestMeta const& meta, Id id, std::int64_t version,
                                  PoolPatch const& p) {
  require_curator(who);
  return db_.write([&](storage::Connection& c) {
    auto before = store_.find_pool(c, id);
    if (!before) throw Error(Errc::not_found, "no such pool");
    if (before->version != version) throw Error(Errc::precondition_failed, "the pool was changed by someone else");
    Pool n = *before;
    if (p.present.count("name")) n.name = trim_text(p.values.name);
    if (p.present.count("description")) n.description = p.values.description;
    if (p.present.count("sort")) n.sort = p.values.sort;
    validate_pool(n);
    bool ok =
        unique_or_conflict("a pool with this name exists already", [&] { return store_.update_pool(c, n, now_iso()); });
    if (!ok) throw Error(Errc::precondition_failed, "the pool was changed by someone else");
    audit_.record(c, &who, meta, "pool.update", "pool", id, audit_diff(pool_view(*before), pool_view(n)));
    return *store_.find_pool(c, id);
  });
}

void TaxonomyService::delete_pool(Principal const& who, RequestMeta const& meta, Id id) {
  require_curator(who);
  db_.write([&](storage::Connection& c) {
    auto before = store_.find_pool(c, id);
    if (!before) throw Error(Errc::not_found, "no such pool");
    if (before->member_count > 0)
      throw Error(Errc::conflict,
                  "the pool has " + std::to_string(before->member_count) + " members; remove them first");
    store_.delete_pool(c, id);
    audit_.record(c, &who, meta, "pool.delete", "pool", id, audit_diff(pool_view(*before), Json::object()));
  });
}

}  // namespace zhiku
