// SQL of a round's reviewer pool and assignments.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "reviews/review_assignment.hpp"
#include "storage/connection.hpp"

namespace zhiku {

class AssignmentStore {
 public:
  std::vector<RoundReviewer> reviewers(storage::Connection& c, Id round_id) const;
  // Adds or updates the reviewer's load.
  void put_reviewer(storage::Connection& c, Id round_id, Id expert_id, std::optional<int> max_load,
                    std::string const& now) const;
  bool remove_reviewer(storage::Connection& c, Id round_id, Id expert_id) const;

  std::vector<Assignment> of_round(storage::Connection& c, Id round_id) const;
  // The expert's assignments the reviewer may see (not tentative), newest first.
  std::vector<Assignment> of_expert(storage::Connection& c, Id expert_id) const;
  std::optional<Assignment> find(storage::Connection& c, Id id) const;
  std::optional<Assignment> find_pair(storage::Connection& c, Id round_id, Id proposal_id, Id expert_id) const;
  Id insert(storage::Connection& c, Assignment const& a) const;
  void remove(storage::Connection& c, Id id) const;
  void set_status(storage::Connection& c, Id id, AssignmentStatus status, std::optional<std::string> const& reason,
                  std::string const& now) const;
  void set_extension(storage::Connection& c, Id id, std::string const& until, std::string const& now) const;
  // tentative → released for the whole round; returns the experts whose assignments moved.
  std::vector<Id> release(storage::Connection& c, Id round_id, std::string const& now) const;
};

}  // namespace zhiku
