-- Members known from activity snapshots: members already in a guild before the bot arrived never produce
-- a GUILD_MEMBER_ADD, so METRICS_SNAPSHOT / MEMBER_ACTIVITY_SNAPSHOT give their identity. `last_seen_at`
-- is the latest activity a snapshot reported (NULL: never seen active). Such a member is present with an
-- unknown join time (last_joined_at NULL) until a join or leave event says otherwise.
ALTER TABLE members ADD COLUMN last_seen_at timestamptz;
