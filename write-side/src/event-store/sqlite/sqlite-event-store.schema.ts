import type { Database } from 'better-sqlite3';

/** Bumped when the schema changes; stored in `PRAGMA user_version`. */
export const SQLITE_EVENT_STORE_SCHEMA_VERSION = 1;

/**
 * One table. `position` is the rowid: SQLite has a single writer, so positions are assigned in commit
 * order and a reader that has seen position N has seen every committed event below N (no gaps).
 * Events are never deleted, so rowids are never reused (AUTOINCREMENT would only add a write).
 */
const SCHEMA_V1 = `
CREATE TABLE events (
  position   INTEGER PRIMARY KEY,
  stream_id  TEXT    NOT NULL,
  revision   INTEGER NOT NULL,
  event_id   TEXT    NOT NULL,
  type       TEXT    NOT NULL,
  data       TEXT    NOT NULL,
  metadata   TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  CONSTRAINT events_stream_revision UNIQUE (stream_id, revision),
  CONSTRAINT events_stream_event_id UNIQUE (stream_id, event_id)
) STRICT;
`;

/** Creates or checks the schema. Runs in an IMMEDIATE transaction so concurrent openers do not race. */
export function migrateSqliteEventStore(db: Database): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version === SQLITE_EVENT_STORE_SCHEMA_VERSION) return;
    if (version > SQLITE_EVENT_STORE_SCHEMA_VERSION)
      throw new Error(
        `Event store schema version ${version} is newer than this code supports (${SQLITE_EVENT_STORE_SCHEMA_VERSION})`,
      );
    if (version === 0) db.exec(SCHEMA_V1);
    db.pragma(`user_version = ${SQLITE_EVENT_STORE_SCHEMA_VERSION}`);
  }).immediate();
}
