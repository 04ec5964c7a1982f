-- Hourly continuous aggregates over the raw activity hypertables. Real-time aggregation is on
-- (materialized_only = false): buckets not yet materialized are computed from the raw rows at query
-- time, so the newest hour is always exact. PGlite runs no refresh policy: the projections refresh the
-- windows each batch touched (see activity-cagg.refresh.ts). Sums are cast back to bigint so both engines
-- return the same types; the activity score is computed from these sums at query time.
-- Created WITH NO DATA, which TimescaleDB allows inside a transaction. Their indexes are left unnamed:
-- they live in the materialization hypertable (schema _timescaledb_internal), shared by every read-model
-- schema (rebuild/verify scratch schemas), so fixed names would collide.

CREATE MATERIALIZED VIEW activity_guild_hourly
WITH (timescaledb.continuous, timescaledb.materialized_only = false, timescaledb.create_group_indexes = false) AS
SELECT
  guild_id,
  time_bucket(INTERVAL '1 hour', ts) AS bucket,
  sum(messages)::bigint AS messages,
  sum(voice_ms)::bigint AS voice_ms,
  sum(reactions)::bigint AS reactions,
  sum(voice_sessions)::bigint AS voice_sessions,
  sum(voice_session_ms)::bigint AS voice_session_ms,
  max(voice_users) AS peak_voice_users,
  count(*)::bigint AS snapshots
FROM activity_snapshot
GROUP BY guild_id, time_bucket(INTERVAL '1 hour', ts)
WITH NO DATA;
CREATE INDEX ON activity_guild_hourly (guild_id, bucket DESC);

CREATE MATERIALIZED VIEW activity_channel_hourly
WITH (timescaledb.continuous, timescaledb.materialized_only = false, timescaledb.create_group_indexes = false) AS
SELECT
  guild_id,
  channel_id,
  time_bucket(INTERVAL '1 hour', ts) AS bucket,
  sum(messages)::bigint AS messages,
  sum(voice_ms)::bigint AS voice_ms,
  max(peak_users) AS peak_users
FROM activity_channel
GROUP BY guild_id, channel_id, time_bucket(INTERVAL '1 hour', ts)
WITH NO DATA;
CREATE INDEX ON activity_channel_hourly (guild_id, channel_id, bucket DESC);

CREATE MATERIALIZED VIEW activity_member_hourly
WITH (timescaledb.continuous, timescaledb.materialized_only = false, timescaledb.create_group_indexes = false) AS
SELECT
  guild_id,
  user_id,
  time_bucket(INTERVAL '1 hour', ts) AS bucket,
  sum(messages)::bigint AS messages,
  sum(voice_ms)::bigint AS voice_ms,
  sum(reactions)::bigint AS reactions
FROM activity_member
GROUP BY guild_id, user_id, time_bucket(INTERVAL '1 hour', ts)
WITH NO DATA;
CREATE INDEX ON activity_member_hourly (guild_id, bucket DESC);
CREATE INDEX ON activity_member_hourly (guild_id, user_id, bucket DESC);

CREATE MATERIALIZED VIEW activity_emoji_hourly
WITH (timescaledb.continuous, timescaledb.materialized_only = false, timescaledb.create_group_indexes = false) AS
SELECT
  guild_id,
  emoji,
  time_bucket(INTERVAL '1 hour', ts) AS bucket,
  sum(count)::bigint AS count
FROM activity_emoji
GROUP BY guild_id, emoji, time_bucket(INTERVAL '1 hour', ts)
WITH NO DATA;
CREATE INDEX ON activity_emoji_hourly (guild_id, bucket DESC);

CREATE MATERIALIZED VIEW member_activity_hourly
WITH (timescaledb.continuous, timescaledb.materialized_only = false, timescaledb.create_group_indexes = false) AS
SELECT
  guild_id,
  user_id,
  time_bucket(INTERVAL '1 hour', ts) AS bucket,
  sum(messages)::bigint AS messages,
  sum(voice_ms)::bigint AS voice_ms,
  sum(voice_sessions)::bigint AS voice_sessions,
  sum(reactions_added)::bigint AS reactions_added,
  sum(reactions_received)::bigint AS reactions_received,
  min(first_seen) AS first_seen,
  max(last_seen) AS last_seen
FROM member_activity
GROUP BY guild_id, user_id, time_bucket(INTERVAL '1 hour', ts)
WITH NO DATA;
CREATE INDEX ON member_activity_hourly (guild_id, user_id, bucket DESC);
