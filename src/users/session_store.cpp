#include "users/session_store.hpp"

#include "users/user_store.hpp"

namespace zhiku {

namespace {

// clang-format off
#define ZHIKU_SESSION_COLUMNS(t)                                                                       \
  t "id, " t "public_id, " t "user_id, " t "csrf_token, " t "created_at, " t "last_seen_at, "          \
  t "expires_at, " t "client_address, " t "user_agent, " t "second_factor_pending"
// clang-format on
constexpr int kSessionColumnCount = 10;

Session session_from_row(storage::Statement const& s) {
  Session out;
  out.id = s.text(0);
  out.public_id = s.text(1);
  out.user_id = s.int64(2);
  out.csrf_token = s.text(3);
  out.created_at = s.text(4);
  out.last_seen_at = s.text(5);
  out.expires_at = s.text(6);
  out.client_address = s.text(7);
  out.user_agent = s.text(8);
  out.second_factor_pending = s.int64(9) != 0;
  return out;
}

#define ZHIKU_TOKEN_COLUMNS(t)                                                                   \
  t "id, " t "user_id, " t "name, " t "created_at, " t "expires_at, " t "last_used_at, " t "revoked_at, " \
  t "scope"
constexpr int kTokenColumnCount = 8;

ApiToken token_from_row(storage::Statement const& s) {
  ApiToken t;
  t.id = s.int64(0);
  t.user_id = s.int64(1);
  t.name = s.text(2);
  t.created_at = s.text(3);
  t.expires_at = s.text(4);
  t.last_used_at = s.opt_text(5);
  t.revoked_at = s.opt_text(6);
  t.scope = token_scope_from_string(s.text_view(7)).value_or(TokenScope::read_only);
  return t;
}

}  // namespace

// ---------------------------------------------------------------------------------- sessions --

void SessionStore::insert(storage::Connection& c, Session const& s) const {
  static constexpr char kInsert[] =
      "INSERT INTO sessions (" ZHIKU_SESSION_COLUMNS("") ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  c.exec(kInsert, s.id, s.public_id, s.user_id, s.csrf_token, s.created_at, s.last_seen_at, s.expires_at,
         s.client_address, s.user_agent, s.second_factor_pending);
}

std::optional<SessionWithUser> SessionStore::find(storage::Connection& c, std::string const& id) const {
  static constexpr char kFind[] = "SELECT " ZHIKU_SESSION_COLUMNS("s.") ", " ZHIKU_USER_COLUMNS(
      "u.") " FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?";
  auto s = c.prepare(kFind);
  bind_all(s, id);
  if (!s.step()) return std::nullopt;
  return SessionWithUser{session_from_row(s), user_from_row(s, kSessionColumnCount)};
}

std::vector<Session> SessionStore::list_for_user(storage::Connection& c, Id user_id) const {
  static constexpr char kList[] =
      "SELECT " ZHIKU_SESSION_COLUMNS("") " FROM sessions WHERE user_id = ? ORDER BY created_at DESC, public_id";
  return c.query_all(kList, session_from_row, user_id);
}

std::optional<Session> SessionStore::find_public(storage::Connection& c, Id user_id,
                                                 std::string const& public_id) const {
  static constexpr char kFind[] =
      "SELECT " ZHIKU_SESSION_COLUMNS("") " FROM sessions WHERE user_id = ? AND public_id = ?";
  return c.query_one(kFind, session_from_row, user_id, public_id);
}

void SessionStore::touch(storage::Connection& c, std::string const& id, std::string const& now) const {
  static constexpr char kTouch[] = "UPDATE sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?";
  c.exec(kTouch, now, id, now);
}

bool SessionStore::complete_second_factor(storage::Connection& c, Id user_id, std::string const& public_id,
                                          std::string const& expires_at) const {
  static constexpr char kComplete[] =
      "UPDATE sessions SET second_factor_pending = 0, expires_at = ? "
      "WHERE user_id = ? AND public_id = ? AND second_factor_pending = 1";
  c.exec(kComplete, expires_at, user_id, public_id);
  return c.changes() == 1;
}

bool SessionStore::remove(storage::Connection& c, std::string const& id) const {
  static constexpr char kRemove[] = "DELETE FROM sessions WHERE id = ?";
  c.exec(kRemove, id);
  return c.changes() == 1;
}

bool SessionStore::remove_public(storage::Connection& c, Id user_id, std::string const& public_id) const {
  static constexpr char kRemove[] = "DELETE FROM sessions WHERE user_id = ? AND public_id = ?";
  c.exec(kRemove, user_id, public_id);
  return c.changes() == 1;
}

int SessionStore::remove_for_user(storage::Connection& c, Id user_id,
                                  std::optional<std::string> const& keep_public_id) const {
  static constexpr char kRemove[] = "DELETE FROM sessions WHERE user_id = ?1 AND (?2 IS NULL OR public_id <> ?2)";
  c.exec(kRemove, user_id, keep_public_id);
  return c.changes();
}

int SessionStore::remove_expired(storage::Connection& c, std::string const& now, std::string const& idle_cutoff) const {
  static constexpr char kRemove[] = "DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at < ?";
  c.exec(kRemove, now, idle_cutoff);
  return c.changes();
}

// ------------------------------------------------------------------------------------ tokens --

Id TokenStore::insert(storage::Connection& c, ApiToken const& t, std::string const& token_hash) const {
  static constexpr char kInsert[] =
      "INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at, scope) VALUES (?, ?, ?, ?, ?, ?)";
  c.exec(kInsert, t.user_id, t.name, token_hash, t.created_at, t.expires_at, std::string(to_string(t.scope)));
  return c.last_insert_id();
}

std::optional<TokenWithUser> TokenStore::find_by_hash(storage::Connection& c, std::string const& token_hash) const {
  static constexpr char kFind[] = "SELECT " ZHIKU_TOKEN_COLUMNS("t.") ", " ZHIKU_USER_COLUMNS(
      "u.") " FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?";
  auto s = c.prepare(kFind);
  bind_all(s, token_hash);
  if (!s.step()) return std::nullopt;
  return TokenWithUser{token_from_row(s), user_from_row(s, kTokenColumnCount)};
}

std::vector<ApiToken> TokenStore::list_for_user(storage::Connection& c, Id user_id) const {
  static constexpr char kList[] =
      "SELECT " ZHIKU_TOKEN_COLUMNS("") " FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL ORDER BY id DESC";
  auto s = c.prepare(kList);
  bind_all(s, user_id);
  std::vector<ApiToken> out;
  while (s.step()) out.push_back(token_from_row(s));
  return out;
}

std::optional<ApiToken> TokenStore::find(storage::Connection& c, Id user_id, Id id) const {
  static constexpr char kFind[] = "SELECT " ZHIKU_TOKEN_COLUMNS("") " FROM api_tokens WHERE user_id = ? AND id = ?";
  auto s = c.prepare(kFind);
  bind_all(s, user_id, id);
  if (!s.step()) return std::nullopt;
  return token_from_row(s);
}

void TokenStore::touch(storage::Connection& c, Id id, std::string const& now) const {
  static constexpr char kTouch[] = "UPDATE api_tokens SET last_used_at = ? WHERE id = ?";
  c.exec(kTouch, now, id);
}

bool TokenStore::revoke(storage::Connection& c, Id user_id, Id id, std::string const& now) const {
  static constexpr char kRevoke[] =
      "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND id = ? AND revoked_at IS NULL";
  c.exec(kRevoke, now, user_id, id);
  return c.changes() == 1;
}

int TokenStore::revoke_for_user(storage::Connection& c, Id user_id, std::string const& now) const {
  static constexpr char kRevoke[] = "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL";
  c.exec(kRevoke, now, user_id);
  return c.changes();
}

}  // namespace zhiku
