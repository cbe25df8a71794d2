-- Identity and access: users and their roles, sessions, API tokens, TOTP recovery codes, sign-in
-- throttling; and the two tables every module writes beside its change: the tamper-evident
-- audit log and in-app notifications.

-- roles is a bit mask in RoleSet's order: admin = 1, coordinator = 2, expert = 4, leader = 8
-- (core/principal.hpp); "holds role r" is `roles & (1 << r) <> 0`.
-- expert_id links an `expert` user to their profile; set by the experts module through
-- UserService::link_expert (no foreign key: the experts table comes in a later migration).
CREATE TABLE users (
  id                   INTEGER PRIMARY KEY,
  username             TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(username) BETWEEN 3 AND 32),
  display_name         TEXT NOT NULL,
  email                TEXT NOT NULL DEFAULT '',
  roles                INTEGER NOT NULL DEFAULT 0 CHECK (roles BETWEEN 0 AND 15),
  status               TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  password_hash        TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 0 CHECK (must_change_password IN (0, 1)),
  totp_secret          TEXT,             -- base32; set at setup, in force once totp_enabled
  totp_enabled         INTEGER NOT NULL DEFAULT 0 CHECK (totp_enabled IN (0, 1)),
  totp_last_step       INTEGER NOT NULL DEFAULT 0,  -- last accepted 30-second step (no replay)
  expert_id            INTEGER UNIQUE,
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  version              INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX users_status ON users(status);

-- id is the SHA-256 (hex) of the cookie's token, which is never stored. public_id names the
-- session in the API (list / revoke my sessions) without revealing anything about the token.
CREATE TABLE sessions (
  id                    TEXT PRIMARY KEY,
  public_id             TEXT NOT NULL UNIQUE,
  user_id               INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token            TEXT NOT NULL,
  created_at            TEXT NOT NULL,
  last_seen_at          TEXT NOT NULL,
  expires_at            TEXT NOT NULL,   -- absolute limit; the idle limit counts from last_seen_at
  client_address        TEXT NOT NULL DEFAULT '',
  user_agent            TEXT NOT NULL DEFAULT '',
  second_factor_pending INTEGER NOT NULL DEFAULT 0 CHECK (second_factor_pending IN (0, 1))
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);

-- token_hash is the SHA-256 (hex) of the bearer token shown once at creation.
CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  token_hash   TEXT NOT NULL UNIQUE,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  last_used_at TEXT,
  revoked_at   TEXT
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- One-time TOTP recovery codes, hashed (SHA-256 hex of the normalised code).
CREATE TABLE recovery_codes (
  user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL,
  used_at   TEXT,
  PRIMARY KEY (user_id, code_hash)
) WITHOUT ROWID;

-- Sign-in failures per account ('user:<lower-case name>') and per client address ('addr:<ip>').
CREATE TABLE login_failures (
  key          TEXT PRIMARY KEY,
  count        INTEGER NOT NULL,
  last_at      TEXT NOT NULL,
  locked_until TEXT
) WITHOUT ROWID;

-- The audit log: append-only, each row's hash chained to the previous row's (audit/audit_log.hpp).
CREATE TABLE audit_log (
  id             INTEGER PRIMARY KEY,
  at             TEXT NOT NULL,
  actor_id       INTEGER,
  actor_name     TEXT NOT NULL DEFAULT '',
  action         TEXT NOT NULL,
  entity_type    TEXT NOT NULL,
  entity_id      INTEGER,
  diff           TEXT NOT NULL DEFAULT '{}',   -- JSON
  request_id     TEXT NOT NULL DEFAULT '',
  client_address TEXT NOT NULL DEFAULT '',
  prev_hash      TEXT NOT NULL,
  hash           TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_actor ON audit_log(actor_id, id);
CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id, id);
CREATE INDEX audit_log_action ON audit_log(action, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TABLE notifications (
  id         INTEGER PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL,
  title      TEXT NOT NULL,
  body       TEXT NOT NULL DEFAULT '',
  link       TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  read_at    TEXT
);
CREATE INDEX notifications_user ON notifications(user_id, read_at);
