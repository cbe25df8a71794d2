// Names of the review enums, as the API spells them, and the labels people read.
#include "reviews/review.hpp"

namespace zhiku {

std::string_view to_string(Recommendation r) {
  switch (r) {
    case Recommendation::strongly_recommend: return "strongly_recommend";
    case Recommendation::recommend: return "recommend";
    case Recommendation::neutral: return "neutral";
    case Recommendation::not_recommend: return "not_recommend";
  }
  return "";
}

std::string_view to_string(ReviewStatus s) { return s == ReviewStatus::draft ? "draft" : "submitted"; }

std::optional<Recommendation> recommendation_from_string(std::string_view s) {
  for (auto r : kAllRecommendations)
    if (to_string(r) == s) return r;
  return std::nullopt;
}

std::optional<ReviewStatus> review_status_from_string(std::string_view s) {
  if (s == "draft") return ReviewStatus::draft;
  if (s == "submitted") return ReviewStatus::submitted;
  return std::nullopt;
}

std::string_view label_of(Recommendation r) {
  switch (r) {
    case Recommendation::strongly_recommend: return "强烈推荐";
    case Recommendation::recommend: return "推荐";
    case Recommendation::neutral: return "一般";
    case Recommendation::not_recommend: return "不推荐";
  }
  return "";
}

}  // namespace zhiku
