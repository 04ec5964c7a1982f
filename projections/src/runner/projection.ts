import type { RecordedEvent } from '@guildscope/write-side';
import type { ReadDb, SqlExecutor } from '../read-db/read-db.port.js';
import type { ProjectionNotification } from './notifications.js';

/** What `apply` resolves to: nothing, or notifications to send after the commit. */
// biome-ignore lint/suspicious/noConfusingVoidType: projections without notifications keep returning Promise<void>
export type ApplyResult = void | readonly ProjectionNotification[];

/**
 * A projection is a module per read model. The runner owns the transaction: it hands `apply` a batch of
 * events (in log order, already filtered to `handles` and to `guild-` streams), writes the projection's
 * checkpoint in the same transaction, commits, then calls `afterCommit` (continuous-aggregate refreshes
 * cannot run inside a transaction block). Batches let a projection write set-based SQL
 * (`unnest($1::text[], ...)`, `jsonb_to_recordset($1)`) instead of one statement per event.
 *
 * Replaying an event twice must change nothing (the runner may re-deliver a batch after a crash).
 */
export interface Projection<Prepared = unknown, Read = Prepared> {
  /** Stable name; also the checkpoint key. */
  readonly name: string;
  /** Event types this projection reads; the runner filters the log with them. */
  readonly handles: readonly string[];
  /**
   * Most events per transaction while catching up, when the runner is not told a size: large for small
   * events (each statement has a fixed cost of a few milliseconds on PGlite), smaller for projections
   * that read big snapshots (a batch is held in memory). Default 2000.
   */
  readonly catchUpBatchSize?: number;
  /**
   * Indexes of this projection's tables that only readers use (the API's orderings and filters), never
   * its own statements. A rebuild or verify fills a fresh schema without them and creates them once at
   * the end: one sorted build instead of an index entry written per row. Non-unique indexes only.
   */
  readonly readIndexes?: readonly string[];
  /**
   * Optional first half of `apply` that needs no database: parse the batch's events, build its rows and
   * statement parameters. The runner calls it before waiting for the database, so on the embedded
   * engine (Postgres on its own thread) it runs while another batch's statements execute. Its result is
   * `apply`'s third argument. A throw is handled like a failing `apply` (the runner finds the event).
   */
  prepare?(events: readonly RecordedEvent[]): Prepared;
  /**
   * Optional reads before the transaction (lookups of stored rows the batch's writes depend on), and the
   * work on what they return. The runner calls it once the projection's previous batch has committed,
   * with the database outside any transaction; its result is `apply`'s third argument. What it read
   * still holds in the transaction: only this projection writes its tables, each of its commits moves
   * its checkpoint, and the transaction rolls back if the checkpoint moved. On PGlite, other
   * projections' transactions run while this one works on what it read.
   */
  read?(db: ReadDb, events: readonly RecordedEvent[], prepared: Prepared): Promise<Read>;
  /**
   * Applies a batch of events, in order, inside the runner's transaction. May return notifications
   * (e.g. `moderation_entry_added`) that the runner sends after the commit. `prepared` is what `read`
   * returned for this batch, else what `prepare` returned (undefined without either). Its last
   * statements may be sent without waiting for them (`sendLast`): the commit waits for them.
   */
  apply(trx: SqlExecutor, events: readonly RecordedEvent[], prepared: Read): Promise<ApplyResult>;
  /**
   * Optional work after the batch committed (e.g. refresh the continuous-aggregate windows the batch
   * touched). Receives the batch's events. `db` runs each statement outside a transaction block, in the
   * schema the runner works on. A failure is logged and shown in the status; the projection continues.
   */
  afterCommit?(db: SqlExecutor, events: readonly RecordedEvent[]): Promise<void>;
}
