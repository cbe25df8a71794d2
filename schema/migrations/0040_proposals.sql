-- Proposals (建议 / 调研报告 / 课题成果): the working copy its authors edit (metadata, texts,
-- authors, fields, attachments), the immutable versions every submit freezes with their
-- attachment lists, the history the authors see, the records of attachment files (the bytes
-- live in the attachment store, never here), possible duplicates found at submission, the
-- full-text index, and the change log the list's in-memory index follows.
--
-- "Nothing submitted is ever overwritten or deleted, by anyone, admins included" is enforced by
-- the triggers below, not only by the service: they fire for every connection, whatever its
-- foreign_keys setting (the sqlite3 shell has foreign keys off), so a version, the attachment
-- files it names, the history of a submitted proposal and the proposal itself cannot be changed
-- or removed without dropping the triggers (a schema change, which is for migrations only).

-- One row per proposal: narrow on purpose (the texts are in proposal_texts), so that the list's
-- in-memory index loads a million rows by reading this table alone. call_id names the call for
-- suggestions it answers, topic_id the topic it delivers (topics module, migrations 0030-0031).
CREATE TABLE proposals (
  id                 INTEGER PRIMARY KEY,
  kind               TEXT NOT NULL CHECK (kind IN ('suggestion', 'report', 'deliverable')),
  status             TEXT NOT NULL DEFAULT 'draft'
                       CHECK (status IN ('draft', 'submitted', 'screening', 'returned', 'accepted',
                                         'under_review', 'reviewed', 'decided', 'withdrawn')),
  sensitivity        TEXT NOT NULL DEFAULT 'internal' CHECK (sensitivity IN ('public', 'internal', 'restricted')),
  call_id            INTEGER REFERENCES calls(id),
  topic_id           INTEGER REFERENCES topics(id),
  body_chars         INTEGER NOT NULL DEFAULT 0 CHECK (body_chars >= 0),
  current_version    INTEGER NOT NULL DEFAULT 0 CHECK (current_version >= 0),
  status_note        TEXT,
  created_by         INTEGER REFERENCES users(id),
  first_submitted_at TEXT,
  submitted_at       TEXT,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL,
  version            INTEGER NOT NULL DEFAULT 1,
  CHECK (call_id IS NULL OR topic_id IS NULL)
);
-- The screening queue, oldest first.
CREATE INDEX proposals_queue ON proposals(status, submitted_at, id) WHERE status IN ('submitted', 'screening');
CREATE INDEX proposals_call ON proposals(call_id) WHERE call_id IS NOT NULL;
CREATE INDEX proposals_topic ON proposals(topic_id) WHERE topic_id IS NOT NULL;

-- The working copy's texts. keywords is the list joined by '、' (a keyword holds no separator).
CREATE TABLE proposal_texts (
  proposal_id INTEGER PRIMARY KEY REFERENCES proposals(id) ON DELETE CASCADE,
  title       TEXT NOT NULL DEFAULT '',
  summary     TEXT NOT NULL DEFAULT '',
  keywords    TEXT NOT NULL DEFAULT '',
  body        TEXT NOT NULL DEFAULT ''
);

-- Authors are experts of the pool, in order (position 0 is the corresponding author).
CREATE TABLE proposal_authors (
  proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  expert_id   INTEGER NOT NULL REFERENCES experts(id),
  position    INTEGER NOT NULL,
  PRIMARY KEY (proposal_id, expert_id)
) WITHOUT ROWID;
CREATE INDEX proposal_authors_expert ON proposal_authors(expert_id, proposal_id);

CREATE TABLE proposal_fields (
  proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  field_id    INTEGER NOT NULL REFERENCES fields(id),
  position    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (proposal_id, field_id)
) WITHOUT ROWID;
CREATE INDEX proposal_fields_field ON proposal_fields(field_id, proposal_id);

-- A file in the attachment store, named by its SHA-256 (lower-case hex).
CREATE TABLE attachment_files (
  sha256       TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  size         INTEGER NOT NULL CHECK (size > 0),
  content_type TEXT NOT NULL,
  created_at   TEXT NOT NULL
) WITHOUT ROWID;

-- The working copy's attachments, in order.
CREATE TABLE proposal_attachments (
  id          INTEGER PRIMARY KEY,
  proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  sha256      TEXT NOT NULL REFERENCES attachment_files(sha256),
  filename    TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
  position    INTEGER NOT NULL DEFAULT 0,
  uploaded_by INTEGER REFERENCES users(id),
  created_at  TEXT NOT NULL
);
CREATE INDEX proposal_attachments_proposal ON proposal_attachments(proposal_id, position, id);
CREATE INDEX proposal_attachments_file ON proposal_attachments(sha256);

-- Every submit freezes one version: its number (1, 2, 3 … per proposal), the whole content in
-- its canonical form (src/proposals/proposal_content.hpp) and the SHA-256 of that text.
CREATE TABLE proposal_versions (
  id          INTEGER PRIMARY KEY,
  proposal_id INTEGER NOT NULL REFERENCES proposals(id),
  number      INTEGER NOT NULL CHECK (number >= 1),
  created_at  TEXT NOT NULL,
  created_by  INTEGER REFERENCES users(id),
  content     TEXT NOT NULL,
  sha256      TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  body_chars  INTEGER NOT NULL CHECK (body_chars >= 0),
  UNIQUE (proposal_id, number)
);

-- The attachment list of a version, as its content names it; keeps the files from being removed.
CREATE TABLE proposal_version_attachments (
  proposal_id  INTEGER NOT NULL,
  number       INTEGER NOT NULL,
  position     INTEGER NOT NULL,
  sha256       TEXT NOT NULL REFERENCES attachment_files(sha256),
  filename     TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size         INTEGER NOT NULL,
  PRIMARY KEY (proposal_id, number, position),
  FOREIGN KEY (proposal_id, number) REFERENCES proposal_versions(proposal_id, number)
) WITHOUT ROWID;
CREATE INDEX proposal_version_attachments_file ON proposal_version_attachments(sha256);

-- What happened to a proposal, as its authors see it (submitted, returned with the reason …).
CREATE TABLE proposal_events (
  id             INTEGER PRIMARY KEY,
  proposal_id    INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  at             TEXT NOT NULL,
  actor_id       INTEGER,
  actor_name     TEXT NOT NULL DEFAULT '',
  action         TEXT NOT NULL,
  from_status    TEXT NOT NULL,
  to_status      TEXT NOT NULL,
  note           TEXT NOT NULL DEFAULT '',
  version_number INTEGER
);
CREATE INDEX proposal_events_proposal ON proposal_events(proposal_id, id);

-- Pairs of proposals whose texts are very similar, found through the full-text index when the
-- first of them is submitted (shown in the screening queue).
CREATE TABLE proposal_duplicates (
  proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  other_id    INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
  similarity  REAL NOT NULL CHECK (similarity BETWEEN 0 AND 1),
  found_at    TEXT NOT NULL,
  PRIMARY KEY (proposal_id, other_id)
) WITHOUT ROWID;
CREATE INDEX proposal_duplicates_other ON proposal_duplicates(other_id, proposal_id);

-- ---------------------------------------------------------------- immutability --

CREATE TRIGGER proposal_versions_no_update BEFORE UPDATE ON proposal_versions BEGIN
  SELECT RAISE(ABORT, 'proposal versions are immutable');
END;
CREATE TRIGGER proposal_versions_no_delete BEFORE DELETE ON proposal_versions BEGIN
  SELECT RAISE(ABORT, 'proposal versions are immutable');
END;
-- Numbered 1, 2, 3 … per proposal: a version cannot be slipped in between or ahead.
CREATE TRIGGER proposal_versions_in_order BEFORE INSERT ON proposal_versions
WHEN new.number <> (SELECT coalesce(max(number), 0) + 1 FROM proposal_versions WHERE proposal_id = new.proposal_id)
BEGIN
  SELECT RAISE(ABORT, 'proposal versions are numbered in order');
END;

CREATE TRIGGER proposal_version_attachments_no_update BEFORE UPDATE ON proposal_version_attachments BEGIN
  SELECT RAISE(ABORT, 'proposal versions are immutable');
END;
CREATE TRIGGER proposal_version_attachments_no_delete BEFORE DELETE ON proposal_version_attachments BEGIN
  SELECT RAISE(ABORT, 'proposal versions are immutable');
END;
-- A version's list is written with it, before the proposal records the version as its current
-- one; once recorded, nothing can be added to it.
CREATE TRIGGER proposal_version_attachments_frozen BEFORE INSERT ON proposal_version_attachments
WHEN (SELECT current_version FROM proposals WHERE id = new.proposal_id) >= new.number
BEGIN
  SELECT RAISE(ABORT, 'proposal versions are immutable');
END;

-- A proposal starts as a draft with no version, and its status moves only along the workflow's
-- edges (src/proposals/proposal_workflow.cpp; a test checks that both agree): a submitted
-- proposal cannot be made editable again except by a return from screening or a reopening after
-- its authors withdrew it, and every submit freezes a new version.
CREATE TRIGGER proposals_start_as_draft BEFORE INSERT ON proposals
WHEN new.status <> 'draft' OR new.current_version <> 0
BEGIN
  SELECT RAISE(ABORT, 'a proposal starts as a draft');
END;
CREATE TRIGGER proposals_status_edges BEFORE UPDATE OF status ON proposals
WHEN new.status <> old.status AND (old.status, new.status) NOT IN (VALUES
  ('draft', 'submitted'), ('returned', 'submitted'),
  ('submitted', 'withdrawn'), ('screening', 'withdrawn'), ('returned', 'withdrawn'), ('accepted', 'withdrawn'),
  ('withdrawn', 'draft'),
  ('submitted', 'screening'), ('submitted', 'accepted'), ('screening', 'accepted'),
  ('submitted', 'returned'), ('screening', 'returned'),
  ('accepted', 'under_review'), ('under_review', 'reviewed'), ('reviewed', 'decided'))
BEGIN
  SELECT RAISE(ABORT, 'a proposal''s status moves only along the workflow');
END;
CREATE TRIGGER proposals_submit_freezes BEFORE UPDATE OF status ON proposals
WHEN new.status = 'submitted' AND new.status <> old.status AND new.current_version <> old.current_version + 1
BEGIN
  SELECT RAISE(ABORT, 'every submit freezes a new version');
END;
-- The proposal's record of its versions only moves forward, one existing version at a time.
CREATE TRIGGER proposals_current_version BEFORE UPDATE OF current_version ON proposals
WHEN new.current_version <> old.current_version
 AND (new.current_version <> old.current_version + 1
      OR NOT EXISTS (SELECT 1 FROM proposal_versions WHERE proposal_id = new.id AND number = new.current_version))
BEGIN
  SELECT RAISE(ABORT, 'a proposal''s versions only move forward');
END;
-- Once submitted, a proposal stays (withdrawn at most); only a draft never sent may be deleted.
CREATE TRIGGER proposals_no_delete_submitted BEFORE DELETE ON proposals
WHEN old.current_version > 0 OR EXISTS (SELECT 1 FROM proposal_versions WHERE proposal_id = old.id)
BEGIN
  SELECT RAISE(ABORT, 'a submitted proposal is never deleted');
END;
-- Kind, call and topic belong to the content: they change only while the authors may edit.
CREATE TRIGGER proposals_frozen_content BEFORE UPDATE OF kind, call_id, topic_id, body_chars ON proposals
WHEN old.status NOT IN ('draft', 'returned')
 AND (new.kind IS NOT old.kind OR new.call_id IS NOT old.call_id OR new.topic_id IS NOT old.topic_id
      OR new.body_chars IS NOT old.body_chars)
BEGIN
  SELECT RAISE(ABORT, 'a submitted proposal''s content is frozen');
END;

-- The working copy of a proposal that is not being edited is the last version: it stays as sent.
CREATE TRIGGER proposal_texts_frozen_update BEFORE UPDATE ON proposal_texts
WHEN (SELECT status FROM proposals WHERE id = old.proposal_id) NOT IN ('draft', 'returned')
BEGIN
  SELECT RAISE(ABORT, 'a submitted proposal''s content is frozen');
END;
CREATE TRIGGER proposal_texts_frozen_delete BEFORE DELETE ON proposal_texts
WHEN (SELECT current_version FROM proposals WHERE id = old.proposal_id) > 0
BEGIN
  SELECT RAISE(ABORT, 'a submitted proposal is never deleted');
END;
CREATE TRIGGER proposal_authors_frozen_insert BEFORE INSERT ON proposal_authors
WHEN (SELECT status FROM proposals WHERE id = new.proposal_id) NOT IN ('draft', 'returned')
BEGIN
  SELECT RAISE(ABORT, 'a submitted proposal''s content is frozen');
END;
CREATE TRIGGER proposal_authors_frozen_update BEFORE UPDATE ON proposal_authors
WHEN (SELECT status FROM proposals WHERE id = old.proposal_id) NOT IN ('draft', 'returned')
BEGIN
  SELECT RAISE(ABORT, 'a submitted proposal''s content is frozen');
END;
CREATE TRIGGER proposal_authors_frozen_delete BEFORE DELETE ON proposal_authors
WHEN (SELECT status FROM proposals WHERE id = old.proposal_id) NOT IN ('draft', 'returned')
BEGIN
  SELECT RAISE(ABORT, 'a submitted proposal''s content is frozen');
END;
CREATE TRIGGER proposal_fields_frozen_insert BEFORE INSERT ON proposal_fields
WHEN (SELECT status FROM proposals WHERE id = new.proposal_id) NOT IN ('draft', 'returned')
BEGIN
  SELECT RAISE(ABORT, 'a submitted proposal''s content is frozen');
END;
CREATE TRIGGER proposal_fields_frozen_update BEFORE UPDATE ON proposal_fields
WHEN (SELECT status FROM proposals WHERE id = old.proposal_id) NOT IN ('draft', 'returned')
BEGIN
  SELECT RAISE(ABORT, 'a submitted proposal''s content is frozen');
END;
CREATE TRIGGER proposal_fields_frozen_delete BEFORE DELETE ON proposal_fields
WHEN (SELECT status FROM proposals WHERE id = old.proposal_id) NOT IN ('draft', 'returned')
BEGIN
  SELECT RAISE(ABORT, 'a submitted proposal''s content is frozen');
END;
CREATE TRIGGER proposal_attachments_frozen_insert BEFORE INSERT ON proposal_attachments
WHEN (SELECT status FROM proposals WHERE id = new.proposal_id) NOT IN ('draft', 'returned')
BEGIN
  SELECT RAISE(ABORT, 'a submitted proposal''s content is frozen');
END;
CREATE TRIGGER proposal_attachments_frozen_update BEFORE UPDATE ON proposal_attachments
WHEN (SELECT status FROM proposals WHERE id = old.proposal_id) NOT IN ('draft', 'returned')
BEGIN
  SELECT RAISE(ABORT, 'a submitted proposal''s content is frozen');
END;
CREATE TRIGGER proposal_attachments_frozen_delete BEFORE DELETE ON proposal_attachments
WHEN (SELECT status FROM proposals WHERE id = old.proposal_id) NOT IN ('draft', 'returned')
BEGIN
  SELECT RAISE(ABORT, 'a submitted proposal''s content is frozen');
END;

-- An attachment file stays while a version names it; its record never changes.
CREATE TRIGGER attachment_files_no_update BEFORE UPDATE ON attachment_files BEGIN
  SELECT RAISE(ABORT, 'attachment files are immutable');
END;
CREATE TRIGGER attachment_files_keep_frozen BEFORE DELETE ON attachment_files
WHEN EXISTS (SELECT 1 FROM proposal_version_attachments WHERE sha256 = old.sha256)
BEGIN
  SELECT RAISE(ABORT, 'an attachment of a submitted version is never deleted');
END;

-- The history of a submitted proposal is append-only.
CREATE TRIGGER proposal_events_no_update BEFORE UPDATE ON proposal_events BEGIN
  SELECT RAISE(ABORT, 'proposal history is append-only');
END;
CREATE TRIGGER proposal_events_no_delete BEFORE DELETE ON proposal_events
WHEN EXISTS (SELECT 1 FROM proposal_versions WHERE proposal_id = old.proposal_id)
BEGIN
  SELECT RAISE(ABORT, 'proposal history is append-only');
END;

-- ---------------------------------------------------------------- full text --

-- Title, summary, keywords and body with the CJK bigram tokenizer; an external-content table
-- kept in step with proposal_texts by the triggers below.
CREATE VIRTUAL TABLE proposals_fts USING fts5(
  title, summary, keywords, body,
  content = 'proposal_texts', content_rowid = 'proposal_id', tokenize = 'zhiku_cjk'
);
CREATE TRIGGER proposal_texts_fts_insert AFTER INSERT ON proposal_texts BEGIN
  INSERT INTO proposals_fts(rowid, title, summary, keywords, body)
  VALUES (new.proposal_id, new.title, new.summary, new.keywords, new.body);
END;
CREATE TRIGGER proposal_texts_fts_delete AFTER DELETE ON proposal_texts BEGIN
  INSERT INTO proposals_fts(proposals_fts, rowid, title, summary, keywords, body)
  VALUES ('delete', old.proposal_id, old.title, old.summary, old.keywords, old.body);
END;
CREATE TRIGGER proposal_texts_fts_update AFTER UPDATE ON proposal_texts BEGIN
  INSERT INTO proposals_fts(proposals_fts, rowid, title, summary, keywords, body)
  VALUES ('delete', old.proposal_id, old.title, old.summary, old.keywords, old.body);
  INSERT INTO proposals_fts(rowid, title, summary, keywords, body)
  VALUES (new.proposal_id, new.title, new.summary, new.keywords, new.body);
END;

-- ---------------------------------------------------------------- change log --

-- Which proposals changed, for the list's in-memory index in every server process (as
-- expert_changes does for the expert list, migration 0004). Kept to the last 100,000 changes.
CREATE TABLE proposal_changes (
  seq         INTEGER PRIMARY KEY AUTOINCREMENT,
  proposal_id INTEGER NOT NULL
);
CREATE TRIGGER proposal_changes_prune AFTER INSERT ON proposal_changes WHEN new.seq % 1000 = 0 BEGIN
  DELETE FROM proposal_changes WHERE seq <= new.seq - 100000;
END;
CREATE TRIGGER proposals_changed_insert AFTER INSERT ON proposals BEGIN
  INSERT INTO proposal_changes (proposal_id) VALUES (new.id);
END;
CREATE TRIGGER proposals_changed_update AFTER UPDATE ON proposals BEGIN
  INSERT INTO proposal_changes (proposal_id) VALUES (new.id);
END;
CREATE TRIGGER proposals_changed_delete AFTER DELETE ON proposals BEGIN
  INSERT INTO proposal_changes (proposal_id) VALUES (old.id);
END;
CREATE TRIGGER proposal_fields_changed_insert AFTER INSERT ON proposal_fields BEGIN
  INSERT INTO proposal_changes (proposal_id) VALUES (new.proposal_id);
END;
CREATE TRIGGER proposal_fields_changed_update AFTER UPDATE ON proposal_fields BEGIN
  INSERT INTO proposal_changes (proposal_id) VALUES (old.proposal_id);
  INSERT INTO proposal_changes (proposal_id) VALUES (new.proposal_id);
END;
CREATE TRIGGER proposal_fields_changed_delete AFTER DELETE ON proposal_fields BEGIN
  INSERT INTO proposal_changes (proposal_id) VALUES (old.proposal_id);
END;

-- ---------------------------------------------------------------- expert record --

-- Submissions in each expert's record: proposals they are an author of that were sent in and not
-- withdrawn.
DROP VIEW expert_stats;
CREATE VIEW expert_stats AS
SELECT e.id AS expert_id,
       0 AS reviews_done,
       CAST(NULL AS REAL) AS on_time_rate,
       CAST(NULL AS REAL) AS avg_rating,
       (SELECT count(*) FROM proposal_authors a JOIN proposals p ON p.id = a.proposal_id
        WHERE a.expert_id = e.id AND p.current_version > 0 AND p.status <> 'withdrawn') AS submissions,
       0 AS adoptions,
       0 AS endorsements
FROM experts e;

-- Submissions per call (the topics module reads this view): proposals sent in and not withdrawn.
DROP VIEW call_submission_counts;
CREATE VIEW call_submission_counts AS
SELECT c.id AS call_id,
       (SELECT count(*) FROM proposals p WHERE p.call_id = c.id AND p.current_version > 0 AND p.status <> 'withdrawn')
         AS submissions
FROM calls c;
