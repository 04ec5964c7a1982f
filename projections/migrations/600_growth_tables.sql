-- Growth read model: one row per member join / removal / ban, from GUILD_MEMBER_ADD,
-- GUILD_MEMBER_REMOVE and GUILD_BAN_ADD. Leaves count GUILD_MEMBER_REMOVE only: Discord sends a member
-- removal for every member who leaves, is kicked or is banned, so counting GUILD_BAN_ADD as a leave too
-- would count a banned member twice (and a ban may target a non-member). Bans are kept as their own
-- column. Not subject to snapshot retention (few rows, and the overview counts them exactly).
CREATE TABLE member_flow (
  guild_id text NOT NULL,
  ts timestamptz NOT NULL,
  event_id uuid NOT NULL,
  user_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('join', 'leave', 'ban'))
);
SELECT create_hypertable('member_flow', by_range('ts', INTERVAL '7 days'), create_default_indexes => false);
CREATE UNIQUE INDEX member_flow_event_uq ON member_flow (guild_id, event_id, ts);
CREATE INDEX member_flow_guild_ts_idx ON member_flow (guild_id, ts DESC);
