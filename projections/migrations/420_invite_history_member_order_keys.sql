-- Same as member_presence_events (migration 330): the applied-event guard of joins and leaves is keyed by
-- (guild, user, time, event), which is also the per-member order index the left_at recompute reads, so
-- each join and leave writes one index less.
ALTER TABLE invite_joins DROP CONSTRAINT invite_joins_pkey;
ALTER TABLE invite_joins ADD PRIMARY KEY (guild_id, user_id, joined_at, event_id);
DROP INDEX invite_joins_member_idx;
ALTER TABLE invite_leaves DROP CONSTRAINT invite_leaves_pkey;
ALTER TABLE invite_leaves ADD PRIMARY KEY (guild_id, user_id, left_at, event_id);
DROP INDEX invite_leaves_member_idx;
