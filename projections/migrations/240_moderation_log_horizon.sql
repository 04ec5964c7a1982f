-- The latest event time of any moderation_log row. A row's counterpart (a kick entry for a removal, a ban
-- for a leave...) lies within a few seconds of it; when the whole window is later than every stored row,
-- the database cannot hold the counterpart and the projection skips looking it up. On a replay, where
-- event times mostly grow with the log, that spares an index lookup per row.
CREATE TABLE moderation_log_horizon (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  max_occurred_at timestamptz NOT NULL
);
INSERT INTO moderation_log_horizon (max_occurred_at)
SELECT max(occurred_at) FROM moderation_log HAVING max(occurred_at) IS NOT NULL;
