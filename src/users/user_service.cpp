#include "users/user_service.hpp"

#include <cctype>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "users/login_throttle.hpp"
#include "users/password.hpp"
#include "users/user_rules.hpp"

namespace zhiku {

namespace {

// A random secret needs no key stretching; this cost only keeps the stored form an ordinary
// argon2id hash that verify_password and needs_rehash understand.
constexpr PasswordHashParams kOneTimeHashParams{1, 1024u * 1024u};

void check_password_strength(std::string_view password, std::string_view username, char const* field) {
  if (auto why = why_weak(password, username)) throw Error::invalid_field(field, *why);
}

}  // namespace

std::pair<std::string, std::string> new_one_time_password(std::string_view username) {
  for (;;) {
    std::string password = random_token(12);  // 16 characters, 96 bits
    if (why_weak(password, username)) continue;
    return {password, hash_password(password, kOneTimeHashParams)};
  }
}

Json audit_view(User const& u) {
  Json j = Json::object();
  j["username"] = u.username;
  j["display_name"] = u.display_name;
  j["email"] = u.email;
  j["roles"] = u.roles.names();
  j["status"] = to_string(u.status);
  j["expert_id"] = u.expert_id ? Json(*u.expert_id) : Json();
  return j;
}

UserService::UserService(storage::Database& db, AuditLog const& audit, PasswordHasher& hasher, Clock const& clock,
                         AccountLinks const& links, AuthConfig const& auth)
    : db_(db),
      audit_(audit),
      hasher_(hasher),
      clock_(clock),
      links_(links),
      throttle_(sign_in_rules(auth.login_max_failures, auth.login_max_failures_per_address, auth.login_lockout_seconds,
                              auth.login_failure_window_minutes)) {}

User UserService::load(storage::Connection& c, Id id) const {
  auto u = store_.find_by_id(c, id);
  if (!u) throw Error::not_found("用户不存在");
  links_.fill(c, *u);
  return *u;
}

void UserService::end_sessions(storage::Connection& c, Id user_id,
                               std::optional<std::string> const& keep_public_id) const {
  sessions_.remove_for_user(c, user_id, keep_public_id);
}

// ------------------------------------------------------------------------------ administration --

CreatedUser UserService::create(Actor const& actor, NewUser const& u) {
  Error::throw_if_any(validate_new_user(u));
  return db_.write([&](storage::Connection& c) {
    auto [user, password] = create_in(c, actor, u);
    return CreatedUser{std::move(user), std::move(password)};
  });
}

std::pair<User, std::string> UserService::create_in(storage::Connection& c, Actor const& actor,
                                                    NewUser const& u) const {
  Error::throw_if_any(validate_new_user(u));
  auto [password, hash] = new_one_time_password(u.username);
  User user = store_.insert(c, u, hash, /*must_change_password=*/true, clock_.now_iso());
  audit_.record(c, actor, "user.create", "user", user.id, audit_diff(Json::object(), audit_view(user)));
  return {std::move(user), std::move(password)};
}

User UserService::update(Actor const& actor, Id id, std::int64_t expected_version, UserPatch const& patch) {
  Error::throw_if_any(validate_patch(patch));
  return db_.write([&](storage::Connection& c) {
    User before = load(c, id);
    if (actor.principal)
      if (auto why = why_not_edit(*actor.principal, before, patch)) throw Error::denied(*why);
    User after = before;
    if (patch.display_name) after.display_name = *patch.display_name;
    if (patch.email) after.email = *patch.email;
    if (patch.roles) after.roles = *patch.roles;
    if (patch.status) after.status = *patch.status;
    auto now = clock_.now_iso();
    if (!store_.update(c, after, expected_version, now))
      throw Error::precondition_failed("该用户已被他人修改，请刷新后重试");
    after.version = expected_version + 1;
    after.updated_at = now;
    bool disabling = before.is_active() && !after.is_active();
    if (disabling) {
      end_sessions(c, id, std::nullopt);
      tokens_.revoke_for_user(c, id, now);
    }
    std::string action = disabling                                    ? "user.disable"
                         : (!before.is_active() && after.is_active()) ? "user.enable"
                                                                      : "user.update";
    audit_.record(c, actor, action, "user", id, audit_diff(audit_view(before), audit_view(after)));
    return after;
  });
}

std::string UserService::reset_password(Actor const& actor, Id id) {
  return db_.write([&](storage::Connection& c) {
    User u = load(c, id);
    auto [password, hash] = new_one_time_password(u.username);
    store_.set_password(c, id, hash, /*must_change_password=*/true, clock_.now_iso());
    end_sessions(c, id, std::nullopt);
    throttle_.clear_account(c, u.username);
    // Whoever made the reset necessary may hold the account's tokens too.
    Json diff = Json::object();
    diff["tokens_revoked"] = tokens_.revoke_for_user(c, id, clock_.now_iso());
    audit_.record(c, actor, "user.password_reset", "user", id, diff);
    return password;
  });
}

void UserService::reset_totp(Actor const& actor, Id id) {
  db_.write([&](storage::Connection& c) {
    User u = load(c, id);
    store_.set_totp(c, id, std::nullopt, false, clock_.now_iso());
    store_.replace_recovery_codes(c, id, {});
    end_sessions(c, id, std::nullopt);
    Json from = Json::object(), to = Json::object();
    from["totp_enabled"] = u.totp_enabled;
    to["totp_enabled"] = false;
    Json diff = audit_diff(from, to);
    diff["tokens_revoked"] = tokens_.revoke_for_user(c, id, clock_.now_iso());
    audit_.record(c, actor, "user.totp_reset", "user", id, diff);
  });
}

// ---------------------------------------------------------------------------- one's own account --

void UserService::change_own_password(Actor const& actor, std::optional<std::string> const& keep_session,
                                      std::string_view current, std::string_view next, bool revoke_tokens) {
  Id const user_id = actor.who().user_id;
  std::optional<UserWithSecrets> row;
  {
    auto c = db_.read();
    row = store_.find_with_secrets(*c, user_id);
  }
  if (!row) throw Error::unauthenticated("请先登录");
  // Everything about the new password first: an answer given only after the current password
  // matched would confirm a guess without changing anything.
  check_password_strength(next, row->user.username, "new_password");
  if (next == current) throw Error::invalid_field("new_password", "新密码不能与当前密码相同");
  check_current_password(actor, row->user.username, row->secrets.password_hash, current, "current_password",
                         "password_change");
  std::string hash = hasher_.hash(next);
  db_.write([&](storage::Connection& c) {
    store_.set_password(c, user_id, hash, /*must_change_password=*/false, clock_.now_iso());
    end_sessions(c, user_id, keep_session);
    Json from = Json::object(), to = Json::object();
    from["must_change_password"] = row->user.must_change_password;
    to["must_change_password"] = false;
    Json diff = audit_diff(from, to);
    if (revoke_tokens) diff["tokens_revoked"] = tokens_.revoke_for_user(c, user_id, clock_.now_iso());
    audit_.record(c, actor, "user.password_change", "user", user_id, diff);
  });
}

void UserService::check_current_password(Actor const& actor, std::string const& username,
                                         std::string const& password_hash, std::string_view password,
                                         std::string const& field, std::string_view purpose) const {
  // The same throttle as sign-in, reserved before the slow hash: someone at an unattended
  // session gets no more guesses here than at the sign-in form.
  SignInThrottle::Ticket ticket;
  int wait = db_.write([&](storage::Connection& c) {
    return throttle_.reserve(c, username, actor.meta.client_address, clock_.now(), ticket);
  });
  if (wait > 0) throw Error::too_many_requests("密码错误次数过多，请稍后再试", wait);
  bool ok = hasher_.verify(password_hash, password);
  db_.write([&](storage::Connection& c) {
    if (ok) return throttle_.succeeded(c, ticket, clock_.now());
    Json diff = Json::object();
    diff["purpose"] = purpose;
    audit_.record(c, actor, "user.password_check_failed", "user", actor.who().user_id, diff);
  });
  if (!ok) throw Error::invalid_field(field, "当前密码不正确");
}

// ----------------------------------------------------------------------------------- bootstrap --

User UserService::create_with_password(Actor const& actor, NewUser const& u, std::string_view password,
                                       bool must_change_password) {
  Error::throw_if_any(validate_new_user(u));
  check_password_strength(password, u.username, "password");
  std::string hash = hasher_.hash(password);
  return db_.write([&](storage::Connection& c) {
    User user = store_.insert(c, u, hash, must_change_password, clock_.now_iso());
    audit_.record(c, actor, "user.create", "user", user.id, audit_diff(Json::object(), audit_view(user)));
    return user;
  });
}

void UserService::set_password(Actor const& actor, std::string const& username, std::string_view password,
                               bool must_change_password) {
  auto existing = find_by_username(username);
  if (!existing) throw Error::not_found("用户不存在");
  check_password_strength(password, existing->username, "password");
  std::string hash = hasher_.hash(password);
  db_.write([&](storage::Connection& c) {
    User u = load(c, existing->id);
    store_.set_password(c, u.id, hash, must_change_password, clock_.now_iso());
    end_sessions(c, u.id, std::nullopt);
    throttle_.clear_account(c, u.username);
    audit_.record(c, actor, "user.password_set", "user", u.id, Json::object());
  });
}

// ------------------------------------------------------------------------------- later modules --

std::vector<Id> UserService::active_ids_with_roles(storage::Connection& c, RoleSet roles) const {
  return store_.active_ids_with_roles(c, roles);
}

std::string UserService::available_username(storage::Connection& c, std::string_view base) const {
  std::string name;
  for (char ch : base)
    if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '.' || ch == '-') name += ch;
  if (name.size() > kMaxUsernameChars - 4) name.resize(kMaxUsernameChars - 4);
  while (name.size() < kMinUsernameChars) name += '_';
  if (!store_.username_taken(c, name)) return name;
  for (int n = 2;; ++n) {
    std::string candidate = name + std::to_string(n);
    if (!store_.username_taken(c, candidate)) return candidate;
  }
}

// --------------------------------------------------------------------------------------- reads --

std::optional<User> UserService::find_by_id(Id id) const {
  auto c = db_.read();
  return find_by_id(*c, id);
}

std::optional<User> UserService::find_by_id(storage::Connection& c, Id id) const {
  auto u = store_.find_by_id(c, id);
  if (u) links_.fill(c, *u);
  return u;
}

std::optional<User> UserService::find_by_username(std::string const& username) const {
  auto c = db_.read();
  auto u = store_.find_by_username(*c, username);
  if (u) links_.fill(*c, *u);
  return u;
}

UserList UserService::list(UserFilter const& filter) const {
  auto c = db_.read();
  auto [items, total] = store_.list(*c, filter);
  for (auto& u : items) links_.fill(*c, u);
  return {std::move(items), total};
}

}  // namespace zhiku
