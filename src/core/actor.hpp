// Who does something and from where, as every use case receives it and the audit log records
// it: the signed-in principal (none for an anonymous caller or the system) and the request's id
// and client address.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "core/error.hpp"
#include "core/principal.hpp"

namespace zhiku {

// Where a request came from, for audit rows and throttling.
struct RequestMeta {
  std::string request_id;
  std::string client_address;
};

struct Actor {
  std::optional<Principal> principal;  // nullopt: an anonymous caller, or the system itself
  RequestMeta meta;

  // The system acting on its own (the command line, the demo seeder): no principal; `source`
  // stands as request id and client address in the audit log.
  static Actor system(std::string const& source = "system") { return {std::nullopt, {source, source}}; }
  // Someone not signed in (a public application form).
  static Actor anonymous(RequestMeta meta) { return {std::nullopt, std::move(meta)}; }
  static Actor of(Principal p, RequestMeta meta) { return {std::move(p), std::move(meta)}; }

  bool signed_in() const { return principal.has_value(); }
  // The signed-in principal. Throws Error::unauthenticated when there is none (a route whose
  // policy requires sign-in never reaches its handler without one).
  Principal const& who() const {
    if (!principal) throw Error::unauthenticated("请先登录");
    return *principal;
  }
  // The principal's user id; 0 for the system or an anonymous caller.
  Id user_id() const { return principal ? principal->user_id : 0; }
  bool is(Role r) const { return principal && principal->is(r); }
  bool has_any(RoleSet s) const { return principal && principal->has_any(s); }
};

}  // namespace zhiku
