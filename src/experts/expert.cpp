// Names of the expert pool's enumerations as the API and the database spell them.
#include "experts/expert.hpp"

namespace zhiku {

std::string_view to_string(ExpertStatus s) {
  switch (s) {
    case ExpertStatus::pending:
      return "pending";
    case ExpertStatus::active:
      return "active";
    case ExpertStatus::suspended:
      return "suspended";
    case ExpertStatus::retired:
      return "retired";
  }
  return "pending";
}

std::string_view to_string(ExpertAction a) {
  switch (a) {
    case ExpertAction::approve:
      return "approve";
    case ExpertAction::reject:
      return "reject";
    case ExpertAction::suspend:
      return "suspend";
    case ExpertAction::reinstate:
      return "reinstate";
    case ExpertAction::retire:
      return "retire";
  }
  return "approve";
}

std::string_view label_of(ExpertStatus s) {
  switch (s) {
    case ExpertStatus::pending:
      return "待审核";
    case ExpertStatus::active:
      return "在库";
    case ExpertStatus::suspended:
      return "暂停";
    case ExpertStatus::retired:
      return "出库";
  }
  return "";
}

std::string_view label_of(ExpertAction a) {
  switch (a) {
    case ExpertAction::approve:
      return "批准入库";
    case ExpertAction::reject:
      return "驳回";
    case ExpertAction::suspend:
      return "暂停";
    case ExpertAction::reinstate:
      return "恢复";
    case ExpertAction::retire:
      return "出库";
  }
  return "";
}

std::string_view to_string(ExpertSource s) {
  switch (s) {
    case ExpertSource::created:
      return "created";
    case ExpertSource::application:
      return "application";
    case ExpertSource::import:
      return "import";
  }
  return "created";
}

std::optional<ExpertStatus> expert_status_from_string(std::string_view s) {
  for (ExpertStatus v : kAllExpertStatuses)
    if (to_string(v) == s) return v;
  return std::nullopt;
}

std::optional<ExpertAction> expert_action_from_string(std::string_view s) {
  for (ExpertAction v : kAllExpertActions)
    if (to_string(v) == s) return v;
  return std::nullopt;
}

std::optional<ExpertSort> expert_sort_from_string(std::string_view s) {
  if (s == "relevance") return ExpertSort::relevance;
  if (s == "name") return ExpertSort::name;
  if (s == "-name") return ExpertSort::name_desc;
  if (s == "name_stroke") return ExpertSort::name_stroke;
  if (s == "-name_stroke") return ExpertSort::name_stroke_desc;
  if (s == "updated_at") return ExpertSort::updated_at;
  if (s == "-updated_at") return ExpertSort::updated_at_desc;
  if (s == "birth_year") return ExpertSort::birth_year;
  if (s == "-birth_year") return ExpertSort::birth_year_desc;
  return std::nullopt;
}

}  // namespace zhiku
