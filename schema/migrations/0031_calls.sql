-- Calls for suggestions (建议征集): a theme open for submissions from opens_at to closes_at, with
-- the length limits of the texts submitted to it. `status` is what coordinators set (draft,
-- published, closed early); whether a published call is open is decided by the server's clock
-- against opens_at / closes_at (call_rules.hpp).
CREATE TABLE calls (
  id                      INTEGER PRIMARY KEY,
  theme                   TEXT NOT NULL CHECK (length(theme) BETWEEN 1 AND 200),
  description             TEXT NOT NULL DEFAULT '',
  opens_at                TEXT NOT NULL,
  closes_at               TEXT NOT NULL,
  status                  TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed')),
  body_max_chars          INTEGER NOT NULL DEFAULT 3000 CHECK (body_max_chars BETWEEN 100 AND 100000),
  summary_threshold_chars INTEGER NOT NULL DEFAULT 1000 CHECK (summary_threshold_chars >= 0),
  summary_chars           INTEGER NOT NULL DEFAULT 200 CHECK (summary_chars BETWEEN 20 AND 2000),
  created_by              INTEGER REFERENCES users(id) ON DELETE SET NULL,
  version                 INTEGER NOT NULL DEFAULT 1,
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL,
  CHECK (closes_at > opens_at)
);
CREATE INDEX calls_window ON calls(status, closes_at);

CREATE TABLE call_fields (
  call_id  INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
  field_id INTEGER NOT NULL REFERENCES fields(id) ON DELETE RESTRICT,
  position INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (call_id, field_id)
) WITHOUT ROWID;

-- Submissions per call. The proposals module's migration replaces this view with one that
-- counts its rows; the topics module only reads it.
CREATE VIEW call_submission_counts AS
SELECT id AS call_id, 0 AS submissions FROM calls;
