-- The applied-event guard of member history is its primary key. Keyed by (guild, user, time, event) it is
-- also the per-member order index that membership history and the roles-at-leave tie-break read: one index
-- less written on every join and leave. Event ids stay unique: an event always has the same guild, user
-- and time.
ALTER TABLE member_presence_events DROP CONSTRAINT member_presence_events_pkey;
ALTER TABLE member_presence_events ADD PRIMARY KEY (guild_id, user_id, occurred_at, event_id);
DROP INDEX member_presence_events_member_idx;
