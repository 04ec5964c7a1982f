-- Members per guild: identity (latest name/avatar), joins and leaves. The all-time activity counters
-- live in the activity read models, keyed the same way (guild_id, user_id).
CREATE TABLE members (
  guild_id text NOT NULL,
  user_id text NOT NULL,
  username text,
  discriminator text,
  avatar text,
  is_bot boolean,
  -- From the user id (snowflake).
  account_created_at timestamptz NOT NULL,
  -- Event time of the event that gave the current username/avatar.
  profile_updated_at timestamptz NOT NULL,
  first_joined_at timestamptz,
  last_joined_at timestamptz,
  left_at timestamptz,
  is_present boolean NOT NULL DEFAULT false,
  join_count integer NOT NULL DEFAULT 0,
  leave_count integer NOT NULL DEFAULT 0,
  roles_at_leave text[],
  PRIMARY KEY (guild_id, user_id)
);
CREATE INDEX members_guild_present_idx ON members (guild_id, is_present, last_joined_at DESC);
CREATE INDEX members_guild_username_idx ON members (guild_id, lower(username));

-- Every join and leave (member history; also the applied-event guard: members columns are recomputed
-- from these rows, never incremented).
CREATE TABLE member_presence_events (
  event_id text PRIMARY KEY,
  guild_id text NOT NULL,
  user_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('join', 'leave')),
  occurred_at timestamptz NOT NULL,
  roles text[],
  stream_id text NOT NULL,
  revision bigint NOT NULL,
  position text NOT NULL
);
CREATE INDEX member_presence_events_member_idx ON member_presence_events (guild_id, user_id, occurred_at);
CREATE INDEX member_presence_events_guild_time_idx ON member_presence_events (guild_id, occurred_at);
