#include "users/token_service.hpp"

#include <chrono>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/json.hpp"

namespace zhiku {

TokenService::TokenService(storage::Database& db, AuditLog const& audit) : db_(db), audit_(audit) {}

std::vector<ApiToken> TokenService::list(Principal const& who) const {
  auto c = db_.read();
  return store_.list_for_user(*c, who.user_id);
}

CreatedToken TokenService::create(Principal const& who, RequestMeta const& meta, std::string const& name,
                                  int expires_in_days) {
  std::vector<FieldError> errors;
  auto chars = utf8_length(name);
  if (chars < 1 || chars > kMaxTokenNameChars) errors.push_back({"name", "名称须为 1 至 50 个字符"});
  if (expires_in_days < 1 || expires_in_days > kMaxTokenDays)
    errors.push_back({"expires_in_days", "有效期须为 1 至 366 天"});
  if (!errors.empty()) throw Error::invalid_fields(std::move(errors));

  auto now = std::chrono::system_clock::now();
  CreatedToken out;
  out.secret = "zk_" + random_token(32);
  out.token.user_id = who.user_id;
  out.token.name = name;
  out.token.created_at = to_iso(now);
  out.token.expires_at = to_iso(now + std::chrono::hours(24) * expires_in_days);
  db_.write([&](storage::Connection& c) {
    out.token.id = store_.insert(c, out.token, sha256_hex(out.secret));
    Json diff = Json::object();
    diff["name"] = out.token.name;
    diff["expires_at"] = out.token.expires_at;
    audit_.record(c, &who, meta, "token.create", "api_token", out.token.id, diff);
  });
  return out;
}

void TokenService::revoke(Principal const& who, RequestMeta const& meta, Id id) {
  db_.write([&](storage::Connection& c) {
    if (!store_.revoke(c, who.user_id, id, now_iso())) throw Error(Errc::not_found, "令牌不存在");
    audit_.record(c, &who, meta, "token.revoke", "api_token", id, Json::object());
  });
}

}  // namespace zhiku
