-- Research topics (课题): member departments, the topic guide of each year with its eligibility
-- rules, topics and their per-year codes, applications with their teams, commissions, the team of
-- an assigned topic and its working space (milestones, messages, files), change requests,
-- midterm checks, acceptance, expert topic suggestions (选题建议), and each topic's history.
-- Deadlines and dates are instants, ISO 8601 UTC text ("2026-06-30T15:59:59Z"): the server
-- decides by its own clock; the UI shows them in Asia/Shanghai time.

-- 成员单位: the leading group's member departments, a managed list (topic sources now, forwarding
-- targets later). A department in use is retired (active = 0), never deleted.
CREATE TABLE member_departments (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
  short_name TEXT NOT NULL DEFAULT '',
  sort       INTEGER NOT NULL DEFAULT 0,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  version    INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- 课题指南: one per year, holding the eligibility rules checked at application. A NULL rule
-- column means "no such rule" for that year.
CREATE TABLE topic_guides (
  id                      INTEGER PRIMARY KEY,
  year                    INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2200),
  title                   TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description             TEXT NOT NULL DEFAULT '',
  lead_min_title          TEXT CHECK (lead_min_title IN ('intermediate', 'associate_senior', 'senior')),
  lead_max_per_year       INTEGER CHECK (lead_max_per_year >= 1),
  member_max_applications INTEGER CHECK (member_max_applications >= 1),
  lead_max_age            INTEGER CHECK (lead_max_age BETWEEN 18 AND 120),
  team_max_size           INTEGER CHECK (team_max_size >= 0),
  version                 INTEGER NOT NULL DEFAULT 1,
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL
);

-- The last sequence number given out per year: codes are never reused, not even after a
-- cancellation.
CREATE TABLE topic_code_counters (
  year     INTEGER PRIMARY KEY,
  last_seq INTEGER NOT NULL
);

-- One row per topic. status follows SPEC exactly (topic_workflow.cpp holds the table).
-- deliverable_proposal_id and selection_round_id name rows of later modules (proposals, review
-- rounds) and have no foreign key for that reason.
CREATE TABLE topics (
  id                      INTEGER PRIMARY KEY,
  code                    TEXT NOT NULL UNIQUE,
  guide_id                INTEGER NOT NULL REFERENCES topic_guides(id) ON DELETE RESTRICT,
  title                   TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description             TEXT NOT NULL DEFAULT '',
  source                  TEXT NOT NULL CHECK (source IN ('leadership', 'department', 'association', 'expert')),
  department_id           INTEGER REFERENCES member_departments(id) ON DELETE RESTRICT,
  proposed_by_expert_id   INTEGER REFERENCES experts(id) ON DELETE SET NULL,
  priority                TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('high', 'normal', 'low')),
  budget_yuan             INTEGER CHECK (budget_yuan >= 0),
  application_deadline    TEXT,
  midterm_due             TEXT,
  due_date                TEXT,
  status                  TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'assigned',
                            'in_progress', 'midterm_review', 'delivered', 'concluded', 'cancelled')),
  status_reason           TEXT,
  lead_expert_id          INTEGER REFERENCES experts(id) ON DELETE RESTRICT,
  selected_application_id INTEGER,
  selection_round_id      INTEGER,
  deliverable_proposal_id INTEGER,
  rectify_by              TEXT,
  published_at            TEXT,
  assigned_at             TEXT,
  concluded_at            TEXT,
  created_by              INTEGER REFERENCES users(id) ON DELETE SET NULL,
  version                 INTEGER NOT NULL DEFAULT 1,
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL
);
CREATE INDEX topics_guide ON topics(guide_id, status, code);
CREATE INDEX topics_status ON topics(status, updated_at);
CREATE INDEX topics_lead ON topics(lead_expert_id) WHERE lead_expert_id IS NOT NULL;
CREATE INDEX topics_department ON topics(department_id) WHERE department_id IS NOT NULL;

CREATE TABLE topic_fields (
  topic_id INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  field_id INTEGER NOT NULL REFERENCES fields(id) ON DELETE RESTRICT,
  position INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (topic_id, field_id)
) WITHOUT ROWID;
CREATE INDEX topic_fields_field ON topic_fields(field_id, topic_id);

-- Files of the module (opinion letters, application attachments, midterm reports, working-space
-- documents), kept in the database with their digest. Size and type limits: topic_rules.hpp.
CREATE TABLE topic_files (
  id           INTEGER PRIMARY KEY,
  topic_id     INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind IN ('opinion_letter', 'application', 'midterm_report', 'workspace')),
  filename     TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
  content_type TEXT NOT NULL,
  size         INTEGER NOT NULL CHECK (size >= 0),
  sha256       TEXT NOT NULL,
  content      BLOB NOT NULL,
  uploaded_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at   TEXT NOT NULL
);
CREATE INDEX topic_files_topic ON topic_files(topic_id, kind);

-- 申报: an application of a lead expert with a plan, a recommending unit (推荐单位) and its
-- opinion letter, and a proposed team whose members confirm. An application counts while it is
-- `submitted` and every member has confirmed. One live application per lead and topic.
CREATE TABLE topic_applications (
  id                INTEGER PRIMARY KEY,
  topic_id          INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  lead_expert_id    INTEGER NOT NULL REFERENCES experts(id) ON DELETE RESTRICT,
  plan              TEXT NOT NULL,
  recommending_unit TEXT NOT NULL,
  opinion_file_id   INTEGER REFERENCES topic_files(id) ON DELETE SET NULL,
  status            TEXT NOT NULL DEFAULT 'submitted'
                      CHECK (status IN ('submitted', 'withdrawn', 'selected', 'not_selected')),
  status_reason     TEXT,
  selection_rank    INTEGER,
  selection_score   REAL,
  version           INTEGER NOT NULL DEFAULT 1,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX topic_applications_live ON topic_applications(topic_id, lead_expert_id)
  WHERE status <> 'withdrawn';
CREATE INDEX topic_applications_lead ON topic_applications(lead_expert_id, status);

CREATE TABLE topic_application_members (
  application_id INTEGER NOT NULL REFERENCES topic_applications(id) ON DELETE CASCADE,
  expert_id      INTEGER NOT NULL REFERENCES experts(id) ON DELETE RESTRICT,
  position       INTEGER NOT NULL DEFAULT 0,
  status         TEXT NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'confirmed', 'declined')),
  reason         TEXT,
  answered_at    TEXT,
  PRIMARY KEY (application_id, expert_id)
) WITHOUT ROWID;
CREATE INDEX topic_application_members_expert ON topic_application_members(expert_id, status);

CREATE TABLE topic_application_files (
  application_id INTEGER NOT NULL REFERENCES topic_applications(id) ON DELETE CASCADE,
  file_id        INTEGER NOT NULL REFERENCES topic_files(id) ON DELETE CASCADE,
  PRIMARY KEY (application_id, file_id)
) WITHOUT ROWID;

-- 委托: a direct commission to a named expert and team; the expert accepts (the topic becomes
-- `assigned`) or declines with a reason (the topic stays `published`). At most one pending.
CREATE TABLE topic_commissions (
  id          INTEGER PRIMARY KEY,
  topic_id    INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  expert_id   INTEGER NOT NULL REFERENCES experts(id) ON DELETE RESTRICT,
  note        TEXT NOT NULL DEFAULT '',
  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
  reason      TEXT,
  created_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at  TEXT NOT NULL,
  answered_at TEXT
);
CREATE UNIQUE INDEX topic_commissions_pending ON topic_commissions(topic_id) WHERE status = 'pending';
CREATE INDEX topic_commissions_expert ON topic_commissions(expert_id, status);

CREATE TABLE topic_commission_members (
  commission_id INTEGER NOT NULL REFERENCES topic_commissions(id) ON DELETE CASCADE,
  expert_id     INTEGER NOT NULL REFERENCES experts(id) ON DELETE RESTRICT,
  position      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (commission_id, expert_id)
) WITHOUT ROWID;

-- The team of an assigned topic, as history: a member who leaves keeps the row with left_at.
CREATE TABLE topic_members (
  id        INTEGER PRIMARY KEY,
  topic_id  INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  expert_id INTEGER NOT NULL REFERENCES experts(id) ON DELETE RESTRICT,
  role      TEXT NOT NULL CHECK (role IN ('lead', 'member')),
  position  INTEGER NOT NULL DEFAULT 0,
  joined_at TEXT NOT NULL,
  left_at   TEXT
);
CREATE UNIQUE INDEX topic_members_current ON topic_members(topic_id, expert_id) WHERE left_at IS NULL;
CREATE INDEX topic_members_expert ON topic_members(expert_id) WHERE left_at IS NULL;

-- The working space: milestones and messages between the team and the coordinators.
CREATE TABLE topic_milestones (
  id         INTEGER PRIMARY KEY,
  topic_id   INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  title      TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  due_at     TEXT NOT NULL,
  done_at    TEXT,
  version    INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX topic_milestones_topic ON topic_milestones(topic_id, due_at);

CREATE TABLE topic_messages (
  id         INTEGER PRIMARY KEY,
  topic_id   INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  author_id  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  author     TEXT NOT NULL,
  body       TEXT NOT NULL,
  file_id    INTEGER REFERENCES topic_files(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX topic_messages_topic ON topic_messages(topic_id, id);

-- 变更申请: filed by the lead (team change, extension of a date, withdrawal 撤项), approved or
-- refused by a coordinator with a reason; kept as history. For a team change, the members to
-- add and remove are rows of topic_change_members.
CREATE TABLE topic_changes (
  id              INTEGER PRIMARY KEY,
  topic_id        INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  kind            TEXT NOT NULL CHECK (kind IN ('team', 'extension', 'withdrawal')),
  reason          TEXT NOT NULL,
  date_field      TEXT CHECK (date_field IN ('midterm_due', 'due_date')),
  new_date        TEXT,
  status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
  decision_reason TEXT,
  requested_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  decided_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
  created_at      TEXT NOT NULL,
  decided_at      TEXT,
  CHECK (kind <> 'extension' OR (date_field IS NOT NULL AND new_date IS NOT NULL))
);
CREATE INDEX topic_changes_topic ON topic_changes(topic_id, id);
CREATE INDEX topic_changes_pending ON topic_changes(status) WHERE status = 'pending';

CREATE TABLE topic_change_members (
  change_id INTEGER NOT NULL REFERENCES topic_changes(id) ON DELETE CASCADE,
  expert_id INTEGER NOT NULL REFERENCES experts(id) ON DELETE RESTRICT,
  op        TEXT NOT NULL CHECK (op IN ('add', 'remove')),
  PRIMARY KEY (change_id, expert_id)
) WITHOUT ROWID;

-- 中期检查: one row per launch (a topic told to rectify may be checked again).
CREATE TABLE topic_midterms (
  id             INTEGER PRIMARY KEY,
  topic_id       INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  launched_at    TEXT NOT NULL,
  launched_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  report         TEXT,
  report_file_id INTEGER REFERENCES topic_files(id) ON DELETE SET NULL,
  submitted_at   TEXT,
  verdict        TEXT CHECK (verdict IN ('passed', 'rectify')),
  comments       TEXT,
  rectify_by     TEXT,
  decided_by     INTEGER REFERENCES users(id) ON DELETE SET NULL,
  decided_at     TEXT
);
CREATE INDEX topic_midterms_topic ON topic_midterms(topic_id, id);

-- 结题验收: the verdicts recorded on a delivered topic (需修改 sends it back, so a topic may
-- have several).
CREATE TABLE topic_acceptances (
  id          INTEGER PRIMARY KEY,
  topic_id    INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  verdict     TEXT NOT NULL CHECK (verdict IN ('passed', 'revise', 'failed')),
  comments    TEXT NOT NULL,
  proposal_id INTEGER,
  decided_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  decided_at  TEXT NOT NULL
);
CREATE INDEX topic_acceptances_topic ON topic_acceptances(topic_id, id);

-- 选题建议: a topic an expert proposes; coordinators adopt it (a new draft topic), merge it into
-- an existing topic, or decline it with a reason.
CREATE TABLE topic_suggestions (
  id          INTEGER PRIMARY KEY,
  expert_id   INTEGER NOT NULL REFERENCES experts(id) ON DELETE CASCADE,
  title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  description TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'adopted', 'merged', 'declined')),
  reason      TEXT,
  topic_id    INTEGER REFERENCES topics(id) ON DELETE SET NULL,
  decided_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
  decided_at  TEXT,
  version     INTEGER NOT NULL DEFAULT 1,
  created_at  TEXT NOT NULL
);
CREATE INDEX topic_suggestions_status ON topic_suggestions(status, id);
CREATE INDEX topic_suggestions_expert ON topic_suggestions(expert_id, id);

-- What happened to a topic, in order: every transition and working-space event, shown as the
-- topic's history to the team and the coordinators (the audit log is for admins).
CREATE TABLE topic_events (
  id          INTEGER PRIMARY KEY,
  topic_id    INTEGER NOT NULL REFERENCES topics(id) ON DELETE CASCADE,
  at          TEXT NOT NULL,
  actor_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
  actor_name  TEXT NOT NULL DEFAULT '',
  action      TEXT NOT NULL,
  from_status TEXT,
  to_status   TEXT,
  note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX topic_events_topic ON topic_events(topic_id, id);

-- A topic with its year and the figures derived from the tables above, in the column order
-- topic_store.cpp reads (a new column is added by a migration that replaces the view).
CREATE VIEW topic_rows AS
SELECT t.id, t.version, t.code, t.guide_id, g.year, t.title, t.description, t.source, t.department_id,
       t.proposed_by_expert_id, t.priority, t.budget_yuan, t.application_deadline, t.midterm_due, t.due_date,
       t.status, t.status_reason, t.lead_expert_id, t.selected_application_id, t.selection_round_id,
       t.deliverable_proposal_id, t.rectify_by, t.published_at, t.assigned_at, t.concluded_at, t.created_by,
       t.created_at, t.updated_at,
       (SELECT d.name FROM member_departments d WHERE d.id = t.department_id) AS department_name,
       (SELECT count(*) FROM topic_applications a
         WHERE a.topic_id = t.id AND a.status = 'submitted'
           AND NOT EXISTS (SELECT 1 FROM topic_application_members m
                            WHERE m.application_id = a.id AND m.status <> 'confirmed')) AS application_count,
       (SELECT count(*) FROM topic_midterms m WHERE m.topic_id = t.id) AS midterm_count,
       (SELECT m.submitted_at IS NULL FROM topic_midterms m WHERE m.topic_id = t.id
         ORDER BY m.id DESC LIMIT 1) AS midterm_report_pending,
       (SELECT m.verdict FROM topic_midterms m WHERE m.topic_id = t.id ORDER BY m.id DESC LIMIT 1)
         AS last_midterm_verdict,
       (SELECT a.verdict FROM topic_acceptances a WHERE a.topic_id = t.id ORDER BY a.id DESC LIMIT 1)
         AS acceptance_verdict,
       EXISTS (SELECT 1 FROM topic_commissions c WHERE c.topic_id = t.id AND c.status = 'pending')
         AS commission_pending
FROM topics t JOIN topic_guides g ON g.id = t.guide_id;
