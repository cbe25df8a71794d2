// The expert pool's plain data: profiles, statuses and actions, the field taxonomy, pools,
// conflicts, and the list query. No I/O, no JSON, no SQL.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/principal.hpp"

namespace zhiku {

// Rejected applications end `retired` with the reason in status_reason (SPEC knows four
// statuses; the audit action "expert.reject" tells the two apart).
enum class ExpertStatus { pending, active, suspended, retired };
enum class ExpertAction { approve, reject, suspend, reinstate, retire };

inline constexpr ExpertStatus kAllExpertStatuses[] = {ExpertStatus::pending, ExpertStatus::active,
                                                      ExpertStatus::suspended, ExpertStatus::retired};
inline constexpr ExpertAction kAllExpertActions[] = {ExpertAction::approve, ExpertAction::reject, ExpertAction::suspend,
                                                     ExpertAction::reinstate, ExpertAction::retire};

std::string_view to_string(ExpertStatus s);
std::string_view to_string(ExpertAction a);
// The names people read ("在库", "批准入库"): the one table of them on the server, as the web
// locale (web/src/locales) shows them; messages and exports use these.
std::string_view label_of(ExpertStatus s);
std::string_view label_of(ExpertAction a);
std::optional<ExpertStatus> expert_status_from_string(std::string_view s);
std::optional<ExpertAction> expert_action_from_string(std::string_view s);

// One job in the employment history. Dates are "YYYY-MM" or "YYYY-MM-DD"; `to` empty = present.
struct Employment {
  std::string organization;
  std::string from;
  std::optional<std::string> to;
  friend bool operator==(Employment const&, Employment const&) = default;
};

// Everything about an expert that an editor may set (status, user and timestamps excluded).
struct ExpertProfile {
  std::string name;
  std::optional<std::string> gender;  // "male" | "female"
  std::optional<int> birth_year;
  std::optional<std::string> title;     // 职称
  std::optional<std::string> position;  // 职务
  std::string organization;             // 工作单位
  std::optional<std::string> department;
  std::vector<Employment> employment;
  std::vector<Id> field_ids;
  std::vector<std::string> keywords;
  std::string category = "domestic";       // "domestic" | "overseas" (海智)
  std::optional<std::string> country;      // country or region
  std::optional<std::string> academician;  // "CAS" | "CAE"
  std::vector<Id> pool_ids;
  std::optional<std::string> phone;
  std::optional<std::string> email;
  std::string bio;
};

struct NamedRef {
  Id id = 0;
  std::string name;
};

// Derived figures, read from the expert_stats view (filled in by later modules).
struct ExpertStats {
  std::int64_t reviews_done = 0;
  std::optional<double> on_time_rate;
  std::optional<double> avg_rating;
  std::int64_t submissions = 0;
  std::int64_t adoptions = 0;
  std::int64_t endorsements = 0;
};

struct Expert {
  Id id = 0;
  std::int64_t version = 0;
  ExpertStatus status = ExpertStatus::pending;
  std::optional<std::string> status_reason;
  std::optional<Id> user_id;
  std::optional<std::string> confirmed_at;
  std::string created_at;
  std::string updated_at;
  ExpertProfile profile;
  std::vector<NamedRef> fields;  // profile.field_ids with names, in order
  std::vector<NamedRef> pools;
  ExpertStats stats;
  bool stale = false;                    // not confirmed for kStaleYears (derived by the service from its clock)
  std::optional<std::string> highlight;  // search snippet (list results with q only)
};

// What later modules may know of an expert to name them and to check who they are (topics: the
// lead's title and age for the eligibility rules, the account to notify): no contact data.
struct ExpertBrief {
  Id id = 0;
  std::string name;
  std::string organization;
  std::optional<std::string> title;
  std::optional<std::string> academician;  // "CAS" | "CAE"
  std::optional<int> birth_year;
  ExpertStatus status = ExpertStatus::pending;
  std::optional<Id> user_id;
};

// Where a record came from, for the record and the audit log.
enum class ExpertSource { created, application, import };
std::string_view to_string(ExpertSource s);

struct Conflict {
  Id id = 0;
  Id expert_id = 0;
  std::string kind;  // "person" | "organization"
  std::optional<Id> other_expert_id;
  std::string name;
  std::optional<std::string> until;  // YYYY-MM-DD
  std::string note;
  std::string created_at;
};

struct Field {
  Id id = 0;
  std::optional<Id> parent_id;
  std::optional<std::string> code;
  std::string name;
  std::optional<std::string> name_en;
  std::int64_t sort = 0;
  std::int64_t version = 0;
};

struct Pool {
  Id id = 0;
  std::string name;
  std::string description;
  std::int64_t sort = 0;
  std::int64_t version = 0;
  std::int64_t member_count = 0;
};

// name: by 拼音 (ICU's zh collation); name_stroke: by 姓氏笔画 (zh@collation=stroke).
enum class ExpertSort {
  relevance,
  name,
  name_desc,
  name_stroke,
  name_stroke_desc,
  updated_at,
  updated_at_desc,
  birth_year,
  birth_year_desc
};
std::optional<ExpertSort> expert_sort_from_string(std::string_view s);

// Filters of the expert list and export. Empty optionals do not filter.
struct ExpertQuery {
  std::optional<std::string> q;  // full-text search (user input; made safe by fts_query_for)
  std::optional<Id> field_id;    // includes descendants
  std::optional<std::string> title;
  std::optional<std::string> category;
  std::optional<std::string> country;
  std::optional<std::string> academician;  // "CAS" | "CAE" | "any" | "none"
  std::optional<Id> pool_id;
  std::optional<ExpertStatus> status;
  std::optional<std::string> organization;  // prefix of the organisation's name
  std::optional<bool> stale;
  std::optional<ExpertSort> sort;  // default: relevance with q, else -updated_at
  int offset = 0;
  int limit = 20;
  bool facets = false;  // also count the matches per status, category, pool and staleness
};

// How many experts each choice of a filter would find, the other filters applied as they are
// (so the counts beside "status" say what picking each status would give).
struct ExpertFacets {
  std::map<std::string, std::int64_t> status;    // every status, zeros included
  std::map<std::string, std::int64_t> category;  // categories with members
  std::map<Id, std::int64_t> pool;               // pools with members
  std::int64_t stale = 0;                        // not confirmed for two years
};

}  // namespace zhiku
