// Pure rules of calls for suggestions: whether a call is open at an instant, what a valid call
// is, its small workflow, and the length limits of the texts submitted to it (the proposals
// module checks submissions with text_problems, so the rule lives in one place).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "topics/call.hpp"

namespace zhiku {

inline constexpr size_t kMaxCallThemeChars = 200;
inline constexpr size_t kMaxCallDescriptionChars = 20000;
inline constexpr size_t kMaxCallFields = 10;

// The status a call with `stage` and window [opens_at, closes_at) has at `now`. Pure.
CallStatus call_status_at(CallStage stage, std::string const& opens_at, std::string const& closes_at, SysTime now);
// Whether a submission to the call is accepted at `now` (open), and if not, why (Chinese).
std::optional<std::string> why_call_closed(Call const& call, SysTime now);

// Every problem with a call's details, each naming the API field ("limits.body_max_chars"). Pure.
std::vector<FieldError> validate_call(CallDetails const& d);

// The stage after `action` from `stage`, or a Error{conflict} with the allowed actions: publish
// a draft, close a published call (before or after closes_at).
CallStage next_stage(CallStage stage, CallAction action);
std::vector<CallAction> allowed_call_actions(CallStage stage);

// The summary a call accepts: about limits.summary_chars, meaning between half and one and a
// half times that.
int summary_min_chars(CallLimits const& limits);
int summary_max_chars(CallLimits const& limits);

// "3,412": a count as messages show it.
std::string with_thousands(std::int64_t n);

// Every way `body` and `summary` break `limits`, on the fields "body" and "summary", counted as
// core/char_count.hpp counts (the body as Markdown, the summary as plain text): the body is
// at most body_max_chars; when the body is longer than summary_threshold_chars a summary is
// required; a summary given is within summary_min_chars…summary_max_chars. Pure.
std::vector<FieldError> text_problems(CallLimits const& limits, std::string_view body, std::string_view summary);

}  // namespace zhiku
