// JSON ↔ the expert pool's structs. Readers check types; expert_rules owns the limits.
#include "experts/expert_json.hpp"

#include <algorithm>
#include <climits>
#include <limits>

#include "experts/expert_access.hpp"
#include "experts/expert_rules.hpp"
#include "experts/expert_workflow.hpp"
#include "users/user.hpp"
#include "users/user_routes.hpp"

namespace zhiku {

namespace {

// The JSON layer checks types only: lengths are the rules' (validate_profile and the services).
constexpr size_t kAnyLength = std::numeric_limits<size_t>::max();

Json opt(std::optional<std::string> const& v) { return v ? Json(*v) : Json(); }

template <class T>
Json opt_number(std::optional<T> const& v) {
  return v ? Json(*v) : Json();
}

// Ids from [1, 2] or [{"id": 1}, …] (the read form sent back).
std::vector<Id> ids_from(JsonFields& f, Json const& v, std::string const& key) {
  std::vector<Id> out;
  if (!v.is_array()) {
    f.fail(key, "须为编号数组");
    return out;
  }
  for (auto const& item : v) {
    Json const* idv = &item;
    if (item.is_object() && item.contains("id")) idv = &item["id"];
    if (!idv->is_number_integer()) {
      f.fail(key, "只能包含编号（整数）");
      return {};
    }
    out.push_back(idv->get<Id>());
  }
  return out;
}

Json facets_to_json(ExpertFacets const& f) {
  Json pools = Json::object();
  for (auto const& [id, n] : f.pool) pools[std::to_string(id)] = n;
  Json j = Json::object();
  j["status"] = f.status;
  j["category"] = f.category;
  j["pool"] = std::move(pools);
  j["stale"] = f.stale;
  return j;
}

Json import_json(ImportOutcome const& out) {
  Json j = Json::object();
  j["dry_run"] = out.dry_run;
  j["rows_total"] = out.plan.rows_total;
  j["valid_rows"] = out.plan.valid_rows();
  j["errors"] = out.plan.errors;
  j["duplicates"] = out.plan.duplicates;
  Json preview = Json::array();
  for (size_t i = 0; i < out.plan.rows.size() && i < 20; ++i) preview.push_back(import_row_to_json(out.plan.rows[i]));
  j["preview"] = std::move(preview);
  j["imported"] = out.imported;
  j["expert_ids"] = out.expert_ids;
  return j;
}

bool is_spreadsheet_type(std::string_view ct) {
  std::string media = lower_ascii(trim_text(ct.substr(0, ct.find(';'))));
  return media == "text/csv" || media == "application/csv" || media == "text/plain" ||
         media == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ||
         media == "application/vnd.ms-excel" || media == "application/octet-stream";
}

}  // namespace

// ---- out

void to_json(Json& j, Employment const& e) {
  j = Json::object();
  j["organization"] = e.organization;
  j["from"] = e.from;
  j["to"] = opt(e.to);
}

void to_json(Json& j, NamedRef const& r) {
  j = Json::object();
  j["id"] = r.id;
  j["name"] = r.name;
}

void to_json(Json& j, Conflict const& k) {
  j = Json::object();
  j["id"] = k.id;
  j["expert_id"] = k.expert_id;
  j["kind"] = k.kind;
  j["other_expert_id"] = opt_number(k.other_expert_id);
  j["name"] = k.name;
  j["until"] = opt(k.until);
  j["note"] = k.note;
  j["created_at"] = k.created_at;
}

void to_json(Json& j, Field const& f) {
  j = Json::object();
  j["id"] = f.id;
  j["parent_id"] = opt_number(f.parent_id);
  j["code"] = opt(f.code);
  j["name"] = f.name;
  j["name_en"] = opt(f.name_en);
  j["sort"] = f.sort;
  j["version"] = f.version;
}

void to_json(Json& j, FieldNode const& n) {
  to_json(j, n.field);
  j["children"] = n.children;
}

void to_json(Json& j, Pool const& p) {
  j = Json::object();
  j["id"] = p.id;
  j["name"] = p.name;
  j["description"] = p.description;
  j["sort"] = p.sort;
  j["member_count"] = p.member_count;
  j["version"] = p.version;
}

void to_json(Json& j, ImportError const& e) {
  j = Json::object();
  j["row"] = e.row;
  j["column"] = e.column;
  j["message"] = e.message;
}

void to_json(Json& j, ImportDuplicate const& d) {
  j = Json::object();
  j["row"] = d.row;
  j["key"] = d.key;
  j["value"] = d.value;
  j["other_row"] = opt_number(d.other_row);
  j["existing_expert_id"] = opt_number(d.existing_expert_id);
}

void to_json(Json& j, ExpertLookupItem const& e) {
  j = Json::object();
  j["id"] = e.id;
  j["name"] = e.name;
  j["organization"] = e.organization;
  j["department"] = opt(e.department);
}

Json profile_json(ExpertProfile const& p, bool with_contact) {
  Json j = Json::object();
  j["name"] = p.name;
  j["gender"] = opt(p.gender);
  j["birth_year"] = opt_number(p.birth_year);
  j["title"] = opt(p.title);
  j["position"] = opt(p.position);
  j["organization"] = p.organization;
  j["department"] = opt(p.department);
  j["employment"] = p.employment;
  j["field_ids"] = p.field_ids;
  j["keywords"] = p.keywords;
  j["category"] = p.category;
  j["country"] = opt(p.country);
  j["academician"] = opt(p.academician);
  j["pool_ids"] = p.pool_ids;
  if (with_contact) {
    j["phone"] = opt(p.phone);
    j["email"] = opt(p.email);
  }
  j["bio"] = p.bio;
  return j;
}

Json import_row_to_json(ImportRow const& r) {
  Json j = profile_json(r.profile, true);
  j["row"] = r.row;
  j["valid"] = r.valid;
  j["fields"] = r.fields;
  j["pools"] = r.pools;
  return j;
}

std::string highlight_html(std::string const& snippet) {
  std::string out;
  out.reserve(snippet.size() + 32);
  for (char ch : snippet) {
    switch (ch) {
      case '\x02':
        out += "<mark>";
        break;
      case '\x03':
        out += "</mark>";
        break;
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

Json expert_to_json(Expert const& e, Principal const& who) {
  Json j = profile_json(e.profile, sees_contact(who, e));
  j["id"] = e.id;
  j["version"] = e.version;
  j["status"] = to_string(e.status);
  Json actions = Json::array();
  for (auto a : expert_workflow::allowed_actions(e.status, who)) actions.push_back(to_string(a));
  j["allowed_actions"] = std::move(actions);
  j["fields"] = e.fields;
  j["pools"] = e.pools;
  j["user_id"] = opt_number(e.user_id);
  j["confirmed_at"] = opt(e.confirmed_at);
  j["stale"] = e.stale;
  j["status_reason"] = opt(e.status_reason);
  j["created_at"] = e.created_at;
  j["updated_at"] = e.updated_at;
  Json stats = Json::object();
  stats["reviews_done"] = e.stats.reviews_done;
  stats["on_time_rate"] = opt_number(e.stats.on_time_rate);
  stats["avg_rating"] = opt_number(e.stats.avg_rating);
  stats["submissions"] = e.stats.submissions;
  stats["adoptions"] = e.stats.adoptions;
  stats["endorsements"] = e.stats.endorsements;
  j["stats"] = std::move(stats);
  if (e.highlight) j["highlight"] = highlight_html(*e.highlight);
  return j;
}

Json expert_page_json(ExpertList const& list, http::Page const& page, Principal const& who) {
  Json items = Json::array();
  for (auto const& e : list.items) items.push_back(expert_to_json(e, who));
  Json j = http::page_json(page, std::move(items), list.total);
  if (list.facets) j["facets"] = facets_to_json(*list.facets);
  if (list.searched) {
    Json searched = Json::object();
    searched["q"] = list.searched->text;
    searched["in"] = Json::array({"name", "organization", "keywords", "bio"});
    searched["fields"] = list.searched->fields;
    searched["field_count"] = list.searched->field_count;
    j["searched"] = std::move(searched);
  }
  return j;
}

http::Response import_response(ImportOutcome const& out) {
  Json j = import_json(out);
  if (!out.dry_run && !out.plan.ok()) {
    // The same report as a problem document: nothing was imported.
    for (auto& e : j["errors"])
      e["field"] = "row " + std::to_string(e["row"].get<int>()) +
                   (e["column"].get<std::string>().empty() ? "" : ": " + e["column"].get<std::string>());
    return http::Response::problem_with(
        400, "文件中有 " + std::to_string(out.plan.errors.size()) + " 处错误，未导入任何专家", std::move(j));
  }
  return http::Response::json(j, out.dry_run ? 200 : 201);
}

Json invitation_json(User const& user, std::string const& one_time_password) {
  Json j = Json::object();
  j["user"] = user;
  j["one_time_password"] = one_time_password;
  return j;
}

Json receipt_json(ApplicationReceipt const& r) {
  Json j = Json::object();  // no id: a sequential number would tell how many applications exist
  j["status"] = to_string(r.status);
  j["receipt"] = r.receipt;
  return j;
}

Json application_status_json(ApplicationStatus const& s) {
  Json j = Json::object();
  j["name"] = s.name;
  j["status"] = to_string(s.status);
  j["status_reason"] = opt(s.status_reason);
  j["submitted_at"] = s.submitted_at;
  return j;
}

Json challenge_json(WorkChallenge const& c) {
  Json j = Json::object();
  j["algorithm"] = c.algorithm;
  j["salt"] = c.salt;
  j["challenge"] = c.challenge;
  j["max_number"] = c.max_number;
  j["signature"] = c.signature;
  j["expires_at"] = c.expires_at;
  return j;
}

ExpertApplication expert_application_from_json(Json body) {
  ExpertApplication a;
  JsonFields f(body);
  a.consent = f.opt_bool("consent").value_or(false);
  if (Json const* w = f.raw("challenge")) {
    if (w->is_object() && w->contains("salt") && (*w)["salt"].is_string() && w->contains("number") &&
        (*w)["number"].is_number_integer() && w->contains("signature") && (*w)["signature"].is_string())
      a.work = WorkSolution{(*w)["salt"].get<std::string>(), (*w)["number"].get<std::int64_t>(),
                            (*w)["signature"].get<std::string>()};
    else if (!w->is_null())
      f.fail("challenge", "安全验证格式不正确，请刷新页面后重新提交");
  }
  f.finish();
  if (body.is_object()) {
    body.erase("consent");
    body.erase("challenge");
  }
  a.profile = expert_profile_from_json(body);
  return a;
}

// ---- in

ExpertPatch expert_patch_from_json(Json const& body) {
  JsonFields f(body);
  ExpertPatch patch;
  auto& v = patch.values;
  auto present = [&](char const* key) {
    if (!body.contains(key)) return false;
    patch.present.insert(key);
    return true;
  };
  // Text: null or "" clears an optional one (a required one is then refused by the rules).
  auto text = [&](char const* key, std::optional<std::string>& out) {
    if (!present(key)) return;
    out = f.opt_string(key, kAnyLength);
    if (out && out->empty()) out.reset();
  };
  auto required_text = [&](char const* key, std::string& out) {
    if (present(key)) out = f.opt_string(key, kAnyLength).value_or("");
  };
  required_text("name", v.name);
  text("gender", v.gender);
  if (present("birth_year")) {
    if (auto y = f.opt_int("birth_year", INT_MIN, INT_MAX)) v.birth_year = static_cast<int>(*y);
  }
  text("title", v.title);
  text("position", v.position);
  required_text("organization", v.organization);
  text("department", v.department);
  text("country", v.country);
  text("academician", v.academician);
  text("phone", v.phone);
  text("email", v.email);
  if (present("bio")) v.bio = f.opt_string("bio", kAnyLength).value_or("");
  required_text("category", v.category);
  if (present("keywords")) {
    if (auto const* raw = f.raw("keywords"); raw && raw->is_string()) {
      v.keywords = split_list(raw->get<std::string>());
    } else if (auto list = f.opt_string_array("keywords", kAnyLength, kAnyLength)) {
      v.keywords = clean_keywords(*list);
    }
  }
  for (char const* key : {"field_ids", "fields"}) {
    if (!body.contains(key)) continue;
    patch.present.insert("field_ids");
    if (auto const* raw = f.raw(key))
      v.field_ids = ids_from(f, *raw, key);
    else
      v.field_ids.clear();
    break;
  }
  for (char const* key : {"pool_ids", "pools"}) {
    if (!body.contains(key)) continue;
    patch.present.insert("pool_ids");
    if (auto const* raw = f.raw(key))
      v.pool_ids = ids_from(f, *raw, key);
    else
      v.pool_ids.clear();
    break;
  }
  if (present("employment")) {
    if (auto const* raw = f.raw("employment")) {
      if (!raw->is_array()) {
        f.fail("employment", "须为数组");
      } else {
        for (size_t i = 0; i < raw->size(); ++i) {
          auto const& item = (*raw)[i];
          std::string prefix = "employment[" + std::to_string(i) + "]";
          if (!item.is_object()) {
            f.fail(prefix, "每条工作经历须为对象 {organization, from, to}");
            continue;
          }
          JsonFields jf(item);
          Employment job;
          job.organization = jf.opt_string("organization", kAnyLength).value_or("");
          job.from = jf.opt_string("from", kAnyLength).value_or("");
          job.to = jf.opt_string("to", kAnyLength);
          if (job.to && job.to->empty()) job.to.reset();
          if (!jf.ok()) {
            try {
              jf.finish();
            } catch (Error const& e) {
              for (auto const& fe : e.errors()) f.fail(prefix + "." + fe.field, fe.message);
            }
          }
          v.employment.push_back(std::move(job));
        }
      }
    }
  }
  f.finish();
  return patch;
}

ExpertProfile expert_profile_from_json(Json const& body) {
  ExpertProfile p;
  expert_patch_from_json(body).apply_to(p);
  return p;
}

ExpertQuery expert_query_of(http::Request const& req) {
  ExpertQuery q;
  auto text = [&](char const* name) -> std::optional<std::string> {
    auto v = req.query_param(name);
    if (!v) return std::nullopt;
    std::string t = trim_text(*v);
    if (t.empty()) return std::nullopt;
    return t;
  };
  q.q = text("q");
  if (auto v = req.query_int("field_id", 1, INT64_MAX)) q.field_id = *v;
  if (auto v = req.query_int("pool_id", 1, INT64_MAX)) q.pool_id = *v;
  q.title = text("title");
  q.category = text("category");
  if (q.category && *q.category != "domestic" && *q.category != "overseas")
    throw Error::invalid_field("category", "须为 domestic（国内）或 overseas（海外）");
  q.country = text("country");
  q.academician = text("academician");
  if (q.academician && *q.academician != "CAS" && *q.academician != "CAE" && *q.academician != "any" &&
      *q.academician != "none")
    throw Error::invalid_field("academician", "须为 CAS、CAE、any（全部院士）或 none（非院士）");
  if (auto s = text("status")) {
    q.status = expert_status_from_string(*s);
    if (!q.status)
      throw Error::invalid_field("status",
                                 "须为 pending（待审核）、active（在库）、suspended（暂停）或 retired（出库）");
  }
  q.organization = text("organization");
  auto flag = [&](char const* name) -> std::optional<bool> {
    auto s = text(name);
    if (!s) return std::nullopt;
    if (*s == "true" || *s == "1") return true;
    if (*s == "false" || *s == "0") return false;
    throw Error::invalid_field(name, "须为 true 或 false");
  };
  q.stale = flag("stale");
  q.facets = flag("facets").value_or(false);
  if (auto s = text("sort")) {
    q.sort = expert_sort_from_string(*s);
    if (!q.sort)
      throw Error::invalid_field(
          "sort",
          "须为 name（姓名拼音）、-name、name_stroke（姓氏笔画）、-name_stroke、updated_at、-updated_at、birth_year、"
          "-birth_year 或 relevance 之一");
  }
  return q;
}

std::pair<ExpertAction, std::string> transition_from_json(Json const& body) {
  JsonFields f(body);
  std::string action_name = f.req_string("action", kAnyLength);
  std::string note = f.opt_string("note", kAnyLength).value_or("");
  f.finish();
  auto action = expert_action_from_string(action_name);
  if (!action) throw Error::invalid_field("action", "须为 approve、reject、suspend、reinstate 或 retire");
  return {*action, std::move(note)};
}

Conflict conflict_from_json(Json const& body) {
  JsonFields f(body);
  Conflict k;
  k.kind = f.opt_string("kind", kAnyLength).value_or("");
  k.name = f.opt_string("name", kAnyLength).value_or("");
  if (auto v = f.opt_int("other_expert_id", 1, INT64_MAX)) k.other_expert_id = *v;
  k.until = f.opt_date("until");
  k.note = f.opt_string("note", kAnyLength).value_or("");
  f.finish();
  return k;
}

Field field_from_json(Json const& body, FieldPatch* patch) {
  JsonFields f(body);
  Field v;
  auto mark = [&](char const* k) {
    if (patch && body.contains(k)) patch->present.insert(k);
  };
  if (!patch || body.contains("name")) v.name = f.opt_string("name", kAnyLength).value_or("");
  mark("name");
  if (auto p = f.opt_int("parent_id", 1, INT64_MAX)) v.parent_id = *p;
  mark("parent_id");
  v.code = f.opt_string("code", kAnyLength);
  if (v.code && v.code->empty()) v.code.reset();
  mark("code");
  v.name_en = f.opt_string("name_en", kAnyLength);
  if (v.name_en && v.name_en->empty()) v.name_en.reset();
  mark("name_en");
  v.sort = f.opt_int("sort", INT64_MIN, INT64_MAX).value_or(0);
  mark("sort");
  f.finish();
  return v;
}

Pool pool_from_json(Json const& body, PoolPatch* patch) {
  JsonFields f(body);
  Pool v;
  auto mark = [&](char const* k) {
    if (patch && body.contains(k)) patch->present.insert(k);
  };
  if (!patch || body.contains("name")) v.name = f.opt_string("name", kAnyLength).value_or("");
  mark("name");
  v.description = f.opt_string("description", kAnyLength).value_or("");
  mark("description");
  v.sort = f.opt_int("sort", INT64_MIN, INT64_MAX).value_or(0);
  mark("sort");
  f.finish();
  return v;
}

ImportRequest import_request_of(http::Request const& req) {
  ImportRequest r;
  auto dry = req.query_param("dry_run");
  r.dry_run = !dry || (*dry != "false" && *dry != "0");
  if (auto s = req.query_param("status")) {
    auto st = expert_status_from_string(*s);
    if (!st) throw Error::invalid_field("status", "须为 pending（待审核）或 active（在库）");
    r.initial = *st;  // the service says which statuses an import may start in
  }
  r.content_type = std::string(req.header("content-type").value_or(""));
  if (!is_spreadsheet_type(r.content_type))
    throw Error::unsupported_media_type("请直接上传文件本身：CSV（text/csv）或 Excel（.xlsx）");
  return r;
}

SheetFormat sheet_format_of(http::Request const& req) {
  std::string format(req.query_param("format").value_or("csv"));
  if (format == "csv") return SheetFormat::csv;
  if (format == "xlsx") return SheetFormat::xlsx;
  throw Error::invalid_field("format", "须为 csv 或 xlsx");
}

}  // namespace zhiku
