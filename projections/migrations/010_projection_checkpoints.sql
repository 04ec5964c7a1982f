-- Infrastructure: one checkpoint per projection, written in the same transaction as its read-model
-- changes. `position` is the text form of a LogPosition (formatPosition): "<commit>" or "<commit>/<prepare>".
CREATE TABLE projection_checkpoints (
  projection text PRIMARY KEY,
  position text NOT NULL,
  events_applied bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
