// Pure rules of research topics: codes, what a valid topic is, the application deadline, the
// eligibility rules of a topic guide, overdue topics, and the files the module accepts. Shared by
// the service, the demo seeder and the tests; every time is passed in, never read here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "topics/topic.hpp"

namespace zhiku {

inline constexpr size_t kMaxTopicTitleChars = 200;
inline constexpr size_t kMaxTopicDescriptionChars = 20000;
inline constexpr size_t kMaxPlanChars = 20000;
inline constexpr size_t kMaxReasonChars = 2000;
inline constexpr size_t kMaxMessageChars = 5000;
inline constexpr size_t kMaxTopicFields = 10;
inline constexpr size_t kMaxTeamSize = 30;  // a bound on any team, whatever the guide says
inline constexpr std::int64_t kMaxBudgetYuan = 100'000'000'000;
inline constexpr std::int64_t kMaxFileBytes = 20 * 1024 * 1024;

// The instant `text` names ("2026-03-31T16:00:00Z", with optional fractional seconds, or a bare
// date meaning midnight UTC) in the one form stored and compared as text: "YYYY-MM-DDTHH:MM:SSZ".
// Nullopt when it is not one.
std::optional<std::string> normalized_instant(std::string_view text);

// "2026-ZK-007": the year, "ZK", and the year's sequence number in at least three digits.
std::string format_topic_code(int year, std::int64_t seq);

// The level of a 职称 as typed in a profile ("教授", "副研究员", "高级工程师", "Associate
// Professor" …); academicians count as senior whatever their title. Titles it does not know are
// `unknown`, which satisfies no requirement. Pure.
TitleLevel title_level(std::optional<std::string> const& title, bool academician);
// "副高级", "正高级", "中级" … for messages.
char const* label_of(TitleLevel level);

// An instant shown in Beijing time (UTC+8, no daylight saving) for messages:
// "2026-03-31 24:00" is never produced; "2026-04-01 00:00（北京时间）" is.
std::string beijing_time(std::string const& iso);

// Every problem with a topic's details, each naming the API field ("midterm_due"). Dates must be
// ISO 8601 UTC instants in order: application deadline < midterm < due date. Pure.
std::vector<FieldError> validate_details(TopicDetails const& d);
// What publishing needs beyond valid details: an application deadline after `now`.
std::vector<FieldError> publish_problems(TopicDetails const& d, SysTime now);

// Whether a topic takes applications (and team confirmations) at `now`: published, and `now`
// strictly before its application deadline. The server's clock decides, in UTC.
bool accepts_applications(TopicStatus status, std::optional<std::string> const& deadline, SysTime now);
// Nullopt when it does; else the Chinese reason (the deadline shown in Beijing time).
std::optional<std::string> why_no_applications(TopicStatus status, std::optional<std::string> const& deadline,
                                               SysTime now);

// One person of an application as the eligibility rules see them. The counts are of the guide's
// year and leave out the application being checked.
struct Candidate {
  Id expert_id = 0;
  std::string name;
  bool active = false;
  std::optional<std::string> title;
  bool academician = false;
  std::optional<int> birth_year;
  int leads_in_year = 0;        // live applications as lead, plus topics led (commissions)
  int member_applications = 0;  // live applications joined as a member (not declined)
};

// A rule that refused an application: its key ("lead_min_title"), the API field it concerns
// ("lead" or "member_ids[1]"), and the Chinese message naming the rule and the facts.
struct Refusal {
  std::string rule;
  std::string field;
  std::string message;
};

// The rules of a guide as sentences, in a fixed order, for the guide page and messages.
struct RuleText {
  std::string rule;
  std::string text;
};
std::vector<RuleText> describe_rules(EligibilityRules const& rules);

// Every rule `lead` and `members` break for a guide of `year` with `rules`; empty when the
// application is eligible. Always checked, whatever the guide: the lead and members are active
// experts, members are distinct and not the lead, a team is at most kMaxTeamSize. Pure.
std::vector<Refusal> eligibility_refusals(EligibilityRules const& rules, int year, Candidate const& lead,
                                          std::vector<Candidate> const& members);
// The refusals as one Error{invalid_argument}: the detail names every rule, each field error the
// person it concerns. Does nothing when `refusals` is empty.
void throw_if_refused(std::vector<Refusal> const& refusals);

// Every way `t` is overdue at `now`, most serious first: past its due date without delivery, a
// rectification not checked again by its date, a midterm report not submitted by the midterm
// date, a midterm check not launched by the midterm date. Pure.
std::vector<Overdue> overdue_of(Topic const& t, SysTime now);
// Whole days begun since `since` (1 during the first 24 hours after it); 0 when not yet.
int days_since(std::string const& since, SysTime now);

// Nullopt when the module accepts the file; else the Chinese reason. Accepted: PDF, DOCX, XLSX,
// PNG and JPEG, recognised by their first bytes (the name and declared type are not trusted), up
// to kMaxFileBytes, with a name of 1–200 characters. Returns the content type to store in
// `content_type`.
std::optional<std::string> file_problem(std::string_view filename, std::string_view bytes, std::string& content_type);

}  // namespace zhiku
