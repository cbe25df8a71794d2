// The gate app injects into the HTTP server (http::Gate): it authenticates a request by its
// bearer token or session cookie, and holds an account that still owes a sign-in step (a new
// password, the second factor, TOTP enrolment) to the routes exempt from that step. The role
// check of the route's policy and the CSRF check are the server's.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "http/router.hpp"
#include "http/server.hpp"
#include "users/auth_service.hpp"
#include "users/user.hpp"

namespace zhiku {

// The bits of http::Policy::exempt this gate reads: the steps during which a route stays callable.
enum AccountStep : std::uint32_t {
  kDuringPasswordChange = 1u << 0,
  kDuringSecondFactor = 1u << 1,
  kDuringTotpEnrolment = 1u << 2,
  // Not a step: the route manages the account itself (tokens, password, TOTP, sessions, other
  // accounts) and answers only to a signed-in person, never to an API token (issue 9: a token
  // minted tokens and enabled TOTP on its owner's account).
  kSessionOnly = 1u << 3,
};

// What the gate answers (problem+json detail, Chinese) when a step is owed.
namespace account_refusal {
inline constexpr char kPasswordChangeFirst[] = "请先修改密码";
inline constexpr char kTotpEnrolmentFirst[] = "请先设置两步验证";
inline constexpr char kNotForTokens[] = "API 令牌不能管理令牌、密码、两步验证、会话或账号，请登录网页后操作";
inline constexpr char kReadOnlyToken[] = "该 API 令牌只读，不能修改数据";
// A second factor still owed counts as not signed in: http::refusal::kSignInRequired (401).
}  // namespace account_refusal

// The refusal for an account in `state` calling a route that requires sign-in and is exempt
// from the steps in `exempt`, or nullopt when it may call it. Pure.
std::optional<http::Refusal> refusal_for(AccountState const& state, std::uint32_t exempt);

inline constexpr std::string_view kSessionCookie = "zhiku_session";
// Over TLS: Secure, and the __Host- prefix pins it to this host and path "/".
inline constexpr std::string_view kSecureSessionCookie = "__Host-zhiku_session";

struct SessionCookieConfig {
  bool always_secure = false;  // auth.secure_cookies, or a TLS proxy in front; TLS requests always are
};

// The cookie name for a request: the __Host- one when served securely.
std::string_view session_cookie_name(SessionCookieConfig const& config, bool request_is_tls);

// The refusal for an API token of `scope` calling `method` on a route whose policy exempts
// `exempt`: 403 on kSessionOnly routes, and on every unsafe method for a read-only token. Pure.
std::optional<http::Refusal> token_refusal_for(TokenScope scope, std::string_view method, std::uint32_t exempt);

// Reads `Authorization: Bearer <token>` (when present, nothing else counts) or the session
// cookie, then applies refusal_for on routes that require sign-in, and token_refusal_for to a token. Thread-safe; `auth` must
// outlive the returned function.
http::Gate make_account_gate(AuthService const& auth, SessionCookieConfig cookie);

}  // namespace zhiku
