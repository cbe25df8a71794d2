#include "experts/expert_index.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <map>
#include <tuple>

#include "experts/name_order.hpp"

namespace zhiku {

namespace {

constexpr char kRowColumns[] =
    "SELECT id, status, category, title, country, academician, organization, name, updated_at, birth_year, "
    "coalesce(confirmed_at, created_at) FROM experts";

// A copy further behind than this reloads whole: one query beats this many lookups.
constexpr std::int64_t kMaxIncremental = 20000;

constexpr Id kPoolBits = 64;

// "2026-11-29T08:17:44Z" → 20261129081744: the digits of the date and time, which order as the
// text does (the database writes one format, strftime('%Y-%m-%dT%H:%M:%SZ')).
std::int64_t time_key(std::string_view iso) {
  std::int64_t key = 0;
  int digits = 0;
  for (char ch : iso.substr(0, 19)) {
    if (ch < '0' || ch > '9') continue;
    key = key * 10 + (ch - '0');
    ++digits;
  }
  for (; digits < 14; ++digits) key *= 10;
  return key;
}

}  // namespace

std::vector<ExpertIndex::Row> ExpertIndex::load(storage::Connection& c,
                                                std::optional<std::vector<Id>> const& ids) const {
  std::vector<Row> out;
  auto read_row = [&](storage::Statement& s) {
    Row r;
    r.id = s.int64(0);
    r.status = expert_status_from_string(s.text_view(1)).value_or(ExpertStatus::pending);
    r.category = s.text(2);
    r.title = s.opt_text(3);
    r.country = s.opt_text(4);
    r.academician = s.opt_text(5);
    r.organization = s.text(6);
    r.name = s.text(7);
    r.pinyin_key = name_sort_key(r.name, NameOrder::pinyin);
    r.stroke_key = name_sort_key(r.name, NameOrder::stroke);
    r.updated = time_key(s.text_view(8));
    if (!s.is_null(9)) r.birth_year = s.int32(9);
    r.confirmed = time_key(s.text_view(10));
    out.push_back(std::move(r));
  };
  auto row_of = [&](Id id) -> Row* {
    auto it = std::lower_bound(out.begin(), out.end(), id, [](Row const& r, Id v) { return r.id < v; });
    return it != out.end() && it->id == id ? &*it : nullptr;
  };

  if (!ids) {
    {
      auto s = c.prepare(std::string(kRowColumns) + " ORDER BY id");
      while (s.step()) read_row(s);
    }
    // Field and pool memberships, attached to their expert's row.
    auto s = c.prepare("SELECT expert_id, field_id FROM expert_fields ORDER BY expert_id, field_id");
    while (s.step())
      if (auto* r = row_of(s.int64(0))) r->fields.push_back(s.int64(1));
    auto p = c.prepare("SELECT expert_id, pool_id FROM expert_pools ORDER BY expert_id, pool_id");
    while (p.step())
      if (auto* r = row_of(p.int64(0))) add_pool(*r, p.int64(1));
    return out;
  }

  for (Id id : *ids) {
    {
      auto s = c.prepare(std::string(kRowColumns) + " WHERE id = ?");
      bind_all(s, id);
      if (!s.step()) continue;  // deleted
      read_row(s);
    }
    auto& r = out.back();
    auto f = c.prepare("SELECT field_id FROM expert_fields WHERE expert_id = ? ORDER BY field_id");
    bind_all(f, id);
    while (f.step()) r.fields.push_back(f.int64(0));
    auto p = c.prepare("SELECT pool_id FROM expert_pools WHERE expert_id = ? ORDER BY pool_id");
    bind_all(p, id);
    while (p.step()) add_pool(r, p.int64(0));
  }
  return out;
}

void ExpertIndex::sync(storage::Connection& c) {
  std::int64_t head = 0;
  {
    auto s = c.prepare("SELECT coalesce(max(seq), 0) FROM expert_changes");
    if (s.step()) head = s.int64(0);
  }
  auto current = [&] {
    std::shared_lock lock(mu_);
    return loaded_ && seq_ >= head;
  };
  if (current()) return;
  std::lock_guard refresh(refresh_mu_);
  if (current()) return;  // another reader refreshed it meanwhile

  std::int64_t oldest = 0;
  {
    auto s = c.prepare("SELECT coalesce(min(seq), 0) FROM expert_changes");
    if (s.step()) oldest = s.int64(0);
  }
  std::int64_t const from = seq_;  // only the refresher writes seq_
  if (!loaded_ || oldest > from + 1 || head - from > kMaxIncremental) {
    auto rows = load(c, std::nullopt);
    std::vector<Id> ids;
    ids.reserve(rows.size());
    for (auto const& r : rows) ids.push_back(r.id);
    std::unique_lock lock(mu_);
    rows_ = std::move(rows);
    ids_ = std::move(ids);
    seq_ = head;
    loaded_ = true;
    return;
  }

  std::vector<Id> changed;
  {
    auto s = c.prepare("SELECT DISTINCT expert_id FROM expert_changes WHERE seq > ? AND seq <= ? ORDER BY expert_id");
    bind_all(s, from, head);
    while (s.step()) changed.push_back(s.int64(0));
  }
  auto fresh = load(c, changed);
  std::unique_lock lock(mu_);
  auto next = fresh.begin();
  for (Id id : changed) {
    auto at = std::lower_bound(ids_.begin(), ids_.end(), id) - ids_.begin();
    auto it = rows_.begin() + at;
    bool const present = it != rows_.end() && it->id == id;
    bool const exists = next != fresh.end() && next->id == id;
    if (exists && present) {
      *it = std::move(*next);
    } else if (exists) {
      rows_.insert(it, std::move(*next));
      ids_.insert(ids_.begin() + at, id);
    } else if (present) {
      rows_.erase(it);
      ids_.erase(ids_.begin() + at);
    }
    if (exists) ++next;
  }
  seq_ = head;
}

void ExpertIndex::add_pool(Row& r, Id pool) {
  if (pool > 0 && pool < kPoolBits)
    r.pool_bits |= std::uint64_t{1} << pool;
  else
    r.other_pools.push_back(pool);
}

bool ExpertIndex::in_pool(Row const& r, Id pool) {
  if (pool > 0 && pool < kPoolBits) return (r.pool_bits >> pool) & 1U;
  return std::find(r.other_pools.begin(), r.other_pools.end(), pool) != r.other_pools.end();
}

unsigned ExpertIndex::failed_terms(Row const& r, ExpertQuery const& q, std::vector<Id> const& field_ids,
                                   std::int64_t stale_before) {
  unsigned failed = 0;
  if (q.pool_id && !in_pool(r, *q.pool_id)) failed |= kPoolTerm;
  if (q.status && r.status != *q.status) failed |= kStatusTerm;
  if (q.category && r.category != *q.category) failed |= kCategoryTerm;
  if (q.stale && (r.confirmed < stale_before) != *q.stale) failed |= kStaleTerm;
  bool other = false;
  if (q.academician) {
    if (*q.academician == "any")
      other = other || !r.academician;
    else if (*q.academician == "none")
      other = other || r.academician.has_value();
    else
      other = other || r.academician != *q.academician;
  }
  other = other || (q.country && r.country != *q.country);
  other = other || (q.title && r.title != *q.title);
  other = other || (q.organization && !r.organization.starts_with(*q.organization));
  other = other || (q.field_id && std::none_of(r.fields.begin(), r.fields.end(), [&](Id f) {
                      return std::find(field_ids.begin(), field_ids.end(), f) != field_ids.end();
                    }));
  return other ? failed | kOtherTerm : failed;
}

ExpertIndex::Selection ExpertIndex::select(ExpertQuery const& q, Resolved const& resolved,
                                           std::vector<Match> const* matches) const {
  struct Hit {
    Row const* row;
    double score;
  };
  std::int64_t const stale_before = time_key(resolved.stale_cutoff);
  std::shared_lock lock(mu_);
  std::vector<Hit> hits;
  std::vector<Row const*> candidates;  // for the facets: before any filter
  auto consider = [&](Row const& r, double score) {
    if (q.facets) candidates.push_back(&r);
    if (failed_terms(r, q, resolved.field_ids, stale_before) == 0) hits.push_back({&r, score});
  };
  if (matches) {
    hits.reserve(matches->size());
    // FTS5 answers in rowid order, so one forward walk finds every row, in memory order.
    auto at = ids_.begin();
    for (auto const& m : *matches) {
      if (at != ids_.begin() && *(at - 1) >= m.id) at = ids_.begin();  // out of order: start over
      at = std::lower_bound(at, ids_.end(), m.id);
      if (at == ids_.end() || *at != m.id) continue;  // not in the copy (yet)
      consider(rows_[static_cast<std::size_t>(at - ids_.begin())], m.score);
    }
  } else {
    for (auto const& r : rows_) consider(r, 0.0);
  }

  Selection out;
  out.total = static_cast<std::int64_t>(hits.size());
  if (q.facets) out.facets = count_facets(candidates, q, resolved.field_ids, stale_before);

  ExpertSort sort = q.sort.value_or(matches ? ExpertSort::relevance : ExpertSort::updated_at_desc);
  if (sort == ExpertSort::relevance && !matches) sort = ExpertSort::updated_at_desc;
  std::size_t const from = std::min(hits.size(), static_cast<std::size_t>(std::max(0, q.offset)));
  std::size_t const to = std::min(hits.size(), from + static_cast<std::size_t>(std::max(0, q.limit)));
  // Sorts the hits up to the page's end by key, then id, so that pages never overlap.
  auto sort_by = [&](auto key, bool descending) {
    std::partial_sort(hits.begin(), hits.begin() + static_cast<long>(to), hits.end(), [&](Hit const& a, Hit const& b) {
      return descending ? std::tie(key(b), b.row->id) < std::tie(key(a), a.row->id)
                        : std::tie(key(a), a.row->id) < std::tie(key(b), b.row->id);
    });
  };
  auto score = [](Hit const& h) -> double const& { return h.score; };
  auto pinyin = [](Hit const& h) -> std::string const& { return h.row->pinyin_key; };
  auto stroke = [](Hit const& h) -> std::string const& { return h.row->stroke_key; };
  auto updated = [](Hit const& h) -> std::int64_t const& { return h.row->updated; };
  // A missing birth year sorts first going up and last going down, as in SQL.
  auto birth_year = [](Hit const& h) -> std::optional<int> const& { return h.row->birth_year; };
  switch (sort) {
    case ExpertSort::relevance:
      sort_by(score, false);
      break;
    case ExpertSort::name:
      sort_by(pinyin, false);
      break;
    case ExpertSort::name_desc:
      sort_by(pinyin, true);
      break;
    case ExpertSort::name_stroke:
      sort_by(stroke, false);
      break;
    case ExpertSort::name_stroke_desc:
      sort_by(stroke, true);
      break;
    case ExpertSort::updated_at:
      sort_by(updated, false);
      break;
    case ExpertSort::updated_at_desc:
      sort_by(updated, true);
      break;
    case ExpertSort::birth_year:
      sort_by(birth_year, false);
      break;
    case ExpertSort::birth_year_desc:
      sort_by(birth_year, true);
      break;
  }
  out.ids.reserve(to - from);
  for (std::size_t i = from; i < to; ++i) out.ids.push_back(hits[i].row->id);
  return out;
}

ExpertFacets ExpertIndex::count_facets(std::vector<Row const*> const& candidates, ExpertQuery const& q,
                                       std::vector<Id> const& field_ids, std::int64_t stale_before) {
  // Each facet counts the experts that pass every filter but its own. Counted in arrays (the loop
  // runs for every candidate, up to the whole pool), turned into maps at the end.
  std::array<std::int64_t, std::size(kAllExpertStatuses)> by_status{};
  std::vector<std::pair<std::string const*, std::int64_t>> by_category;  // a handful of values
  std::array<std::int64_t, kPoolBits> by_pool{};
  std::map<Id, std::int64_t> by_other_pool;
  std::int64_t stale = 0;
  auto passes_but = [](unsigned failed, unsigned own) { return (failed & ~own) == 0; };
  for (Row const* r : candidates) {
    unsigned const failed = failed_terms(*r, q, field_ids, stale_before);
    if (passes_but(failed, kStatusTerm)) ++by_status[static_cast<std::size_t>(r->status)];
    if (passes_but(failed, kCategoryTerm)) {
      auto it =
          std::find_if(by_category.begin(), by_category.end(), [&](auto const& c) { return *c.first == r->category; });
      if (it == by_category.end())
        by_category.emplace_back(&r->category, 1);
      else
        ++it->second;
    }
    if (passes_but(failed, kPoolTerm)) {
      for (std::uint64_t bits = r->pool_bits; bits != 0; bits &= bits - 1) ++by_pool[std::countr_zero(bits)];
      for (Id pool : r->other_pools) ++by_other_pool[pool];
    }
    if (passes_but(failed, kStaleTerm) && r->confirmed < stale_before) ++stale;
  }
  ExpertFacets f;
  for (ExpertStatus st : kAllExpertStatuses)
    f.status[std::string(to_string(st))] = by_status[static_cast<std::size_t>(st)];
  for (auto const& [category, n] : by_category) f.category[*category] = n;
  for (std::size_t pool = 1; pool < by_pool.size(); ++pool)
    if (by_pool[pool] > 0) f.pool[static_cast<Id>(pool)] = by_pool[pool];
  f.pool.insert(by_other_pool.begin(), by_other_pool.end());
  f.stale = stale;
  return f;
}

}  // namespace zhiku
