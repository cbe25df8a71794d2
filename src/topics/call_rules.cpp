// The pure rules of calls for suggestions.
#include "topics/call_rules.hpp"

#include <set>

#include "core/char_count.hpp"
#include "core/json.hpp"
#include "topics/topic_rules.hpp"

namespace zhiku {

CallStatus call_status_at(CallStage stage, std::string const& opens_at, std::string const& closes_at, SysTime now) {
  if (stage == CallStage::draft) return CallStatus::draft;
  if (stage == CallStage::closed) return CallStatus::closed;
  auto opens = parse_iso(opens_at);
  auto closes = parse_iso(closes_at);
  if (closes && !(now < *closes)) return CallStatus::closed;
  if (opens && now < *opens) return CallStatus::scheduled;
  return CallStatus::open;
}

std::optional<std::string> why_call_closed(Call const& call, SysTime now) {
  switch (call_status_at(call.stage, call.details.opens_at, call.details.closes_at, now)) {
    case CallStatus::open:
      return std::nullopt;
    case CallStatus::draft:
      return "该征集尚未发布";
    case CallStatus::scheduled:
      return "该征集将于 " + beijing_time(call.details.opens_at) + " 开始";
    case CallStatus::closed:
      if (call.stage == CallStage::closed) return "该征集已结束";
      return "该征集已于 " + beijing_time(call.details.closes_at) + " 截止";
  }
  return "该征集未开放";
}

std::vector<FieldError> validate_call(CallDetails const& d) {
  std::vector<FieldError> errors;
  size_t theme_chars = utf8_length(d.theme);
  if (theme_chars == 0) errors.push_back({"theme", "请填写征集主题"});
  if (theme_chars > kMaxCallThemeChars)
    errors.push_back({"theme", "征集主题不超过 " + std::to_string(kMaxCallThemeChars) + " 个字符"});
  if (utf8_length(d.description) > kMaxCallDescriptionChars)
    errors.push_back({"description", "征集说明不超过 " + std::to_string(kMaxCallDescriptionChars) + " 个字符"});
  if (d.field_ids.size() > kMaxCallFields)
    errors.push_back({"field_ids", "学科领域至多 " + std::to_string(kMaxCallFields) + " 个"});
  if (std::set<Id>(d.field_ids.begin(), d.field_ids.end()).size() != d.field_ids.size())
    errors.push_back({"field_ids", "学科领域不能重复"});
  auto opens = parse_iso(d.opens_at);
  auto closes = parse_iso(d.closes_at);
  if (!opens) errors.push_back({"opens_at", "开始时间须为 ISO 8601 时间，如 2026-03-01T00:00:00Z"});
  if (!closes) errors.push_back({"closes_at", "截止时间须为 ISO 8601 时间，如 2026-03-31T15:59:59Z"});
  if (opens && closes && !(*opens < *closes)) errors.push_back({"closes_at", "截止时间须晚于开始时间"});
  auto const& l = d.limits;
  if (l.body_max_chars < 100 || l.body_max_chars > 100000)
    errors.push_back({"limits.body_max_chars", "正文字数上限须为 100 至 100000 之间的整数"});
  if (l.summary_chars < 20 || l.summary_chars > 2000)
    errors.push_back({"limits.summary_chars", "摘要字数须为 20 至 2000 之间的整数"});
  if (l.summary_threshold_chars < 0 || l.summary_threshold_chars > l.body_max_chars)
    errors.push_back({"limits.summary_threshold_chars", "须摘要的正文字数须为 0 至正文字数上限之间的整数"});
  return errors;
}

std::vector<CallAction> allowed_call_actions(CallStage stage) {
  switch (stage) {
    case CallStage::draft:
      return {CallAction::publish};
    case CallStage::published:
      return {CallAction::close};
    case CallStage::closed:
      return {};
  }
  return {};
}

CallStage next_stage(CallStage stage, CallAction action) {
  if (stage == CallStage::draft && action == CallAction::publish) return CallStage::published;
  if (stage == CallStage::published && action == CallAction::close) return CallStage::closed;
  static constexpr char const* kStageLabels[] = {"草稿", "已发布", "已结束"};
  static constexpr char const* kActionLabels[] = {"发布", "结束征集"};
  std::vector<std::string> allowed;
  for (CallAction a : allowed_call_actions(stage)) allowed.emplace_back(to_string(a));
  throw Error::conflict(std::string("征集当前为「") + kStageLabels[static_cast<int>(stage)] + "」，不能「" +
                            kActionLabels[static_cast<int>(action)] + "」",
                        std::move(allowed));
}

int summary_min_chars(CallLimits const& limits) { return limits.summary_chars / 2; }
int summary_max_chars(CallLimits const& limits) { return limits.summary_chars + limits.summary_chars / 2; }

std::string with_thousands(std::int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::vector<FieldError> text_problems(CallLimits const& limits, std::string_view body, std::string_view summary) {
  std::vector<FieldError> errors;
  auto body_chars = static_cast<int>(count_markdown_chars(body));
  auto summary_chars = static_cast<int>(count_plain_chars(summary));
  auto n = [](int v) { return with_thousands(v); };
  if (body_chars > limits.body_max_chars)
    errors.push_back({"body", "正文 " + n(body_chars) + " 字，超出上限 " + n(limits.body_max_chars) + " 字，请删减 " +
                                  n(body_chars - limits.body_max_chars) + " 字"});
  int lo = summary_min_chars(limits), hi = summary_max_chars(limits);
  std::string about = "约 " + n(limits.summary_chars) + " 字（" + n(lo) + " 至 " + n(hi) + " 字）";
  if (summary_chars == 0) {
    if (body_chars > limits.summary_threshold_chars)
      errors.push_back({"summary", "正文超过 " + n(limits.summary_threshold_chars) + " 字时须附摘要，" + about});
  } else if (summary_chars > hi) {
    errors.push_back({"summary", "摘要 " + n(summary_chars) + " 字，须" + about + "，请删减 " + n(summary_chars - hi) + " 字"});
  } else if (summary_chars < lo) {
    errors.push_back({"summary", "摘要 " + n(summary_chars) + " 字，须" + about + "，请补充 " + n(lo - summary_chars) + " 字"});
  }
  return errors;
}

}  // namespace zhiku
