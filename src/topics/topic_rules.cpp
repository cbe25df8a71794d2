// The pure rules of research topics.
#include "topics/topic_rules.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <set>

#include "core/json.hpp"
#include "experts/expert_rules.hpp"

namespace zhiku {

std::optional<std::string> normalized_instant(std::string_view text) {
  auto t = parse_iso(text);
  if (!t) return std::nullopt;
  return to_iso(*t);
}

std::string format_topic_code(int year, std::int64_t seq) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d-ZK-%03lld", year, static_cast<long long>(seq));
  return buf;
}

namespace {

bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }
bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Titles whose holders are 正高级, and the same with 副 in front for 副高级.
constexpr std::array<std::string_view, 10> kSeniorTitles = {
    "教授", "研究员", "主任医师", "主任药师", "主任护师", "主任技师", "编审", "研究馆员", "译审", "正高级工程师"};
constexpr std::array<std::string_view, 17> kIntermediateTitles = {
    "讲师",   "助理研究员", "工程师", "主治医师", "经济师",   "会计师",   "审计师",   "统计师", "实验师",
    "农艺师", "馆员",       "编辑",   "记者",     "主管药师", "主管护师", "一级教师", "翻译"};
constexpr std::array<std::string_view, 12> kJuniorTitles = {"助教",       "助理工程师", "研究实习员", "技术员",
                                                            "医师",       "药师",       "护师",       "助理经济师",
                                                            "助理会计师", "助理馆员",   "二级教师",   "三级教师"};

template <size_t N>
bool one_of(std::string_view s, std::array<std::string_view, N> const& list) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

TitleLevel english_level(std::string const& t) {
  if (contains(t, "associate professor") || contains(t, "associate research") || contains(t, "senior lecturer") ||
      contains(t, "senior engineer") || contains(t, "reader"))
    return TitleLevel::associate_senior;
  if (contains(t, "assistant professor") || contains(t, "lecturer") || contains(t, "research associate"))
    return TitleLevel::intermediate;
  if (contains(t, "professor") || contains(t, "principal investigator")) return TitleLevel::senior;
  return TitleLevel::unknown;
}

TitleLevel level_of_part(std::string_view part) {
  if (part.empty()) return TitleLevel::unknown;
  if (contains(part, "正高")) return TitleLevel::senior;
  if (contains(part, "副高")) return TitleLevel::associate_senior;
  if (contains(part, "中级")) return TitleLevel::intermediate;
  if (contains(part, "初级")) return TitleLevel::junior;
  if (contains(part, "教授级") || contains(part, "研究员级")) return TitleLevel::senior;  // 教授级高级工程师
  if (one_of(part, kSeniorTitles)) return TitleLevel::senior;
  if (starts_with(part, "副") && one_of(part.substr(std::string_view("副").size()), kSeniorTitles))
    return TitleLevel::associate_senior;
  if (one_of(part, kIntermediateTitles)) return TitleLevel::intermediate;
  if (one_of(part, kJuniorTitles)) return TitleLevel::junior;
  if (starts_with(part, "高级")) return TitleLevel::associate_senior;  // 高级工程师, 高级经济师, 高级讲师 …
  return english_level(lower_ascii(part));
}

}  // namespace

TitleLevel title_level(std::optional<std::string> const& title, bool academician) {
  if (academician) return TitleLevel::senior;
  if (!title) return TitleLevel::unknown;
  // "教授、博士生导师": the highest level among the parts.
  TitleLevel best = TitleLevel::unknown;
  for (auto const& part : split_list(*title)) {
    TitleLevel l = level_of_part(trim_text(part));
    if (l > best) best = l;
  }
  return best;
}

char const* label_of(TitleLevel level) {
  switch (level) {
    case TitleLevel::senior:
      return "正高级";
    case TitleLevel::associate_senior:
      return "副高级";
    case TitleLevel::intermediate:
      return "中级";
    case TitleLevel::junior:
      return "初级";
    case TitleLevel::unknown:
      return "未能认定";
  }
  return "";
}

std::string beijing_time(std::string const& iso) {
  auto t = parse_iso(iso);
  if (!t) return iso;
  std::string local = to_iso(*t + std::chrono::hours(8));  // "2026-04-01T00:00:00Z"
  return local.substr(0, 10) + " " + local.substr(11, 5) + "（北京时间）";
}

std::vector<FieldError> validate_details(TopicDetails const& d) {
  std::vector<FieldError> errors;
  size_t title_chars = utf8_length(d.title);
  if (title_chars == 0) errors.push_back({"title", "请填写课题名称"});
  if (title_chars > kMaxTopicTitleChars)
    errors.push_back({"title", "课题名称不超过 " + std::to_string(kMaxTopicTitleChars) + " 个字符"});
  if (utf8_length(d.description) > kMaxTopicDescriptionChars)
    errors.push_back({"description", "课题说明不超过 " + std::to_string(kMaxTopicDescriptionChars) + " 个字符"});
  if (d.field_ids.size() > kMaxTopicFields)
    errors.push_back({"field_ids", "学科领域至多 " + std::to_string(kMaxTopicFields) + " 个"});
  if (std::set<Id>(d.field_ids.begin(), d.field_ids.end()).size() != d.field_ids.size())
    errors.push_back({"field_ids", "学科领域不能重复"});
  if (d.source == TopicSource::department && !d.department_id)
    errors.push_back({"department_id", "来源为成员单位时须选择成员单位"});
  if (d.source != TopicSource::department && d.department_id)
    errors.push_back({"department_id", "仅当来源为成员单位时选择成员单位"});
  if (d.source != TopicSource::expert && d.proposed_by_expert_id)
    errors.push_back({"proposed_by_expert_id", "仅当来源为专家建议时填写建议人"});
  if (d.budget_yuan && (*d.budget_yuan < 0 || *d.budget_yuan > kMaxBudgetYuan))
    errors.push_back({"budget_yuan", "经费须为 0 至 1000 亿元之间的整数（单位：元）"});

  struct Dated {
    char const* field;
    std::optional<std::string> const& value;
    std::optional<SysTime> at;
  };
  std::array<Dated, 3> dates = {Dated{"application_deadline", d.application_deadline, std::nullopt},
                                Dated{"midterm_due", d.midterm_due, std::nullopt},
                                Dated{"due_date", d.due_date, std::nullopt}};
  for (auto& x : dates) {
    if (!x.value) continue;
    x.at = parse_iso(*x.value);
    if (!x.at) errors.push_back({x.field, "须为 ISO 8601 时间，如 2026-06-30T15:59:59Z"});
  }
  auto before = [&](Dated const& a, Dated const& b, char const* message) {
    if (a.at && b.at && !(*a.at < *b.at)) errors.push_back({b.field, message});
  };
  before(dates[0], dates[1], "中期检查日期须晚于申报截止时间");
  before(dates[0], dates[2], "结题日期须晚于申报截止时间");
  before(dates[1], dates[2], "结题日期须晚于中期检查日期");
  return errors;
}

std::vector<FieldError> publish_problems(TopicDetails const& d, SysTime now) {
  std::vector<FieldError> errors;
  if (!d.application_deadline) {
    errors.push_back({"application_deadline", "发布前须设定申报截止时间"});
  } else if (auto at = parse_iso(*d.application_deadline); at && !(now < *at)) {
    errors.push_back({"application_deadline", "申报截止时间须晚于当前时间"});
  }
  return errors;
}

bool accepts_applications(TopicStatus status, std::optional<std::string> const& deadline, SysTime now) {
  return !why_no_applications(status, deadline, now);
}

std::optional<std::string> why_no_applications(TopicStatus status, std::optional<std::string> const& deadline,
                                               SysTime now) {
  if (status != TopicStatus::published) return "该课题不在申报期内";
  auto at = deadline ? parse_iso(*deadline) : std::nullopt;
  if (!at) return "该课题未设申报截止时间";
  if (!(now < *at)) return "申报已于 " + beijing_time(*deadline) + " 截止";
  return std::nullopt;
}

namespace {

std::string quoted(std::string const& name) { return "「" + name + "」"; }

std::string rule_sentence(std::string_view rule, EligibilityRules const& r) {
  if (rule == "lead_min_title") return std::string("负责人须具有") + label_of(*r.lead_min_title) + "及以上职称";
  if (rule == "lead_max_per_year")
    return "负责人每年度限主持或申报 " + std::to_string(*r.lead_max_per_year) + " 项课题";
  if (rule == "member_max_applications")
    return "每位成员每年度至多参与 " + std::to_string(*r.member_max_applications) + " 项申报";
  if (rule == "lead_max_age") return "负责人年龄不超过 " + std::to_string(*r.lead_max_age) + " 周岁";
  if (rule == "team_max_size") return "课题组成员（不含负责人）不超过 " + std::to_string(*r.team_max_size) + " 人";
  return std::string(rule);
}

// "申报条件「…」：" + what the person's record says.
std::string refused_by(std::string_view rule, EligibilityRules const& r, std::string const& facts) {
  return "申报条件「" + rule_sentence(rule, r) + "」：" + facts;
}

}  // namespace

std::vector<RuleText> describe_rules(EligibilityRules const& r) {
  std::vector<RuleText> out;
  auto add = [&](char const* rule, bool set) {
    if (set) out.push_back({rule, rule_sentence(rule, r)});
  };
  add("lead_min_title", r.lead_min_title.has_value());
  add("lead_max_per_year", r.lead_max_per_year.has_value());
  add("lead_max_age", r.lead_max_age.has_value());
  add("member_max_applications", r.member_max_applications.has_value());
  add("team_max_size", r.team_max_size.has_value());
  return out;
}

std::vector<Refusal> eligibility_refusals(EligibilityRules const& rules, int year, Candidate const& lead,
                                          std::vector<Candidate> const& members) {
  std::vector<Refusal> out;
  if (!lead.active) out.push_back({"lead_active", "lead", "申报人" + quoted(lead.name) + "不是在库专家"});
  if (rules.lead_min_title) {
    TitleLevel level = title_level(lead.title, lead.academician);
    if (level < *rules.lead_min_title) {
      std::string facts = !lead.title ? quoted(lead.name) + "的档案未填写职称"
                          : level == TitleLevel::unknown
                              ? quoted(lead.name) + "的职称" + quoted(*lead.title) + "无法认定级别，请联系协调员"
                              : quoted(lead.name) + "的职称" + quoted(*lead.title) + "为" + label_of(level);
      out.push_back({"lead_min_title", "lead", refused_by("lead_min_title", rules, facts)});
    }
  }
  if (rules.lead_max_per_year && lead.leads_in_year >= *rules.lead_max_per_year)
    out.push_back({"lead_max_per_year", "lead",
                   refused_by("lead_max_per_year", rules,
                              quoted(lead.name) + std::to_string(year) + " 年度已主持或申报 " +
                                  std::to_string(lead.leads_in_year) + " 项")});
  if (rules.lead_max_age) {
    if (!lead.birth_year) {
      out.push_back({"lead_max_age", "lead",
                     refused_by("lead_max_age", rules, quoted(lead.name) + "的档案未填写出生年份，无法确认年龄")});
    } else if (int age = year - *lead.birth_year; age > *rules.lead_max_age) {
      out.push_back({"lead_max_age", "lead",
                     refused_by("lead_max_age", rules,
                                quoted(lead.name) + std::to_string(year) + " 年 " + std::to_string(age) + " 周岁")});
    }
  }

  size_t limit = std::min(kMaxTeamSize, rules.team_max_size ? static_cast<size_t>(*rules.team_max_size) : kMaxTeamSize);
  if (members.size() > limit) {
    std::string facts = "本申报有 " + std::to_string(members.size()) + " 人";
    if (rules.team_max_size)
      out.push_back({"team_max_size", "member_ids", refused_by("team_max_size", rules, facts)});
    else
      out.push_back(
          {"team_max_size", "member_ids", "课题组成员不超过 " + std::to_string(kMaxTeamSize) + " 人（" + facts + "）"});
  }
  std::set<Id> seen;
  for (size_t i = 0; i < members.size(); ++i) {
    auto const& m = members[i];
    std::string field = "member_ids[" + std::to_string(i) + "]";
    if (m.expert_id == lead.expert_id) {
      out.push_back({"member_distinct", field, "负责人" + quoted(m.name) + "不必再列为课题组成员"});
      continue;
    }
    if (!seen.insert(m.expert_id).second) {
      out.push_back({"member_distinct", field, "课题组成员" + quoted(m.name) + "重复"});
      continue;
    }
    if (!m.active) out.push_back({"member_active", field, "课题组成员" + quoted(m.name) + "不是在库专家"});
    if (rules.member_max_applications && m.member_applications >= *rules.member_max_applications)
      out.push_back({"member_max_applications", field,
                     refused_by("member_max_applications", rules,
                                quoted(m.name) + std::to_string(year) + " 年度已参与 " +
                                    std::to_string(m.member_applications) + " 项")});
  }
  return out;
}

void throw_if_refused(std::vector<Refusal> const& refusals) {
  if (refusals.empty()) return;
  std::string detail = "不符合申报条件：";
  std::vector<FieldError> errors;
  for (size_t i = 0; i < refusals.size(); ++i) {
    detail += (i == 0 ? "" : "；") + refusals[i].message;
    errors.push_back({refusals[i].field, refusals[i].message});
  }
  throw Error(Errc::invalid_argument, std::move(detail), std::move(errors));
}

int days_since(std::string const& since, SysTime now) {
  auto at = parse_iso(since);
  if (!at || !(*at < now)) return 0;
  using namespace std::chrono;
  auto secs = duration_cast<seconds>(now - *at).count();
  return static_cast<int>((secs + 86399) / 86400);
}

std::vector<Overdue> overdue_of(Topic const& t, SysTime now) {
  std::vector<Overdue> out;
  auto past = [&](std::optional<std::string> const& date, OverdueKind kind) {
    if (!date) return;
    if (int days = days_since(*date, now); days > 0) out.push_back({kind, *date, days});
  };
  using S = TopicStatus;
  bool running = t.status == S::assigned || t.status == S::in_progress || t.status == S::midterm_review;
  if (running) past(t.details.due_date, OverdueKind::due);
  if (t.status == S::in_progress && t.last_midterm_verdict == "rectify") past(t.rectify_by, OverdueKind::rectification);
  if (t.status == S::midterm_review && t.midterm_report_pending)
    past(t.details.midterm_due, OverdueKind::midterm_report);
  if ((t.status == S::assigned || t.status == S::in_progress) && t.midterm_count == 0)
    past(t.details.midterm_due, OverdueKind::midterm);
  return out;
}

std::optional<std::string> file_problem(std::string_view filename, std::string_view bytes, std::string& content_type) {
  size_t name_chars = utf8_length(filename);
  if (name_chars == 0 || name_chars > 200) return "文件名须为 1 至 200 个字符";
  if (filename.find_first_of("/\\") != std::string_view::npos || filename.find('\0') != std::string_view::npos)
    return "文件名不能包含路径";
  if (bytes.empty()) return "文件为空";
  if (static_cast<std::int64_t>(bytes.size()) > kMaxFileBytes) return "文件不能超过 20 MB";
  if (starts_with(bytes, "%PDF-")) {
    content_type = "application/pdf";
  } else if (starts_with(bytes, "\x89PNG\r\n\x1a\n")) {
    content_type = "image/png";
  } else if (starts_with(bytes, "\xFF\xD8\xFF")) {
    content_type = "image/jpeg";
  } else if (starts_with(bytes, std::string_view("PK\x03\x04", 4)) && contains(bytes, "word/")) {
    content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  } else if (starts_with(bytes, std::string_view("PK\x03\x04", 4)) && contains(bytes, "xl/")) {
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  } else {
    return "仅接受 PDF、DOCX、XLSX、PNG 和 JPEG 文件";
  }
  return std::nullopt;
}

}  // namespace zhiku
