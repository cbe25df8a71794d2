// A reviewer's review of one assignment (评审意见): a score per rubric criterion, a
// recommendation, a confidence, a comment for the office and the leadership and an optional one
// for the authors; a draft until submitted. No I/O, no JSON, no SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/principal.hpp"

namespace zhiku {

// 强烈推荐 / 推荐 / 一般 / 不推荐.
enum class Recommendation { strongly_recommend, recommend, neutral, not_recommend };
enum class ReviewStatus { draft, submitted };

inline constexpr Recommendation kAllRecommendations[] = {Recommendation::strongly_recommend, Recommendation::recommend,
                                                         Recommendation::neutral, Recommendation::not_recommend};

std::string_view to_string(Recommendation r);
std::string_view to_string(ReviewStatus s);
std::optional<Recommendation> recommendation_from_string(std::string_view s);
std::optional<ReviewStatus> review_status_from_string(std::string_view s);
std::string_view label_of(Recommendation r);

inline constexpr int kMinConfidence = 1;  // 1 不太熟悉 … 5 非常熟悉
inline constexpr int kMaxConfidence = 5;
inline constexpr std::size_t kMaxReviewCommentChars = 5000;

// What the reviewer writes. A draft may leave anything out; a submitted review has every score,
// the recommendation and the confidence.
struct ReviewContent {
  std::vector<std::optional<double>> scores;  // one per criterion, in the rubric's order
  std::optional<Recommendation> recommendation;
  std::optional<int> confidence;
  std::string comment_office;   // for the office and the leadership
  std::string comment_authors;  // optional; reaches the authors only after finalizing
  friend bool operator==(ReviewContent const&, ReviewContent const&) = default;
};

struct Review {
  Id assignment_id = 0;
  ReviewContent content;
  ReviewStatus status = ReviewStatus::draft;
  std::optional<std::string> submitted_at;
  std::string updated_at;
  std::int64_t version = 0;
};

// A submitted review with whose and of what, as the ranking reads it.
struct SubmittedReview {
  Id assignment_id = 0;
  Id proposal_id = 0;
  Id expert_id = 0;
  Review review;
};

}  // namespace zhiku
