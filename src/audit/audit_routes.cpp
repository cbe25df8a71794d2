// GET /api/v1/audit: query parameters → AuditFilter → AuditLog::query → JSON.
#include "audit/audit_routes.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

#include "core/clock.hpp"
#include "core/error.hpp"

namespace zhiku {

void to_json(Json& j, AuditRecord const& r) {
  j = Json::object();
  j["id"] = r.id;
  j["at"] = r.at;
  j["actor_id"] = r.actor_id ? Json(*r.actor_id) : Json();
  j["actor_name"] = r.actor_name;
  j["action"] = r.action;
  j["entity_type"] = r.entity_type;
  j["entity_id"] = r.entity_id ? Json(*r.entity_id) : Json();
  j["diff"] = r.diff;
  j["request_id"] = r.request_id;
  j["client_address"] = r.client_address;
}

namespace {

using http::Policy;
using http::Request;
using http::Response;

constexpr size_t kMaxNameChars = 64;
constexpr char kTimeFormats[] = "须为 UTC 时间 YYYY-MM-DDTHH:MM:SSZ 或日期 YYYY-MM-DD";

std::optional<std::string> name_param(Request const& req, std::string_view name) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  if (!is_valid_utf8(*v) || utf8_length(*v) > kMaxNameChars)
    throw Error::invalid_field(std::string(name), "至多 " + std::to_string(kMaxNameChars) + " 个字符");
  return std::string(*v);
}

bool digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

// "YYYY-MM-DD" → that day at midnight, or the next day's when `next_day`; "YYYY-MM-DDTHH:MM:SS"
// (or a space for the T), optional fraction, "Z" → the same second. Both in Clock::now_iso()'s form,
// the only one in which the stored `at` text compares in time order. Worked on the calendar
// rather than through SysTime, whose nanoseconds end in 2262.
std::optional<std::string> normalised_time(std::string_view v, bool next_day) {
  if (v.size() < 10 || !is_iso_date(v.substr(0, 10))) return std::nullopt;
  if (v.size() == 10) {
    std::string day(v);
    // The day after the last one four digits can write sorts above every time of that day.
    if (next_day && day == "9999-12-31") return day + "T24:00:00Z";
    if (next_day) {
      using namespace std::chrono;
      year_month_day ymd{year{std::stoi(day.substr(0, 4))}, month{static_cast<unsigned>(std::stoi(day.substr(5, 2)))},
                         std::chrono::day{static_cast<unsigned>(std::stoi(day.substr(8, 2)))}};
      year_month_day next{sys_days{ymd} + days{1}};
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(next.year()),
                    static_cast<unsigned>(next.month()), static_cast<unsigned>(next.day()));
      day = buf;
    }
    return day + "T00:00:00Z";
  }
  if (v.size() < 20 || (v[10] != 'T' && v[10] != ' ') || v[13] != ':' || v[16] != ':' || !digits(v.substr(11, 2)) ||
      !digits(v.substr(14, 2)) || !digits(v.substr(17, 2)))
    return std::nullopt;
  if (std::stoi(std::string(v.substr(11, 2))) > 23 || std::stoi(std::string(v.substr(14, 2))) > 59 ||
      std::stoi(std::string(v.substr(17, 2))) > 59)
    return std::nullopt;
  std::string_view rest = v.substr(19);
  if (!rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    size_t n = 0;
    while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
    if (n == 0) return std::nullopt;
    rest.remove_prefix(n);
  }
  if (rest != "Z") return std::nullopt;
  std::string out(v.substr(0, 19));
  out[10] = 'T';
  return out + "Z";
}

// A date as upper bound means "through that day".
std::optional<std::string> time_param(Request const& req, std::string_view name, bool upper) {
  auto v = req.query_param(name);
  if (!v || v->empty()) return std::nullopt;
  auto t = normalised_time(*v, upper);
  if (!t) throw Error::invalid_field(std::string(name), kTimeFormats);
  return t;
}

}  // namespace

std::optional<std::vector<std::string>> audit_visible_types(Principal const& who) {
  if (who.is(Role::admin)) return std::nullopt;
  std::vector<std::string> types;
  if (who.is(Role::coordinator)) types.assign(kCuratedRecordTypes.begin(), kCuratedRecordTypes.end());
  return types;
}

AuditFilter audit_filter_of(Request const& req, http::Page const& page) {
  AuditFilter f;
  f.actor_id = req.query_int("actor_id", 1, INT64_MAX);
  f.entity_type = name_param(req, "entity_type");
  f.entity_id = req.query_int("entity_id", 1, INT64_MAX);
  f.action = name_param(req, "action");
  f.from = time_param(req, "from", false);
  f.to = time_param(req, "to", true);
  if (f.from && f.to && *f.from >= *f.to) throw Error::invalid_field("to", "须晚于 from");
  f.offset = page.offset();
  f.limit = page.page_size;
  return f;
}

void add_audit_routes(http::Router& router, storage::Database& db, AuditLog const& audit) {
  router.get(
      "/api/v1/audit", Policy::any_of({Role::admin, Role::coordinator}),
      [&db, &audit](Request& req) {
        auto page = http::page_of(req);
        auto filter = audit_filter_of(req, page);
        filter.visible_types = audit_visible_types(req.who());
        auto c = db.read();
        auto [rows, total] = audit.query(*c, filter);
        return Response::json(http::page_json(page, Json(rows), total));
      },
      "Audit log (filters actor_id, entity_type, entity_id, action, from, to)");
}

}  // namespace zhiku
