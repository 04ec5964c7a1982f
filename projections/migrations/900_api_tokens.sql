-- API tokens (owned by the api workspace; numbers 900-949 are the API's).
-- Only the SHA-256 of a token is stored; the secret is shown once at creation.
CREATE TABLE IF NOT EXISTS api_tokens (
  id          text PRIMARY KEY,
  label       text,
  role        text NOT NULL CHECK (role IN ('admin', 'viewer', 'auditor')),
  -- NULL = every guild, present and future.
  guild_ids   text[],
  token_hash  text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);
