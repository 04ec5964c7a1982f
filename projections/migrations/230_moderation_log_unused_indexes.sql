-- Replay writes every row into every index of moderation_log; two of them serve no query:
-- - moderation_log_unmatched_idx: the counterpart lookup compares the target with `=` (or `IS NULL`) and a
--   time window, which moderation_log_guild_target_idx (guild_id, target_user_id, occurred_at) answers with
--   a range of a few rows; match_key and matched_event_id are checked on those rows.
-- - moderation_log_superseded_idx: nothing looks rows up by superseded_by (the API filters
--   `superseded_by IS NULL`, which a partial index on the non-NULL values cannot serve).
DROP INDEX IF EXISTS moderation_log_unmatched_idx;
DROP INDEX IF EXISTS moderation_log_superseded_idx;
