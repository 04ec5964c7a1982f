-- Invites, every join with its attribution, and the views behind inviter stats and the invite graph.
CREATE TABLE invites (
  guild_id text NOT NULL,
  code text NOT NULL,
  channel_id text,
  inviter_id text,
  inviter_username text,
  is_vanity boolean NOT NULL DEFAULT false,
  max_uses integer,
  max_age_seconds integer,
  temporary boolean,
  created_at timestamptz,
  expires_at timestamptz,
  uses integer NOT NULL DEFAULT 0,
  deleted_at timestamptz,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (guild_id, code)
);
CREATE INDEX invites_guild_inviter_idx ON invites (guild_id, inviter_id);

-- One row per GUILD_MEMBER_ADD. join_class: invite | vanity | unknown | bot | no-permission.
-- left_at: the first leave after this join and before the user's next join (recomputed, never guessed).
CREATE TABLE invite_joins (
  event_id text PRIMARY KEY,
  guild_id text NOT NULL,
  user_id text NOT NULL,
  username text NOT NULL,
  is_bot boolean NOT NULL,
  joined_at timestamptz NOT NULL,
  account_created_at timestamptz NOT NULL,
  join_class text NOT NULL CHECK (join_class IN ('invite', 'vanity', 'unknown', 'bot', 'no-permission')),
  invite_code text,
  inviter_id text,
  inviter_username text,
  left_at timestamptz,
  stream_id text NOT NULL,
  revision bigint NOT NULL,
  position text NOT NULL
);
CREATE INDEX invite_joins_member_idx ON invite_joins (guild_id, user_id, joined_at);
CREATE INDEX invite_joins_inviter_idx ON invite_joins (guild_id, inviter_id, joined_at DESC);
CREATE INDEX invite_joins_guild_time_idx ON invite_joins (guild_id, joined_at DESC);

-- Leaves as the invites projection saw them (its own copy: a projection only reads its own tables).
CREATE TABLE invite_leaves (
  event_id text PRIMARY KEY,
  guild_id text NOT NULL,
  user_id text NOT NULL,
  left_at timestamptz NOT NULL
);
CREATE INDEX invite_leaves_member_idx ON invite_leaves (guild_id, user_id, left_at);

-- A join is fake when the member left within 24 h, or the account was younger than 3 days at join.
CREATE VIEW invite_join_facts AS
SELECT j.*,
  (j.left_at IS NULL) AS still_present,
  ((j.left_at IS NOT NULL AND j.left_at < j.joined_at + interval '24 hours')
    OR j.joined_at < j.account_created_at + interval '3 days') AS is_fake
FROM invite_joins j;

-- Inviter stats per guild (joins attributed to an inviter through an invite).
CREATE VIEW inviter_stats AS
SELECT guild_id,
  inviter_id,
  (array_agg(inviter_username ORDER BY joined_at DESC) FILTER (WHERE inviter_username IS NOT NULL))[1] AS inviter_username,
  count(*)::integer AS joins,
  count(*) FILTER (WHERE still_present)::integer AS still_present,
  count(*) FILTER (WHERE NOT still_present)::integer AS left_count,
  count(*) FILTER (WHERE is_fake)::integer AS fake,
  min(joined_at) AS first_join_at,
  max(joined_at) AS last_join_at
FROM invite_join_facts
WHERE inviter_id IS NOT NULL
GROUP BY guild_id, inviter_id;

-- Invite graph edges: inviter -> invitee, with join time and class.
CREATE VIEW invite_graph_edges AS
SELECT guild_id, inviter_id AS source_user_id, user_id AS target_user_id, joined_at, join_class, invite_code,
  left_at, still_present, is_fake, event_id
FROM invite_join_facts
WHERE inviter_id IS NOT NULL;

-- Invite graph nodes: every member who invited or was invited, with the latest known name.
CREATE VIEW invite_graph_nodes AS
SELECT n.guild_id, n.user_id,
  (SELECT j.username FROM invite_joins j WHERE j.guild_id = n.guild_id AND j.user_id = n.user_id
     ORDER BY j.joined_at DESC LIMIT 1) AS invitee_username,
  (SELECT j.inviter_username FROM invite_joins j WHERE j.guild_id = n.guild_id AND j.inviter_id = n.user_id
     AND j.inviter_username IS NOT NULL ORDER BY j.joined_at DESC LIMIT 1) AS inviter_username,
  EXISTS (SELECT 1 FROM invite_joins j WHERE j.guild_id = n.guild_id AND j.inviter_id = n.user_id) AS is_inviter
FROM (
  SELECT guild_id, inviter_id AS user_id FROM invite_joins WHERE inviter_id IS NOT NULL
  UNION
  SELECT guild_id, user_id FROM invite_joins WHERE inviter_id IS NOT NULL
) n;
