-- Review rounds (评审批次): the round with its rubric, award tiers and settings; the proposals
-- in it; the reviewer assignments (tentative until released, then accepted, declined or
-- submitted); the reviews with a score per criterion (draft, then submitted); and the
-- coordinators' written overrides of conflicts of interest.

CREATE TABLE review_rounds (
  id                     INTEGER PRIMARY KEY,
  name                   TEXT NOT NULL,
  purpose                TEXT NOT NULL CHECK (purpose IN ('award_selection', 'topic_selection', 'suggestion_evaluation')),
  rubric                 TEXT NOT NULL,  -- JSON: [{name, description, weight, max_score, half_points}]
  tiers                  TEXT NOT NULL,  -- JSON: {basis, tiers: [{name, count, share}]}
  blind                  INTEGER NOT NULL DEFAULT 1 CHECK (blind IN (0, 1)),
  min_reviews            INTEGER NOT NULL DEFAULT 3 CHECK (min_reviews >= 1),
  reviewers_per_proposal INTEGER NOT NULL DEFAULT 3 CHECK (reviewers_per_proposal >= 1),
  max_load               INTEGER NOT NULL DEFAULT 10 CHECK (max_load >= 1),
  deadline               TEXT,
  method                 TEXT NOT NULL DEFAULT 'mean' CHECK (method IN ('mean', 'trimmed_mean', 'z_score')),
  disagreement_spread    REAL NOT NULL DEFAULT 20,
  status                 TEXT NOT NULL DEFAULT 'draft'
                           CHECK (status IN ('draft', 'assigning', 'reviewing', 'closed', 'finalized')),
  created_by             INTEGER REFERENCES users(id),
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL,
  version                INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX review_rounds_status ON review_rounds(status, id);

-- A proposal is in at most one round that is not finalized (the service checks it).
CREATE TABLE round_proposals (
  round_id    INTEGER NOT NULL REFERENCES review_rounds(id),
  proposal_id INTEGER NOT NULL REFERENCES proposals(id),
  added_at    TEXT NOT NULL,
  added_by    INTEGER REFERENCES users(id),
  PRIMARY KEY (round_id, proposal_id)
) WITHOUT ROWID;
CREATE INDEX round_proposals_proposal ON round_proposals(proposal_id, round_id);

-- The reviewers a round may assign (its pool), each with an optional load of their own (NULL:
-- the round's max_load).
CREATE TABLE round_reviewers (
  round_id  INTEGER NOT NULL REFERENCES review_rounds(id),
  expert_id INTEGER NOT NULL REFERENCES experts(id),
  max_load  INTEGER CHECK (max_load IS NULL OR max_load >= 0),
  added_at  TEXT NOT NULL,
  PRIMARY KEY (round_id, expert_id)
) WITHOUT ROWID;

CREATE TABLE review_assignments (
  id             INTEGER PRIMARY KEY,
  round_id       INTEGER NOT NULL REFERENCES review_rounds(id),
  proposal_id    INTEGER NOT NULL REFERENCES proposals(id),
  expert_id      INTEGER NOT NULL REFERENCES experts(id),
  status         TEXT NOT NULL DEFAULT 'tentative'
                   CHECK (status IN ('tentative', 'released', 'accepted', 'declined', 'submitted')),
  pinned         INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
  match_score    REAL,
  match_reasons  TEXT,
  decline_reason TEXT,
  extended_until TEXT,  -- the coordinator's extension of the deadline for this reviewer
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  UNIQUE (round_id, proposal_id, expert_id)
);
CREATE INDEX review_assignments_expert ON review_assignments(expert_id, round_id);

CREATE TABLE reviews (
  assignment_id   INTEGER PRIMARY KEY REFERENCES review_assignments(id),
  scores          TEXT NOT NULL,  -- JSON: one number (or null) per criterion, in the rubric's order
  recommendation  TEXT,
  confidence      INTEGER,
  comment_office  TEXT NOT NULL DEFAULT '',
  comment_authors TEXT NOT NULL DEFAULT '',
  status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
  submitted_at    TEXT,
  updated_at      TEXT NOT NULL,
  version         INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE conflict_overrides (
  round_id    INTEGER NOT NULL REFERENCES review_rounds(id),
  proposal_id INTEGER NOT NULL REFERENCES proposals(id),
  expert_id   INTEGER NOT NULL REFERENCES experts(id),
  reason      TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  created_by  INTEGER REFERENCES users(id),
  created_at  TEXT NOT NULL,
  PRIMARY KEY (round_id, proposal_id, expert_id)
) WITHOUT ROWID;
