// Research topics' plain data: topics and their statuses and actions, the topic guide of a year
// with its eligibility rules, member departments, applications and their teams, commissions,
// the team and working space, change requests, midterm checks, acceptance, suggestions, and the
// list query. No I/O, no JSON, no SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/principal.hpp"
#include "experts/expert.hpp"

namespace zhiku {

// SPEC "Research topics", exactly.
enum class TopicStatus { draft, published, assigned, in_progress, midterm_review, delivered, concluded, cancelled };
inline constexpr TopicStatus kAllTopicStatuses[] = {
    TopicStatus::draft,          TopicStatus::published, TopicStatus::assigned,  TopicStatus::in_progress,
    TopicStatus::midterm_review, TopicStatus::delivered, TopicStatus::concluded, TopicStatus::cancelled};

// Every step of the life cycle. A commission keeps the topic `published` until the expert
// accepts it; the two midterm verdicts and the three acceptance verdicts are actions of their own
// so that the table says where each one leads.
enum class TopicAction {
  publish,
  commission,
  withdraw_commission,
  accept_commission,
  decline_commission,
  assign,
  start,
  begin_midterm,
  pass_midterm,
  rectify_midterm,
  deliver,
  pass_acceptance,
  request_rework,
  fail_acceptance,
  cancel,
};
inline constexpr TopicAction kAllTopicActions[] = {TopicAction::publish,
                                                   TopicAction::commission,
                                                   TopicAction::withdraw_commission,
                                                   TopicAction::accept_commission,
                                                   TopicAction::decline_commission,
                                                   TopicAction::assign,
                                                   TopicAction::start,
                                                   TopicAction::begin_midterm,
                                                   TopicAction::pass_midterm,
                                                   TopicAction::rectify_midterm,
                                                   TopicAction::deliver,
                                                   TopicAction::pass_acceptance,
                                                   TopicAction::request_rework,
                                                   TopicAction::fail_acceptance,
                                                   TopicAction::cancel};

// Where a topic comes from (SPEC: the city leadership, a member department, the association, or
// proposed by an expert).
enum class TopicSource { leadership, department, association, expert };
inline constexpr TopicSource kAllTopicSources[] = {TopicSource::leadership, TopicSource::department,
                                                   TopicSource::association, TopicSource::expert};
enum class TopicPriority { high, normal, low };

std::string_view to_string(TopicStatus s);
std::string_view to_string(TopicAction a);
std::string_view to_string(TopicSource s);
std::string_view to_string(TopicPriority p);
std::optional<TopicStatus> topic_status_from_string(std::string_view s);
std::optional<TopicAction> topic_action_from_string(std::string_view s);
std::optional<TopicSource> topic_source_from_string(std::string_view s);
std::optional<TopicPriority> topic_priority_from_string(std::string_view s);
// Open statuses: neither concluded nor cancelled.
bool is_open(TopicStatus s);

// 职称 level, for the rule "the lead holds 副高 or above". Ordered: a higher level satisfies a
// lower requirement.
enum class TitleLevel { unknown, junior, intermediate, associate_senior, senior };
std::string_view to_string(TitleLevel l);
std::optional<TitleLevel> title_level_from_string(std::string_view s);

// The eligibility rules of a year's topic guide; an empty optional is no such rule.
struct EligibilityRules {
  std::optional<TitleLevel> lead_min_title;    // the lead's 职称 at least this level
  std::optional<int> lead_max_per_year;        // topics a lead leads (or applies to lead) per year
  std::optional<int> member_max_applications;  // applications an expert joins as member per year
  std::optional<int> lead_max_age;             // the lead's age in the guide's year
  std::optional<int> team_max_size;            // members besides the lead
  friend bool operator==(EligibilityRules const&, EligibilityRules const&) = default;
};

// 课题指南 of one year.
struct TopicGuide {
  Id id = 0;
  int year = 0;
  std::string title;
  std::string description;
  EligibilityRules rules;
  std::int64_t version = 0;
  std::string created_at;
  std::string updated_at;
  std::int64_t topic_count = 0;      // every topic of the year
  std::int64_t published_count = 0;  // topics experts can see in the guide
};

// 成员单位.
struct MemberDepartment {
  Id id = 0;
  std::string name;
  std::string short_name;
  std::int64_t sort = 0;
  bool active = true;
  std::int64_t version = 0;
};

// Everything about a topic that a coordinator sets (status and derived data excluded). Dates are
// ISO 8601 UTC instants.
struct TopicDetails {
  std::string title;
  std::string description;
  std::vector<Id> field_ids;
  TopicSource source = TopicSource::association;
  std::optional<Id> department_id;          // source = department
  std::optional<Id> proposed_by_expert_id;  // source = expert
  TopicPriority priority = TopicPriority::normal;
  std::optional<std::int64_t> budget_yuan;
  std::optional<std::string> application_deadline;
  std::optional<std::string> midterm_due;
  std::optional<std::string> due_date;
};

// An edit: the keys in `present` (API names: "title", "field_ids", "due_date" …) take their value
// from `values`; the others stay.
struct TopicPatch {
  TopicDetails values;
  std::set<std::string> present;
  void apply_to(TopicDetails& d) const;
};

struct Topic {
  Id id = 0;
  std::int64_t version = 0;
  std::string code;  // "2026-ZK-007"
  Id guide_id = 0;
  int year = 0;
  TopicDetails details;
  TopicStatus status = TopicStatus::draft;
  std::optional<std::string> status_reason;
  std::optional<Id> lead_expert_id;
  std::optional<std::string> lead_name;
  std::optional<Id> selected_application_id;
  std::optional<Id> selection_round_id;       // a review round choosing among the applications
  std::optional<Id> deliverable_proposal_id;  // the proposal of kind "topic deliverable"
  std::optional<std::string> rectify_by;      // a midterm verdict "needs rectification" until then
  std::optional<std::string> published_at;
  std::optional<std::string> assigned_at;
  std::optional<std::string> concluded_at;
  std::optional<Id> created_by;
  std::string created_at;
  std::string updated_at;
  std::vector<NamedRef> fields;
  std::optional<NamedRef> department;
  std::optional<std::string> proposed_by_name;
  // Derived from the module's other tables.
  std::int64_t application_count = 0;   // applications that count (submitted, team confirmed)
  std::int64_t midterm_count = 0;       // midterm checks launched
  bool midterm_report_pending = false;  // in midterm_review and the report not yet submitted
  std::optional<std::string> last_midterm_verdict;
  std::optional<std::string> acceptance_verdict;  // the latest
  bool commission_pending = false;
};

// A topic past a date without the step expected by then.
enum class OverdueKind { midterm, midterm_report, rectification, due };
std::string_view to_string(OverdueKind k);
struct Overdue {
  OverdueKind kind = OverdueKind::due;
  std::string since;  // the date that passed
  int days = 0;       // whole days begun since then (1 on the first day)
};

struct TopicMember {
  Id expert_id = 0;
  std::string name;
  std::string organization;
  std::optional<std::string> title;
  std::string role;  // "lead" | "member"
  std::string joined_at;
  std::optional<std::string> left_at;
  std::optional<Id> user_id;
};

struct TopicFile {
  Id id = 0;
  Id topic_id = 0;
  std::string kind;  // "opinion_letter" | "application" | "midterm_report" | "workspace"
  std::string filename;
  std::string content_type;
  std::int64_t size = 0;
  std::string sha256;
  std::optional<Id> uploaded_by;
  std::string created_at;
};

enum class TopicApplicationStatus { submitted, withdrawn, selected, not_selected };
std::string_view to_string(TopicApplicationStatus s);
std::optional<TopicApplicationStatus> topic_application_status_from_string(std::string_view s);

enum class MemberAnswer { invited, confirmed, declined };
std::string_view to_string(MemberAnswer a);
std::optional<MemberAnswer> member_answer_from_string(std::string_view s);

struct ApplicationMember {
  Id expert_id = 0;
  std::string name;
  std::string organization;
  std::optional<std::string> title;
  MemberAnswer answer = MemberAnswer::invited;
  std::optional<std::string> reason;
  std::optional<std::string> answered_at;
};

// 申报. It counts while submitted with every member confirmed (counts()).
struct TopicApplication {
  Id id = 0;
  Id topic_id = 0;
  std::int64_t version = 0;
  Id lead_expert_id = 0;
  std::string lead_name;
  std::string lead_organization;
  std::optional<std::string> lead_title;
  std::string plan;
  std::string recommending_unit;
  std::optional<TopicFile> opinion_letter;
  std::vector<TopicFile> attachments;
  TopicApplicationStatus status = TopicApplicationStatus::submitted;
  std::optional<std::string> status_reason;
  std::vector<ApplicationMember> members;
  std::optional<std::int64_t> selection_rank;
  std::optional<double> selection_score;
  std::string created_at;
  std::string updated_at;

  bool team_confirmed() const;
  bool counts() const { return status == TopicApplicationStatus::submitted && team_confirmed(); }
};

// What an applicant sends; the service checks it against the rules.
struct ApplicationForm {
  std::string plan;
  std::string recommending_unit;
  std::vector<Id> member_ids;
  std::optional<Id> opinion_file_id;
  std::vector<Id> attachment_ids;
};

enum class CommissionStatus { pending, accepted, declined, withdrawn };
std::string_view to_string(CommissionStatus s);
std::optional<CommissionStatus> commission_status_from_string(std::string_view s);

// 委托.
struct Commission {
  Id id = 0;
  Id topic_id = 0;
  Id expert_id = 0;
  std::string expert_name;
  std::string note;
  CommissionStatus status = CommissionStatus::pending;
  std::optional<std::string> reason;
  std::vector<NamedRef> members;
  std::string created_at;
  std::optional<std::string> answered_at;
};

enum class ChangeKind { team, extension, withdrawal };
std::string_view to_string(ChangeKind k);
std::optional<ChangeKind> change_kind_from_string(std::string_view s);
enum class ChangeStatus { pending, approved, refused };
std::string_view to_string(ChangeStatus s);
std::optional<ChangeStatus> change_status_from_string(std::string_view s);

// 变更申请.
struct ChangeRequest {
  Id id = 0;
  Id topic_id = 0;
  ChangeKind kind = ChangeKind::extension;
  std::string reason;
  std::optional<std::string> date_field;  // "midterm_due" | "due_date" (extension)
  std::optional<std::string> new_date;
  std::vector<NamedRef> add;     // team change
  std::vector<NamedRef> remove;  // team change
  ChangeStatus status = ChangeStatus::pending;
  std::optional<std::string> decision_reason;
  std::optional<Id> requested_by;
  std::optional<Id> decided_by;
  std::string created_at;
  std::optional<std::string> decided_at;
};

// 中期检查.
struct MidtermCheck {
  Id id = 0;
  Id topic_id = 0;
  std::string launched_at;
  std::optional<std::string> report;
  std::optional<TopicFile> report_file;
  std::optional<std::string> submitted_at;
  std::optional<std::string> verdict;  // "passed" | "rectify"
  std::optional<std::string> comments;
  std::optional<std::string> rectify_by;
  std::optional<std::string> decided_at;
};

// 结题验收.
struct Acceptance {
  Id id = 0;
  Id topic_id = 0;
  std::string verdict;  // "passed" | "revise" | "failed"
  std::string comments;
  std::optional<Id> proposal_id;
  std::optional<Id> decided_by;
  std::string decided_at;
};

struct Milestone {
  Id id = 0;
  Id topic_id = 0;
  std::string title;
  std::string due_at;
  std::optional<std::string> done_at;
  std::int64_t version = 0;
  std::string created_at;
};

struct TopicMessage {
  Id id = 0;
  Id topic_id = 0;
  std::optional<Id> author_id;
  std::string author;
  std::string body;
  std::optional<TopicFile> file;
  std::string created_at;
};

struct TopicEvent {
  Id id = 0;
  std::string at;
  std::optional<Id> actor_id;
  std::string actor_name;
  std::string action;
  std::optional<std::string> from_status;
  std::optional<std::string> to_status;
  std::string note;
};

enum class SuggestionStatus { pending, adopted, merged, declined };
std::string_view to_string(SuggestionStatus s);
std::optional<SuggestionStatus> suggestion_status_from_string(std::string_view s);

// 选题建议.
struct TopicSuggestion {
  Id id = 0;
  std::int64_t version = 0;
  Id expert_id = 0;
  std::string expert_name;
  std::string title;
  std::string description;
  SuggestionStatus status = SuggestionStatus::pending;
  std::optional<std::string> reason;
  std::optional<Id> topic_id;
  std::optional<std::string> topic_code;
  std::optional<std::string> decided_at;
  std::string created_at;
};

enum class TopicSort { code, code_desc, deadline, updated_at_desc };
std::optional<TopicSort> topic_sort_from_string(std::string_view s);

// Filters of the topic list. Empty optionals do not filter.
struct TopicQuery {
  std::optional<int> year;
  std::optional<Id> field_id;  // includes descendants
  std::optional<TopicSource> source;
  std::optional<Id> department_id;
  std::vector<TopicStatus> statuses;   // any of them; empty: every status
  std::optional<std::string> q;        // part of the code or title
  std::optional<Id> member_expert_id;  // topics with this expert on the current team
  TopicSort sort = TopicSort::code;
  int offset = 0;
  int limit = 20;
};

}  // namespace zhiku
