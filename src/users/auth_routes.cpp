#include "users/auth_routes.hpp"

#include <optional>
#include <string>

#include "core/error.hpp"
#include "users/user_routes.hpp"

namespace zhiku {

namespace {

using http::Policy;
using http::Request;
using http::Response;

constexpr size_t kMaxPasswordBytes = 1024;

bool is_secure(SessionCookieConfig const& config, Request const& req) { return config.always_secure || req.is_tls; }

std::string set_cookie(SessionCookieConfig const& config, Request const& req, std::string_view value, int max_age) {
  std::string c(session_cookie_name(config, req.is_tls));
  c += "=";
  c += value;
  c += "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (is_secure(config, req)) c += "; Secure";
  return c;
}

// A password as typed: not trimmed (spaces are characters too), bounded before it is hashed.
std::string read_password(JsonFields& f, char const* field, char const* missing) {
  Json const* v = f.raw(field);
  if (!v || !v->is_string() || v->get_ref<std::string const&>().empty()) {
    f.fail(field, missing);
    return {};
  }
  auto const& s = v->get_ref<std::string const&>();
  if (s.size() > kMaxPasswordBytes) {
    f.fail(field, "密码过长");
    return {};
  }
  return s;
}

// Policies of the sign-in routes: who may call them while their account still owes something.
// Every one of them manages the account, so none answers to an API token (kSessionOnly) but
// /auth/me, which tells a script whose token it holds.
Policy own_account(std::uint32_t exempt) {
  Policy p = Policy::signed_in("self");
  p.exempt = exempt | kDuringTotpEnrolment | kSessionOnly;  // every /auth/* route: enrolment happens here
  return p;
}
Policy const kAnyStep = own_account(kDuringPasswordChange | kDuringSecondFactor);
Policy const kDuringPasswordChangeToo = own_account(kDuringPasswordChange);
Policy const kSignedInFully = own_account(0);
Policy const kWhoAmI = [] {
  Policy p = kDuringPasswordChangeToo;
  p.exempt &= ~std::uint32_t{kSessionOnly};
  return p;
}();
Policy const kTokenManagement = [] {
  Policy p = Policy::signed_in("self");
  p.exempt = kSessionOnly;
  return p;
}();

// The caller's session (its public id), or nullopt when they signed in with an API token.
std::optional<std::string> session_of(Request const& req) {
  if (!req.credential.is_session()) return std::nullopt;
  return req.credential.session_id;
}

Json signed_in_body(User const& u, std::string const& csrf_token) {
  Json j = Json::object();
  j["user"] = u;
  j["csrf_token"] = csrf_token;
  return j;
}

void add_sign_in_routes(http::Router& router, AuthService& auth, SessionCookieConfig cookie) {
  router.post(
      "/api/v1/auth/login", Policy::anyone(),
      [&auth, cookie](Request& req) {
        Json body = req.json();
        JsonFields f(body);
        LoginAttempt a;
        a.username = f.req_string("username", 100);
        a.password = read_password(f, "password", "请输入密码");
        f.finish();
        a.user_agent = std::string(req.header("user-agent").value_or(""));
        if (auto old = req.cookie(session_cookie_name(cookie, req.is_tls))) a.previous_token = std::string(*old);
        SignedIn s = auth.login(req.actor(), a);
        Json j = signed_in_body(s.user, s.csrf_token);
        j["second_factor_required"] = s.second_factor_required;
        Response r = Response::json(j);
        r.header("Set-Cookie", set_cookie(cookie, req, s.token, s.max_age_seconds));
        return r;
      },
      "Sign in with user name and password");

  router.post(
      "/api/v1/auth/totp/verify", kAnyStep,
      [&auth](Request& req) {
        Json body = req.json();
        JsonFields f(body);
        auto code = f.opt_string("code", 20);
        auto recovery = f.opt_string("recovery_code", 40);
        f.finish();
        User u = auth.verify_second_factor(req.actor(), session_of(req), code, recovery);
        return Response::json(signed_in_body(u, req.credential.csrf_token));
      },
      "Complete sign-in with a TOTP code or a recovery code");

  router.post(
      "/api/v1/auth/logout", kAnyStep,
      [&auth, cookie](Request& req) {
        auth.logout(req.actor(), session_of(req));
        Response r = Response::no_content();
        r.header("Set-Cookie", set_cookie(cookie, req, "", 0));
        return r;
      },
      "Sign out (ends this session)");

  router.get(
      "/api/v1/auth/me", kWhoAmI,
      [&auth](Request& req) { return Response::json(signed_in_body(auth.me(req.actor()), req.credential.csrf_token)); },
      "The signed-in user and the CSRF token");
}

void add_own_account_routes(http::Router& router, AuthService& auth, UserService& users, SessionCookieConfig cookie) {
  router.post(
      "/api/v1/auth/password", kDuringPasswordChangeToo,
      [&users](Request& req) {
        Json body = req.json();
        JsonFields f(body);
        auto current = read_password(f, "current_password", "请输入当前密码");
        auto next = read_password(f, "new_password", "请输入新密码");
        bool revoke_tokens = f.opt_bool("revoke_tokens").value_or(false);
        f.finish();
        users.change_own_password(req.actor(), session_of(req), current, next, revoke_tokens);
        return Response::no_content();
      },
      "Change my password (ends my other sessions)");

  router.get(
      "/api/v1/auth/sessions", kSignedInFully,
      [&auth](Request& req) {
        Json items = Json::array();
        for (auto const& v : auth.sessions(req.actor(), session_of(req))) {
          Json s = Json::object();
          s["id"] = v.session.public_id;
          s["created_at"] = v.session.created_at;
          s["last_seen_at"] = v.session.last_seen_at;
          s["client_address"] = v.session.client_address;
          s["user_agent"] = v.session.user_agent;
          s["current"] = v.current;
          items.push_back(std::move(s));
        }
        Json j = Json::object();
        j["items"] = std::move(items);
        return Response::json(j);
      },
      "My sessions");

  router.del(
      "/api/v1/auth/sessions/{id}", kSignedInFully,
      [&auth, cookie](Request& req) {
        std::string id(req.param("id"));
        auth.revoke_session(req.actor(), id);
        Response r = Response::no_content();
        if (session_of(req) == id) r.header("Set-Cookie", set_cookie(cookie, req, "", 0));
        return r;
      },
      "End one of my sessions");

  router.post(
      "/api/v1/auth/totp/setup", kSignedInFully,
      [&auth](Request& req) {
        TotpSetup s = auth.setup_totp(req.actor());
        Json j = Json::object();
        j["secret"] = s.secret;
        j["otpauth_uri"] = s.otpauth_uri;
        return Response::json(j);
      },
      "Start two-factor enrolment: a new secret and its otpauth URI");

  router.post(
      "/api/v1/auth/totp/enable", kSignedInFully,
      [&auth](Request& req) {
        Json body = req.json();
        JsonFields f(body);
        auto code = f.req_string("code", 20);
        f.finish();
        Json j = Json::object();
        j["recovery_codes"] = auth.enable_totp(req.actor(), code);
        return Response::json(j);
      },
      "Finish two-factor enrolment with a code; returns recovery codes once");

  router.post(
      "/api/v1/auth/totp/disable", kSignedInFully,
      [&auth](Request& req) {
        Json body = req.json();
        JsonFields f(body);
        auto password = read_password(f, "password", "请输入密码");
        f.finish();
        auth.disable_totp(req.actor(), password);
        return Response::no_content();
      },
      "Turn off my two-factor sign-in (not for admins and leaders)");
}

Json token_json(ApiToken const& t) {
  Json j = Json::object();
  j["id"] = t.id;
  j["name"] = t.name;
  j["created_at"] = t.created_at;
  j["expires_at"] = t.expires_at;
  j["scope"] = to_string(t.scope);
  j["last_used_at"] = t.last_used_at ? Json(*t.last_used_at) : Json();
  return j;
}

void add_token_routes(http::Router& router, TokenService& tokens) {
  router.get(
      "/api/v1/tokens", kTokenManagement,
      [&tokens](Request& req) {
        Json items = Json::array();
        for (auto const& t : tokens.list(req.actor())) items.push_back(token_json(t));
        Json j = Json::object();
        j["items"] = std::move(items);
        return Response::json(j);
      },
      "My API tokens");

  router.post(
      "/api/v1/tokens", kTokenManagement,
      [&tokens](Request& req) {
        Json body = req.json();
        JsonFields f(body);
        auto name = f.req_string("name", kMaxTokenNameChars);
        auto days = f.req_int("expires_in_days", 1, kMaxTokenDays);
        auto scope_text = f.opt_string("scope", 20);
        f.finish();
        auto scope = scope_text ? token_scope_from_string(*scope_text) : TokenScope::read_only;
        if (!scope) throw Error::invalid_field("scope", "权限须为 read_only（只读）或 read_write（读写）");
        auto created = tokens.create(req.actor(), name, static_cast<int>(days), *scope);
        Json j = Json::object();
        j["id"] = created.token.id;
        j["name"] = created.token.name;
        j["token"] = created.secret;
        j["expires_at"] = created.token.expires_at;
        j["scope"] = to_string(created.token.scope);
        return Response::json(j, 201);
      },
      "Create an API token (shown once)");

  router.del(
      "/api/v1/tokens/{id}", kTokenManagement,
      [&tokens](Request& req) {
        tokens.revoke(req.actor(), req.id_param());
        return Response::no_content();
      },
      "Revoke one of my API tokens");
}

}  // namespace

void add_auth_routes(http::Router& router, AuthService& auth, UserService& users, TokenService& tokens,
                     SessionCookieConfig cookie) {
  add_sign_in_routes(router, auth, cookie);
  add_own_account_routes(router, auth, users, cookie);
  add_token_routes(router, tokens);
}

}  // namespace zhiku
