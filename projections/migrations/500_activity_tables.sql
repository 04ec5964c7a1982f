-- Activity read model: raw rows from METRICS_SNAPSHOT and MEMBER_ACTIVITY_SNAPSHOT.
--
-- Source of truth (no double counting):
--   * METRICS_SNAPSHOT (one per guild per ~minute) feeds every total, series and leaderboard:
--     activity_snapshot (guild totals), activity_channel, activity_member, activity_emoji.
--   * MEMBER_ACTIVITY_SNAPSHOT (every ~5 minutes) reports the SAME messages/voice again, per member;
--     it is stored as detail only (member_activity*, never summed into totals): reactions received,
--     voice sessions, first/last seen, messages/voice per channel per member.
--
-- A snapshot belongs wholly to the time of its periodStart (`ts`): a range [from, to) contains the
-- snapshots with from <= periodStart < to, at every level (raw, hourly, daily).
-- Voice is stored in integer milliseconds so every sum is exact and identical on every engine.
-- Idempotency: the parent row of a snapshot is unique on (guild_id, event_id, ts); the projection inserts
-- a snapshot's child rows only when its parent row was new, in the same transaction.
-- Hypertables: 1-day chunks (retention drops whole days); every index leads with guild_id because every
-- query is per guild.

CREATE TABLE activity_snapshot (
  guild_id text NOT NULL,
  ts timestamptz NOT NULL,
  period_end timestamptz NOT NULL,
  event_id uuid NOT NULL,
  messages integer NOT NULL,
  voice_ms bigint NOT NULL,
  reactions integer NOT NULL,
  -- metrics.voice.uniqueUsers of this snapshot
  voice_users integer NOT NULL,
  voice_sessions integer NOT NULL,
  -- sessions.count * sessions.avgDuration, so an average over any period is sum/sum
  voice_session_ms bigint NOT NULL,
  -- distinct members with any activity in this snapshot
  active_members integer NOT NULL
);
SELECT create_hypertable('activity_snapshot', by_range('ts', INTERVAL '1 day'), create_default_indexes => false);
CREATE UNIQUE INDEX activity_snapshot_event_uq ON activity_snapshot (guild_id, event_id, ts);
CREATE INDEX activity_snapshot_guild_ts_idx ON activity_snapshot (guild_id, ts DESC);

CREATE TABLE activity_channel (
  guild_id text NOT NULL,
  channel_id text NOT NULL,
  ts timestamptz NOT NULL,
  messages integer NOT NULL,
  voice_ms bigint NOT NULL,
  -- from metrics.voice.topChannels[].peakUsers (only the top voice channels carry it)
  peak_users integer
);
SELECT create_hypertable('activity_channel', by_range('ts', INTERVAL '1 day'), create_default_indexes => false);
CREATE INDEX activity_channel_guild_ts_idx ON activity_channel (guild_id, ts DESC);

CREATE TABLE activity_member (
  guild_id text NOT NULL,
  user_id text NOT NULL,
  ts timestamptz NOT NULL,
  messages integer NOT NULL,
  voice_ms bigint NOT NULL,
  reactions integer NOT NULL
);
SELECT create_hypertable('activity_member', by_range('ts', INTERVAL '1 day'), create_default_indexes => false);
CREATE INDEX activity_member_guild_ts_idx ON activity_member (guild_id, ts DESC);

CREATE TABLE activity_emoji (
  guild_id text NOT NULL,
  emoji text NOT NULL,
  ts timestamptz NOT NULL,
  count integer NOT NULL
);
SELECT create_hypertable('activity_emoji', by_range('ts', INTERVAL '1 day'), create_default_indexes => false);
CREATE INDEX activity_emoji_guild_ts_idx ON activity_emoji (guild_id, ts DESC);

-- MEMBER_ACTIVITY_SNAPSHOT: detail only (see above).
CREATE TABLE member_activity_snapshot (
  guild_id text NOT NULL,
  ts timestamptz NOT NULL,
  period_end timestamptz NOT NULL,
  event_id uuid NOT NULL,
  members integer NOT NULL
);
SELECT create_hypertable('member_activity_snapshot', by_range('ts', INTERVAL '1 day'), create_default_indexes => false);
CREATE UNIQUE INDEX member_activity_snapshot_event_uq ON member_activity_snapshot (guild_id, event_id, ts);

CREATE TABLE member_activity (
  guild_id text NOT NULL,
  user_id text NOT NULL,
  ts timestamptz NOT NULL,
  messages integer NOT NULL,
  voice_ms bigint NOT NULL,
  voice_sessions integer NOT NULL,
  reactions_added integer NOT NULL,
  reactions_received integer NOT NULL,
  is_new_member boolean NOT NULL,
  first_seen timestamptz,
  last_seen timestamptz NOT NULL
);
SELECT create_hypertable('member_activity', by_range('ts', INTERVAL '1 day'), create_default_indexes => false);
CREATE INDEX member_activity_guild_user_ts_idx ON member_activity (guild_id, user_id, ts DESC);

CREATE TABLE member_activity_channel (
  guild_id text NOT NULL,
  user_id text NOT NULL,
  channel_id text NOT NULL,
  ts timestamptz NOT NULL,
  messages integer NOT NULL,
  voice_ms bigint NOT NULL
);
SELECT create_hypertable('member_activity_channel', by_range('ts', INTERVAL '1 day'), create_default_indexes => false);
CREATE INDEX member_activity_channel_guild_user_ts_idx ON member_activity_channel (guild_id, user_id, ts DESC);

-- Continuous-aggregate refresh bookkeeping (PGlite runs no background jobs; the projections refresh).
-- A batch records the hour windows it touched here, in its own transaction, so a crash between commit
-- and refresh loses nothing: the next afterCommit (or applyRetention) refreshes them.
CREATE TABLE activity_refresh_window (
  id bigserial PRIMARY KEY,
  view_group text NOT NULL,
  from_ts timestamptz NOT NULL,
  to_ts timestamptz NOT NULL
);

CREATE TABLE activity_refresh_state (
  view_group text PRIMARY KEY,
  -- newest event time seen: hours before its hour are closed and get materialized
  high_water timestamptz NOT NULL,
  -- aggregates are materialized for every bucket before this (real-time aggregation covers the rest)
  refreshed_to timestamptz,
  -- raw rows before this were dropped by retention; older late data is not stored
  raw_horizon timestamptz
);
