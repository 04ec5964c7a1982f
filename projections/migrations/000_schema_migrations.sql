-- Infrastructure: the table recording applied migrations. The migrator creates it before reading it
-- (same statement), so this file only documents it and records version 000.
CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);
