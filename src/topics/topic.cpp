// Names of the module's enumerations as the API and the database spell them.
#include "topics/topic.hpp"

#include <algorithm>
#include <array>

#include "topics/enum_names.hpp"

namespace zhiku {

using enum_names::name_of;

namespace {

constexpr std::array<std::string_view, 8> kStatusNames = {"draft",          "published", "assigned",  "in_progress",
                                                          "midterm_review", "delivered", "concluded", "cancelled"};
constexpr std::array<std::string_view, 15> kActionNames = {
    "publish", "commission",      "withdraw_commission", "accept_commission", "decline_commission",
    "assign",  "start",           "begin_midterm",       "pass_midterm",      "rectify_midterm",
    "deliver", "pass_acceptance", "request_rework",      "fail_acceptance",   "cancel"};
constexpr std::array<std::string_view, 4> kSourceNames = {"leadership", "department", "association", "expert"};
constexpr std::array<std::string_view, 3> kPriorityNames = {"high", "normal", "low"};
constexpr std::array<std::string_view, 5> kTitleLevelNames = {"unknown", "junior", "intermediate", "associate_senior",
                                                              "senior"};
constexpr std::array<std::string_view, 4> kOverdueNames = {"midterm", "midterm_report", "rectification", "due"};
constexpr std::array<std::string_view, 4> kApplicationNames = {"submitted", "withdrawn", "selected", "not_selected"};
constexpr std::array<std::string_view, 3> kAnswerNames = {"invited", "confirmed", "declined"};
constexpr std::array<std::string_view, 4> kCommissionNames = {"pending", "accepted", "declined", "withdrawn"};
constexpr std::array<std::string_view, 3> kChangeKindNames = {"team", "extension", "withdrawal"};
constexpr std::array<std::string_view, 3> kChangeStatusNames = {"pending", "approved", "refused"};
constexpr std::array<std::string_view, 4> kSuggestionNames = {"pending", "adopted", "merged", "declined"};
constexpr std::array<std::string_view, 4> kSortNames = {"code", "-code", "deadline", "-updated_at"};

}  // namespace

std::string_view to_string(TopicStatus s) { return name_of(s, kStatusNames); }
std::string_view to_string(TopicAction a) { return name_of(a, kActionNames); }
std::string_view to_string(TopicSource s) { return name_of(s, kSourceNames); }
std::string_view to_string(TopicPriority p) { return name_of(p, kPriorityNames); }
std::string_view to_string(TitleLevel l) { return name_of(l, kTitleLevelNames); }
std::string_view to_string(OverdueKind k) { return name_of(k, kOverdueNames); }
std::string_view to_string(TopicApplicationStatus s) { return name_of(s, kApplicationNames); }
std::string_view to_string(MemberAnswer a) { return name_of(a, kAnswerNames); }
std::string_view to_string(CommissionStatus s) { return name_of(s, kCommissionNames); }
std::string_view to_string(ChangeKind k) { return name_of(k, kChangeKindNames); }
std::string_view to_string(ChangeStatus s) { return name_of(s, kChangeStatusNames); }
std::string_view to_string(SuggestionStatus s) { return name_of(s, kSuggestionNames); }

std::optional<TopicStatus> topic_status_from_string(std::string_view s) {
  return enum_names::parse<TopicStatus>(s, kStatusNames);
}
std::optional<TopicAction> topic_action_from_string(std::string_view s) {
  return enum_names::parse<TopicAction>(s, kActionNames);
}
std::optional<TopicSource> topic_source_from_string(std::string_view s) {
  return enum_names::parse<TopicSource>(s, kSourceNames);
}
std::optional<TopicPriority> topic_priority_from_string(std::string_view s) {
  return enum_names::parse<TopicPriority>(s, kPriorityNames);
}
std::optional<TitleLevel> title_level_from_string(std::string_view s) {
  return enum_names::parse<TitleLevel>(s, kTitleLevelNames);
}
std::optional<TopicApplicationStatus> topic_application_status_from_string(std::string_view s) {
  return enum_names::parse<TopicApplicationStatus>(s, kApplicationNames);
}
std::optional<MemberAnswer> member_answer_from_string(std::string_view s) {
  return enum_names::parse<MemberAnswer>(s, kAnswerNames);
}
std::optional<CommissionStatus> commission_status_from_string(std::string_view s) {
  return enum_names::parse<CommissionStatus>(s, kCommissionNames);
}
std::optional<ChangeKind> change_kind_from_string(std::string_view s) {
  return enum_names::parse<ChangeKind>(s, kChangeKindNames);
}
std::optional<ChangeStatus> change_status_from_string(std::string_view s) {
  return enum_names::parse<ChangeStatus>(s, kChangeStatusNames);
}
std::optional<SuggestionStatus> suggestion_status_from_string(std::string_view s) {
  return enum_names::parse<SuggestionStatus>(s, kSuggestionNames);
}
std::optional<TopicSort> topic_sort_from_string(std::string_view s) {
  return enum_names::parse<TopicSort>(s, kSortNames);
}

bool is_open(TopicStatus s) { return s != TopicStatus::concluded && s != TopicStatus::cancelled; }

void TopicPatch::apply_to(TopicDetails& d) const {
  auto has = [&](char const* key) { return present.count(key) > 0; };
  auto const& v = values;
  if (has("title")) d.title = v.title;
  if (has("description")) d.description = v.description;
  if (has("field_ids")) d.field_ids = v.field_ids;
  if (has("source")) d.source = v.source;
  if (has("department_id")) d.department_id = v.department_id;
  if (has("proposed_by_expert_id")) d.proposed_by_expert_id = v.proposed_by_expert_id;
  if (has("priority")) d.priority = v.priority;
  if (has("budget_yuan")) d.budget_yuan = v.budget_yuan;
  if (has("application_deadline")) d.application_deadline = v.application_deadline;
  if (has("midterm_due")) d.midterm_due = v.midterm_due;
  if (has("due_date")) d.due_date = v.due_date;
}

bool TopicApplication::team_confirmed() const {
  return std::all_of(members.begin(), members.end(),
                     [](ApplicationMember const& m) { return m.answer == MemberAnswer::confirmed; });
}

}  // namespace zhiku
