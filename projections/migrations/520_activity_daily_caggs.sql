-- Daily continuous aggregates over the hourly ones (hierarchical). Real-time aggregation reads the
-- hourly aggregate (itself real-time) for days not yet materialized. Day = UTC day.

CREATE MATERIALIZED VIEW activity_guild_daily
WITH (timescaledb.continuous, timescaledb.materialized_only = false, timescaledb.create_group_indexes = false) AS
SELECT
  guild_id,
  time_bucket(INTERVAL '1 day', bucket) AS bucket,
  sum(messages)::bigint AS messages,
  sum(voice_ms)::bigint AS voice_ms,
  sum(reactions)::bigint AS reactions,
  sum(voice_sessions)::bigint AS voice_sessions,
  sum(voice_session_ms)::bigint AS voice_session_ms,
  max(peak_voice_users) AS peak_voice_users,
  sum(snapshots)::bigint AS snapshots
FROM activity_guild_hourly
GROUP BY guild_id, time_bucket(INTERVAL '1 day', bucket)
WITH NO DATA;
CREATE INDEX ON activity_guild_daily (guild_id, bucket DESC);

CREATE MATERIALIZED VIEW activity_channel_daily
WITH (timescaledb.continuous, timescaledb.materialized_only = false, timescaledb.create_group_indexes = false) AS
SELECT
  guild_id,
  channel_id,
  time_bucket(INTERVAL '1 day', bucket) AS bucket,
  sum(messages)::bigint AS messages,
  sum(voice_ms)::bigint AS voice_ms,
  max(peak_users) AS peak_users
FROM activity_channel_hourly
GROUP BY guild_id, channel_id, time_bucket(INTERVAL '1 day', bucket)
WITH NO DATA;
CREATE INDEX ON activity_channel_daily (guild_id, channel_id, bucket DESC);

CREATE MATERIALIZED VIEW activity_member_daily
WITH (timescaledb.continuous, timescaledb.materialized_only = false, timescaledb.create_group_indexes = false) AS
SELECT
  guild_id,
  user_id,
  time_bucket(INTERVAL '1 day', bucket) AS bucket,
  sum(messages)::bigint AS messages,
  sum(voice_ms)::bigint AS voice_ms,
  sum(reactions)::bigint AS reactions
FROM activity_member_hourly
GROUP BY guild_id, user_id, time_bucket(INTERVAL '1 day', bucket)
WITH NO DATA;
CREATE INDEX ON activity_member_daily (guild_id, bucket DESC);
CREATE INDEX ON activity_member_daily (guild_id, user_id, bucket DESC);

CREATE MATERIALIZED VIEW activity_emoji_daily
WITH (timescaledb.continuous, timescaledb.materialized_only = false, timescaledb.create_group_indexes = false) AS
SELECT
  guild_id,
  emoji,
  time_bucket(INTERVAL '1 day', bucket) AS bucket,
  sum(count)::bigint AS count
FROM activity_emoji_hourly
GROUP BY guild_id, emoji, time_bucket(INTERVAL '1 day', bucket)
WITH NO DATA;
CREATE INDEX ON activity_emoji_daily (guild_id, bucket DESC);

CREATE MATERIALIZED VIEW member_activity_daily
WITH (timescaledb.continuous, timescaledb.materialized_only = false, timescaledb.create_group_indexes = false) AS
SELECT
  guild_id,
  user_id,
  time_bucket(INTERVAL '1 day', bucket) AS bucket,
  sum(messages)::bigint AS messages,
  sum(voice_ms)::bigint AS voice_ms,
  sum(voice_sessions)::bigint AS voice_sessions,
  sum(reactions_added)::bigint AS reactions_added,
  sum(reactions_received)::bigint AS reactions_received,
  min(first_seen) AS first_seen,
  max(last_seen) AS last_seen
FROM member_activity_hourly
GROUP BY guild_id, user_id, time_bucket(INTERVAL '1 day', bucket)
WITH NO DATA;
CREATE INDEX ON member_activity_daily (guild_id, user_id, bucket DESC);
