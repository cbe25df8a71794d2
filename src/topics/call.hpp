// Calls for suggestions' plain data (SPEC "Calls for suggestions"): a theme open for submissions
// between two instants, with the length limits of the texts submitted to it. No I/O, JSON or SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/principal.hpp"
#include "experts/expert.hpp"

namespace zhiku {

// What a coordinator sets: `draft` until published, `closed` when closed before closes_at.
enum class CallStage { draft, published, closed };
// What everybody sees: a published call is `scheduled` before opens_at, `open` from opens_at
// until closes_at, and `closed` from closes_at on (the server's clock decides).
enum class CallStatus { draft, scheduled, open, closed };
enum class CallAction { publish, close };

std::string_view to_string(CallStage s);
std::string_view to_string(CallStatus s);
std::string_view to_string(CallAction a);
std::optional<CallStage> call_stage_from_string(std::string_view s);
std::optional<CallStatus> call_status_from_string(std::string_view s);
std::optional<CallAction> call_action_from_string(std::string_view s);

// Limits for the texts submitted to a call, in characters (call_rules.hpp says how they count):
// the body at most body_max_chars; when the body is longer than summary_threshold_chars, a
// summary of about summary_chars is required.
struct CallLimits {
  int body_max_chars = 3000;
  int summary_threshold_chars = 1000;
  int summary_chars = 200;
  friend bool operator==(CallLimits const&, CallLimits const&) = default;
};

struct CallDetails {
  std::string theme;
  std::string description;
  std::vector<Id> field_ids;
  std::string opens_at;   // ISO 8601 UTC
  std::string closes_at;  // ISO 8601 UTC, after opens_at
  CallLimits limits;
};

struct Call {
  Id id = 0;
  std::int64_t version = 0;
  CallDetails details;
  CallStage stage = CallStage::draft;
  CallStatus status = CallStatus::draft;  // at the time of reading
  std::vector<NamedRef> fields;
  std::int64_t submission_count = 0;
  std::optional<Id> created_by;
  std::string created_at;
  std::string updated_at;
};

// Filters of the call list.
struct CallQuery {
  std::optional<CallStatus> status;
  bool include_drafts = false;  // coordinators
  int offset = 0;
  int limit = 20;
};

}  // namespace zhiku
