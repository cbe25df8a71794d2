// The route table: every route is registered with its access policy, so the policy is data that
// the role-matrix test reads (HotCRP's API map). A route without a policy cannot be declared.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/principal.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/upload.hpp"

namespace zhiku::http {

// What the server answers when the route's policy refuses a call (problem+json detail; the web
// UI shows it as it is, so it is Chinese like the rest of the product's messages).
namespace refusal {
inline constexpr char kSignInRequired[] = "请先登录";
inline constexpr char kRoleNotAllowed[] = "您的角色无权执行此操作";
inline constexpr char kCsrfMissing[] = "缺少或错误的 X-CSRF-Token 请求头";
}  // namespace refusal

// Who may call a route: roles only. Relation checks (author, assigned reviewer, self…) are the
// service's why_not(); `relation` documents them and the role matrix prints it.
struct Policy {
  enum class Who { anyone, signed_in, roles };
  Who who = Who::signed_in;
  RoleSet roles;         // for Who::roles: any of these
  std::string relation;  // e.g. "self", "author", "coordinator or the expert"
  // Bits that only the application's gate reads (server.hpp; users: the sign-in steps still owed
  // during which the route stays callable, users/account_gate.hpp). http never interprets them.
  std::uint32_t exempt = 0;

  static Policy anyone() { return {Who::anyone, {}, "", 0}; }
  static Policy signed_in(std::string relation = "") { return {Who::signed_in, {}, std::move(relation), 0}; }
  static Policy any_of(RoleSet roles, std::string relation = "") { return {Who::roles, roles, std::move(relation), 0}; }
  // Whether `p` (nullptr: anonymous) passes the role check: 0 = yes, 401 or 403 = the refusal.
  int gate(Principal const* p) const;
};

// Where the handler runs: inline on the io thread (reads taking microseconds), or on the worker
// pool (anything that writes, hashes a password or may take longer); io threads never wait on
// an fsync.
enum class Exec { inline_read, worker };

using Handler = std::function<Response(Request&)>;

struct Route {
  std::string method;   // GET, POST, PUT, PATCH, DELETE
  std::string pattern;  // "/api/v1/experts/{id}"
  Policy policy;
  Handler handler;
  Exec exec = Exec::inline_read;
  std::string summary;          // one line for the route list and the OpenAPI cross-check
  bool accepts_upload = false;  // body may be up to ServerConfig::upload_limit_bytes
  // A streaming upload (Router::post_stream): `handler` is unused; the body goes piece by piece
  // into open_sink's sink, then finish answers. See http/upload.hpp.
  OpenSink open_sink{};
  FinishUpload finish{};
  std::size_t max_body_bytes = 0;  // for streaming uploads: a larger body answers 413

  bool is_stream() const { return static_cast<bool>(open_sink); }
};

struct Match {
  Route const* route = nullptr;
  std::vector<std::pair<std::string, std::string>> params;
  std::vector<std::string> allowed;  // methods for the path when the method did not match
};

class Router {
 public:
  // Registers a route. Unsafe methods default to Exec::worker. Throws std::logic_error on a
  // duplicate method+pattern or a malformed pattern (at start-up, never per request).
  void add(Route route);
  void get(std::string pattern, Policy policy, Handler h, std::string summary = "");
  void post(std::string pattern, Policy policy, Handler h, std::string summary = "");
  void put(std::string pattern, Policy policy, Handler h, std::string summary = "");
  void patch(std::string pattern, Policy policy, Handler h, std::string summary = "");
  void del(std::string pattern, Policy policy, Handler h, std::string summary = "");
  // A POST whose body streams into a sink instead of memory (uploads; see http/upload.hpp).
  void post_stream(std::string pattern, Policy policy, OpenSink open_sink, FinishUpload finish,
                   StreamOptions options = {});

  // Finds the route for method+path. HEAD matches GET. `route` null and `allowed` empty: no such
  // path (404); `allowed` non-empty: wrong method (405).
  Match match(std::string_view method, std::string_view path) const;
  std::vector<Route> const& routes() const { return routes_; }

 private:
  struct Compiled {
    std::vector<std::string> segments;  // "{name}" for parameters
  };
  std::vector<Route> routes_;
  std::vector<Compiled> compiled_;
};

}  // namespace zhiku::http
