-- Public applications (issue 9 item 7, issue 10 item 15): when the applicant agreed to the
-- processing of their personal information (个人信息保护法), and the salt of the proof-of-work
-- answer they sent, which can be spent once. Receipts are now 8-character numbers; receipt_hash
-- keeps the SHA-256 of the normalised number (older rows: of the long receipt).
ALTER TABLE expert_applications ADD COLUMN consented_at TEXT;
ALTER TABLE expert_applications ADD COLUMN challenge_salt TEXT;
CREATE UNIQUE INDEX expert_applications_challenge ON expert_applications(challenge_salt);
