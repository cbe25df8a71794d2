// SQL of reviews (one per assignment).
#pragma once

#include <optional>
#include <vector>

#include "reviews/review.hpp"
#include "storage/connection.hpp"

namespace zhiku {

class ReviewStore {
 public:
  std::optional<Review> find(storage::Connection& c, Id assignment_id) const;
  // A new draft at version 1.
  void insert(storage::Connection& c, Id assignment_id, ReviewContent const& content, std::string const& now) const;
  // Replaces the content of a draft when `version` is current; false when stale (nothing written).
  bool update(storage::Connection& c, Id assignment_id, std::int64_t version, ReviewContent const& content,
              std::string const& now) const;
  // draft → submitted (and the assignment with it).
  void submit(storage::Connection& c, Id assignment_id, std::string const& now) const;
  // Every submitted review of the round, by proposal then expert.
  std::vector<SubmittedReview> submitted(storage::Connection& c, Id round_id) const;
};

}  // namespace zhiku
