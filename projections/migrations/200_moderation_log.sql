-- The moderation log: one row per moderation fact, pointing back to the event that created it
-- (stream_id + revision + event_id + position) and, when two events describe the same fact (a member
-- removal and its audit-log kick entry; a ban and its MEMBER_BAN_ADD entry...), to the matched one.
-- action: ban | unban | kick | leave | timeout_add | timeout_remove | message_delete | message_bulk_delete
--         | automod_discord | automod_bot | audit_log
-- entry_id is the id of the event that created the row (stable on replay, used by API cursors).
CREATE TABLE moderation_log (
  entry_id text PRIMARY KEY,
  guild_id text NOT NULL,
  action text NOT NULL,
  occurred_at timestamptz NOT NULL,
  target_user_id text,
  target_username text,
  moderator_id text,
  moderator_username text,
  reason text,
  channel_id text,
  message_id text,
  message_count integer,
  -- message_delete: who deleted it and how sure (certain | likely | unknown).
  deleted_by_certainty text CHECK (deleted_by_certainty IN ('certain', 'likely', 'unknown')),
  audit_log_action text,
  audit_log_entry_id text,
  details jsonb NOT NULL DEFAULT '{}',
  -- How the row can be matched with its counterpart: member_remove | ban | unban | timeout_add | timeout_remove.
  match_key text,
  source text NOT NULL CHECK (source IN ('gateway', 'audit_log')),
  stream_id text NOT NULL,
  revision bigint NOT NULL,
  event_id text NOT NULL,
  position text NOT NULL,
  event_type text NOT NULL,
  matched_event_id text,
  matched_stream_id text,
  matched_revision bigint,
  matched_position text
);
CREATE INDEX moderation_log_guild_time_idx ON moderation_log (guild_id, occurred_at DESC, entry_id DESC);
CREATE INDEX moderation_log_guild_action_idx ON moderation_log (guild_id, action, occurred_at DESC, entry_id DESC);
CREATE INDEX moderation_log_guild_target_idx ON moderation_log (guild_id, target_user_id, occurred_at DESC);
CREATE INDEX moderation_log_guild_moderator_idx ON moderation_log (guild_id, moderator_id, occurred_at DESC);
CREATE UNIQUE INDEX moderation_log_matched_event_idx ON moderation_log (matched_event_id);
-- One row per Discord audit-log entry, even when two bots report it.
CREATE UNIQUE INDEX moderation_log_audit_entry_idx ON moderation_log (audit_log_entry_id);
-- Rows still waiting for their counterpart.
CREATE INDEX moderation_log_unmatched_idx ON moderation_log (guild_id, target_user_id, match_key, occurred_at)
  WHERE matched_event_id IS NULL AND match_key IS NOT NULL;
