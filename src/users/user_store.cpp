#include "users/user_store.hpp"

#include "core/error.hpp"
#include "storage/error.hpp"

namespace zhiku {

User user_from_row(storage::Statement const& s, int first) {
  int i = first;
  User u;
  u.id = s.int64(i++);
  u.username = s.text(i++);
  u.display_name = s.text(i++);
  u.email = s.text(i++);
  u.roles = RoleSet::from_bits(static_cast<unsigned>(s.int64(i++)));
  u.status = user_status_from_string(s.text_view(i++)).value_or(UserStatus::disabled);
  u.must_change_password = s.int64(i++) != 0;
  u.totp_enabled = s.int64(i++) != 0;
  u.created_at = s.text(i++);
  u.updated_at = s.text(i++);
  u.version = s.int64(i++);
  return u;
}

namespace {

User row_to_user(storage::Statement const& s) { return user_from_row(s, 0); }

UserWithSecrets row_to_user_with_secrets(storage::Statement const& s) {
  UserWithSecrets out;
  out.user = row_to_user(s);
  out.secrets.password_hash = s.text(kUserColumnCount);
  out.secrets.totp_secret = s.opt_text(kUserColumnCount + 1);
  out.secrets.totp_last_step = s.int64(kUserColumnCount + 2);
  return out;
}

}  // namespace

User UserStore::insert(storage::Connection& c, NewUser const& u, std::string const& password_hash,
                       bool must_change_password, std::string const& now) const {
  static constexpr char kInsert[] =
      "INSERT INTO users (username, display_name, email, roles, password_hash, must_change_password, created_at, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  storage::unique_or(Error(Errc::conflict, "username: 用户名已被使用", {{"username", "用户名已被使用"}}), [&] {
    c.exec(kInsert, u.username, u.display_name, u.email, static_cast<std::int64_t>(u.roles.bits()), password_hash,
           must_change_password, now, now);
  });
  User out;
  out.id = c.last_insert_id();
  out.username = u.username;
  out.display_name = u.display_name;
  out.email = u.email;
  out.roles = u.roles;
  out.must_change_password = must_change_password;
  out.created_at = now;
  out.updated_at = now;
  return out;
}

std::optional<User> UserStore::find_by_id(storage::Connection& c, Id id) const {
  static constexpr char kFind[] = "SELECT " ZHIKU_USER_COLUMNS("") " FROM users WHERE id = ?";
  return c.query_one(kFind, row_to_user, id);
}

std::optional<User> UserStore::find_by_username(storage::Connection& c, std::string const& username) const {
  static constexpr char kFind[] = "SELECT " ZHIKU_USER_COLUMNS("") " FROM users WHERE username = ?";
  return c.query_one(kFind, row_to_user, username);
}

std::optional<UserWithSecrets> UserStore::find_with_secrets(storage::Connection& c, std::string const& username) const {
  static constexpr char kFind[] =
      "SELECT " ZHIKU_USER_COLUMNS("") ", password_hash, totp_secret, totp_last_step FROM users WHERE username = ?";
  return c.query_one(kFind, row_to_user_with_secrets, username);
}

std::optional<UserWithSecrets> UserStore::find_with_secrets(storage::Connection& c, Id id) const {
  static constexpr char kFind[] =
      "SELECT " ZHIKU_USER_COLUMNS("") ", password_hash, totp_secret, totp_last_step FROM users WHERE id = ?";
  return c.query_one(kFind, row_to_user_with_secrets, id);
}

std::pair<std::vector<User>, std::int64_t> UserStore::list(storage::Connection& c, UserFilter const& f) const {
  // ?1 text filter, ?2 role bit, ?3 status; NULL means "any".
#define ZHIKU_USER_FILTER                                                                      \
  " WHERE (?1 IS NULL OR instr(lower(username), lower(?1)) > 0 OR instr(display_name, ?1) > 0" \
  "        OR instr(lower(email), lower(?1)) > 0)"                                             \
  "   AND (?2 IS NULL OR (roles & ?2) <> 0)"                                                   \
  "   AND (?3 IS NULL OR status = ?3)"
  static constexpr char kList[] =
      "SELECT " ZHIKU_USER_COLUMNS("") " FROM users" ZHIKU_USER_FILTER " ORDER BY username LIMIT ?4 OFFSET ?5";
  static constexpr char kCount[] = "SELECT count(*) FROM users" ZHIKU_USER_FILTER;
#undef ZHIKU_USER_FILTER
  std::optional<std::int64_t> role_bit;
  if (f.role) role_bit = static_cast<std::int64_t>(RoleSet{*f.role}.bits());
  std::optional<std::string> status;
  if (f.status) status = std::string(to_string(*f.status));

  auto items = c.query_all(kList, row_to_user, f.q, role_bit, status, f.limit, f.offset);
  auto total = c.query_one(kCount, storage::first_column<std::int64_t>, f.q, role_bit, status);
  return {std::move(items), total.value_or(0)};
}

bool UserStore::update(storage::Connection& c, User const& u, std::int64_t expected_version,
                       std::string const& now) const {
  static constexpr char kUpdate[] =
      "UPDATE users SET display_name = ?, email = ?, roles = ?, status = ?, updated_at = ?, version = version + 1 "
      "WHERE id = ? AND version = ?";
  c.exec(kUpdate, u.display_name, u.email, static_cast<std::int64_t>(u.roles.bits()), to_string(u.status), now, u.id,
         expected_version);
  return c.changes() == 1;
}

void UserStore::set_password(storage::Connection& c, Id id, std::string const& hash, bool must_change_password,
                             std::string const& now) const {
  static constexpr char kSet[] =
      "UPDATE users SET password_hash = ?, must_change_password = ?, updated_at = ? WHERE id = ?";
  c.exec(kSet, hash, must_change_password, now, id);
}

void UserStore::upgrade_hash(storage::Connection& c, Id id, std::string const& old_hash,
                             std::string const& new_hash) const {
  static constexpr char kUpgrade[] = "UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?";
  c.exec(kUpgrade, new_hash, id, old_hash);
}

void UserStore::set_totp(storage::Connection& c, Id id, std::optional<std::string> const& secret, bool enabled,
                         std::string const& now) const {
  static constexpr char kSet[] = "UPDATE users SET totp_secret = ?, totp_enabled = ?, updated_at = ? WHERE id = ?";
  c.exec(kSet, secret, enabled, now, id);
}

std::vector<std::pair<Id, std::string>> UserStore::totp_keys(storage::Connection& c) const {
  static constexpr char kSql[] = "SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL ORDER BY id";
  return c.query_all(kSql, [](storage::Statement const& s) { return std::make_pair(s.int64(0), s.text(1)); });
}

void UserStore::replace_totp_key(storage::Connection& c, Id id, std::string const& key) const {
  c.exec("UPDATE users SET totp_secret = ? WHERE id = ?", key, id);
}

bool UserStore::use_totp_step(storage::Connection& c, Id id, std::int64_t step) const {
  static constexpr char kUse[] = "UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?";
  c.exec(kUse, step, id, step);
  return c.changes() == 1;
}

std::vector<Id> UserStore::active_ids_with_roles(storage::Connection& c, RoleSet roles) const {
  // users.roles is RoleSet's bit mask (0002_identity.sql).
  static constexpr char kSql[] = "SELECT id FROM users WHERE status = 'active' AND (roles & ?) <> 0 ORDER BY id";
  return c.query_all(kSql, storage::first_column<Id>, static_cast<std::int64_t>(roles.bits()));
}

bool UserStore::username_taken(storage::Connection& c, std::string const& username) const {
  static constexpr char kTaken[] = "SELECT 1 FROM users WHERE username = ?";
  return c.has_row(kTaken, username);
}

void UserStore::replace_recovery_codes(storage::Connection& c, Id user_id,
                                       std::vector<std::string> const& code_hashes) const {
  static constexpr char kClear[] = "DELETE FROM recovery_codes WHERE user_id = ?";
  static constexpr char kInsert[] = "INSERT OR IGNORE INTO recovery_codes (user_id, code_hash) VALUES (?, ?)";
  c.exec(kClear, user_id);
  for (auto const& h : code_hashes) c.exec(kInsert, user_id, h);
}

bool UserStore::use_recovery_code(storage::Connection& c, Id user_id, std::string const& code_hash,
                                  std::string const& now) const {
  static constexpr char kUse[] =
      "UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL";
  c.exec(kUse, now, user_id, code_hash);
  return c.changes() == 1;
}

}  // namespace zhiku
