-- No query reads member_presence_events by guild and time (membership history goes through
-- member_presence_events_member_idx; joins/leaves over time have their own growth tables): one index less
-- to write on every join and leave.
DROP INDEX IF EXISTS member_presence_events_guild_time_idx;
