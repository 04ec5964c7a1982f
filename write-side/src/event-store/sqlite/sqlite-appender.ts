import { assertNever } from '@guildscope/contracts';
import type Database from 'better-sqlite3';
import type { SerializedEvent } from '../event-append.validation.js';
import { EventStoreError, WrongExpectedVersionError } from '../event-store.errors.js';
import type { ExpectedRevision } from '../event-store.port.js';
import { EVENT_ID_KEY, eventIdKey } from './sqlite-event-store.schema.js';

/** The part of a serialised event (see prepareAppend) that SQLite stores. */
export type StoredEvent = Pick<SerializedEvent, 'id' | 'type' | 'data' | 'metadata'>;

/** One stream's append, validated and serialised (see prepareAppend). */
export interface PreparedAppend {
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: readonly StoredEvent[];
}

/** What an append did; `position` is the rowid of the stream's last event (the adapter makes it a LogPosition). */
export interface RawAppendResult {
  readonly streamId: string;
  readonly nextExpectedRevision: number;
  readonly position: number;
  readonly appended: number;
  readonly duplicates: number;
}

/** A stream's last revision and the global position of its last event. */
type Head = readonly [revision: number, position: number];

/** Rows per multi-row INSERT: 7 parameters each, well under SQLite's 32,766 bound-parameter limit. */
const INSERT_CHUNK = 50;
/** Heads kept in memory; the cache is dropped whole past this (it refills from the index on demand). */
const MAX_CACHED_HEADS = 100_000;

/**
 * The write path of the SQLite event store on one connection: each call is one IMMEDIATE transaction
 * (expected-revision checks, id deduplication, multi-row inserts), synchronous. It runs on the event
 * store's writer thread (see SqliteWriterThread) or, for an in-memory store, inline.
 *
 * Stream heads are cached as of `headsDataVersion`, maintained by this connection's own commits. They
 * are valid only while no other connection has committed: each transaction compares `PRAGMA
 * data_version` (bumped by other connections' commits only) once the write lock is held and drops the
 * cache if it moved.
 */
export class SqliteAppender {
  private readonly heads = new Map<string, Head>();
  private headsDataVersion = -1;
  private readonly insertEvent: Database.Statement;
  /** `INSERT ... VALUES (...), (...)` statements by row count (1..INSERT_CHUNK), prepared on first use. */
  private readonly insertRows = new Map<number, Database.Statement>();
  private readonly selectHead: Database.Statement;
  private readonly selectEventId: Database.Statement;
  private readonly selectDataVersion: Database.Statement;
  private readonly transaction: Database.Transaction<
    (appends: readonly PreparedAppend[], staged: Map<string, Head>) => RawAppendResult[]
  >;

  constructor(private readonly db: Database.Database) {
    this.insertEvent = db.prepare(
      `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectHead = db
      .prepare('SELECT revision, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1')
      .raw();
    this.selectEventId = db
      .prepare(`SELECT 1 FROM events WHERE ${EVENT_ID_KEY[0]} = ? AND ${EVENT_ID_KEY[1]} = ?`)
      .pluck();
    this.selectDataVersion = db.prepare('PRAGMA data_version').pluck();
    this.transaction = db.transaction((appends, staged) => {
      // The write lock is held from here on: if another connection committed since our last write, our
      // cached heads may be stale, so drop them (they are re-read from the index per stream).
      const dataVersion = this.selectDataVersion.get() as number;
      if (dataVersion !== this.headsDataVersion) {
        this.heads.clear();
        this.headsDataVersion = dataVersion;
      }
      return appends.map((a) => this.appendOne(a, staged));
    });
  }

  /**
   * Appends in one IMMEDIATE transaction: all or nothing. Throws WrongExpectedVersionError, or the
   * driver's SqliteError (SQLITE_BUSY when the write lock could not be taken: nothing was written).
   */
  append(appends: readonly PreparedAppend[]): RawAppendResult[] {
    // Heads written by this transaction are staged and cached only once it has committed.
    const staged = new Map<string, Head>();
    try {
      const results = this.transaction.immediate(appends, staged);
      if (this.heads.size + staged.size > MAX_CACHED_HEADS) this.heads.clear();
      for (const [streamId, head] of staged) this.heads.set(streamId, head);
      return results;
    } catch (error) {
      // A failed commit or an unexpected SQLite error: trust nothing cached. (Busy: the transaction
      // did not start, or was rolled back before anything was cached.)
      const code = (error as { code?: string }).code;
      if (!(error instanceof WrongExpectedVersionError) && code !== 'SQLITE_BUSY') this.heads.clear();
      throw error;
    }
  }

  /** Runs inside the IMMEDIATE transaction: the write lock is held, so the head read here is current. */
  private appendOne(
    { streamId, expectedRevision, events }: PreparedAppend,
    staged: Map<string, Head>,
  ): RawAppendResult {
    const head = this.headOf(streamId, staged);
    const actual = head ? head[0] : null;
    if (!revisionMatches(expectedRevision, actual)) {
      // A retry of an append that was committed (the bot did not get the ack): every id is already
      // there, so it succeeds idempotently whatever the stream's revision is now.
      if (head && this.allPresent(streamId, events))
        return {
          streamId,
          nextExpectedRevision: head[0],
          position: head[1],
          appended: 0,
          duplicates: events.length,
        };
      throw new WrongExpectedVersionError(streamId, expectedRevision, actual);
    }
    let revision = actual ?? -1;
    let position = head ? head[1] : 0;
    let appended = 0;
    const now = Date.now();
    let done = 0;
    // Fast path: multi-row plain INSERTs with consecutive revisions. A duplicate id (a retry, or the same
    // id twice in the batch) fails the statement on the event-id unique index; SQLite undoes
    // that statement only, and the rest of the batch goes row by row below, skipping duplicates.
    try {
      while (done < events.length) {
        const count = Math.min(INSERT_CHUNK, events.length - done);
        const params: unknown[] = new Array(count * 7);
        for (let i = 0, p = 0; i < count; i++) {
          const e = events[done + i] as StoredEvent;
          params[p++] = streamId;
          params[p++] = revision + 1 + i;
          params[p++] = e.id;
          params[p++] = e.type;
          params[p++] = e.data;
          params[p++] = e.metadata;
          params[p++] = now;
        }
        const info = this.insertRowsStatement(count).run(params);
        revision += count;
        appended += count;
        done += count;
        position = Number(info.lastInsertRowid);
      }
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
    }
    for (let i = done; i < events.length; i++) {
      const e = events[i] as StoredEvent;
      if (this.hasEvent(streamId, e.id)) continue; // id already in the stream: skipped
      const info = this.insertEvent.run(streamId, revision + 1, e.id, e.type, e.data, e.metadata, now);
      revision++;
      appended++;
      position = Number(info.lastInsertRowid);
    }
    if (revision < 0) {
      // Only possible when a brand-new stream got nothing but duplicates of its own batch: impossible,
      // the first event is always written. Kept as a guard for the invariant.
      throw new EventStoreError(`Append to "${streamId}" wrote nothing`);
    }
    if (appended > 0) staged.set(streamId, [revision, position]);
    return {
      streamId,
      nextExpectedRevision: revision,
      position,
      appended,
      duplicates: events.length - appended,
    };
  }

  /** The head as this transaction sees it: its own earlier appends, then the cache, then the index. */
  private headOf(streamId: string, staged: Map<string, Head>): Head | undefined {
    const head = staged.get(streamId) ?? this.heads.get(streamId);
    if (head) return head;
    const row = this.selectHead.get(streamId) as [number, number] | undefined;
    // Cached once the transaction commits (it is current: the write lock is held).
    if (row) staged.set(streamId, row);
    return row;
  }

  private insertRowsStatement(count: number): Database.Statement {
    let statement = this.insertRows.get(count);
    if (!statement) {
      const values = Array(count).fill('(?, ?, ?, ?, ?, ?, ?)').join(', ');
      statement = this.db.prepare(
        `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, created_at) VALUES ${values}`,
      );
      this.insertRows.set(count, statement);
    }
    return statement;
  }

  private hasEvent(streamId: string, eventId: string): boolean {
    return this.selectEventId.get(...eventIdKey(streamId, eventId)) !== undefined;
  }

  private allPresent(streamId: string, events: readonly StoredEvent[]): boolean {
    return events.every((e) => this.hasEvent(streamId, e.id));
  }
}

function revisionMatches(expected: ExpectedRevision, actual: number | null): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === null;
    case 'stream_exists':
      return actual !== null;
    default:
      if (typeof expected === 'number') return actual === expected;
      return assertNever(expected);
  }
}
