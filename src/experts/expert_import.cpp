// Spreadsheet rows → expert profiles. Column names follow what Chinese offices put in their
// expert rosters; English names are accepted for the same columns.
#include "experts/expert_import.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/json.hpp"
#include "experts/expert_rules.hpp"

namespace zhiku {

namespace {

enum class Col {
  name,
  gender,
  birth_year,
  title,
  position,
  organization,
  department,
  email,
  phone,
  fields,
  keywords,
  category,
  country,
  academician,
  pools,
  bio
};

struct ColumnName {
  char const* text;
  Col col;
};

constexpr ColumnName kColumnNames[] = {
    {"姓名", Col::name},
    {"name", Col::name},
    {"性别", Col::gender},
    {"gender", Col::gender},
    {"出生年份", Col::birth_year},
    {"出生年", Col::birth_year},
    {"出生年月", Col::birth_year},
    {"birth_year", Col::birth_year},
    {"birth year", Col::birth_year},
    {"year of birth", Col::birth_year},
    {"职称", Col::title},
    {"title", Col::title},
    {"职务", Col::position},
    {"position", Col::position},
    {"工作单位", Col::organization},
    {"单位", Col::organization},
    {"organization", Col::organization},
    {"organisation", Col::organization},
    {"部门", Col::department},
    {"所在部门", Col::department},
    {"department", Col::department},
    {"邮箱", Col::email},
    {"电子邮箱", Col::email},
    {"电子邮件", Col::email},
    {"email", Col::email},
    {"e-mail", Col::email},
    {"手机", Col::phone},
    {"手机号", Col::phone},
    {"手机号码", Col::phone},
    {"联系电话", Col::phone},
    {"电话", Col::phone},
    {"phone", Col::phone},
    {"mobile", Col::phone},
    {"学科领域", Col::fields},
    {"学科", Col::fields},
    {"领域", Col::fields},
    {"fields", Col::fields},
    {"field", Col::fields},
    {"研究方向/关键词", Col::keywords},
    {"研究方向", Col::keywords},
    {"关键词", Col::keywords},
    {"研究方向／关键词", Col::keywords},
    {"keywords", Col::keywords},
    {"research interests", Col::keywords},
    {"类别", Col::category},
    {"专家类别", Col::category},
    {"category", Col::category},
    {"国家或地区", Col::country},
    {"国家/地区", Col::country},
    {"国家", Col::country},
    {"地区", Col::country},
    {"country", Col::country},
    {"country or region", Col::country},
    {"院士", Col::academician},
    {"academician", Col::academician},
    {"专家库", Col::pools},
    {"pools", Col::pools},
    {"pool", Col::pools},
    {"简介", Col::bio},
    {"个人简介", Col::bio},
    {"bio", Col::bio},
    {"biography", Col::bio},
};

std::string lower_ascii(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::optional<Col> column_of(std::string const& header) {
  std::string h = lower_ascii(trim_text(header));
  for (auto const& [text, col] : kColumnNames)
    if (h == text) return col;
  return std::nullopt;
}

bool is_blank_row(std::vector<std::string> const& row) {
  return std::all_of(row.begin(), row.end(), [](std::string const& cell) { return trim_text(cell).empty(); });
}

std::optional<std::string> opt_cell(std::string const& s) {
  std::string t = trim_text(s);
  if (t.empty()) return std::nullopt;
  return t;
}

// "1965", "1965年", "1965-03", "1965.3", "1965/03/01" → 1965.
std::optional<int> parse_year(std::string const& s) {
  if (s.size() < 4) return std::nullopt;
  for (int i = 0; i < 4; ++i)
    if (s[static_cast<size_t>(i)] < '0' || s[static_cast<size_t>(i)] > '9') return std::nullopt;
  std::string rest = s.substr(4);
  if (!rest.empty() && rest != "年" && rest.front() != '-' && rest.front() != '.' && rest.front() != '/' &&
      rest.rfind("年", 0) != 0)
    return std::nullopt;
  return std::stoi(s.substr(0, 4));
}

}  // namespace

int ImportPlan::valid_rows() const {
  return static_cast<int>(std::count_if(rows.begin(), rows.end(), [](ImportRow const& r) { return r.valid; }));
}

ImportPlan parse_import(Table const& table, ImportVocabulary const& vocab, int current_year) {
  ImportPlan plan;
  int const header_row = table.header_row_number;
  if (table.header.empty()) {
    plan.errors.push_back({header_row, "", "文件为空：第一行须为列名（姓名、工作单位……）"});
    return plan;
  }
  // Header.
  std::map<Col, size_t> index;
  std::vector<std::string> headers;
  for (size_t i = 0; i < table.header.size(); ++i) {
    headers.push_back(trim_text(table.header[i]));
    auto col = column_of(table.header[i]);
    if (!col) continue;  // other columns (序号, 备注 …) are ignored
    if (index.count(*col)) {
      plan.errors.push_back({header_row, headers.back(), "该列重复出现，请只保留一列"});
      continue;
    }
    index[*col] = i;
  }
  if (!index.count(Col::name)) plan.errors.push_back({header_row, "姓名", "缺少必需的列「姓名」"});
  if (!index.count(Col::organization)) plan.errors.push_back({header_row, "工作单位", "缺少必需的列「工作单位」"});
  if (!plan.errors.empty()) return plan;
  if (index.count(Col::email)) plan.email_header = headers[index[Col::email]];
  if (index.count(Col::phone)) plan.phone_header = headers[index[Col::phone]];

  // Field names (and codes) → ids; a name used twice in the tree is ambiguous.
  std::map<std::string, std::vector<Field const*>> field_by_name;
  for (auto const& f : vocab.fields) {
    field_by_name[f.name].push_back(&f);
    if (f.code) field_by_name[*f.code].push_back(&f);
  }
  std::map<std::string, Id> pool_by_name;
  for (auto const& p : vocab.pools) pool_by_name[p.name] = p.id;

  std::map<std::string, int> email_rows, phone_rows;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    auto const& cells = table.rows[r];
    if (is_blank_row(cells)) continue;
    int row_no = r < table.row_numbers.size() ? table.row_numbers[r] : header_row + static_cast<int>(r) + 1;
    if (++plan.rows_total > static_cast<int>(kMaxImportRows)) {
      plan.errors.push_back(
          {row_no, "", "一个文件最多包含 " + std::to_string(kMaxImportRows) + " 位专家，请拆分后分批导入"});
      break;
    }
    ImportRow row;
    row.row = row_no;
    size_t errors_before = plan.errors.size();
    auto cell = [&](Col c) -> std::string {
      auto it = index.find(c);
      if (it == index.end() || it->second >= cells.size()) return {};
      return trim_text(cells[it->second]);
    };
    auto header = [&](Col c) { return headers[index.at(c)]; };
    auto fail = [&](Col c, std::string message) { plan.errors.push_back({row_no, header(c), std::move(message)}); };
    auto& p = row.profile;

    p.name = cell(Col::name);
    p.organization = cell(Col::organization);
    if (index.count(Col::gender)) {
      std::string g = lower_ascii(cell(Col::gender));
      if (g == "男" || g == "male" || g == "m")
        p.gender = "male";
      else if (g == "女" || g == "female" || g == "f")
        p.gender = "female";
      else if (!g.empty())
        fail(Col::gender, "性别须为「男」或「女」");
    }
    if (index.count(Col::birth_year)) {
      std::string y = cell(Col::birth_year);
      if (!y.empty()) {
        if (auto year = parse_year(y))
          p.birth_year = *year;
        else
          fail(Col::birth_year, "出生年份须为四位年份，如 1968");
      }
    }
    p.title = opt_cell(cell(Col::title));
    p.position = opt_cell(cell(Col::position));
    p.department = opt_cell(cell(Col::department));
    p.email = opt_cell(cell(Col::email));
    p.phone = opt_cell(cell(Col::phone));
    p.country = opt_cell(cell(Col::country));
    p.bio = cell(Col::bio);
    p.keywords = split_list(cell(Col::keywords));
    if (index.count(Col::fields)) {
      for (auto const& name : split_list(cell(Col::fields))) {
        auto it = field_by_name.find(name);
        if (it == field_by_name.end())
          fail(Col::fields, "没有名为「" + name + "」的学科领域");
        else if (it->second.size() > 1)
          fail(Col::fields, "学科领域「" + name + "」有重名，请改填其代码");
        else if (std::find(p.field_ids.begin(), p.field_ids.end(), it->second[0]->id) == p.field_ids.end()) {
          p.field_ids.push_back(it->second[0]->id);
          row.fields.push_back({it->second[0]->id, it->second[0]->name});
        }
      }
    }
    if (index.count(Col::pools)) {
      for (auto const& name : split_list(cell(Col::pools))) {
        auto it = pool_by_name.find(name);
        if (it == pool_by_name.end())
          fail(Col::pools, "没有名为「" + name + "」的专家库");
        else if (std::find(p.pool_ids.begin(), p.pool_ids.end(), it->second) == p.pool_ids.end()) {
          p.pool_ids.push_back(it->second);
          row.pools.push_back({it->second, name});
        }
      }
    }
    if (index.count(Col::category)) {
      std::string c = lower_ascii(cell(Col::category));
      if (c.empty() || c == "国内" || c == "domestic")
        p.category = "domestic";
      else if (c == "海外" || c == "海智" || c == "overseas")
        p.category = "overseas";
      else
        fail(Col::category, "类别须为「国内」或「海外」");
    }
    if (index.count(Col::academician)) {
      std::string a = cell(Col::academician);
      std::string al = lower_ascii(a);
      if (a == "中国科学院院士" || a == "中科院院士" || a == "科学院院士" || al == "cas")
        p.academician = "CAS";
      else if (a == "中国工程院院士" || a == "工程院院士" || al == "cae")
        p.academician = "CAE";
      else if (!(a.empty() || a == "否" || a == "无" || al == "no" || al == "none"))
        fail(Col::academician, "院士须为「中国科学院院士」「中国工程院院士」或「否」");
    }

    // The profile rules, with their API field names mapped back to this file's columns.
    for (auto const& e : validate_profile(p, current_year)) {
      std::string f = e.field.substr(0, e.field.find('['));
      std::optional<Col> col;
      if (f == "name")
        col = Col::name;
      else if (f == "gender")
        col = Col::gender;
      else if (f == "birth_year")
        col = Col::birth_year;
      else if (f == "title")
        col = Col::title;
      else if (f == "position")
        col = Col::position;
      else if (f == "organization")
        col = Col::organization;
      else if (f == "department")
        col = Col::department;
      else if (f == "email")
        col = Col::email;
      else if (f == "phone")
        col = Col::phone;
      else if (f == "field_ids")
        col = Col::fields;
      else if (f == "keywords")
        col = Col::keywords;
      else if (f == "category")
        col = Col::category;
      else if (f == "country")
        col = Col::country;
      else if (f == "academician")
        col = Col::academician;
      else if (f == "pool_ids")
        col = Col::pools;
      else if (f == "bio")
        col = Col::bio;
      std::string column;
      if (col && index.count(*col))
        column = header(*col);
      else if (col == Col::country)
        column = "国家或地区";
      plan.errors.push_back({row_no, column, e.message});
    }

    // Duplicates within the file.
    if (p.email) {
      if (auto norm = normalize_email(*p.email)) {
        auto [it, fresh] = email_rows.emplace(*norm, row_no);
        if (!fresh) {
          plan.duplicates.push_back({row_no, "email", *p.email, it->second, std::nullopt});
          fail(Col::email, "与第 " + std::to_string(it->second) + " 行的邮箱相同");
        }
      }
    }
    if (p.phone) {
      if (auto norm = normalize_phone(*p.phone)) {
        auto [it, fresh] = phone_rows.emplace(*norm, row_no);
        if (!fresh) {
          plan.duplicates.push_back({row_no, "phone", *p.phone, it->second, std::nullopt});
          fail(Col::phone, "与第 " + std::to_string(it->second) + " 行的手机号码相同");
        }
      }
    }
    row.valid = plan.errors.size() == errors_before;
    plan.rows.push_back(std::move(row));
  }
  if (plan.rows_total == 0 && plan.errors.empty())
    plan.errors.push_back({header_row + 1, "", "文件只有表头，没有专家数据"});
  return plan;
}

void add_existing_duplicate(ImportPlan& plan, size_t row_index, std::string key, std::string value, Id expert_id) {
  auto& row = plan.rows.at(row_index);
  row.valid = false;
  std::string column = key == "email" ? plan.email_header : plan.phone_header;
  std::string what = key == "email" ? "邮箱" : "手机号码";
  plan.errors.push_back(
      {row.row, column, "专家库中已有使用该" + what + "的专家（#" + std::to_string(expert_id) + "）"});
  plan.duplicates.push_back({row.row, std::move(key), std::move(value), std::nullopt, expert_id});
}

}  // namespace zhiku
