-- Foundation: server-wide settings. Tables of each workflow come in their own migrations.
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
