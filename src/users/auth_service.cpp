#include "users/auth_service.hpp"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "users/totp.hpp"

namespace zhiku {

namespace {

using std::chrono::system_clock;

constexpr char kBadCredentials[] = "用户名或密码错误";
constexpr auto kTouchInterval = std::chrono::seconds(60);
// A session waiting for its second factor lives this long at most.
constexpr auto kSecondFactorWait = std::chrono::minutes(10);
constexpr int kRecoveryCodeCount = 10;

Error locked_out(int seconds) { return Error::too_many_requests("登录失败次数过多，请稍后再试", seconds); }

}  // namespace

Principal principal_for(User const& u) {
  Principal p;
  p.user_id = u.id;
  p.username = u.username;
  p.display_name = u.display_name;
  p.roles = u.roles;
  return p;
}

AccountState account_state_of(User const& u, bool second_factor_pending) {
  AccountState s;
  s.must_change_password = u.must_change_password;
  s.second_factor_pending = second_factor_pending;
  s.must_enrol_totp = u.totp_required() && !u.totp_enabled;
  return s;
}

AuthService::AuthService(storage::Database& db, AuditLog const& audit, PasswordHasher& hasher, SecretBox const& box,
                         Clock const& clock, AccountLinks const& links, AuthConfig config)
    : db_(db),
      audit_(audit),
      hasher_(hasher),
      box_(box),
      clock_(clock),
      links_(links),
      config_(std::move(config)),
      throttle_(sign_in_rules(config_.login_max_failures, config_.login_max_failures_per_address,
                              config_.login_lockout_seconds, config_.login_failure_window_minutes)) {}

User AuthService::with_links(storage::Connection& c, User u) const {
  links_.fill(c, u);
  return u;
}

void AuthService::audit_failure(storage::Connection& c, std::optional<Id> user_id, std::string const& username,
                                Actor const& actor, std::string_view action, std::string_view reason) const {
  Json diff = Json::object();
  if (user_id) diff["username"] = username.substr(0, 64);
  diff["reason"] = reason;
  // Recorded as the anonymous caller it was: a failure proves nobody's identity.
  audit_.record(c, Actor::anonymous(actor.meta), action, "user", user_id, diff);
}

UserWithSecrets AuthService::load_secrets(storage::Connection& c, Id user_id) const {
  auto row = users_.find_with_secrets(c, user_id);
  if (!row) throw Error::unauthenticated("请先登录");
  auto& key = row->secrets.totp_secret;
  if (key && SecretBox::is_sealed(*key)) {
    key = box_.open(*key, totp_key_context(user_id));
    if (!key) spdlog::error("the TOTP key of user {} does not open: is auth.key_file the right key?", user_id);
  }
  return *row;
}

std::string AuthService::seal_totp_key(Id user_id, std::string const& key) const {
  return box_.seal(key, totp_key_context(user_id));
}

AuthService::Resealed AuthService::reseal_totp_keys() {
  return db_.write([&](storage::Connection& c) {
    Resealed out;
    for (auto const& [id, stored] : users_.totp_keys(c)) {
      std::optional<std::string> key = stored;
      if (SecretBox::is_sealed(stored)) {
        if (box_.sealed_with_current_key(stored, totp_key_context(id))) continue;
        key = box_.open(stored, totp_key_context(id));
      }
      if (!key) {
        spdlog::error("the TOTP key of user {} opens with no key of the key file", id);
        ++out.unreadable;
        continue;
      }
      users_.replace_totp_key(c, id, seal_totp_key(id, *key));
      ++out.resealed;
    }
    return out;
  });
}

// ------------------------------------------------------------------------------------- sign-in --

SignedIn AuthService::login(Actor const& actor, LoginAttempt const& attempt) {
  std::optional<UserWithSecrets> row;
  {
    auto c = db_.read();
    row = users_.find_with_secrets(*c, attempt.username);
    if (row) links_.fill(*c, row->user);
  }
  // The attempt is counted before the slow hash, in one step with the check: 40 parallel guesses
  // against a limit of 5 get 5 checked (issue 9), not as many as arrive before the first failure
  // is written.
  SignInThrottle::Ticket ticket;
  int wait = db_.write([&](storage::Connection& c) {
    return throttle_.reserve(c, attempt.username, actor.meta.client_address, clock_.now(), ticket);
  });
  if (wait > 0) throw locked_out(wait);

  // The same work whether or not the account exists, so that neither the answer nor its timing
  // tells an attacker which user names are real.
  bool ok = false;
  try {
    if (row) {
      ok = hasher_.verify(row->secrets.password_hash, attempt.password);
      // A one-time password's hash is cheap (see new_one_time_password): pad to the usual cost.
      if (hasher_.needs_rehash(row->secrets.password_hash)) hasher_.verify_dummy(attempt.password);
    } else {
      hasher_.verify_dummy(attempt.password);
    }
  } catch (Error const&) {
    // The hashing queue was full (503): nothing was checked, so nothing is counted.
    db_.write([&](storage::Connection& c) { throttle_.cancel(c, ticket); });
    throw;
  }
  if (ok && !row->user.is_active()) ok = false;

  if (!ok) {
    db_.write([&](storage::Connection& c) {
      std::optional<Id> user_id;
      std::string reason = "unknown user";
      if (row) {
        user_id = row->user.id;
        reason = row->user.is_active() ? "wrong password" : "account disabled";
      }
      audit_failure(c, user_id, attempt.username, actor, "session.login_failed", reason);
    });
    throw Error::unauthenticated(kBadCredentials);
  }

  User const& user = row->user;
  std::optional<std::string> upgraded_hash;
  if (!user.must_change_password && hasher_.needs_rehash(row->secrets.password_hash))
    upgraded_hash = hasher_.hash(attempt.password);

  auto now = clock_.now();
  auto absolute = std::chrono::hours(config_.session_absolute_hours);
  SignedIn out;
  out.user = user;
  out.token = random_token(32);
  out.csrf_token = random_token(32);
  out.second_factor_required = user.totp_enabled;
  out.max_age_seconds = static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(absolute).count());

  Session s;
  s.id = sha256_hex(out.token);
  s.public_id = random_token(9);
  s.user_id = user.id;
  s.csrf_token = out.csrf_token;
  s.created_at = to_iso(now);
  s.last_seen_at = s.created_at;
  s.expires_at =
      to_iso(now + (out.second_factor_required ? std::min<system_clock::duration>(kSecondFactorWait, absolute)
                                               : system_clock::duration(absolute)));
  s.client_address = actor.meta.client_address;
  s.user_agent = attempt.user_agent.substr(0, 200);
  s.second_factor_pending = out.second_factor_required;

  Actor const signed_in = Actor::of(principal_for(user), actor.meta);
  db_.write([&](storage::Connection& c) {
    sessions_.remove_expired(c, s.created_at, to_iso(now - std::chrono::minutes(config_.session_idle_minutes)));
    if (attempt.previous_token) sessions_.remove(c, sha256_hex(*attempt.previous_token));
    throttle_.succeeded(c, ticket, now);
    if (upgraded_hash) users_.upgrade_hash(c, user.id, row->secrets.password_hash, *upgraded_hash);
    sessions_.insert(c, s);
    Json diff = Json::object();
    if (out.second_factor_required) diff["second_factor_required"] = true;
    audit_.record(c, signed_in, "session.login", "user", user.id, diff);
  });
  return out;
}

User AuthService::verify_second_factor(Actor const& actor, std::optional<std::string> const& session_id,
                                       std::optional<std::string> const& code,
                                       std::optional<std::string> const& recovery_code) {
  Id const user_id = actor.who().user_id;
  UserWithSecrets row;
  {
    auto c = db_.read();
    auto session = session_id ? sessions_.find_public(*c, user_id, *session_id) : std::nullopt;
    if (!session || !session->second_factor_pending) throw Error::conflict("当前会话无需二次验证");
    if (!code && !recovery_code) throw Error::invalid_field("code", "请输入验证码");
    row = load_secrets(*c, user_id);
    links_.fill(*c, row.user);
  }
  if (!row.user.totp_enabled) throw Error::conflict("未启用两步验证");
  // A key that does not open (the server runs with another key file) leaves the recovery codes.
  if (code && !row.secrets.totp_secret)
    throw Error::conflict("两步验证密钥无法读取：请使用恢复码，或请管理员重置两步验证");

  std::string absolute_expiry = to_iso(clock_.now() + std::chrono::hours(config_.session_absolute_hours));

  // Check, count and verify in one write: parallel codes cannot slip past the limit (9 of them
  // got through a limit of 5 when the lock was read before and the failure written after).
  enum class Outcome { ok, locked, bad_code, bad_recovery_code };
  int wait = 0;
  auto outcome = db_.write([&](storage::Connection& c) {
    auto now = clock_.now();
    SignInThrottle::Ticket ticket;
    wait = throttle_.reserve(c, row.user.username, actor.meta.client_address, now, ticket);
    if (wait > 0) return Outcome::locked;
    std::optional<std::int64_t> step;
    if (code) step = totp_verify(*row.secrets.totp_secret, *code, clock_.unix_seconds(), row.secrets.totp_last_step);
    bool accepted = code ? (step && users_.use_totp_step(c, user_id, *step))
                         : users_.use_recovery_code(c, user_id, sha256_hex(normalize_recovery_code(*recovery_code)),
                                                    clock_.now_iso());
    if (!accepted) {
      audit_failure(c, user_id, row.user.username, actor, "session.second_factor_failed",
                    code ? "wrong code" : "wrong recovery code");
      return code ? Outcome::bad_code : Outcome::bad_recovery_code;
    }
    if (!sessions_.complete_second_factor(c, user_id, *session_id, absolute_expiry))
      throw Error::unauthenticated("会话已失效，请重新登录");
    throttle_.succeeded(c, ticket, now);
    Json diff = Json::object();
    diff["method"] = code ? "totp" : "recovery_code";
    audit_.record(c, actor, "session.second_factor", "user", user_id, diff);
    return Outcome::ok;
  });
  if (outcome == Outcome::locked) throw locked_out(wait);
  if (outcome == Outcome::bad_code) throw Error::invalid_field("code", "验证码不正确或已使用");
  if (outcome == Outcome::bad_recovery_code) throw Error::invalid_field("recovery_code", "恢复码不正确或已使用");
  return row.user;
}

void AuthService::logout(Actor const& actor, std::optional<std::string> const& session_id) {
  if (!session_id || session_id->empty()) return;
  Id const user_id = actor.who().user_id;
  db_.write([&](storage::Connection& c) {
    if (sessions_.remove_public(c, user_id, *session_id))
      audit_.record(c, actor, "session.logout", "user", user_id, Json::object());
  });
}

// ------------------------------------------------------------------------------ authentication --

std::optional<Authenticated> AuthService::authenticate_session(std::string_view token) const {
  if (token.empty() || token.size() > 128) return std::nullopt;
  std::string id = sha256_hex(token);
  std::optional<SessionWithUser> row;
  {
    auto c = db_.read();
    row = sessions_.find(*c, id);
  }
  if (!row) return std::nullopt;
  auto now = clock_.now();
  std::string now_text = to_iso(now);
  bool live = row->user.is_active() && now_text < row->session.expires_at &&
              row->session.last_seen_at >= to_iso(now - std::chrono::minutes(config_.session_idle_minutes));
  if (!live) {
    db_.write_detached([this, id](storage::Connection& c) { sessions_.remove(c, id); });
    return std::nullopt;
  }
  auto last_seen = parse_iso(row->session.last_seen_at);
  if (!last_seen || now - *last_seen >= kTouchInterval)
    db_.write_detached([this, id, now_text](storage::Connection& c) { sessions_.touch(c, id, now_text); });

  return Authenticated{principal_for(row->user), account_state_of(row->user, row->session.second_factor_pending),
                       row->session.public_id, row->session.csrf_token, std::nullopt};
}

std::optional<Authenticated> AuthService::authenticate_token(std::string_view token) const {
  if (token.empty() || token.size() > 128) return std::nullopt;
  std::optional<TokenWithUser> row;
  {
    auto c = db_.read();
    row = tokens_.find_by_hash(*c, sha256_hex(token));
  }
  if (!row) return std::nullopt;
  auto now = clock_.now();
  std::string now_text = to_iso(now);
  if (row->token.revoked_at || now_text >= row->token.expires_at || !row->user.is_active()) return std::nullopt;
  auto last_used = row->token.last_used_at ? parse_iso(*row->token.last_used_at) : std::nullopt;
  if (!last_used || now - *last_used >= kTouchInterval) {
    Id token_id = row->token.id;
    db_.write_detached([this, token_id, now_text](storage::Connection& c) { tokens_.touch(c, token_id, now_text); });
  }
  Principal who = principal_for(row->user);
  who.via_token = "API 令牌 #" + std::to_string(row->token.id) + "（" + row->token.name + "）";
  return Authenticated{std::move(who), account_state_of(row->user), "", "", row->token.scope};
}

// ------------------------------------------------------------------------------ own sessions --

User AuthService::me(Actor const& actor) const {
  auto c = db_.read();
  auto u = users_.find_by_id(*c, actor.who().user_id);
  if (!u) throw Error::unauthenticated("请先登录");
  return with_links(*c, std::move(*u));
}

std::vector<SessionView> AuthService::sessions(Actor const& actor,
                                               std::optional<std::string> const& current_session) const {
  auto c = db_.read();
  std::vector<SessionView> out;
  for (auto& s : sessions_.list_for_user(*c, actor.who().user_id)) {
    bool current = current_session && s.public_id == *current_session;
    out.push_back({std::move(s), current});
  }
  return out;
}

void AuthService::revoke_session(Actor const& actor, std::string const& public_id) {
  Id const user_id = actor.who().user_id;
  db_.write([&](storage::Connection& c) {
    if (!sessions_.remove_public(c, user_id, public_id)) throw Error::not_found("会话不存在");
    Json diff = Json::object();
    diff["session"] = public_id;
    audit_.record(c, actor, "session.revoke", "user", user_id, diff);
  });
}

// ------------------------------------------------------------------------------ TOTP enrolment --

TotpSetup AuthService::setup_totp(Actor const& actor) {
  Id const user_id = actor.who().user_id;
  TotpSetup out;
  out.secret = new_totp_secret();
  db_.write([&](storage::Connection& c) {
    auto row = load_secrets(c, user_id);
    if (row.user.totp_enabled) throw Error::conflict("已启用两步验证；如需更换，请先停用");
    users_.set_totp(c, user_id, seal_totp_key(user_id, out.secret), false, clock_.now_iso());
    out.otpauth_uri = totp_uri(config_.totp_issuer, row.user.username, out.secret);
    audit_.record(c, actor, "user.totp_setup", "user", user_id, Json::object());
  });
  return out;
}

std::vector<std::string> AuthService::enable_totp(Actor const& actor, std::string const& code) {
  Id const user_id = actor.who().user_id;
  auto codes = new_recovery_codes(kRecoveryCodeCount);
  std::vector<std::string> hashes;
  for (auto const& rc : codes) hashes.push_back(sha256_hex(normalize_recovery_code(rc)));
  bool matched = db_.write([&](storage::Connection& c) {
    auto row = load_secrets(c, user_id);
    if (row.user.totp_enabled) throw Error::conflict("已启用两步验证");
    if (!row.secrets.totp_secret) throw Error::conflict("请先获取两步验证密钥");
    auto step = totp_verify(*row.secrets.totp_secret, code, clock_.unix_seconds(), row.secrets.totp_last_step);
    if (!step || !users_.use_totp_step(c, user_id, *step)) return false;
    users_.set_totp(c, user_id, seal_totp_key(user_id, *row.secrets.totp_secret), true, clock_.now_iso());
    users_.replace_recovery_codes(c, user_id, hashes);
    Json from = Json::object(), to = Json::object();
    from["totp_enabled"] = false;
    to["totp_enabled"] = true;
    audit_.record(c, actor, "user.totp_enable", "user", user_id, audit_diff(from, to));
    return true;
  });
  if (!matched) throw Error::invalid_field("code", "验证码不正确");
  return codes;
}

void AuthService::disable_totp(Actor const& actor, std::string_view password) {
  Id const user_id = actor.who().user_id;
  UserWithSecrets row;
  {
    auto c = db_.read();
    row = load_secrets(*c, user_id);
  }
  if (row.user.totp_required()) throw Error::conflict("管理员和领导小组成员必须使用两步验证，不能停用");
  if (!row.user.totp_enabled) throw Error::conflict("未启用两步验证");
  // Throttled like a sign-in and reserved before the hash; a wrong password is audited.
  SignInThrottle::Ticket ticket;
  int wait = db_.write([&](storage::Connection& c) {
    return throttle_.reserve(c, row.user.username, actor.meta.client_address, clock_.now(), ticket);
  });
  if (wait > 0) throw Error::too_many_requests("密码错误次数过多，请稍后再试", wait);
  if (!hasher_.verify(row.secrets.password_hash, password)) {
    db_.write([&](storage::Connection& c) {
      Json diff = Json::object();
      diff["purpose"] = "totp_disable";
      audit_.record(c, actor, "user.password_check_failed", "user", user_id, diff);
    });
    throw Error::invalid_field("password", "密码不正确");
  }
  db_.write([&](storage::Connection& c) {
    throttle_.succeeded(c, ticket, clock_.now());
    users_.set_totp(c, user_id, std::nullopt, false, clock_.now_iso());
    users_.replace_recovery_codes(c, user_id, {});
    Json from = Json::object(), to = Json::object();
    from["totp_enabled"] = true;
    to["totp_enabled"] = false;
    audit_.record(c, actor, "user.totp_disable", "user", user_id, audit_diff(from, to));
  });
}

}  // namespace zhiku
