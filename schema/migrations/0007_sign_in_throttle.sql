-- Where each account signed in successfully (account key 'account:<lower-case name>'), so that
-- the account-wide sign-in limit slows guessers elsewhere without locking the owner out from
-- their usual address (users/login_throttle.hpp). login_failures now also holds the keys
-- 'pair:<name>|<address>' and 'account:<name>'; the old 'user:<name>' rows (locks of up to a
-- day from before) are dropped.
CREATE TABLE login_usual_addresses (
  account_key     TEXT NOT NULL,
  address         TEXT NOT NULL,
  last_success_at TEXT NOT NULL,
  PRIMARY KEY (account_key, address)
) WITHOUT ROWID;
DELETE FROM login_failures WHERE key LIKE 'user:%';
