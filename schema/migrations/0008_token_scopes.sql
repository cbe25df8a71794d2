-- What an API token may do (issue 9 item 2): 'read_only' (GET requests only) or 'read_write'
-- (any request its owner's roles allow). No token manages tokens, passwords, TOTP, sessions or
-- accounts whatever its scope (users/account_gate.hpp). Tokens made before scopes existed could
-- write, so they keep 'read_write' (they lose the account management); new ones default to
-- 'read_only' in the API.
ALTER TABLE api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'read_write'
  CHECK (scope IN ('read_only', 'read_write'));
