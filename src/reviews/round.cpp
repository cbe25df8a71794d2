// Names of the rounds' enums, as the API and the web UI spell them, and the labels people read.
#include "reviews/round.hpp"

namespace zhiku {

namespace {

template <class E, std::size_t N>
std::optional<E> from_name(std::string_view s, E const (&all)[N]) {
  for (E e : all)
    if (to_string(e) == s) return e;
  return std::nullopt;
}

}  // namespace

std::string_view to_string(RoundPurpose p) {
  switch (p) {
    case RoundPurpose::award_selection: return "award_selection";
    case RoundPurpose::topic_selection: return "topic_selection";
    case RoundPurpose::suggestion_evaluation: return "suggestion_evaluation";
  }
  return "";
}

std::string_view to_string(RoundStatus s) {
  switch (s) {
    case RoundStatus::draft: return "draft";
    case RoundStatus::assigning: return "assigning";
    case RoundStatus::reviewing: return "reviewing";
    case RoundStatus::closed: return "closed";
    case RoundStatus::finalized: return "finalized";
  }
  return "";
}

std::string_view to_string(RoundAction a) {
  switch (a) {
    case RoundAction::start_assigning: return "start_assigning";
    case RoundAction::back_to_draft: return "back_to_draft";
    case RoundAction::start_reviewing: return "start_reviewing";
    case RoundAction::close: return "close";
    case RoundAction::reopen: return "reopen";
    case RoundAction::finalize: return "finalize";
  }
  return "";
}

std::string_view to_string(ConflictRule r) {
  switch (r) {
    case ConflictRule::author: return "author";
    case ConflictRule::same_organization: return "same_organization";
    case ConflictRule::coauthor: return "coauthor";
    case ConflictRule::former_employment: return "former_employment";
    case ConflictRule::declared: return "declared";
  }
  return "";
}

std::optional<RoundPurpose> round_purpose_from_string(std::string_view s) { return from_name(s, kAllRoundPurposes); }
std::optional<RoundStatus> round_status_from_string(std::string_view s) { return from_name(s, kAllRoundStatuses); }
std::optional<RoundAction> round_action_from_string(std::string_view s) { return from_name(s, kAllRoundActions); }

std::string_view label_of(RoundStatus s) {
  switch (s) {
    case RoundStatus::draft: return "草稿";
    case RoundStatus::assigning: return "分配评审";
    case RoundStatus::reviewing: return "评审中";
    case RoundStatus::closed: return "已截止";
    case RoundStatus::finalized: return "已定稿";
  }
  return "";
}

std::string_view label_of(RoundAction a) {
  switch (a) {
    case RoundAction::start_assigning: return "开始分配评审";
    case RoundAction::back_to_draft: return "退回草稿";
    case RoundAction::start_reviewing: return "开始评审";
    case RoundAction::close: return "截止评审";
    case RoundAction::reopen: return "重新开放评审";
    case RoundAction::finalize: return "定稿并发布排名";
  }
  return "";
}

}  // namespace zhiku
