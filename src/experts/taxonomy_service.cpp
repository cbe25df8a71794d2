// Field taxonomy and pools: validated, authorised, audited changes.
#include "experts/taxonomy_service.hpp"

#include <functional>
#include <map>

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/text.hpp"

namespace zhiku {

namespace {

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
    errors.push_back({"name", "请填写学科领域名称"});
  else if (utf8_length(f.name) > 100)
    errors.push_back({"name", "名称不能超过 100 个字符"});
  if (f.name_en && utf8_length(*f.name_en) > 200) errors.push_back({"name_en", "英文名称不能超过 200 个字符"});
  if (f.code && utf8_length(*f.code) > 20) errors.push_back({"code", "代码不能超过 20 个字符"});
  Error::throw_if_any(std::move(errors));
}

void validate_pool(Pool const& p) {
  std::vector<FieldError> errors;
  if (trim_text(p.name).empty())
    errors.push_back({"name", "请填写专家库名称"});
  else if (utf8_length(p.name) > 100)
    errors.push_back({"name", "名称不能超过 100 个字符"});
  if (utf8_length(p.description) > 1000) errors.push_back({"description", "说明不能超过 1000 个字符"});
  Error::throw_if_any(std::move(errors));
}

}  // namespace

TaxonomyService::TaxonomyService(storage::Database& db, AuditLog const& audit, Clock const& clock)
    : db_(db), audit_(audit), clock_(clock) {}

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

Field TaxonomyService::create_field(Actor const& actor, Field const& f) {
  Field n = f;
  n.name = trim_text(n.name);
  validate_field(n);
  return db_.write([&](storage::Connection& c) {
    if (n.parent_id && !store_.field_exists(c, *n.parent_id))
      throw Error::invalid_field("parent_id", "所选的上级学科领域不存在");
    Id id = store_.insert_field(c, n, clock_.now_iso());
    audit_.record(c, actor, "field.create", "field", id, audit_diff(Json::object(), field_view(n)));
    return *store_.find_field(c, id);
  });
}

Field TaxonomyService::update_field(Actor const& actor, Id id, std::int64_t version, FieldPatch const& p) {
  return db_.write([&](storage::Connection& c) {
    auto before = store_.find_field(c, id);
    if (!before) throw Error::not_found("学科领域不存在");
    if (before->version != version) throw Error::precondition_failed("该学科领域已被他人修改，请刷新后重试");
    Field f = *before;
    auto has = [&](char const* k) { return p.present.count(k) > 0; };
    if (has("parent_id")) f.parent_id = p.values.parent_id;
    if (has("code")) f.code = p.values.code;
    if (has("name")) f.name = trim_text(p.values.name);
    if (has("name_en")) f.name_en = p.values.name_en;
    if (has("sort")) f.sort = p.values.sort;
    validate_field(f);
    if (f.parent_id) {
      if (!store_.field_exists(c, *f.parent_id)) throw Error::invalid_field("parent_id", "所选的上级学科领域不存在");
      if (store_.is_ancestor_or_self(c, id, *f.parent_id))
        throw Error::conflict("不能把学科领域移到它自己或它的下级领域之下");
    }
    if (!store_.update_field(c, f, clock_.now_iso()))
      throw Error::precondition_failed("该学科领域已被他人修改，请刷新后重试");
    audit_.record(c, actor, "field.update", "field", id, audit_diff(field_view(*before), field_view(f)));
    return *store_.find_field(c, id);
  });
}

void TaxonomyService::delete_field(Actor const& actor, Id id) {
  db_.write([&](storage::Connection& c) {
    auto before = store_.find_field(c, id);
    if (!before) throw Error::not_found("学科领域不存在");
    if (store_.field_has_children(c, id)) throw Error::conflict("该学科领域还有下级领域，请先删除或移走下级领域");
    if (store_.field_in_use(c, id)) throw Error::conflict("有专家归在该学科领域下，不能删除");
    store_.delete_field(c, id);
    audit_.record(c, actor, "field.delete", "field", id, audit_diff(field_view(*before), Json::object()));
  });
}

std::vector<Pool> TaxonomyService::pools() const {
  auto c = db_.read();
  return store_.pools(*c);
}

Pool TaxonomyService::create_pool(Actor const& actor, Pool const& p) {
  Pool n = p;
  n.name = trim_text(n.name);
  validate_pool(n);
  return db_.write([&](storage::Connection& c) {
    Id id = store_.insert_pool(c, n, clock_.now_iso());
    audit_.record(c, actor, "pool.create", "pool", id, audit_diff(Json::object(), pool_view(n)));
    return *store_.find_pool(c, id);
  });
}

Pool TaxonomyService::update_pool(Actor const& actor, Id id, std::int64_t version, PoolPatch const& p) {
  return db_.write([&](storage::Connection& c) {
    auto before = store_.find_pool(c, id);
    if (!before) throw Error::not_found("专家库不存在");
    if (before->version != version) throw Error::precondition_failed("该专家库已被他人修改，请刷新后重试");
    Pool n = *before;
    if (p.present.count("name")) n.name = trim_text(p.values.name);
    if (p.present.count("description")) n.description = p.values.description;
    if (p.present.count("sort")) n.sort = p.values.sort;
    validate_pool(n);
    if (!store_.update_pool(c, n, clock_.now_iso()))
      throw Error::precondition_failed("该专家库已被他人修改，请刷新后重试");
    audit_.record(c, actor, "pool.update", "pool", id, audit_diff(pool_view(*before), pool_view(n)));
    return *store_.find_pool(c, id);
  });
}

void TaxonomyService::delete_pool(Actor const& actor, Id id) {
  db_.write([&](storage::Connection& c) {
    auto before = store_.find_pool(c, id);
    if (!before) throw Error::not_found("专家库不存在");
    if (before->member_count > 0)
      throw Error::conflict("该专家库还有 " + std::to_string(before->member_count) + " 位专家，请先将他们移出");
    store_.delete_pool(c, id);
    audit_.record(c, actor, "pool.delete", "pool", id, audit_diff(pool_view(*before), Json::object()));
  });
}

std::vector<NamedRef> TaxonomyService::field_refs(storage::Connection& c, std::vector<Id> const& ids) const {
  std::vector<NamedRef> out;
  for (Id id : ids)
    if (auto f = store_.find_field(c, id)) out.push_back({f->id, f->name});
  return out;
}

std::vector<Id> TaxonomyService::field_and_descendants(storage::Connection& c, Id id) const {
  return store_.field_and_descendants(c, id);
}

bool TaxonomyService::field_exists(storage::Connection& c, Id id) const { return store_.field_exists(c, id); }

}  // namespace zhiku
