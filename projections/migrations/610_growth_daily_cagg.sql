-- Joins / leaves / bans per guild per UTC day, real-time for the days not yet materialized.
CREATE MATERIALIZED VIEW member_flow_daily
WITH (timescaledb.continuous, timescaledb.materialized_only = false, timescaledb.create_group_indexes = false) AS
SELECT
  guild_id,
  time_bucket(INTERVAL '1 day', ts) AS bucket,
  count(*) FILTER (WHERE kind = 'join') AS joins,
  count(*) FILTER (WHERE kind = 'leave') AS leaves,
  count(*) FILTER (WHERE kind = 'ban') AS bans
FROM member_flow
GROUP BY guild_id, time_bucket(INTERVAL '1 day', ts)
WITH NO DATA;
CREATE INDEX ON member_flow_daily (guild_id, bucket DESC);
