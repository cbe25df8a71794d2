// HTTP ↔ account administration (admins only): list, create, read, edit, reset password, reset
// TOTP. Also the User JSON that every identity route answers with.
#pragma once

#include "core/json.hpp"
#include "http/router.hpp"
#include "users/user.hpp"
#include "users/user_service.hpp"

namespace zhiku {

// {id, username, display_name, email, roles: [..], status, must_change_password, totp_enabled,
//  totp_required, expert_id (null if none), created_at, updated_at, version}
void to_json(Json& j, User const& u);

void add_user_routes(http::Router& router, UserService& users);

}  // namespace zhiku
