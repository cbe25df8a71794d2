-- E-mail outbox, per-user opt-outs by notification kind, and reminders kept for the scheduler.
--
-- mail_outbox: one row per e-mail, written in the same transaction as the change that caused
-- it (Notifier). The sender claims due rows ('pending' → 'sending', attempts + 1), delivers them
-- over SMTP outside any transaction, then records 'sent' or, after a failure, 'pending' again
-- with next_attempt_at pushed back (or 'failed' after the last attempt). A row found 'sending'
-- at start-up was interrupted mid-delivery: it becomes 'uncertain' and is never resent by
-- itself (an administrator may retry it), so no e-mail goes out twice.
CREATE TABLE mail_outbox (
  id              INTEGER PRIMARY KEY,
  user_id         INTEGER REFERENCES users(id) ON DELETE SET NULL,
  kind            TEXT NOT NULL,
  to_address      TEXT NOT NULL,
  subject         TEXT NOT NULL,
  body            TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'uncertain')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  last_error      TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  sent_at         TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox(status, next_attempt_at);
CREATE INDEX mail_outbox_created ON mail_outbox(created_at);

-- A user who does not want e-mail for a kind of notification (the in-app one still arrives).
CREATE TABLE mail_optouts (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind    TEXT NOT NULL,
  PRIMARY KEY (user_id, kind)
) WITHOUT ROWID;

-- Reminders other modules register (Scheduler::schedule), one per key ("topic.42.deadline.7d").
-- Firing marks the row 'fired' in the same transaction as what the handler writes (the
-- notification and its outbox row), so a reminder takes effect exactly once, restarts or not.
CREATE TABLE reminders (
  id         INTEGER PRIMARY KEY,
  kind       TEXT NOT NULL,
  key        TEXT NOT NULL UNIQUE,
  due_at     TEXT NOT NULL,
  payload    TEXT NOT NULL DEFAULT '{}',
  status     TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'fired', 'cancelled', 'failed')),
  attempts   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  fired_at   TEXT
);
CREATE INDEX reminders_due ON reminders(status, due_at);
