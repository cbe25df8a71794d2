// Profile validation and contact normalisation; everything here is pure.
#include "experts/expert_rules.hpp"

#include <algorithm>
#include <cctype>

#include "core/clock.hpp"
#include "core/json.hpp"

namespace zhiku {

namespace {

// `label` names the field as the form does ("职称").
void check_text(std::vector<FieldError>& errors, std::string const& field, char const* label,
                std::optional<std::string> const& v, size_t max_chars) {
  if (v && utf8_length(*v) > max_chars)
    errors.push_back({field, std::string(label) + "不能超过 " + std::to_string(max_chars) + " 个字符"});
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "YYYY-MM" → "YYYY-MM", "YYYY-MM-DD" → "YYYY-MM-DD"; comparing the common prefix orders them.
bool not_after(std::string const& from, std::string const& to) {
  size_t n = std::min(from.size(), to.size());
  return from.compare(0, n, to, 0, n) <= 0;
}

constexpr std::string_view kListSeparators[] = {
    ";", "\xEF\xBC\x9B" /*；*/, ",", "\xEF\xBC\x8C" /*，*/, "\xE3\x80\x81" /*、*/, "\n", "\r", "|"};

bool has_separator(std::string_view s) {
  for (auto sep : kListSeparators)
    if (s.find(sep) != std::string_view::npos) return true;
  return false;
}

}  // namespace

bool is_month_or_date(std::string_view s) {
  if (s.size() == 7) {
    if (s[4] != '-' || !all_digits(s.substr(0, 4)) || !all_digits(s.substr(5, 2))) return false;
    int month = (s[5] - '0') * 10 + (s[6] - '0');
    return month >= 1 && month <= 12;
  }
  return s.size() == 10 && is_iso_date(s);
}

std::optional<std::string> normalize_email(std::string_view email) {
  std::string e = trim_text(email);
  if (e.size() < 3 || e.size() > 254) return std::nullopt;
  size_t at = e.find('@');
  if (at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos) return std::nullopt;
  std::string_view domain = std::string_view(e).substr(at + 1);
  if (domain.size() < 3 || domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.')
    return std::nullopt;
  for (unsigned char c : e)
    if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == ',' || c == ';' || c == 0x7F) return std::nullopt;
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return e;
}

std::optional<std::string> normalize_phone(std::string_view phone) {
  std::string p = trim_text(phone);
  std::string digits;
  bool plus = false;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c >= '0' && c <= '9')
      digits.push_back(c);
    else if (c == '+' && i == 0)
      plus = true;
    else if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '.')
      continue;
    else
      return std::nullopt;
  }
  if (!plus && digits.rfind("00", 0) == 0) {
    plus = true;
    digits.erase(0, 2);
  }
  if (plus && digits.rfind("86", 0) == 0) {
    digits.erase(0, 2);
    plus = false;
  }
  if (digits.size() < 5 || digits.size() > 20) return std::nullopt;
  return plus ? "+" + digits : digits;
}

std::vector<std::string> clean_keywords(std::vector<std::string> const& in) {
  std::vector<std::string> out;
  for (auto const& k : in) {
    std::string t = trim_text(k);
    if (t.empty() || std::find(out.begin(), out.end(), t) != out.end()) continue;
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> parts;
  std::string current;
  size_t i = 0;
  while (i < text.size()) {
    bool matched = false;
    for (auto sep : kListSeparators) {
      if (text.substr(i, sep.size()) == sep) {
        parts.push_back(current);
        current.clear();
        i += sep.size();
        matched = true;
        break;
      }
    }
    if (!matched) current.push_back(text[i++]);
  }
  parts.push_back(current);
  return clean_keywords(parts);
}

std::string join_keywords(std::vector<std::string> const& keywords) {
  std::string out;
  for (auto const& k : keywords) {
    if (!out.empty()) out += "\xE3\x80\x81";
    out += k;
  }
  return out;
}

std::vector<std::string> split_keywords(std::string_view stored) {
  std::vector<std::string> out;
  if (stored.empty()) return out;
  size_t start = 0;
  for (;;) {
    size_t pos = stored.find("\xE3\x80\x81", start);
    out.emplace_back(stored.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 3;
  }
  return out;
}

std::vector<FieldError> validate_profile(ExpertProfile const& p, int current_year) {
  std::vector<FieldError> errors;
  if (trim_text(p.name).empty())
    errors.push_back({"name", "请填写姓名"});
  else if (utf8_length(p.name) > 100)
    errors.push_back({"name", "姓名不能超过 100 个字符"});
  if (p.gender && *p.gender != "male" && *p.gender != "female")
    errors.push_back({"gender", "性别须为 male（男）或 female（女）"});
  if (p.birth_year && (*p.birth_year < 1900 || *p.birth_year > current_year - 16))
    errors.push_back({"birth_year", "出生年份须在 1900 至 " + std::to_string(current_year - 16) + " 之间"});
  check_text(errors, "title", "职称", p.title, 100);
  check_text(errors, "position", "职务", p.position, 100);
  if (trim_text(p.organization).empty())
    errors.push_back({"organization", "请填写工作单位"});
  else
    check_text(errors, "organization", "工作单位", p.organization, 200);
  check_text(errors, "department", "部门", p.department, 200);
  check_text(errors, "country", "国家或地区", p.country, 100);
  if (p.category != "domestic" && p.category != "overseas")
    errors.push_back({"category", "类别须为 domestic（国内）或 overseas（海外）"});
  else if (p.category == "overseas" && (!p.country || p.country->empty()))
    errors.push_back({"country", "海外专家须填写国家或地区"});
  if (p.academician && *p.academician != "CAS" && *p.academician != "CAE")
    errors.push_back({"academician", "院士须为 CAS（中国科学院院士）、CAE（中国工程院院士）或留空"});
  if (p.email && !normalize_email(*p.email)) errors.push_back({"email", "邮箱格式不正确，应如 name@example.com"});
  if (p.phone && !normalize_phone(*p.phone))
    errors.push_back({"phone", "手机号码格式不正确：须为 5 至 20 位数字，可带 + 和国家代码"});
  if (utf8_length(p.bio) > kMaxBioChars)
    errors.push_back({"bio", "个人简介不能超过 " + std::to_string(kMaxBioChars) + " 个字符"});

  if (p.keywords.size() > kMaxKeywords)
    errors.push_back({"keywords", "关键词不能超过 " + std::to_string(kMaxKeywords) + " 个"});
  for (size_t i = 0; i < p.keywords.size(); ++i) {
    auto const& k = p.keywords[i];
    std::string field = "keywords[" + std::to_string(i) + "]";
    if (k.empty() || utf8_length(k) > kMaxKeywordChars)
      errors.push_back({field, "每个关键词须为 1 至 " + std::to_string(kMaxKeywordChars) + " 个字符"});
    else if (has_separator(k))
      errors.push_back({field, "每项只能填一个关键词，不能包含分号、逗号、顿号、竖线或换行"});
  }

  // `label` names the list as the form does ("学科领域").
  auto unique_ids = [&](std::vector<Id> const& ids, char const* field, std::string const& label, size_t max) {
    if (ids.size() > max) errors.push_back({field, label + "不能超过 " + std::to_string(max) + " 个"});
    for (size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] <= 0)
        errors.push_back({field, label + "的编号须为正整数"});
      else if (std::find(ids.begin(), ids.begin() + static_cast<long>(i), ids[i]) != ids.begin() + static_cast<long>(i))
        errors.push_back({field, label + "不能重复选择（编号 " + std::to_string(ids[i]) + "）"});
    }
  };
  unique_ids(p.field_ids, "field_ids", "学科领域", kMaxFieldsPerExpert);
  unique_ids(p.pool_ids, "pool_ids", "所属专家库", kMaxPoolsPerExpert);

  if (p.employment.size() > kMaxEmployment)
    errors.push_back({"employment", "工作经历不能超过 " + std::to_string(kMaxEmployment) + " 条"});
  for (size_t i = 0; i < p.employment.size(); ++i) {
    auto const& job = p.employment[i];
    std::string prefix = "employment[" + std::to_string(i) + "].";
    if (trim_text(job.organization).empty())
      errors.push_back({prefix + "organization", "请填写工作经历中的单位"});
    else if (utf8_length(job.organization) > 200)
      errors.push_back({prefix + "organization", "工作经历中的单位不能超过 200 个字符"});
    bool from_ok = is_month_or_date(job.from);
    if (!from_ok) errors.push_back({prefix + "from", "起始时间须为 YYYY-MM 或 YYYY-MM-DD 格式"});
    if (job.to && !is_month_or_date(*job.to))
      errors.push_back({prefix + "to", "截止时间须为 YYYY-MM 或 YYYY-MM-DD 格式，留空表示至今"});
    else if (job.to && from_ok && !not_after(job.from, *job.to))
      errors.push_back({prefix + "to", "截止时间不能早于起始时间"});
  }
  return errors;
}

std::vector<FieldError> validate_query(ExpertQuery const& q) {
  std::vector<FieldError> errors;
  auto check = [&](char const* name, std::optional<std::string> const& v) {
    if (v && utf8_length(*v) > kMaxQueryTextChars)
      errors.push_back({name, "不能超过 " + std::to_string(kMaxQueryTextChars) + " 个字符"});
  };
  check("q", q.q);
  check("title", q.title);
  check("category", q.category);
  check("country", q.country);
  check("academician", q.academician);
  check("organization", q.organization);
  return errors;
}

std::string stale_cutoff(std::string const& now) {
  // Subtracting years in the text keeps the comparison exact (a 29 February becomes a
  // non-date that still sorts between the 28th and 1 March).
  if (now.size() < 4) return now;
  int year = std::stoi(now.substr(0, 4)) - kStaleYears;
  std::string y = std::to_string(year);
  while (y.size() < 4) y.insert(y.begin(), '0');
  return y + now.substr(4);
}

bool is_stale(std::string const& since, std::string const& now) { return since < stale_cutoff(now); }

}  // namespace zhiku
