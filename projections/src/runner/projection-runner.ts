import { GUILD_STREAM_PREFIX } from '@guildscope/contracts';
import type { EventStore, LogPosition, RecordedEvent, Subscription } from '@guildscope/write-side';
import { comparePositions, formatPosition, parsePosition } from '@guildscope/write-side';
import type { Logger } from 'pino';
import type { ReadDb } from '../read-db/read-db.port.js';
import { lockCheckpoint, saveCheckpoint } from './checkpoints.js';
import {
  MAX_GUILD_IDS_IN_PAYLOAD,
  PROJECTION_COMMIT_CHANNEL,
  type ProjectionCommitPayload,
  type ProjectionNotification,
} from './notifications.js';
import {
  CheckpointMovedError,
  eventRef,
  type FailedEventRef,
  ProjectionEventError,
} from './projection.errors.js';
import type { ApplyResult, Projection } from './projection.js';

export type ProjectionState = 'starting' | 'catching-up' | 'live' | 'caught-up' | 'failed' | 'stopped';

export interface ProjectionStatus {
  readonly name: string;
  readonly state: ProjectionState;
  /** Stored position of the last applied event (formatPosition), null before the first. */
  readonly checkpoint: string | null;
  /** Position up to which this projection has read the log (applied or not its type). */
  readonly scannedTo: string | null;
  /** Last position in the log, null when empty. */
  readonly head: string | null;
  /** Events of this projection's types after `scannedTo` (at most {@link LAG_COUNT_CAP}); null if unknown. */
  readonly lag: number | null;
  /** True when `lag` hit the cap: at least that many. */
  readonly lagCapped: boolean;
  /** Events applied by this runner since it started. */
  readonly eventsApplied: number;
  readonly lastBatchAt: Date | null;
  readonly error: { readonly message: string; readonly event: FailedEventRef | null } | null;
  /** Last `afterCommit` failure (the projection continues). */
  readonly afterCommitError: string | null;
}

export interface ProjectionProgress {
  readonly projection: string;
  readonly state: ProjectionState;
  readonly position: string | null;
  readonly head: string | null;
  readonly eventsApplied: number;
}

export interface ProjectionRunnerOptions {
  readonly eventStore: EventStore;
  /** The read database, bound to the schema to build (its checkpoints table included). */
  readonly db: ReadDb;
  readonly projections: readonly Projection[];
  readonly logger?: Logger;
  /** Most events per transaction. Default 500 live, 2000 while catching up (see `catchUpBatchSize`). */
  readonly batchSize?: number;
  /**
   * Most events per transaction while catching up (replay, rebuild, verify): the statements are set-based,
   * so bigger batches amortise the per-statement and per-transaction cost. Default: `batchSize` when
   * given, else each projection's `catchUpBatchSize`, else {@link DEFAULT_CATCH_UP_BATCH_SIZE}.
   */
  readonly catchUpBatchSize?: number;
  /** How long a live batch waits for more events once it has one. Default 5 ms. */
  readonly batchWindowMs?: number;
  /**
   * `live` (default): catch up, then follow the log until `stop()`. `catch-up`: stop each projection
   * once it has read the log up to `until` (default: the head when it started) — for rebuild/verify.
   */
  readonly mode?: 'live' | 'catch-up';
  /** Catch-up mode: last position to apply, for all projections or per projection (null: apply nothing). */
  readonly until?: LogPosition | ReadonlyMap<string, LogPosition | null>;
  /** Send NOTIFY after commits. Default true in live mode, false in catch-up mode. */
  readonly notify?: boolean;
  /** Called after each committed batch and on state changes (progress bars). */
  readonly onProgress?: (progress: ProjectionProgress) => void;
}

export const LAG_COUNT_CAP = 10_000;

/** Catch-up batch size of a projection that does not ask for another (see `Projection.catchUpBatchSize`). */
export const DEFAULT_CATCH_UP_BATCH_SIZE = 2000;

const TIMEOUT = Symbol('timeout');

/** Events read between two turns of the event loop while reading a catch-up page. */
const READ_YIELD_EVERY = 500;

/** What a batch's `prepare` gave (made before the batch waits for the database). */
type Preparation =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly error: unknown };

interface Worker {
  readonly projection: Projection;
  readonly handles: ReadonlySet<string>;
  /** Most events per transaction while catching up. */
  readonly catchUpBatchSize: number;
  state: ProjectionState;
  checkpoint: string | null;
  scanned: LogPosition | null;
  eventsApplied: number;
  lastBatchAt: Date | null;
  error: ProjectionEventError | Error | null;
  afterCommitError: string | null;
  subscription: Subscription | null;
  done: Promise<void> | null;
}

function maxPosition(a: LogPosition | null, b: LogPosition | null): LogPosition | null {
  if (!a) return b;
  if (!b) return a;
  return comparePositions(a, b) >= 0 ? a : b;
}

function guildIdOf(event: RecordedEvent): string {
  return event.streamId.slice(GUILD_STREAM_PREFIX.length);
}

/**
 * Runs projections: for each, a catch-up loop from its stored checkpoint (`readAll` pages filtered to its
 * types), then live through `subscribeToAll`. Events are applied in batches; the checkpoint is written in
 * the same transaction; notifications are sent after the commit. A projection that fails on an event
 * stops there (the error names the event); the others continue.
 */
export class ProjectionRunner {
  private readonly workers: Worker[];
  private readonly batchSize: number;
  private readonly batchWindowMs: number;
  private readonly mode: 'live' | 'catch-up';
  private readonly notifyEnabled: boolean;
  private stopped = false;
  private started = false;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: ProjectionRunnerOptions) {
    const names = new Set<string>();
    for (const p of options.projections) {
      if (names.has(p.name)) throw new RangeError(`Two projections are named "${p.name}"`);
      names.add(p.name);
    }
    this.batchSize = options.batchSize ?? 500;
    this.batchWindowMs = options.batchWindowMs ?? 5;
    this.mode = options.mode ?? 'live';
    this.notifyEnabled = options.notify ?? this.mode === 'live';
    this.workers = options.projections.map((projection) => ({
      projection,
      handles: new Set(projection.handles),
      catchUpBatchSize:
        options.catchUpBatchSize ??
        options.batchSize ??
        projection.catchUpBatchSize ??
        DEFAULT_CATCH_UP_BATCH_SIZE,
      state: 'starting',
      checkpoint: null,
      scanned: null,
      eventsApplied: 0,
      lastBatchAt: null,
      error: null,
      afterCommitError: null,
      subscription: null,
      done: null,
    }));
  }

  /** Starts every projection's loop (returns at once; see {@link waitForCatchUp}). */
  start(): void {
    if (this.started) throw new Error('ProjectionRunner already started');
    this.started = true;
    for (const worker of this.workers) {
      worker.done = this.runWorker(worker).catch((error: unknown) => this.fail(worker, error));
    }
  }

  /** Catch-up mode: starts and resolves when every projection reached its end (or failed). */
  async run(): Promise<ProjectionStatus[]> {
    this.start();
    await Promise.all(this.workers.map((w) => w.done));
    return this.status();
  }

  /** Stops every loop after its current batch; resolves when they have exited. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.workers.map((w) => w.subscription?.stop()));
    await Promise.all(this.workers.map((w) => w.done));
    for (const w of this.workers) if (w.state !== 'failed') w.state = 'stopped';
    this.wake();
  }

  /**
   * Resolves when every projection has read the log up to `target` (default: the head now), or has
   * failed/stopped. Returns the status then.
   */
  async waitForCatchUp(target?: LogPosition | null): Promise<ProjectionStatus[]> {
    const goal = target === undefined ? await this.options.eventStore.headPosition() : target;
    const reached = () =>
      this.workers.every(
        (w) =>
          w.state === 'failed' ||
          w.state === 'stopped' ||
          w.state === 'caught-up' ||
          (w.state !== 'starting' &&
            (goal === null || (w.scanned !== null && comparePositions(w.scanned, goal) >= 0))),
      );
    while (!reached()) {
      await new Promise<void>((resolve) => {
        this.waiters.add(resolve);
      });
    }
    return this.status();
  }

  /** Per-projection state, checkpoint, head and lag, for `/healthz`. */
  async status(): Promise<ProjectionStatus[]> {
    const head = await this.options.eventStore.headPosition();
    return Promise.all(
      this.workers.map(async (w) => {
        let lag: number | null = 0;
        let capped = false;
        if (head && (!w.scanned || comparePositions(w.scanned, head) < 0)) {
          lag = 0;
          try {
            for await (const _ of this.options.eventStore.readAll({
              after: w.scanned ?? undefined,
              filter: this.filterOf(w),
              maxCount: LAG_COUNT_CAP,
            })) {
              lag += 1;
            }
            capped = lag >= LAG_COUNT_CAP;
          } catch {
            lag = null;
          }
        }
        const error = w.error
          ? {
              message: w.error.message,
              event: w.error instanceof ProjectionEventError ? w.error.event : null,
            }
          : null;
        return {
          name: w.projection.name,
          state: w.state,
          checkpoint: w.checkpoint,
          scannedTo: w.scanned ? formatPosition(w.scanned) : null,
          head: head ? formatPosition(head) : null,
          lag,
          lagCapped: capped,
          eventsApplied: w.eventsApplied,
          lastBatchAt: w.lastBatchAt,
          error,
          afterCommitError: w.afterCommitError,
        };
      }),
    );
  }

  private filterOf(w: Worker) {
    return { streamPrefixes: [GUILD_STREAM_PREFIX], eventTypes: [...w.handles] };
  }

  private untilOf(w: Worker): LogPosition | null | undefined {
    const until = this.options.until;
    if (until === undefined) return undefined;
    if (until instanceof Map)
      return until.has(w.projection.name) ? (until.get(w.projection.name) ?? null) : undefined;
    return until as LogPosition;
  }

  private wake(): void {
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const resolve of waiters) resolve();
  }

  private setState(w: Worker, state: ProjectionState): void {
    w.state = state;
    this.progress(w);
    this.wake();
  }

  private progress(w: Worker, head: LogPosition | null = null): void {
    this.options.onProgress?.({
      projection: w.projection.name,
      state: w.state,
      position: w.scanned ? formatPosition(w.scanned) : null,
      head: head ? formatPosition(head) : null,
      eventsApplied: w.eventsApplied,
    });
  }

  private fail(w: Worker, error: unknown): void {
    w.error = error instanceof Error ? error : new Error(String(error));
    w.state = 'failed';
    this.options.logger?.error(
      {
        projection: w.projection.name,
        err: w.error,
        event: w.error instanceof ProjectionEventError ? w.error.event : undefined,
      },
      'projection stopped',
    );
    this.progress(w);
    this.wake();
  }

  private async runWorker(w: Worker): Promise<void> {
    for (;;) {
      try {
        await this.catchUpAndFollow(w);
        return;
      } catch (error) {
        if (!(error instanceof CheckpointMovedError) || this.stopped) throw error;
        this.options.logger?.warn(
          { projection: w.projection.name, expected: error.expected, actual: error.actual },
          'checkpoint moved under the runner (rebuild switch or another runner); resuming from the stored one',
        );
        await w.subscription?.stop();
        w.subscription = null;
      }
    }
  }

  private async catchUpAndFollow(w: Worker): Promise<void> {
    const { eventStore, db } = this.options;
    const stored = await db.query<{ position: string }>(
      'SELECT position FROM projection_checkpoints WHERE projection = $1',
      [w.projection.name],
    );
    w.checkpoint = stored.rows[0]?.position ?? null;
    w.scanned = w.checkpoint ? parsePosition(w.checkpoint) : null;
    let until: LogPosition | null | undefined;
    if (this.mode === 'catch-up') {
      const configured = this.untilOf(w);
      until = configured === undefined ? await eventStore.headPosition() : configured;
    }
    this.setState(w, 'catching-up');
    if (this.mode === 'catch-up' && (!until || (w.scanned && comparePositions(w.scanned, until) >= 0))) {
      this.setState(w, 'caught-up');
      return;
    }

    // Catch-up: pages of this projection's types only, each read and prepared while the one before it
    // is applied (on the embedded engine, the statements run on the database's thread meanwhile).
    const readPage = async (after: LogPosition | null) => {
      const head = await eventStore.headPosition();
      const events: RecordedEvent[] = [];
      for await (const event of eventStore.readAll({
        after: after ?? undefined,
        filter: this.filterOf(w),
        maxCount: w.catchUpBatchSize,
      })) {
        if (until && comparePositions(event.position, until) > 0) break;
        events.push(event);
        // Lets the database thread's answers in between: the batch being applied goes on meanwhile.
        if (events.length % READ_YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
      }
      return { head, events, preparation: this.prepare(w, events) };
    };
    let next = readPage(w.scanned);
    while (!this.stopped) {
      const { head, events: page, preparation } = await next;
      const last = page.at(-1);
      const reachedUntil = until && last && comparePositions(last.position, until) >= 0;
      if (page.length >= w.catchUpBatchSize && !reachedUntil && last) {
        next = readPage(last.position);
        // Awaited at the next turn; if this batch fails first, the page is dropped with it.
        next.catch(() => undefined);
      }
      if (page.length > 0) await this.applyBatch(w, page, preparation);
      if (until && (page.length < w.catchUpBatchSize || reachedUntil)) {
        w.scanned = maxPosition(w.scanned, until);
        this.setState(w, 'caught-up');
        return;
      }
      if (page.length < w.catchUpBatchSize) {
        // Every event of our types up to `head` (read before the page) is applied.
        w.scanned = maxPosition(w.scanned, head);
        this.progress(w, head);
        this.wake();
        break;
      }
      this.progress(w, head);
    }
    if (this.stopped) return;

    // Live: the whole log (so `scanned` follows the head), filtered here.
    this.setState(w, 'live');
    const subscription = eventStore.subscribeToAll({ after: w.scanned ?? undefined });
    w.subscription = subscription;
    const iterator = subscription[Symbol.asyncIterator]();
    let pending: Promise<IteratorResult<RecordedEvent>> | null = null;
    let buffer: RecordedEvent[] = [];
    let seen: LogPosition | null = null;
    const flush = async () => {
      const batch = buffer;
      buffer = [];
      if (batch.length > 0) await this.applyBatch(w, batch);
      w.scanned = maxPosition(w.scanned, seen);
      this.wake();
    };
    try {
      while (!this.stopped) {
        pending ??= iterator.next();
        let result: IteratorResult<RecordedEvent> | typeof TIMEOUT;
        if (buffer.length === 0) {
          result = await pending;
        } else {
          let timer: NodeJS.Timeout | undefined;
          result = await Promise.race([
            pending,
            new Promise<typeof TIMEOUT>((resolve) => {
              timer = setTimeout(() => resolve(TIMEOUT), this.batchWindowMs);
            }),
          ]);
          clearTimeout(timer);
        }
        if (result === TIMEOUT) {
          await flush();
          continue;
        }
        pending = null;
        if (result.done) break;
        const event = result.value;
        seen = event.position;
        if (event.streamId.startsWith(GUILD_STREAM_PREFIX) && w.handles.has(event.type)) {
          buffer.push(event);
          if (buffer.length >= this.batchSize) await flush();
        } else if (buffer.length === 0) {
          w.scanned = maxPosition(w.scanned, seen);
          this.wake();
        }
      }
      if (!this.stopped) await flush();
    } finally {
      await subscription.stop();
    }
  }

  /** A batch's `prepare`, its failure kept for `applyBatch` to report with the event at fault. */
  private prepare(w: Worker, batch: readonly RecordedEvent[]): Preparation {
    try {
      return { ok: true, value: batch.length > 0 ? w.projection.prepare?.(batch) : undefined };
    } catch (error) {
      return { ok: false, error };
    }
  }

  /** One transaction: check and lock the checkpoint, apply, write the checkpoint; then notify. */
  private async applyBatch(
    w: Worker,
    batch: readonly RecordedEvent[],
    preparation: Preparation = this.prepare(w, batch),
  ): Promise<void> {
    try {
      if (!preparation.ok) throw preparation.error;
      await this.commitBatch(w, batch, preparation.value);
    } catch (error) {
      if (error instanceof CheckpointMovedError) throw error;
      if (batch.length === 1)
        throw new ProjectionEventError(w.projection.name, eventRef(batch[0] as RecordedEvent), error);
      // Find the event at fault: apply one by one (the good ones before it are kept).
      for (const event of batch) {
        try {
          const single = this.prepare(w, [event]);
          if (!single.ok) throw single.error;
          await this.commitBatch(w, [event], single.value);
        } catch (single) {
          if (single instanceof CheckpointMovedError) throw single;
          throw new ProjectionEventError(w.projection.name, eventRef(event), single);
        }
      }
      // The batch failed but every event alone passed: a batch-level fault of the projection.
      this.options.logger?.warn(
        { projection: w.projection.name, err: error },
        'batch failed but its events applied one by one',
      );
    }
  }

  private async commitBatch(w: Worker, batch: readonly RecordedEvent[], prepared: unknown): Promise<void> {
    const { db } = this.options;
    const last = batch.at(-1) as RecordedEvent;
    const position = formatPosition(last.position);
    const read = w.projection.read ? await w.projection.read(db, batch, prepared) : prepared;
    const notifications = await db.transaction(async (trx) => {
      // Sent with the batch's first statements rather than each awaited (statements run in call order):
      // the checkpoint row is locked before anything else, and a checkpoint that moved rolls back the lot.
      const locked = lockCheckpoint(trx, w.projection.name);
      const saved = saveCheckpoint(trx, w.projection.name, position, batch.length);
      let result: ApplyResult;
      try {
        result = await w.projection.apply(trx, batch, read);
      } catch (error) {
        // A failed lock or save fails every later statement: report the first failure.
        await Promise.all([locked, saved]);
        throw error;
      }
      const [current] = await Promise.all([locked, saved]);
      if (current !== w.checkpoint) throw new CheckpointMovedError(w.projection.name, w.checkpoint, current);
      return result ?? [];
    });
    w.checkpoint = position;
    w.scanned = maxPosition(w.scanned, last.position);
    w.eventsApplied += batch.length;
    w.lastBatchAt = new Date();
    this.progress(w);
    if (w.projection.afterCommit) {
      try {
        await w.projection.afterCommit(db, batch);
        w.afterCommitError = null;
      } catch (error) {
        w.afterCommitError = error instanceof Error ? error.message : String(error);
        this.options.logger?.error({ projection: w.projection.name, err: error }, 'afterCommit failed');
      }
    }
    if (this.notifyEnabled) await this.sendNotifications(w, batch, position, notifications);
  }

  private async sendNotifications(
    w: Worker,
    batch: readonly RecordedEvent[],
    position: string,
    notifications: readonly ProjectionNotification[],
  ): Promise<void> {
    const guildIds = [...new Set(batch.map(guildIdOf))];
    const commit: ProjectionCommitPayload = {
      projection: w.projection.name,
      guildIds: guildIds.length > MAX_GUILD_IDS_IN_PAYLOAD ? null : guildIds,
      lastPosition: position,
      events: batch.length,
    };
    try {
      await this.options.db.notifyMany([
        ...notifications.map((n) => ({ channel: n.channel, payload: JSON.stringify(n.payload) })),
        { channel: PROJECTION_COMMIT_CHANNEL, payload: JSON.stringify(commit) },
      ]);
    } catch (error) {
      // The data is committed; a lost notification only delays a dashboard refresh.
      this.options.logger?.warn({ projection: w.projection.name, err: error }, 'notify failed');
    }
  }
}
