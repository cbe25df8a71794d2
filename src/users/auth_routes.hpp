// HTTP ↔ sign-in, the caller's own account (password, sessions, TOTP) and API tokens.
#pragma once

#include "http/router.hpp"
#include "users/account_gate.hpp"
#include "users/auth_service.hpp"
#include "users/token_service.hpp"
#include "users/user_service.hpp"

namespace zhiku {

void add_auth_routes(http::Router& router, AuthService& auth, UserService& users, TokenService& tokens,
                     SessionCookieConfig cookie);

}  // namespace zhiku
