// Names of the assignment enums, as the API spells them, and the labels people read.
#include "reviews/review_assignment.hpp"

namespace zhiku {

std::string_view to_string(AssignmentStatus s) {
  switch (s) {
    case AssignmentStatus::tentative: return "tentative";
    case AssignmentStatus::released: return "released";
    case AssignmentStatus::accepted: return "accepted";
    case AssignmentStatus::declined: return "declined";
    case AssignmentStatus::submitted: return "submitted";
  }
  return "";
}

std::string_view to_string(AssignmentAction a) { return a == AssignmentAction::accept ? "accept" : "decline"; }

std::optional<AssignmentStatus> assignment_status_from_string(std::string_view s) {
  for (auto x : kAllAssignmentStatuses)
    if (to_string(x) == s) return x;
  return std::nullopt;
}

std::optional<AssignmentAction> assignment_action_from_string(std::string_view s) {
  for (auto x : kAllAssignmentActions)
    if (to_string(x) == s) return x;
  return std::nullopt;
}

std::string_view label_of(AssignmentStatus s) {
  switch (s) {
    case AssignmentStatus::tentative: return "待发布";
    case AssignmentStatus::released: return "待接受";
    case AssignmentStatus::accepted: return "已接受";
    case AssignmentStatus::declined: return "已谢绝";
    case AssignmentStatus::submitted: return "已提交";
  }
  return "";
}

}  // namespace zhiku
