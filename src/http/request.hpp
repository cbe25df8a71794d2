// A request as handlers see it: plain data, no Beast types, so domain routes stay cheap to build.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/actor.hpp"
#include "core/json.hpp"
#include "core/principal.hpp"

namespace zhiku::http {

// How the caller proved who they are (set by the application's gate, see server.hpp).
struct Credential {
  enum class Kind { none, session_cookie, bearer_token };
  Kind kind = Kind::none;
  std::string session_id;  // session_cookie: the session's public id (how the API names it)
  std::string csrf_token;  // session_cookie: what every unsafe request must echo in X-CSRF-Token

  bool is_session() const { return kind == Kind::session_cookie; }
};

struct Request {
  std::string method;                                        // "GET", "POST", … (HEAD is routed as GET)
  std::string target;                                        // raw request target
  std::string path;                                          // decoded path, without the query
  std::vector<std::pair<std::string, std::string>> query;    // decoded, in order
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-case
  std::vector<std::pair<std::string, std::string>> params;   // path parameters, e.g. {"id", "42"}
  std::string body;
  std::string client_address;
  std::string request_id;
  std::string route;  // the matched route pattern, e.g. "/api/v1/experts/{id}"
  bool is_tls = false;
  std::optional<Principal> principal;  // set by the gate when signed in
  Credential credential;               // set by the gate with the principal

  // First header with this (lower-case) name.
  std::optional<std::string_view> header(std::string_view name) const;
  std::optional<std::string_view> cookie(std::string_view name) const;
  std::optional<std::string_view> query_param(std::string_view name) const;
  std::string_view param(std::string_view name) const;  // "" when absent

  // Path parameter as a positive id. Throws Error{not_found} when it is not one (a malformed id
  // names no resource).
  Id id_param(std::string_view name = "id") const;
  // Optional query parameter as an integer in [min, max]. Throws Error{invalid_argument} naming it.
  std::optional<long long> query_int(std::string_view name, long long min, long long max) const;

  // The version named by If-Match ("N" or W/"N"), or nullopt without the header. Throws
  // Error{precondition_failed} when the header names no version (it cannot match the resource).
  std::optional<std::int64_t> if_match_version() const;
  // The version an update is based on (SPEC: optimistic concurrency): the body's "version", else
  // If-Match. Throws Error::invalid_field("version", …) when neither is given or the body's is
  // not a positive integer, Error{precondition_failed} for an If-Match that names no version.
  std::int64_t expected_version(Json const& body) const;

  // The body as JSON. Throws Error{unsupported_media_type} unless Content-Type is
  // application/json, Error{invalid_argument} when malformed.
  Json json() const;

  // The signed-in caller. Throws Error{unauthenticated} when there is none (routes whose policy
  // requires sign-in never reach their handler without one).
  Principal const& who() const;
  RequestMeta meta() const { return {request_id, client_address}; }
  // The caller as use cases take it: the principal (if any) and the request's id and address.
  Actor actor() const { return {principal, meta()}; }
};

// Pagination from ?page=&page_size= (page_size at most 100). Throws Error{invalid_argument}.
struct Page {
  int page = 1;
  int page_size = 20;
  int offset() const { return (page - 1) * page_size; }
};
Page page_of(Request const& req);
// The envelope of every list: {items, total, page, page_size} (callers may add keys, such as
// facets or the unread count).
Json page_json(Page const& page, Json items, std::int64_t total);

}  // namespace zhiku::http
