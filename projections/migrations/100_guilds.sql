-- Guild registry (GUILD_SYNC / GUILD_CREATE / GUILD_UPDATE / GUILD_DELETE) and its change history.
-- status: active; unavailable (Discord outage, GUILD_DELETE with unavailable=true); removed (the bot
-- left or was kicked); absent (missing from a later GUILD_SYNC of the bot/shard that had it).
CREATE TABLE guilds (
  guild_id text PRIMARY KEY,
  name text,
  icon text,
  owner_id text,
  member_count integer,
  features text[] NOT NULL DEFAULT '{}',
  premium_tier integer,
  premium_subscription_count integer,
  status text NOT NULL CHECK (status IN ('active', 'unavailable', 'removed', 'absent')),
  is_active boolean NOT NULL,
  bot_id text,
  shard_id integer,
  bot_joined_at timestamptz,
  first_seen_at timestamptz NOT NULL,
  status_changed_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  last_event_id text NOT NULL
);
CREATE INDEX guilds_bot_shard_idx ON guilds (bot_id, shard_id) WHERE is_active;

-- One row per guild per event that changed it. change: sync | create | update | unavailable | removed | absent
CREATE TABLE guild_history (
  event_id text NOT NULL,
  guild_id text NOT NULL,
  change text NOT NULL,
  changes jsonb NOT NULL DEFAULT '{}',
  occurred_at timestamptz NOT NULL,
  stream_id text NOT NULL,
  revision bigint NOT NULL,
  position text NOT NULL,
  PRIMARY KEY (event_id, guild_id)
);
CREATE INDEX guild_history_guild_idx ON guild_history (guild_id, occurred_at DESC);

-- GUILD_SYNC arrives as one event per guild sharing a syncId; when all guildCount events are seen, the
-- guilds of that bot/shard missing from the sync are marked absent.
CREATE TABLE guild_syncs (
  sync_id text PRIMARY KEY,
  bot_id text,
  shard_id integer,
  guild_count integer NOT NULL,
  started_at timestamptz NOT NULL,
  completed_at timestamptz
);
CREATE TABLE guild_sync_guilds (
  sync_id text NOT NULL,
  guild_id text NOT NULL,
  PRIMARY KEY (sync_id, guild_id)
);
