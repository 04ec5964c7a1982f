import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { type Logger, pino } from 'pino';
import { type CatchUpSource, PollingCatchUpSubscription } from '../catch-up.subscription.js';
import {
  prepareAppend,
  prepareAppendMany,
  validateMaxCount,
  validateReadStreamOptions,
  validateStreamId,
} from '../event-append.validation.js';
import { EventStoreError, EventStoreUnavailableError, InvalidAppendError } from '../event-store.errors.js';
import type {
  AppendManyOptions,
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
import { type PreparedAppend, type RawAppendResult, SqliteAppender } from './sqlite-appender.js';
import { SqliteChangeNotifier } from './sqlite-change.notifier.js';
import { APPENDER_CACHE_SIZE_PRAGMA, migrateSqliteEventStore } from './sqlite-event-store.schema.js';
import { SqliteWalCheckpointer } from './sqlite-wal.checkpointer.js';
import { SqliteWriterClient } from './sqlite-writer.client.js';
import { sqliteFailure } from './sqlite-writer.protocol.js';

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
  /**
   * Appends run on a dedicated writer thread with its own connection (default for a file), or on the
   * event loop (always for `:memory:`, which no other connection can open). See SqliteWriterClient.
   */
  readonly writerThread?: boolean;
  readonly logger?: Logger;
}

export const DEFAULT_SQLITE_EVENT_STORE_PATH = './data/events.db';
/** How often idle subscriptions look for commits made by other processes (`PRAGMA data_version`). */
export const DEFAULT_SQLITE_POLL_INTERVAL_MS = 25;

type Row = [number, string, number, string, string, string, string, number];

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
 *
 * Threads: reads run on the caller's thread (this instance's connection; WAL readers never wait for the
 * writer); appends run on a writer thread (SqliteWriterClient), and WAL checkpoints on a third
 * (SqliteWalCheckpointer), each with its own connection.
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
  private readonly useWriterThread: boolean;
  /** Started at the first append; replaced if it ever dies. */
  private writer: SqliteWriterClient | undefined;
  /** The write path on this connection, when appends run on the event loop. */
  private inlineAppender: SqliteAppender | undefined;
  /** `wal_autocheckpoint` of the connection that appends. */
  private autocheckpointPages: number;

  private readonly selectHead: Database.Statement;
  private readonly selectLogHead: Database.Statement;
  private readonly selectStreamForwards: Database.Statement;
  private readonly selectStreamBackwards: Database.Statement;
  private readonly selectDataVersion: Database.Statement;

  constructor(options: SqliteEventStoreOptions = {}) {
    const synchronous = options.synchronous ?? 'normal';
    if (!['normal', 'full', 'extra'].includes(synchronous))
      throw new InvalidAppendError(`Invalid synchronous "${synchronous}": expected normal, full or extra`);
    const pollIntervalMs = positiveInteger(
      'pollIntervalMs',
      options.pollIntervalMs,
      DEFAULT_SQLITE_POLL_INTERVAL_MS,
    );
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
    this.useWriterThread = this.path !== ':memory:' && (options.writerThread ?? true);
    this.autocheckpointPages = this.checkpointIntervalMs > 0 ? 0 : INLINE_AUTOCHECKPOINT_PAGES;
    try {
      if (this.path !== ':memory:') mkdirSync(dirname(this.path), { recursive: true });
      this.db = new Database(this.path, { timeout: busyTimeoutMs });
      this.db.pragma('journal_mode = WAL');
      this.db.pragma(`synchronous = ${synchronous.toUpperCase()}`);
      // It appends when inline (and reads the same indexes otherwise).
      this.db.pragma(APPENDER_CACHE_SIZE_PRAGMA);
      // Checkpoint every ~40 MiB of WAL instead of ~4 MiB: appends spread over many streams rewrite the
      // same index pages in commit after commit, and a checkpoint writes each page once however many
      // times it was logged, so rarer checkpoints write less (measured ~1.3x on multi-stream batches).
      // With a checkpointer thread, none at all here: it checkpoints off the event loop (started at the
      // first append; until then nothing is written).
      this.db.pragma(`wal_autocheckpoint = ${this.autocheckpointPages}`);
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

    this.selectHead = this.db
      .prepare('SELECT revision, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1')
      .raw();
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

  async appendMany(appends: readonly StreamAppend[], options?: AppendManyOptions): Promise<AppendResult[]> {
    return this.write(prepareAppendMany(appends, options?.plainJson === true));
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
    const { direction, from, maxCount } = validateReadStreamOptions(options);
    const forwards = direction === 'forwards';
    const statement = forwards ? this.selectStreamForwards : this.selectStreamBackwards;
    let next = from === 'start' ? 0 : from === 'end' ? Number.MAX_SAFE_INTEGER : (from as number);
    if (forwards && from === 'end') next = Number.MAX_SAFE_INTEGER;
    if (!forwards && from === 'start') next = 0;
    let done = false;
    return paged(maxCount, this.pageSize, (limit) => {
      if (done) return [];
      const rows = this.guard(() => statement.all(streamId, next, limit) as Row[]);
      const last = rows.at(-1)?.[2];
      // Backwards, revision 0 ends the stream: no page after it.
      if (last === 0 && !forwards) done = true;
      else if (last !== undefined) next = forwards ? last + 1 : last - 1;
      return rows.map(toRecordedEvent);
    });
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let after = positionToCursor(options.after);
    const maxCount = validateMaxCount(options.maxCount);
    const read = this.pageReader(options.filter);
    return paged(maxCount, this.pageSize, (limit) => {
      const page = read(after, limit);
      const last = page.at(-1);
      if (last) after = Number(last.position.commit);
      return page;
    });
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
    // Appends already handed to the writer thread finish first.
    await this.writer?.stop();
    // Before this connection's close: the last connection to close checkpoints the WAL into the file.
    await this.checkpointer?.stop();
    this.db.close();
    this.logger.info({ path: this.path }, 'event store closed');
  }

  /** Checkpoint statistics of the background thread (undefined before the first append or when inline). */
  checkpointStats(): Readonly<SqliteWalCheckpointer['stats']> | undefined {
    return this.checkpointer?.stats;
  }

  /** Appends in one IMMEDIATE transaction, on the writer thread or inline. */
  private async write(appends: PreparedAppend[]): Promise<AppendResult[]> {
    this.assertOpen();
    if (this.checkpointer === undefined && this.checkpointIntervalMs > 0) this.startCheckpointer();
    const results = this.useWriterThread
      ? await this.writerThread().append(appends)
      : await this.writeInline(appends);
    if (!this.closed && results.some((r) => r.appended > 0)) this.notifier.notify();
    return results.map(toAppendResult);
  }

  private writerThread(): SqliteWriterClient {
    if (this.writer === undefined || this.writer.dead)
      this.writer = new SqliteWriterClient(
        {
          path: this.path,
          synchronous: this.synchronousPragma(),
          busyTimeoutMs: this.busyTimeoutMs,
          autocheckpointPages: this.autocheckpointPages,
        },
        this.logger,
      );
    return this.writer;
  }

  /**
   * The inline write path. When another connection holds the write lock (another process, or the
   * checkpointer thread finishing a RESTART), it waits for it asynchronously, retrying with a growing
   * delay up to `busyTimeoutMs`: SQLite's own busy handler would sleep on the event loop, and every
   * socket and timer of the process would wait with it. (The writer thread can sleep: SQLite's.)
   */
  private async writeInline(appends: PreparedAppend[]): Promise<RawAppendResult[]> {
    this.inlineAppender ??= new SqliteAppender(this.db);
    const appender = this.inlineAppender;
    const deadline = performance.now() + this.busyTimeoutMs;
    for (let delayMs = 1; ; delayMs = Math.min(2 * delayMs, 25)) {
      const results = this.guard(() => {
        try {
          return appender.append(appends);
        } catch (error) {
          if ((error as { code?: string }).code === 'SQLITE_BUSY' && performance.now() < deadline)
            return undefined; // nothing was written: BEGIN IMMEDIATE did not get the lock
          throw error;
        }
      });
      if (results) return results;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }

  private synchronousPragma(): 'NORMAL' | 'FULL' | 'EXTRA' {
    return this.synchronous.toUpperCase() as 'NORMAL' | 'FULL' | 'EXTRA';
  }

  private startCheckpointer(): void {
    this.checkpointer = new SqliteWalCheckpointer({
      path: this.path,
      synchronous: this.synchronousPragma(),
      intervalMs: this.checkpointIntervalMs,
      restartFrames: RESTART_WAL_FRAMES,
      busyTimeoutMs: this.busyTimeoutMs,
      logger: this.logger,
      onFailure: () => {
        // Without it the WAL would grow for ever: back to SQLite's automatic checkpoints, inside commits.
        if (this.closed) return;
        this.autocheckpointPages = INLINE_AUTOCHECKPOINT_PAGES;
        this.db.pragma(`wal_autocheckpoint = ${INLINE_AUTOCHECKPOINT_PAGES}`);
        this.writer?.setAutocheckpoint(INLINE_AUTOCHECKPOINT_PAGES);
      },
    });
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
      throw sqliteFailure(code, (error as Error).message, error);
    }
  }
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

function toAppendResult(r: RawAppendResult): AppendResult {
  return {
    streamId: r.streamId,
    nextExpectedRevision: r.nextExpectedRevision,
    position: toPosition(r.position),
    appended: r.appended,
    duplicates: r.duplicates,
  };
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

/**
 * Up to `maxCount` items read `pageSize` at a time: `readPage(limit)` reads on from where the previous page
 * ended (it keeps its own cursor); a page shorter than asked for is the last.
 */
function paged<T>(
  maxCount: number,
  pageSize: number,
  readPage: (limit: number) => readonly T[],
): AsyncIterable<T> {
  return {
    async *[Symbol.asyncIterator]() {
      let remaining = maxCount;
      while (remaining > 0) {
        const limit = Math.min(remaining, pageSize);
        const page = readPage(limit);
        yield* page;
        remaining -= page.length;
        if (page.length < limit) return;
      }
    },
  };
}
