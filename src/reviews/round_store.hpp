// SQL of review rounds: rounds with their settings, the proposals in them, conflict overrides.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "reviews/round.hpp"
#include "storage/connection.hpp"

namespace zhiku {

class RoundStore {
 public:
  Id insert(storage::Connection& c, RoundSettings const& s, std::optional<Id> created_by, std::string const& now) const;
  // Replaces the settings when `version` is current; false when it is stale (nothing written).
  bool update(storage::Connection& c, Id id, std::int64_t version, RoundSettings const& s, std::string const& now) const;
  void set_status(storage::Connection& c, Id id, RoundStatus status, std::string const& now) const;
  std::optional<Round> find(storage::Connection& c, Id id) const;
  // Newest first; `status` filters when given.
  std::vector<Round> list(storage::Connection& c, std::optional<RoundStatus> status, int offset, int limit) const;
  std::int64_t count(storage::Connection& c, std::optional<RoundStatus> status) const;

  std::vector<Id> proposal_ids(storage::Connection& c, Id round_id) const;
  // (proposal id, added_at) in the order they were added.
  std::vector<std::pair<Id, std::string>> proposals(storage::Connection& c, Id round_id) const;
  bool has_proposal(storage::Connection& c, Id round_id, Id proposal_id) const;
  // The other round, not finalized, that holds the proposal, if any.
  std::optional<Id> open_round_of(storage::Connection& c, Id proposal_id, Id except_round) const;
  void add_proposal(storage::Connection& c, Id round_id, Id proposal_id, std::optional<Id> by, std::string const& now) const;
  void remove_proposal(storage::Connection& c, Id round_id, Id proposal_id) const;

  std::vector<ConflictOverride> overrides(storage::Connection& c, Id round_id) const;
  // Inserts or replaces the override of a pair.
  void put_override(storage::Connection& c, ConflictOverride const& o) const;
  // False when there was none.
  bool delete_override(storage::Connection& c, Id round_id, Id proposal_id, Id expert_id) const;
};

}  // namespace zhiku
