-- Members as a merge of what each event says, the same whatever batches the events came in:
-- every identity field is "the newest event that said something about it", ordered by event time then
-- stream revision (a guild's events share one stream), so each keeps the key of the event it came from.
ALTER TABLE members ADD COLUMN profile_revision bigint NOT NULL DEFAULT -1;
ALTER TABLE members ADD COLUMN discriminator_at timestamptz;
ALTER TABLE members ADD COLUMN discriminator_revision bigint;
ALTER TABLE members ADD COLUMN avatar_at timestamptz;
ALTER TABLE members ADD COLUMN avatar_revision bigint;
-- Discord's member list (GUILD_MEMBERS_SYNC): when the latest list naming the member was fetched, and the
-- `joined_at` it gave (the join of members who were there before the bot).
ALTER TABLE members ADD COLUMN listed_at timestamptz;
ALTER TABLE members ADD COLUMN listed_joined_at timestamptz;
-- present | left | unknown, decided by the latest of: joins, leaves, member lists naming the member, a
-- complete member list not naming it (see members/member-presence.ts). is_present = (presence = 'present').
ALTER TABLE members ADD COLUMN presence text NOT NULL DEFAULT 'unknown'
  CHECK (presence IN ('present', 'left', 'unknown'));

-- One row per chunk of a member list seen; a list is complete once all `chunk_count` chunks are in.
CREATE TABLE member_list_chunks (
  sync_id text NOT NULL,
  chunk_index integer NOT NULL,
  guild_id text NOT NULL,
  chunk_count integer NOT NULL,
  -- When the bot started fetching the list (the event time).
  started_at timestamptz NOT NULL,
  PRIMARY KEY (sync_id, chunk_index)
);

-- Per guild: the member count Discord last reported (GUILD_SYNC / GUILD_CREATE / GUILD_UPDATE) with the
-- joins and leaves after it (event time, then revision), and the latest complete member list.
CREATE TABLE guild_member_counts (
  guild_id text PRIMARY KEY,
  reported_count integer,
  reported_at timestamptz,
  reported_revision bigint,
  joins_after integer NOT NULL DEFAULT 0,
  leaves_after integer NOT NULL DEFAULT 0,
  list_synced_at timestamptz
);

-- Rows written before this migration lack the keys above, and member counts need every report: the members
-- projection starts over from the event log (which keeps every event) at the next start.
TRUNCATE members, member_presence_events;
DELETE FROM projection_checkpoints WHERE projection = 'members';
