// SQL of experts, their employment, fields, pools, conflicts and applications, and the list
// and search queries. Functions take the caller's connection; transactions belong to the service.
// The list's in-memory index is the one piece of state (thread-safe; see expert_index.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "experts/expert.hpp"
#include "experts/expert_index.hpp"
#include "storage/connection.hpp"

namespace zhiku {

// One page of list results: ids in order with their search snippets, and the total.
struct ExpertPage {
  std::vector<std::pair<Id, std::optional<std::string>>> rows;  // id, highlight (q only)
  std::int64_t total = 0;
  std::optional<ExpertFacets> facets;  // when the query asked for them
};

// What any signed-in expert may learn of another to name them (the lookup): no contact data,
// biography or status.
struct ExpertLookupItem {
  Id id = 0;
  std::string name;
  std::string organization;
  std::optional<std::string> department;
};

class ExpertStore {
 public:
  // Inserts the expert and its employment, fields and pools; returns the id. Throws
  // storage::Error (a field or pool id that does not exist is a constraint violation).
  Id insert(storage::Connection& c, ExpertProfile const& p, ExpertStatus status,
            std::optional<std::string> const& status_reason, ExpertSource source, std::string const& now) const;

  // Replaces the profile when the stored version is `version`; bumps the version. False when the
  // expert is missing or its version differs.
  bool update_profile(storage::Connection& c, Id id, std::int64_t version, ExpertProfile const& p,
                      std::string const& now) const;
  // Sets status and reason; bumps the version.
  void update_status(storage::Connection& c, Id id, ExpertStatus status, std::optional<std::string> const& reason,
                     std::string const& now) const;
  // Links a user to an unlinked expert (the one link between accounts and profiles). False when
  // the expert already has a user; throws Error{conflict} when the user is linked to another expert.
  bool set_user(storage::Connection& c, Id id, Id user_id, std::string const& now) const;
  // Records that the expert confirmed their profile now; bumps the version.
  void confirm(storage::Connection& c, Id id, std::string const& now) const;

  // The expert with employment, fields, pools and stats, or nullopt.
  std::optional<Expert> find(storage::Connection& c, Id id) const;
  std::optional<Id> find_id_by_user(storage::Connection& c, Id user_id) const;
  // The few columns of an ExpertBrief, or nullopt.
  std::optional<ExpertBrief> find_brief(storage::Connection& c, Id id) const;
  bool exists(storage::Connection& c, Id id) const;
  // Some expert with this normalised e-mail / phone (the lowest id), or nullopt.
  std::optional<Id> find_by_email_norm(storage::Connection& c, std::string const& email_norm) const;
  std::optional<Id> find_by_phone_norm(storage::Connection& c, std::string const& phone_norm) const;
  // The lowest id of an expert other than `self` with this normalised e-mail / phone, or nullopt.
  std::optional<Id> find_other_by_email_norm(storage::Connection& c, std::string const& email_norm, Id self) const;
  std::optional<Id> find_other_by_phone_norm(storage::Connection& c, std::string const& phone_norm, Id self) const;
  // Records that `expert_id` and `other_expert_id` share their `field` ("email" or "phone"), for
  // coordinators to resolve. False when that pair was flagged already.
  bool flag_duplicate(storage::Connection& c, Id expert_id, Id other_expert_id, std::string_view field,
                      std::string const& now) const;

  // One page of the list for `q`. `fts_match` is the safe MATCH expression for q.text (empty:
  // no full-text condition; the caller answers an empty result for a q with no searchable
  // term). `stale_cutoff` is the ISO time before which a profile is stale.
  // `match_fields`: with a search, experts in any of these fields match too (after the text
  // matches, without a snippet).
  ExpertPage list(storage::Connection& c, ExpertQuery const& q, std::string const& fts_match,
                  std::string const& stale_cutoff, std::vector<Id> const& match_fields = {}) const;

  // Loads the list's in-memory index now rather than on the first list request.
  void warm(storage::Connection& c) const { index_.sync(c); }

  std::vector<Conflict> conflicts(storage::Connection& c, Id expert_id) const;
  std::optional<Conflict> find_conflict(storage::Connection& c, Id expert_id, Id conflict_id) const;
  Id insert_conflict(storage::Connection& c, Conflict const& conflict) const;
  void delete_conflict(storage::Connection& c, Id conflict_id) const;

  // Public applications from `client_address` since `since` (ISO), and the oldest of them.
  std::pair<std::int64_t, std::optional<std::string>> applications_since(storage::Connection& c,
                                                                         std::string const& client_address,
                                                                         std::string const& since) const;
  void record_application(storage::Connection& c, Id expert_id, std::string const& client_address,
                          std::string const& receipt_hash, std::string const& now,
                          std::string const& challenge_salt) const;
  // The expert created by the application with this receipt hash, and when it was submitted.
  std::optional<std::pair<Id, std::string>> find_application(storage::Connection& c,
                                                             std::string const& receipt_hash) const;

  // Up to `limit` active experts whose name or organisation matches `fts_match` (a non-empty
  // fts_query_for expression), best first (zhiku_rank, then id), leaving out `exclude`.
  std::vector<ExpertLookupItem> lookup(storage::Connection& c, std::string const& fts_match, std::optional<Id> exclude,
                                       int limit) const;

 private:
  mutable ExpertIndex index_;

  void replace_children(storage::Connection& c, Id id, ExpertProfile const& p) const;
  void load_details(storage::Connection& c, Expert& e) const;
};

}  // namespace zhiku
