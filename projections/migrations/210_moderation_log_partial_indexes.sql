-- Replay writes every row into every index of moderation_log. Three of them index a column that is NULL
-- on most rows (matched_event_id: only matched pairs; audit_log_entry_id: only audit-log entries;
-- moderator_id: unknown for leaves, most message deletes, automod): index the non-NULL values only.
-- Same uniqueness (NULLs never conflicted); every query on them compares the column to a value (or says
-- IS NOT NULL), so the partial index still serves it.
DROP INDEX moderation_log_matched_event_idx;
CREATE UNIQUE INDEX moderation_log_matched_event_idx ON moderation_log (matched_event_id)
  WHERE matched_event_id IS NOT NULL;
DROP INDEX moderation_log_audit_entry_idx;
CREATE UNIQUE INDEX moderation_log_audit_entry_idx ON moderation_log (audit_log_entry_id)
  WHERE audit_log_entry_id IS NOT NULL;
DROP INDEX moderation_log_guild_moderator_idx;
CREATE INDEX moderation_log_guild_moderator_idx ON moderation_log (guild_id, moderator_id, occurred_at DESC)
  WHERE moderator_id IS NOT NULL;
