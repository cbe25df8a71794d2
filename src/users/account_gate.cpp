// Authentication and the sign-in steps an account owes, in front of every API route.
#include "users/account_gate.hpp"

#include <string>

namespace zhiku {

std::optional<http::Refusal> refusal_for(AccountState const& state, std::uint32_t exempt) {
  if (state.second_factor_pending && !(exempt & kDuringSecondFactor))
    return http::Refusal{401, http::refusal::kSignInRequired};
  if (state.must_change_password && !(exempt & kDuringPasswordChange))
    return http::Refusal{403, account_refusal::kPasswordChangeFirst};
  if (state.must_enrol_totp && !(exempt & kDuringTotpEnrolment))
    return http::Refusal{403, account_refusal::kTotpEnrolmentFirst};
  return std::nullopt;
}

std::optional<http::Refusal> token_refusal_for(TokenScope scope, std::string_view method, std::uint32_t exempt) {
  if (exempt & kSessionOnly) return http::Refusal{403, account_refusal::kNotForTokens};
  bool const safe = method == "GET" || method == "HEAD" || method == "OPTIONS";
  if (scope == TokenScope::read_only && !safe) return http::Refusal{403, account_refusal::kReadOnlyToken};
  return std::nullopt;
}

std::string_view session_cookie_name(SessionCookieConfig const& config, bool request_is_tls) {
  return config.always_secure || request_is_tls ? kSecureSessionCookie : kSessionCookie;
}

namespace {

std::optional<Authenticated> authenticate(AuthService const& auth, SessionCookieConfig cookie, http::Request const& req,
                                          http::Credential::Kind& kind) {
  if (auto h = req.header("authorization")) {
    kind = http::Credential::Kind::bearer_token;
    std::string_view v = *h;
    if (v.size() <= 7 || lower_ascii(v.substr(0, 7)) != "bearer ") return std::nullopt;
    v.remove_prefix(7);
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    return auth.authenticate_token(v);
  }
  kind = http::Credential::Kind::session_cookie;
  if (auto token = req.cookie(session_cookie_name(cookie, req.is_tls))) return auth.authenticate_session(*token);
  return std::nullopt;
}

}  // namespace

http::Gate make_account_gate(AuthService const& auth, SessionCookieConfig cookie) {
  return [&auth, cookie](http::Request const& req, http::Route const& route) {
    http::Admission admitted;
    http::Credential::Kind kind = http::Credential::Kind::none;
    auto caller = authenticate(auth, cookie, req, kind);
    if (!caller) return admitted;
    admitted.principal = std::move(caller->principal);
    admitted.credential.kind = kind;
    admitted.credential.session_id = std::move(caller->session_id);
    admitted.credential.csrf_token = std::move(caller->csrf_token);
    if (route.policy.who != http::Policy::Who::anyone) {
      admitted.refusal = refusal_for(caller->state, route.policy.exempt);
      if (!admitted.refusal && caller->token_scope)
        admitted.refusal = token_refusal_for(*caller->token_scope, req.method, route.policy.exempt);
    }
    return admitted;
  };
}

}  // namespace zhiku
