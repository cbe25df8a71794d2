#include "users/token_service.hpp"

#include <chrono>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/json.hpp"

namespace zhiku {

TokenService::TokenService(storage::Database& db, AuditLog const& audit, Clock const& clock)
    : db_(db), audit_(audit), clock_(clock) {}

std::vector<ApiToken> TokenService::list(Actor const& actor) const {
  auto c = db_.read();
  return store_.list_for_user(*c, actor.who().user_id);
}

CreatedToken TokenService::create(Actor const& actor, std::string const& name, int expires_in_days,
                                  TokenScope scope) {
  std::vector<FieldError> errors;
  auto chars = utf8_length(name);
  if (chars < 1 || chars > kMaxTokenNameChars) errors.push_back({"name", "名称须为 1 至 50 个字符"});
  if (expires_in_days < 1 || expires_in_days > kMaxTokenDays)
    errors.push_back({"expires_in_days", "有效期须为 1 至 366 天"});
  Error::throw_if_any(std::move(errors));

  auto now = clock_.now();
  CreatedToken out;
  out.secret = "zk_" + random_token(32);
  out.token.user_id = actor.who().user_id;
  out.token.name = name;
  out.token.scope = scope;
  out.token.created_at = to_iso(now);
  out.token.expires_at = to_iso(now + std::chrono::hours(24) * expires_in_days);
  db_.write([&](storage::Connection& c) {
    out.token.id = store_.insert(c, out.token, sha256_hex(out.secret));
    Json diff = Json::object();
    diff["name"] = out.token.name;
    diff["expires_at"] = out.token.expires_at;
    diff["scope"] = to_string(scope);
    audit_.record(c, actor, "token.create", "api_token", out.token.id, diff);
  });
  return out;
}

void TokenService::revoke(Actor const& actor, Id id) {
  Id const user_id = actor.who().user_id;
  db_.write([&](storage::Connection& c) {
    if (!store_.revoke(c, user_id, id, clock_.now_iso())) throw Error::not_found("令牌不存在");
    audit_.record(c, actor, "token.revoke", "api_token", id, Json::object());
  });
}

}  // namespace zhiku
