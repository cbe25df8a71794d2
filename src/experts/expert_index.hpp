// An in-memory copy of what the expert list filters and sorts on (status, category, country,
// title, academy, organisation, freshness, fields, pools, name, birth year, last update), kept
// in step with the database through the expert_changes log (migration 0004).
//
// Why: at 100,000 experts SQLite answers "pool X and status active" with one B-tree seek per
// pool member (~30 ms for a pool of 66,000), while scanning this copy takes about a
// millisecond whatever the filters. Full-text matching and ranking stay in FTS5; the copy
// filters and orders its matches.
//
// Thread-safe: any number of readers list at once; a reader that finds the copy behind the
// log brings it up to date first (one at a time, changed experts only unless the copy is
// older than the log's window).
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "experts/expert.hpp"
#include "storage/connection.hpp"

namespace zhiku {

class ExpertIndex {
 public:
  // A full-text match with its score (lower ranks first, as zhiku_rank answers).
  struct Match {
    double score;
    Id id;
  };

  // Filters resolved by the caller: the field filter as the set of field ids it covers
  // (the field and its descendants), and the ISO time before which a profile is stale.
  struct Resolved {
    std::vector<Id> field_ids;
    std::string stale_cutoff;
  };

  // Brings the copy up to the changes `c` can see (call inside the read transaction the
  // caller lists in, so what it fetches next agrees with the copy or is newer).
  void sync(storage::Connection& c);

  struct Selection {
    std::vector<Id> ids;  // one page, in q's order
    std::int64_t total = 0;
    std::optional<ExpertFacets> facets;  // when q.facets
  };

  // The experts that pass q's filters (q.q aside): one page in q's order, the total and, when
  // asked, the facet counts. `matches`: when set, only these experts are candidates, and
  // relevance orders them. REQUIRES: sync() was called.
  Selection select(ExpertQuery const& q, Resolved const& resolved, std::vector<Match> const* matches) const;

 private:
  // Hot members first: a filter over 100,000 rows touches little more than the first line.
  struct Row {
    Id id = 0;
    std::int64_t updated = 0;     // updated_at as the number YYYYMMDDhhmmss
    std::int64_t confirmed = 0;   // coalesce(confirmed_at, created_at), likewise
    std::uint64_t pool_bits = 0;  // pools 1..63: bit n for pool n
    ExpertStatus status = ExpertStatus::pending;
    std::optional<int> birth_year;
    std::string category;
    std::optional<std::string> title, country, academician;
    std::string organization, name;
    std::vector<Id> fields;
    std::vector<Id> other_pools;  // pools 64 and above
    std::string pinyin_key, stroke_key;  // name_sort_key of the name (name_order.hpp)
  };
  std::vector<Row> load(storage::Connection& c, std::optional<std::vector<Id>> const& ids) const;
  // Which of q's filters `r` fails, as bits (0: it passes them all): the four that have facets
  // apart, every other filter together.
  static constexpr unsigned kStatusTerm = 1, kCategoryTerm = 2, kPoolTerm = 4, kStaleTerm = 8, kOtherTerm = 16;
  static unsigned failed_terms(Row const& r, ExpertQuery const& q, std::vector<Id> const& field_ids,
                               std::int64_t stale_before);
  static ExpertFacets count_facets(std::vector<Row const*> const& candidates, ExpertQuery const& q,
                                   std::vector<Id> const& field_ids, std::int64_t stale_before);
  static void add_pool(Row& r, Id pool);
  static bool in_pool(Row const& r, Id pool);

  mutable std::shared_mutex mu_;  // guards rows_, seq_, loaded_
  std::mutex refresh_mu_;         // one refresher at a time
  std::vector<Id> ids_;           // rows_[i].id, for lookups that stay in cache
  std::vector<Row> rows_;         // ordered by id
  std::int64_t seq_ = 0;          // last change applied
  bool loaded_ = false;
};

}  // namespace zhiku
