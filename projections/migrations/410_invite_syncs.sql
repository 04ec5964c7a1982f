-- INVITE_SYNC: the guild's invite list as the bot found it at ready / when added. A complete list is kept
-- (codes only) so that `invites.missing_since` can be recomputed in any order: the first complete sync
-- after the invite's last sign of life (`updated_at`) that did not list it, i.e. it was deleted or expired
-- while no bot was watching. Explicit deletions keep `deleted_at`.
CREATE TABLE invite_syncs (
  event_id text PRIMARY KEY,
  guild_id text NOT NULL,
  synced_at timestamptz NOT NULL,
  codes text[] NOT NULL
);
CREATE INDEX invite_syncs_guild_time_idx ON invite_syncs (guild_id, synced_at);
ALTER TABLE invites ADD COLUMN missing_since timestamptz;
