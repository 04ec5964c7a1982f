-- A row that duplicates another one (a member removal that is the removal of a banned member, reported by
-- Discord alongside GUILD_BAN_ADD) points to the row it duplicates; the log lists it only on request.
ALTER TABLE moderation_log ADD COLUMN superseded_by text;
CREATE INDEX moderation_log_superseded_idx ON moderation_log (superseded_by) WHERE superseded_by IS NOT NULL;
