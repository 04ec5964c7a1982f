import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { type Logger, pino } from 'pino';
import { type CatchUpSource, PollingCatchUpSubscription } from '../catch-up.subscription.js';
import {
  prepareAppend,
  prepareAppendMany,
  type SerializedEvent,
  validateMaxCount,
  validateStreamId,
} from '../event-append.validation.js';
import {
  EventStoreError,
  EventStoreUnavailableError,
  InvalidAppendError,
  WrongExpectedVersionError,
} from '../event-store.errors.js';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  LogFilter,
  LogPosition,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeToAllOptions,
  SubscribeToStreamOptions,
  Subscription,
} from '../event-store.port.js';
import { SqliteChangeNotifier } from './sqlite-change.notifier.js';
import { EVENT_ID_KEY, eventIdKey, migrateSqliteEventStore } from './sqlite-event-store.schema.js';
import { SqliteWalCheckpointer } from './sqlite-wal.checkpointer.js';

/**
 * `normal` (default): WAL is synced at checkpoints only. A committed append survives a crash of the
 * process (the WAL is in the OS page cache) but the last transactions may be lost on power loss or an OS
 * crash; the database is never corrupted. `full`: the WAL is fsynced at every commit, so an acknowledged
 * append also survives power loss, at a large cost per transaction. `extra`: `full` plus directory syncs.
 */
export type SqliteSynchronous = 'normal' | 'full' | 'extra';

export interface SqliteEventStoreOptions {
  /** Database file. Default `./data/events.db`; the directory is created. */
  readonly path?: string;
  /** Durability of a commit, see {@link SqliteSynchronous}. Default `normal`. */
  readonly synchronous?: SqliteSynchronous;
  /** How often waiting subscriptions check for commits made by other processes. Default 25 ms. */
  readonly pollIntervalMs?: number;
  /** How long a write waits for another process holding the write lock. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** Events read per query by readAll/readStream/subscriptions. Default 1000. */
  readonly readPageSize?: number;
  /**
   * How often a background thread checkpoints the WAL (see SqliteWalCheckpointer), started at the first
   * append. Default 250 ms. 0: SQLite's automatic checkpoints instead, inside the committing append, on
   * the event loop (every ~40 MiB of WAL).
   */
  readonly checkpointIntervalMs?: number;
  readonly logger?: Logger;
}

export const DEFAULT_SQLITE_EVENT_STORE_PATH = './data/events.db';

type Row = [number, string, number, string, string, string, string, number];
type PreparedAppend = ReturnType<typeof prepareAppend>;
/** A stream's last revision and the global position of its last event. */
type Head = readonly [revision: number, position: number];

/** Rows per multi-row INSERT: 7 parameters each, well under SQLite's 32,766 bound-parameter limit. */
const INSERT_CHUNK = 50;
/** Heads kept in memory; the cache is dropped whole past this (it refills from the index on demand). */
const MAX_CACHED_HEADS = 100_000;

/** Inline automatic checkpoint threshold (pages) when there is no checkpointer thread. */
const INLINE_AUTOCHECKPOINT_PAGES = 10_000;
/** WAL frames past which the checkpointer thread forces the WAL back to its beginning (~80 MiB). */
const RESTART_WAL_FRAMES = 20_000;

const COLUMNS = 'position, stream_id, revision, event_id, type, data, metadata, created_at';

/**
 * The embedded event store: one SQLite file (better-sqlite3, WAL). Safe for one writer process plus any
 * number of reader processes; several writer processes also work (writes take the lock with
 * BEGIN IMMEDIATE and wait up to `busyTimeoutMs`). Subscriptions wake at once on appends made through
 * this instance and within `pollIntervalMs` on appends made elsewhere.
 */
export class SqliteEventStore implements EventStore {
  readonly path: string;
  private readonly db: Database.Database;
  private readonly logger: Logger;
  private readonly notifier: SqliteChangeNotifier;
  private readonly pageSize: number;
  private readonly subscriptions = new Set<PollingCatchUpSubscription<number>>();
  private readonly readAllStatements = new Map<string, Database.Statement>();
  private closed = false;
  private readonly synchronous: SqliteSynchronous;
  private readonly busyTimeoutMs: number;
  private readonly checkpointIntervalMs: number;
  /** Started at the first append (read-only users of a store never need one). */
  private checkpointer: SqliteWalCheckpointer | undefined;

  private readonly insertEvent: Database.Statement;
  /** `INSERT ... VALUES (...), (...)` statements by row count (1..INSERT_CHUNK), prepared on first use. */
  private readonly insertRows = new Map<number, Database.Statement>();
  /**
   * Stream heads as of `headsDataVersion`, maintained by this connection's own commits. Valid only while
   * no other connection has committed: each write transaction compares `PRAGMA data_version` (bumped by
   * other connections' commits only) once the write lock is held and drops the cache if it moved.
   */
  private readonly heads = new Map<string, Head>();
  private headsDataVersion = -1;
  private readonly selectHead: Database.Statement;
  private readonly selectEventId: Database.Statement;
  private readonly selectLogHead: Database.Statement;
  private readonly selectStreamForwards: Database.Statement;
  private readonly selectStreamBackwards: Database.Statement;
  private readonly selectDataVersion: Database.Statement;
  private readonly appendTransaction: (appends: PreparedAppend[]) => AppendResult[];

  constructor(options: SqliteEventStoreOptions = {}) {
    const synchronous = options.synchronous ?? 'normal';
    if (!['normal', 'full', 'extra'].includes(synchronous))
      throw new InvalidAppendError(`Invalid synchronous "${synchronous}": expected normal, full or extra`);
    const pollIntervalMs = positiveInteger('pollIntervalMs', options.pollIntervalMs, 25);
    const busyTimeoutMs = positiveInteger('busyTimeoutMs', options.busyTimeoutMs, 5000);
    const checkpointIntervalMs = options.checkpointIntervalMs ?? 250;
    if (!Number.isSafeInteger(checkpointIntervalMs) || checkpointIntervalMs < 0)
      throw new InvalidAppendError(
        `checkpointIntervalMs must be an integer >= 0, got ${JSON.stringify(options.checkpointIntervalMs)}`,
      );
    this.synchronous = synchronous;
    this.busyTimeoutMs = busyTimeoutMs;
    this.pageSize = positiveInteger('readPageSize', options.readPageSize, 1000);
    this.logger = (options.logger ?? pino({ level: 'silent' })).child({ component: 'sqlite-event-store' });
    const path = options.path ?? DEFAULT_SQLITE_EVENT_STORE_PATH;
    this.path = path === ':memory:' ? path : resolve(path);
    this.checkpointIntervalMs = this.path === ':memory:' ? 0 : checkpointIntervalMs;
    try {
      if (this.path !== ':memory:') mkdirSync(dirname(this.path), { recursive: true });
      this.db = new Database(this.path, { timeout: busyTimeoutMs });
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${synchronous.toUpperCase()}`);
      // 64 MiB page cache (default 2 MiB): the two stream indexes of a busy log outgrow 2 MiB quickly and
      // every miss becomes a read plus a WAL write.
      this.db.pragma('cache_size = -65536');
      // Checkpoint every ~40 MiB of WAL instead of ~4 MiB: appends spread over many streams rewrite the
      // same index pages in commit after commit, and a checkpoint writes each page once however many
      // times it was logged, so rarer checkpoints write less (measured ~1.3x on multi-stream batches).
      // With a checkpointer thread, none at all here: it checkpoints off the event loop (started at the
      // first append; until then nothing is written).
      this.db.pragma(
        `wal_autocheckpoint = ${this.checkpointIntervalMs > 0 ? 0 : INLINE_AUTOCHECKPOINT_PAGES}`,
      );
      migrateSqliteEventStore(this.db);
      // From here on, writes wait for the lock without blocking the event loop (see write); reads in WAL
      // mode do not wait for writers.
      this.db.pragma('busy_timeout = 0');
    } catch (error) {
      throw new EventStoreUnavailableError(
        `Cannot open the event store at ${this.path}: ${(error as Error).message}`,
        { cause: error },
      );
    }

    this.insertEvent = this.db.prepare(
      `INSERT INTO events (stream_id, revision, event_id, type, data, metadata, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectHead = this.db
      .prepare('SELECT revision, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1')
      .raw();
    this.selectEventId = this.db
      .prepare(`SELECT 1 FROM events WHERE ${EVENT_ID_KEY[0]} = ? AND ${EVENT_ID_KEY[1]} = ?`)
      .pluck();
    this.selectLogHead = this.db.prepare('SELECT max(position) FROM events').pluck();
    this.selectStreamForwards = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`,
      )
      .raw();
    this.selectStreamBackwards = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
      )
      .raw();
    this.selectDataVersion = this.db.prepare('PRAGMA data_version').pluck();
    const tx = this.db.transaction((appends: PreparedAppend[], staged: Map<string, Head>) => {
      // The write lock is held from here on: if another connection committed since our last write, our
      // cached heads may be stale, so drop them (they are re-read from the index per stream).
      const dataVersion = this.selectDataVersion.get() as number;
      if (dataVersion !== this.headsDataVersion) {
        this.heads.clear();
        this.headsDataVersion = dataVersion;
      }
      return appends.map((a) => this.appendOne(a, staged));
    });
    this.appendTransaction = (appends) => {
      // Heads written by this transaction are staged and cached only once it has committed.
      const staged = new Map<string, Head>();
      try {
        const results = tx.immediate(appends, staged);
        if (this.heads.size + staged.size > MAX_CACHED_HEADS) this.heads.clear();
        for (const [streamId, head] of staged) this.heads.set(streamId, head);
        return results;
      } catch (error) {
        // A failed commit or an unexpected SQLite error: trust nothing cached. (Busy: the transaction
        // did not start, or was rolled back before anything was cached; it is retried.)
        const code = (error as { code?: string }).code;
        if (!(error instanceof WrongExpectedVersionError) && code !== 'SQLITE_BUSY') this.heads.clear();
        throw error;
      }
    };

    this.notifier = new SqliteChangeNotifier(
      () => this.selectDataVersion.get() as number,
      pollIntervalMs,
      (error) => this.logger.warn({ err: error }, 'polling for changes failed'),
    );
    this.logger.info({ path: this.path, synchronous, pollIntervalMs }, 'event store opened');
  }

  async append(
    streamId: string,
    events: readonly EventToAppend[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult> {
    const prepared = prepareAppend(streamId, events, options?.expectedRevision);
    return (await this.write([prepared]))[0] as AppendResult;
  }

  async appendMany(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    return this.write(prepareAppendMany(appends));
  }

  async streamRevision(streamId: string): Promise<number | null> {
    validateStreamId(streamId);
    const head = this.guard(() => this.selectHead.get(streamId) as [number, number] | undefined);
    return head ? head[0] : null;
  }

  async headPosition(): Promise<LogPosition | null> {
    const head = this.guard(() => this.selectLogHead.get() as number | null);
    return head === null ? null : toPosition(head);
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    validateStreamId(streamId);
    const direction = options.direction ?? 'forwards';
    if (direction !== 'forwards' && direction !== 'backwards')
      throw new InvalidAppendError(`Invalid direction "${String(direction)}"`);
    const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    if (from !== 'start' && from !== 'end' && !(Number.isSafeInteger(from) && from >= 0))
      throw new InvalidAppendError(`Invalid fromRevision ${JSON.stringify(from)}`);
    const maxCount = validateMaxCount(options.maxCount);
    const forwards = direction === 'forwards';
    const statement = forwards ? this.selectStreamForwards : this.selectStreamBackwards;
    let next = from === 'start' ? 0 : from === 'end' ? Number.MAX_SAFE_INTEGER : (from as number);
    if (forwards && from === 'end') next = Number.MAX_SAFE_INTEGER;
    if (!forwards && from === 'start') next = 0;
    const self = this;
    return {
      async *[Symbol.asyncIterator]() {
        let remaining = maxCount;
        while (remaining > 0) {
          const limit = Math.min(remaining, self.pageSize);
          const rows = self.guard(() => statement.all(streamId, next, limit) as Row[]);
          for (const row of rows) yield toRecordedEvent(row);
          remaining -= rows.length;
          if (rows.length < limit) return;
          const last = (rows[rows.length - 1] as Row)[2];
          if (!forwards && last === 0) return;
          next = forwards ? last + 1 : last - 1;
        }
      },
    };
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let after = positionToCursor(options.after);
    const maxCount = validateMaxCount(options.maxCount);
    const read = this.pageReader(options.filter);
    const self = this;
    return {
      async *[Symbol.asyncIterator]() {
        let remaining = maxCount;
        while (remaining > 0) {
          const limit = Math.min(remaining, self.pageSize);
          const page = read(after, limit);
          for (const event of page) yield event;
          remaining -= page.length;
          if (page.length < limit) return;
          after = Number((page[page.length - 1] as RecordedEvent).position.commit);
        }
      },
    };
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    const after = positionToCursor(options.after);
    const filtered =
      (options.filter?.streamPrefixes?.length ?? 0) > 0 || (options.filter?.eventTypes?.length ?? 0) > 0;
    const read = filtered
      ? this.scanningPageReader(options.filter)
      : this.pageReader(options.filter, Number.MAX_SAFE_INTEGER);
    return this.subscribe(after, read, (e) => Number(e.position.commit));
  }

  subscribeToStream(streamId: string, options: SubscribeToStreamOptions = {}): Subscription {
    validateStreamId(streamId);
    const after = options.afterRevision ?? -1;
    if (!Number.isSafeInteger(after) || after < -1)
      throw new InvalidAppendError(`Invalid afterRevision ${JSON.stringify(options.afterRevision)}`);
    return this.subscribe(
      after,
      (cursor, limit) =>
        this.guard(() => this.selectStreamForwards.all(streamId, cursor + 1, limit) as Row[]).map(
          toRecordedEvent,
        ),
      (e) => e.revision,
    );
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      this.selectLogHead.get();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    for (const subscription of [...this.subscriptions]) await subscription.stop();
    this.closed = true;
    this.notifier.close();
    // Before the writer's close: the last connection to close checkpoints the WAL into the file.
    await this.checkpointer?.stop();
    this.db.close();
    this.logger.info({ path: this.path }, 'event store closed');
  }

  /** Checkpoint statistics of the background thread (undefined before the first append or when inline). */
  checkpointStats(): Readonly<SqliteWalCheckpointer['stats']> | undefined {
    return this.checkpointer?.stats;
  }

  /**
   * Appends in one IMMEDIATE transaction. When another connection holds the write lock (another process,
   * or the checkpointer thread finishing a RESTART), it waits for it asynchronously, retrying with a
   * growing delay up to `busyTimeoutMs`: SQLite's own busy handler would sleep on the event loop, and
   * every socket and timer of the process would wait with it.
   */
  private async write(appends: PreparedAppend[]): Promise<AppendResult[]> {
    if (this.checkpointer === undefined && this.checkpointIntervalMs > 0 && !this.closed)
      this.startCheckpointer();
    const deadline = performance.now() + this.busyTimeoutMs;
    for (let delayMs = 1; ; delayMs = Math.min(2 * delayMs, 25)) {
      const results = this.guard(() => {
        try {
          return this.appendTransaction(appends);
        } catch (error) {
          if ((error as { code?: string }).code === 'SQLITE_BUSY' && performance.now() < deadline)
            return undefined; // nothing was written: BEGIN IMMEDIATE did not get the lock
          throw error;
        }
      });
      if (results) {
        if (results.some((r) => r.appended > 0)) this.notifier.notify();
        return results;
      }
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }

  private startCheckpointer(): void {
    this.checkpointer = new SqliteWalCheckpointer({
      path: this.path,
      synchronous: this.synchronous.toUpperCase() as 'NORMAL' | 'FULL' | 'EXTRA',
      intervalMs: this.checkpointIntervalMs,
      restartFrames: RESTART_WAL_FRAMES,
      busyTimeoutMs: this.busyTimeoutMs,
      logger: this.logger,
      onFailure: () => {
        // Without it the WAL would grow for ever: back to SQLite's inline automatic checkpoints.
        if (!this.closed) this.db.pragma(`wal_autocheckpoint = ${INLINE_AUTOCHECKPOINT_PAGES}`);
      },
    });
  }

  /** Runs inside the IMMEDIATE transaction: the write lock is held, so the head read here is current. */
  private appendOne(
    { streamId, expectedRevision, events }: PreparedAppend,
    staged: Map<string, Head>,
  ): AppendResult {
    const head = this.headOf(streamId, staged);
    const actual = head ? head[0] : null;
    if (!revisionMatches(expectedRevision, actual)) {
      // A retry of an append that was committed (the bot did not get the ack): every id is already
      // there, so it succeeds idempotently whatever the stream's revision is now.
      if (head && this.allPresent(streamId, events))
        return {
          streamId,
          nextExpectedRevision: head[0],
          position: toPosition(head[1]),
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
          const e = events[done + i] as SerializedEvent;
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
      const e = events[i] as SerializedEvent;
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
      position: toPosition(position),
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

  private allPresent(streamId: string, events: readonly SerializedEvent[]): boolean {
    return events.every((e) => this.hasEvent(streamId, e.id));
  }

  /** Reads the matching events after a position (and up to `upTo`, default everything). */
  private pageReader(
    filter: LogFilter | undefined,
    upTo?: number,
  ): (after: number, limit: number, upTo?: number) => RecordedEvent[] {
    const prefixes = validateList('filter.streamPrefixes', filter?.streamPrefixes);
    const types = validateList('filter.eventTypes', filter?.eventTypes);
    const statement = this.readAllStatement(prefixes.length, types.length);
    const params: unknown[] = [];
    for (const p of prefixes) params.push(p, p);
    params.push(...types);
    return (after, limit, until = upTo ?? Number.MAX_SAFE_INTEGER) =>
      this.guard(() => statement.all(after, until, ...params, limit) as Row[]).map(toRecordedEvent);
  }

  /**
   * A filtered subscription's reader. The subscription resumes after the last event it delivered; for a
   * sparse filter (say `module-config-`) that event can be far behind the head, so each wake-up would
   * re-scan everything since. This reader remembers how far it has scanned with no further match and
   * starts there. It bounds each scan by the head read just before: every event at or below it is
   * committed and visible, so "scanned up to the head, nothing more matched" is true.
   */
  private scanningPageReader(
    filter: LogFilter | undefined,
  ): (after: number, limit: number) => RecordedEvent[] {
    const read = this.pageReader(filter);
    let scanned = 0;
    return (after, limit) => {
      const head = this.guard(() => this.selectLogHead.get() as number | null) ?? 0;
      const from = Math.max(after, scanned);
      if (from >= head) return [];
      const page = read(from, limit, head);
      // A full page may stop short of the head; the next call starts after its last event anyway.
      if (page.length < limit) scanned = head;
      return page;
    };
  }

  private readAllStatement(prefixCount: number, typeCount: number): Database.Statement {
    const key = `${prefixCount}:${typeCount}`;
    let statement = this.readAllStatements.get(key);
    if (!statement) {
      const where = ['position > ?', 'position <= ?'];
      if (prefixCount > 0)
        where.push(`(${Array(prefixCount).fill('substr(stream_id, 1, length(?)) = ?').join(' OR ')})`);
      if (typeCount > 0) where.push(`type IN (${Array(typeCount).fill('?').join(', ')})`);
      statement = this.guard(() =>
        this.db
          .prepare(`SELECT ${COLUMNS} FROM events WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`)
          .raw(),
      );
      this.readAllStatements.set(key, statement);
    }
    return statement;
  }

  private subscribe(
    cursor: number,
    readPage: (cursor: number, limit: number) => RecordedEvent[],
    cursorOf: (event: RecordedEvent) => number,
  ): Subscription {
    this.assertOpen();
    const source: CatchUpSource<number> = {
      readPage,
      cursorOf,
      changeToken: () => this.guard(() => this.notifier.version()),
      waitForChange: (token) => this.notifier.wait(token),
      onEnd: (s) => this.subscriptions.delete(s),
    };
    const subscription = new PollingCatchUpSubscription(source, cursor, this.pageSize);
    this.subscriptions.add(subscription);
    return subscription;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError(`The event store at ${this.path} is closed`);
  }

  /** Maps SQLite failures (busy, I/O, closed) to EventStoreUnavailableError; our own errors pass through. */
  private guard<T>(fn: () => T): T {
    this.assertOpen();
    try {
      return fn();
    } catch (error) {
      if (error instanceof EventStoreError) throw error;
      const code = (error as { code?: string }).code ?? 'unknown';
      this.logger.error({ err: error, code }, 'event store operation failed');
      throw new EventStoreUnavailableError(
        `SQLite event store failure (${code}): ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
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

function assertNever(value: never): never {
  throw new Error(`Unexpected value ${String(value)}`);
}

function toPosition(position: number): LogPosition {
  const p = BigInt(position);
  return { commit: p, prepare: p };
}

function positionToCursor(after: LogPosition | undefined): number {
  if (after === undefined) return 0;
  if (typeof after !== 'object' || after === null || typeof after.commit !== 'bigint' || after.commit < 0n)
    throw new InvalidAppendError('Invalid position: expected { commit: bigint, prepare: bigint }');
  return Number(after.commit);
}

function validateList(name: string, list: readonly string[] | undefined): readonly string[] {
  if (list === undefined) return [];
  if (!Array.isArray(list) || list.some((s) => typeof s !== 'string' || s.length === 0))
    throw new InvalidAppendError(`${name} must be a list of non-empty strings`);
  return list;
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new InvalidAppendError(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return value;
}

function toRecordedEvent(row: Row): RecordedEvent {
  return {
    streamId: row[1],
    revision: row[2],
    position: toPosition(row[0]),
    id: row[3],
    type: row[4],
    data: JSON.parse(row[5]),
    metadata: JSON.parse(row[6]),
    createdAt: new Date(row[7]),
  };
}
