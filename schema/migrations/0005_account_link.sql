-- One link between an account and its expert profile: experts.user_id, the experts module's own
-- column, pointing back at users as the build order does (users come first and know nothing of
-- experts). users.expert_id, which was kept in step with it by hand, is retired: any link only it
-- held is copied over, then it is cleared and renamed so that nothing reads it by mistake.
-- (SQLite cannot drop a UNIQUE column without rebuilding users and every table that refers to it.)
UPDATE experts SET user_id = (SELECT u.id FROM users u WHERE u.expert_id = experts.id)
 WHERE user_id IS NULL
   AND (SELECT u.id FROM users u WHERE u.expert_id = experts.id)
       NOT IN (SELECT user_id FROM experts WHERE user_id IS NOT NULL);
UPDATE users SET expert_id = NULL;
ALTER TABLE users RENAME COLUMN expert_id TO retired_expert_id;
