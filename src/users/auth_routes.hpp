// HTTP ↔ sign-in, the caller's own account (password, sessions, TOTP) and API tokens; and the
// Authenticator that turns a request's session cookie or bearer token into a Principal.
#pragma once

#include <string_view>

#include "http/router.hpp"
#include "http/server.hpp"
#include "users/auth_service.hpp"
#include "users/token_service.hpp"
#include "users/user_service.hpp"

namespace zhiku {

inline constexpr std::string_view kSessionCookie = "zhiku_session";
// Over TLS: Secure, and the __Host- prefix pins it to this host and path "/".
inline constexpr std::string_view kSecureSessionCookie = "__Host-zhiku_session";

struct SessionCookieConfig {
  bool always_secure = false;  // auth.secure_cookies, or a TLS proxy in front; TLS requests always are
};

// The cookie name for a request: the __Host- one when served securely.
std::string_view session_cookie_name(SessionCookieConfig const& config, bool request_is_tls);

void add_auth_routes(http::Router& router, AuthService& auth, UserService& users, TokenService& tokens,
                     SessionCookieConfig cookie);

// Reads `Authorization: Bearer <token>` (when present, nothing else counts) or the session
// cookie. Thread-safe; `auth` must outlive the returned function.
http::Authenticator make_authenticator(AuthService const& auth, SessionCookieConfig cookie);

}  // namespace zhiku
