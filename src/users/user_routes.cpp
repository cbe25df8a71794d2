#include "users/user_routes.hpp"

#include <string>

#include "core/error.hpp"
#include "users/account_gate.hpp"
#include "users/user_rules.hpp"

namespace zhiku {

void to_json(Json& j, User const& u) {
  j = Json::object();
  j["id"] = u.id;
  j["username"] = u.username;
  j["display_name"] = u.display_name;
  j["email"] = u.email;
  j["roles"] = u.roles.names();
  j["status"] = to_string(u.status);
  j["must_change_password"] = u.must_change_password;
  j["totp_enabled"] = u.totp_enabled;
  j["totp_required"] = u.totp_required();
  j["expert_id"] = u.expert_id ? Json(*u.expert_id) : Json();
  j["created_at"] = u.created_at;
  j["updated_at"] = u.updated_at;
  j["version"] = u.version;
}

namespace {

using http::Policy;
using http::Request;
using http::Response;

Response user_response(User const& u) {
  Response r = Response::json(Json(u));
  r.etag(u.version);
  return r;
}

std::optional<RoleSet> read_roles(JsonFields& f, char const* field) {
  auto names = f.opt_string_array(field, 4, 20);
  if (!names) return std::nullopt;
  std::vector<std::string> unknown;
  RoleSet roles = parse_roles(*names, &unknown);
  if (!unknown.empty()) {
    f.fail(field, "未知角色：" + unknown.front() + "（可选 admin、coordinator、expert、leader）");
    return std::nullopt;
  }
  return roles;
}

UserFilter filter_of(Request const& req, http::Page const& page) {
  UserFilter f;
  if (auto q = req.query_param("q"); q && !q->empty()) f.q = std::string(*q);
  if (auto r = req.query_param("role"); r && !r->empty()) {
    f.role = role_from_string(*r);
    if (!f.role) throw Error::invalid_field("role", "未知角色");
  }
  if (auto s = req.query_param("status"); s && !s->empty()) {
    f.status = user_status_from_string(*s);
    if (!f.status) throw Error::invalid_field("status", "状态须为 active 或 disabled");
  }
  f.offset = page.offset();
  f.limit = page.page_size;
  return f;
}

}  // namespace

void add_user_routes(http::Router& router, UserService& users) {
  RoleSet const admins{Role::admin};
  // Creating accounts, changing roles and resetting passwords or TOTP: an admin in person, never
  // through an API token (a leaked token must not mint or take over accounts).
  Policy in_person = Policy::any_of(admins);
  in_person.exempt = kSessionOnly;

  router.get(
      "/api/v1/users", Policy::any_of(admins),
      [&users](Request& req) {
        auto page = http::page_of(req);
        auto list = users.list(filter_of(req, page));
        return Response::json(http::page_json(page, Json(list.items), list.total));
      },
      "List users (filters q, role, status)");

  router.post(
      "/api/v1/users", in_person,
      [&users](Request& req) {
        Json body = req.json();
        JsonFields f(body);
        NewUser nu;
        nu.username = f.opt_string("username", 64).value_or("");
        nu.display_name = f.opt_string("display_name", 200).value_or("");
        nu.email = f.opt_string("email", 300).value_or("");
        auto roles = read_roles(f, "roles");  // nullopt when absent or already refused
        nu.roles = roles.value_or(RoleSet{});
        // Report every problem at once: the shape errors above and the rules' errors below (but
        // roles only once).
        for (auto const& e : validate_new_user(nu))
          if (e.field != "roles" || roles || !f.has("roles")) f.fail(e.field, e.message);
        f.finish();
        auto created = users.create(req.actor(), nu);
        Json j = Json::object();
        j["user"] = created.user;
        j["one_time_password"] = created.one_time_password;
        return Response::created(j, "/api/v1/users/" + std::to_string(created.user.id));
      },
      "Create a user with a one-time password");

  router.get(
      "/api/v1/users/{id}", Policy::any_of(admins),
      [&users](Request& req) {
        auto u = users.find_by_id(req.id_param());
        if (!u) throw Error::not_found("用户不存在");
        return user_response(*u);
      },
      "One user");

  router.patch(
      "/api/v1/users/{id}", in_person,
      [&users](Request& req) {
        Id id = req.id_param();
        Json body = req.json();
        auto version = req.expected_version(body);
        JsonFields f(body);
        UserPatch p;
        p.display_name = f.opt_string("display_name", 200);
        p.email = f.opt_string("email", 300);
        p.roles = read_roles(f, "roles");
        if (auto s = f.opt_string("status", 20)) {
          p.status = user_status_from_string(*s);
          if (!p.status) f.fail("status", "状态须为 active 或 disabled");
        }
        f.finish();
        return user_response(users.update(req.actor(), id, version, p));
      },
      "Edit a user (version or If-Match; 412 when stale)");

  router.post(
      "/api/v1/users/{id}/password-reset", in_person,
      [&users](Request& req) {
        Json j = Json::object();
        j["one_time_password"] = users.reset_password(req.actor(), req.id_param());
        return Response::json(j);
      },
      "Reset a user's password to a new one-time password");

  router.post(
      "/api/v1/users/{id}/totp-reset", in_person,
      [&users](Request& req) {
        users.reset_totp(req.actor(), req.id_param());
        return Response::no_content();
      },
      "Turn off a user's two-factor sign-in (lost device)");
}

}  // namespace zhiku
