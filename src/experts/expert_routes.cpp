// HTTP ↔ the expert pool's services: one service call per route, JSON in and out.
#include "experts/expert_routes.hpp"

#include <algorithm>

#include "experts/expert_access.hpp"
#include "experts/expert_rules.hpp"
#include "experts/expert_workflow.hpp"
#include "experts/spreadsheet.hpp"
#include "users/user.hpp"

namespace zhiku {

using http::Policy;
using http::Request;
using http::Response;

namespace {

Json opt(std::optional<std::string> const& v) { return v ? Json(*v) : Json(); }

// Ids from [1, 2] or [{"id": 1}, …] (the read form sent back).
std::vector<Id> ids_from(JsonFields& f, Json const& v, std::string const& key) {
  std::vector<Id> out;
  if (!v.is_array() || v.size() > 200) {
    f.fail(key, "须为编号数组，且不超过 200 项");
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

ExpertQuery query_of(Request const& req) {
  ExpertQuery q;
  auto text = [&](char const* name) -> std::optional<std::string> {
    auto v = req.query_param(name);
    if (!v) return std::nullopt;
    std::string t = trim_text(*v);
    if (t.empty()) return std::nullopt;
    if (utf8_length(t) > 200) throw Error::invalid_field(name, "不能超过 200 个字符");
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
          "sort", "须为 name、-name、updated_at、-updated_at、birth_year、-birth_year 或 relevance 之一");
  }
  return q;
}

Conflict conflict_from_json(Json const& body) {
  JsonFields f(body);
  Conflict k;
  k.kind = f.req_string("kind", 20);
  k.name = f.opt_string("name", 200).value_or("");
  if (auto v = f.opt_int("other_expert_id", 1, INT64_MAX)) k.other_expert_id = *v;
  k.until = f.opt_date("until");
  k.note = f.opt_string("note", 1000).value_or("");
  f.finish();
  return k;
}

Field field_from_json(Json const& body, FieldPatch* patch) {
  JsonFields f(body);
  Field v;
  auto mark = [&](char const* k) {
    if (patch && body.contains(k)) patch->present.insert(k);
  };
  if (!patch || body.contains("name")) v.name = f.req_string("name", 100);
  mark("name");
  if (auto p = f.opt_int("parent_id", 1, INT64_MAX)) v.parent_id = *p;
  mark("parent_id");
  v.code = f.opt_string("code", 20);
  if (v.code && v.code->empty()) v.code.reset();
  mark("code");
  v.name_en = f.opt_string("name_en", 200);
  if (v.name_en && v.name_en->empty()) v.name_en.reset();
  mark("name_en");
  v.sort = f.opt_int("sort", -1'000'000, 1'000'000).value_or(0);
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
  if (!patch || body.contains("name")) v.name = f.req_string("name", 100);
  mark("name");
  v.description = f.opt_string("description", 1000).value_or("");
  mark("description");
  v.sort = f.opt_int("sort", -1'000'000, 1'000'000).value_or(0);
  mark("sort");
  f.finish();
  return v;
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
  std::string media(ct.substr(0, ct.find(';')));
  std::transform(media.begin(), media.end(), media.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  while (!media.empty() && media.back() == ' ') media.pop_back();
  return media == "text/csv" || media == "application/csv" || media == "text/plain" ||
         media == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ||
         media == "application/vnd.ms-excel" || media == "application/octet-stream";
}

}  // namespace

// ---- JSON forms ----

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
  j["other_expert_id"] = k.other_expert_id ? Json(*k.other_expert_id) : Json();
  j["name"] = k.name;
  j["until"] = opt(k.until);
  j["note"] = k.note;
  j["created_at"] = k.created_at;
}

void to_json(Json& j, Field const& f) {
  j = Json::object();
  j["id"] = f.id;
  j["parent_id"] = f.parent_id ? Json(*f.parent_id) : Json();
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
  j["other_row"] = d.other_row ? Json(*d.other_row) : Json();
  j["existing_expert_id"] = d.existing_expert_id ? Json(*d.existing_expert_id) : Json();
}

void to_json(Json& j, ExpertLookupItem const& e) {
  j = Json::object();
  j["id"] = e.id;
  j["name"] = e.name;
  j["organization"] = e.organization;
  j["department"] = opt(e.department);
}

Json import_row_to_json(ImportRow const& r) {
  auto const& p = r.profile;
  Json j = Json::object();
  j["row"] = r.row;
  j["valid"] = r.valid;
  j["name"] = p.name;
  j["gender"] = opt(p.gender);
  j["birth_year"] = p.birth_year ? Json(*p.birth_year) : Json();
  j["title"] = opt(p.title);
  j["position"] = opt(p.position);
  j["organization"] = p.organization;
  j["department"] = opt(p.department);
  j["email"] = opt(p.email);
  j["phone"] = opt(p.phone);
  j["fields"] = r.fields;
  j["keywords"] = p.keywords;
  j["category"] = p.category;
  j["country"] = opt(p.country);
  j["academician"] = opt(p.academician);
  j["pools"] = r.pools;
  j["bio"] = p.bio;
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
  auto const& p = e.profile;
  Json j = Json::object();
  j["id"] = e.id;
  j["version"] = e.version;
  j["status"] = to_string(e.status);
  Json actions = Json::array();
  for (auto a : expert_workflow::allowed_actions(e.status, who)) actions.push_back(to_string(a));
  j["allowed_actions"] = std::move(actions);
  j["name"] = p.name;
  j["gender"] = opt(p.gender);
  j["birth_year"] = p.birth_year ? Json(*p.birth_year) : Json();
  j["title"] = opt(p.title);
  j["position"] = opt(p.position);
  j["organization"] = p.organization;
  j["department"] = opt(p.department);
  j["employment"] = p.employment;
  j["fields"] = e.fields;
  j["keywords"] = p.keywords;
  j["category"] = p.category;
  j["country"] = opt(p.country);
  j["academician"] = opt(p.academician);
  j["pools"] = e.pools;
  if (sees_contact(who, e)) {
    j["phone"] = opt(p.phone);
    j["email"] = opt(p.email);
  }
  j["bio"] = p.bio;
  j["user_id"] = e.user_id ? Json(*e.user_id) : Json();
  j["confirmed_at"] = opt(e.confirmed_at);
  j["stale"] = e.stale;
  j["status_reason"] = opt(e.status_reason);
  j["created_at"] = e.created_at;
  j["updated_at"] = e.updated_at;
  Json stats = Json::object();
  stats["reviews_done"] = e.stats.reviews_done;
  stats["on_time_rate"] = e.stats.on_time_rate ? Json(*e.stats.on_time_rate) : Json();
  stats["avg_rating"] = e.stats.avg_rating ? Json(*e.stats.avg_rating) : Json();
  stats["submissions"] = e.stats.submissions;
  stats["adoptions"] = e.stats.adoptions;
  stats["endorsements"] = e.stats.endorsements;
  j["stats"] = std::move(stats);
  if (e.highlight) j["highlight"] = highlight_html(*e.highlight);
  return j;
}

ExpertPatch expert_patch_from_json(Json const& body) {
  JsonFields f(body);
  ExpertPatch patch;
  auto& v = patch.values;
  auto present = [&](char const* key) {
    if (!body.contains(key)) return false;
    patch.present.insert(key);
    return true;
  };
  // Optional text: null or "" clears it.
  auto text = [&](char const* key, size_t max, std::optional<std::string>& out) {
    if (!present(key)) return;
    out = f.opt_string(key, max);
    if (out && out->empty()) out.reset();
  };
  if (present("name")) v.name = f.req_string("name", 100);
  if (present("gender")) {
    v.gender = f.opt_string("gender", 10);
    if (v.gender && v.gender->empty()) v.gender.reset();
  }
  if (present("birth_year")) {
    if (auto y = f.opt_int("birth_year", 1900, 2100)) v.birth_year = static_cast<int>(*y);
  }
  text("title", 100, v.title);
  text("position", 100, v.position);
  if (present("organization")) v.organization = f.req_string("organization", 200);
  text("department", 200, v.department);
  text("country", 100, v.country);
  text("academician", 10, v.academician);
  text("phone", 40, v.phone);
  text("email", 254, v.email);
  if (present("bio")) v.bio = f.opt_string("bio", kMaxBioChars).value_or("");
  if (present("category")) v.category = f.req_string("category", 20);
  if (present("keywords")) {
    if (auto const* raw = f.raw("keywords"); raw && raw->is_string()) {
      v.keywords = split_list(raw->get<std::string>());
    } else if (auto list = f.opt_string_array("keywords", kMaxKeywords, kMaxKeywordChars)) {
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
      if (!raw->is_array() || raw->size() > kMaxEmployment) {
        f.fail("employment", "须为数组，且不超过 " + std::to_string(kMaxEmployment) + " 条");
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
          job.organization = jf.req_string("organization", 200);
          job.from = jf.req_string("from", 10);
          job.to = jf.opt_string("to", 10);
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

// ---- routes ----

void add_expert_routes(http::Router& router, ExpertService& experts, TaxonomyService& taxonomy) {
  router.get(
      "/api/v1/experts", Policy::any_of(kPoolReaders),
      [&experts](Request& req) {
        auto page = http::page_of(req);
        ExpertQuery q = query_of(req);
        q.offset = page.offset();
        q.limit = page.page_size;
        auto list = experts.list(req.actor(), q);
        Json items = Json::array();
        for (auto const& e : list.items) items.push_back(expert_to_json(e, req.who()));
        Json j = http::page_json(page, std::move(items), list.total);
        if (list.facets) j["facets"] = facets_to_json(*list.facets);
        return Response::json(j);
      },
      "List and search experts (contact data for coordinators and admins only)");

  router.post(
      "/api/v1/experts", Policy::any_of(kCurators),
      [&experts](Request& req) {
        auto patch = expert_patch_from_json(req.json());
        ExpertProfile p;
        patch.apply_to(p);
        auto e = experts.create(req.actor(), p);
        return Response::created(expert_to_json(e, req.who()), "/api/v1/experts/" + std::to_string(e.id));
      },
      "Create an expert (pending)");

  router.get(
      "/api/v1/experts/me", Policy::any_of({Role::expert}, "self"),
      [&experts](Request& req) {
        auto e = experts.get_mine(req.actor());
        return Response::json(expert_to_json(e, req.who())).etag(e.version);
      },
      "The signed-in expert's own record");

  router.patch(
      "/api/v1/experts/me", Policy::any_of({Role::expert}, "self"),
      [&experts](Request& req) {
        Json body = req.json();
        auto version = req.expected_version(body);
        auto e = experts.update_mine(req.actor(), version, expert_patch_from_json(body));
        return Response::json(expert_to_json(e, req.who())).etag(e.version);
      },
      "Edit one's own profile (not status or pools)");

  router.post(
      "/api/v1/experts/me/confirm", Policy::any_of({Role::expert}, "self"),
      [&experts](Request& req) {
        auto e = experts.confirm_mine(req.actor());
        return Response::json(expert_to_json(e, req.who()));
      },
      "Confirm one's own profile is current");

  router.add(http::Route{
      "POST", "/api/v1/experts/import", Policy::any_of(kCurators),
      [&experts](Request& req) {
        auto dry = req.query_param("dry_run");
        bool dry_run = !dry || (*dry != "false" && *dry != "0");
        ExpertStatus initial = ExpertStatus::pending;
        if (auto s = req.query_param("status")) {
          auto st = expert_status_from_string(*s);
          if (!st || (*st != ExpertStatus::pending && *st != ExpertStatus::active))
            throw Error::invalid_field("status", "须为 pending（待审核）或 active（在库）");
          initial = *st;
        }
        if (!is_spreadsheet_type(req.header("content-type").value_or("")))
          throw Error::unsupported_media_type("请直接上传文件本身：CSV（text/csv）或 Excel（.xlsx）");
        std::string content_type(req.header("content-type").value_or(""));
        auto out = experts.import(req.actor(), req.body, content_type, dry_run, initial);
        Json j = import_json(out);
        if (!dry_run && !out.plan.ok()) {
          // The same report as a problem document: nothing was imported.
          for (auto& e : j["errors"])
            e["field"] = "row " + std::to_string(e["row"].get<int>()) +
                         (e["column"].get<std::string>().empty() ? "" : ": " + e["column"].get<std::string>());
          return Response::problem_with(
              400, "文件中有 " + std::to_string(out.plan.errors.size()) + " 处错误，未导入任何专家", std::move(j));
        }
        return Response::json(j, dry_run ? 200 : 201);
      },
      http::Exec::worker, "Import experts from CSV or XLSX (dry run by default)", true});

  // Up to 100,000 rows take seconds: on the worker pool, not an io thread.
  router.add(http::Route{"GET", "/api/v1/experts/export", Policy::any_of(kPoolReaders),
                         [&experts](Request& req) {
                           std::string format(req.query_param("format").value_or("csv"));
                           if (format != "csv" && format != "xlsx")
                             throw Error::invalid_field("format", "须为 csv 或 xlsx");
                           auto file = experts.export_file(req.actor(), query_of(req),
                                                           format == "csv" ? SheetFormat::csv : SheetFormat::xlsx);
                           auto r = Response::text(std::move(file.bytes), file.content_type);
                           r.attachment(file.ascii_name, file.utf8_name);
                           r.header("Cache-Control", "no-store");
                           return r;
                         },
                         http::Exec::worker, "Export the filtered list as CSV or XLSX, naming the reader"});

  // Before /api/v1/experts/{id}. Experts may not read the list: this names people, nothing more.
  router.get(
      "/api/v1/experts/lookup", Policy::any_of(kLookupCallers, "not oneself"),
      [&experts](Request& req) {
        auto limit = req.query_int("limit", 1, ExpertService::kLookupMaxLimit);
        Json j = Json::object();
        j["items"] = experts.lookup(req.actor(), req.query_param("q").value_or(""),
                                    static_cast<int>(limit.value_or(ExpertService::kLookupDefaultLimit)));
        return Response::json(j);
      },
      "Find active experts by name or organisation, to name one (id, name, organisation, department only)");

  router.get(
      "/api/v1/experts/{id}",
      Policy::any_of({Role::coordinator, Role::admin, Role::leader, Role::expert}, "experts: self only"),
      [&experts](Request& req) {
        auto e = experts.get(req.actor(), req.id_param());
        return Response::json(expert_to_json(e, req.who())).etag(e.version);
      },
      "One expert (an expert may read only their own record)");

  router.patch(
      "/api/v1/experts/{id}", Policy::any_of(kCurators),
      [&experts](Request& req) {
        Json body = req.json();
        auto version = req.expected_version(body);
        auto e = experts.update(req.actor(), req.id_param(), version, expert_patch_from_json(body));
        return Response::json(expert_to_json(e, req.who())).etag(e.version);
      },
      "Edit an expert (version or If-Match required)");

  router.post(
      "/api/v1/experts/{id}/transitions", Policy::any_of(kCurators),
      [&experts](Request& req) {
        Json body = req.json();
        JsonFields f(body);
        std::string action_name = f.req_string("action", 20);
        std::string note = f.opt_string("note", 1000).value_or("");
        f.finish();
        auto action = expert_action_from_string(action_name);
        if (!action) throw Error::invalid_field("action", "须为 approve、reject、suspend、reinstate 或 retire");
        auto e = experts.transition(req.actor(), req.id_param(), *action, note);
        return Response::json(expert_to_json(e, req.who()));
      },
      "Approve, reject, suspend, reinstate or retire an expert");

  router.post(
      "/api/v1/experts/{id}/invite", Policy::any_of(kCurators),
      [&experts](Request& req) {
        auto [user, password] = experts.invite(req.actor(), req.id_param());
        Json u = Json::object();
        u["id"] = user.id;
        u["username"] = user.username;
        u["display_name"] = user.display_name;
        u["email"] = user.email;
        u["roles"] = user.roles.names();
        u["must_change_password"] = user.must_change_password;
        u["expert_id"] = user.expert_id ? Json(*user.expert_id) : Json();
        Json j = Json::object();
        j["user"] = std::move(u);
        j["one_time_password"] = password;
        return Response::json(j, 201).header("Cache-Control", "no-store");
      },
      "Create the expert's account with a one-time password");

  router.post(
      "/api/v1/experts/{id}/remind", Policy::any_of(kCurators),
      [&experts](Request& req) {
        experts.remind(req.actor(), req.id_param());
        return Response::no_content();
      },
      "Ask the expert to confirm their profile");

  Policy const conflict_policy = Policy::any_of({Role::coordinator, Role::admin, Role::expert}, "experts: self only");
  router.get(
      "/api/v1/experts/{id}/conflicts", conflict_policy,
      [&experts](Request& req) {
        Json j = Json::object();
        j["items"] = experts.conflicts(req.actor(), req.id_param());
        return Response::json(j);
      },
      "Declared conflicts of interest");

  router.post(
      "/api/v1/experts/{id}/conflicts", conflict_policy,
      [&experts](Request& req) {
        auto k = experts.add_conflict(req.actor(), req.id_param(), conflict_from_json(req.json()));
        Json j = k;
        return Response::json(j, 201);
      },
      "Declare a conflict of interest");

  router.del(
      "/api/v1/experts/{id}/conflicts/{conflict_id}", conflict_policy,
      [&experts](Request& req) {
        experts.delete_conflict(req.actor(), req.id_param(), req.id_param("conflict_id"));
        return Response::no_content();
      },
      "Withdraw a declared conflict");

  router.post(
      "/api/v1/expert-applications", Policy::anyone(),
      [&experts](Request& req) {
        Json body = req.json();
        auto patch = expert_patch_from_json(body);
        patch.present.erase("pool_ids");
        ExpertApplication app;
        patch.apply_to(app.profile);
        std::vector<FieldError> missing;
        if (!patch.present.count("name")) missing.push_back({"name", "请填写姓名"});
        if (!patch.present.count("organization")) missing.push_back({"organization", "请填写工作单位"});
        if (!patch.present.count("email")) missing.push_back({"email", "请填写邮箱"});
        if (!missing.empty()) throw Error::invalid_fields(std::move(missing));
        auto receipt = experts.apply(req.actor(), app);
        Json j = Json::object();
        j["id"] = receipt.id;
        j["status"] = to_string(receipt.status);
        j["receipt"] = receipt.receipt;
        return Response::json(j, 201).header("Cache-Control", "no-store");
      },
      "Apply to join the expert pool (public, rate-limited)");

  router.get(
      "/api/v1/expert-applications/{receipt}", Policy::anyone(),
      [&experts](Request& req) {
        auto s = experts.application_status(std::string(req.param("receipt")));
        Json j = Json::object();
        j["id"] = s.id;
        j["name"] = s.name;
        j["status"] = to_string(s.status);
        j["status_reason"] = opt(s.status_reason);
        j["submitted_at"] = s.submitted_at;
        return Response::json(j).header("Cache-Control", "no-store");
      },
      "The answer to an application, by its receipt");

  // Fields (学科领域).
  // Public: the taxonomy is a national standard, and the public application form offers it.
  router.get(
      "/api/v1/fields", Policy::anyone(),
      [&taxonomy](Request&) {
        Json j = Json::object();
        j["items"] = taxonomy.field_tree();
        return Response::json(j);
      },
      "The field taxonomy as a tree");

  router.post(
      "/api/v1/fields", Policy::any_of(kCurators),
      [&taxonomy](Request& req) {
        Json j = taxonomy.create_field(req.actor(), field_from_json(req.json(), nullptr));
        return Response::json(j, 201);
      },
      "Add a field");

  router.patch(
      "/api/v1/fields/{id}", Policy::any_of(kCurators),
      [&taxonomy](Request& req) {
        Json body = req.json();
        auto version = req.expected_version(body);
        FieldPatch patch;
        patch.values = field_from_json(body, &patch);
        Json j = taxonomy.update_field(req.actor(), req.id_param(), version, patch);
        return Response::json(j);
      },
      "Rename or move a field");

  router.del(
      "/api/v1/fields/{id}", Policy::any_of(kCurators),
      [&taxonomy](Request& req) {
        taxonomy.delete_field(req.actor(), req.id_param());
        return Response::no_content();
      },
      "Delete an unused leaf field");

  // Pools (专家库).
  router.get(
      "/api/v1/pools", Policy::signed_in(),
      [&taxonomy](Request&) {
        Json j = Json::object();
        j["items"] = taxonomy.pools();
        return Response::json(j);
      },
      "The pools with their member counts");

  router.post(
      "/api/v1/pools", Policy::any_of(kCurators),
      [&taxonomy](Request& req) {
        Json j = taxonomy.create_pool(req.actor(), pool_from_json(req.json(), nullptr));
        return Response::json(j, 201);
      },
      "Add a pool");

  router.patch(
      "/api/v1/pools/{id}", Policy::any_of(kCurators),
      [&taxonomy](Request& req) {
        Json body = req.json();
        auto version = req.expected_version(body);
        PoolPatch patch;
        patch.values = pool_from_json(body, &patch);
        Json j = taxonomy.update_pool(req.actor(), req.id_param(), version, patch);
        return Response::json(j);
      },
      "Rename a pool");

  router.del(
      "/api/v1/pools/{id}", Policy::any_of(kCurators),
      [&taxonomy](Request& req) {
        taxonomy.delete_pool(req.actor(), req.id_param());
        return Response::no_content();
      },
      "Delete an empty pool");
}

}  // namespace zhiku
