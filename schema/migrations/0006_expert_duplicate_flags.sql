-- Possible duplicates found when an expert edits their own contact data or the public applies:
-- the edit or the application is accepted (refusing it would tell an expert or a stranger that
-- someone else uses that e-mail or phone), and the pair is kept here for coordinators to resolve.
CREATE TABLE expert_duplicate_flags (
  id              INTEGER PRIMARY KEY,
  expert_id       INTEGER NOT NULL REFERENCES experts(id) ON DELETE CASCADE,
  other_expert_id INTEGER NOT NULL REFERENCES experts(id) ON DELETE CASCADE,
  field           TEXT NOT NULL CHECK (field IN ('email', 'phone')),
  created_at      TEXT NOT NULL,
  UNIQUE (expert_id, other_expert_id, field)
);
CREATE INDEX expert_duplicate_flags_other ON expert_duplicate_flags(other_expert_id);
