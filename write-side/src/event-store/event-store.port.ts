import { invalidLogPosition, LOG_POSITION_PATTERN } from '@guildscope/contracts';

/**
 * The event store port: the system of record. Two adapters implement it (embedded SQLite, EventStoreDB)
 * and one contract suite proves they behave the same.
 *
 * Revisions are per stream and start at 0. Positions are global and totally ordered; a position is
 * `{ commit, prepare }` because EventStoreDB needs both to resume a read of `$all` (on SQLite both are
 * the log sequence number).
 */

/** A global position in the log. Compare with {@link comparePositions}. */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

/** The revision a writer expects the stream to be at. A number is the revision of the stream's last event. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** JSON object stored with every event (who/when/why); shape is the caller's. */
export type EventMetadata = Readonly<Record<string, unknown>>;

/** An event as handed to `append`. The id is assigned once by the producer; retries reuse it. */
export interface EventToAppend {
  /** UUID; an id already present in the stream is not stored again. */
  readonly id: string;
  readonly type: string;
  /** Any JSON value. */
  readonly data: unknown;
  readonly metadata?: EventMetadata;
}

/** An event as stored. `data` and `metadata` are returned exactly as they were appended. */
export interface RecordedEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly position: LogPosition;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
  /** When the store committed the event. */
  readonly createdAt: Date;
}

export interface AppendResult {
  readonly streamId: string;
  /** Revision of the stream's last event after the append (use as the next expected revision). */
  readonly nextExpectedRevision: number;
  /** Position of the last event written by this call (or of the stream's last event when all were duplicates). */
  readonly position: LogPosition;
  /** Events actually written. */
  readonly appended: number;
  /** Events skipped because their id was already in the stream. */
  readonly duplicates: number;
}

export interface StreamAppend {
  readonly streamId: string;
  readonly expectedRevision: ExpectedRevision;
  readonly events: readonly EventToAppend[];
}

export interface AppendManyOptions {
  /**
   * The caller guarantees that every `data` and `metadata` is plain JSON (null, booleans, finite numbers,
   * strings, arrays and plain objects, no cycles), typically the output of a schema parse of JSON input:
   * the store skips its own walk over them (it still checks ids, types and streams, and serialises).
   * Wrong values would be stored as `JSON.stringify` writes them. Default false.
   */
  readonly plainJson?: boolean;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive. Default: start when forwards, end when backwards. */
  readonly fromRevision?: number | 'start' | 'end';
  readonly maxCount?: number;
}

/** Filter on the global log. Both lists are ORed within themselves and ANDed together. */
export interface LogFilter {
  readonly streamPrefixes?: readonly string[];
  readonly eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: read events strictly after this position. Default: from the beginning. */
  readonly after?: LogPosition;
  readonly filter?: LogFilter;
  readonly maxCount?: number;
}

export interface SubscribeToAllOptions {
  /** Exclusive resume point (a stored checkpoint). Default: from the beginning. */
  readonly after?: LogPosition;
  readonly filter?: LogFilter;
}

export interface SubscribeToStreamOptions {
  /** Exclusive: deliver events with a revision strictly greater. Default: from the first event. */
  readonly afterRevision?: number;
}

/**
 * A catch-up subscription: delivers history in order, then stays live. Iterate it with `for await`;
 * `stop()` ends the iteration cleanly (the loop exits, no error). An infrastructure failure is thrown
 * from the iterator.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  stop(): Promise<void>;
}

export interface EventStore {
  /** Append to one stream atomically, honouring the expected revision. */
  append(
    streamId: string,
    events: readonly EventToAppend[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;

  /**
   * Append to several streams in one call (a gateway batch spans guilds). SQLite: one transaction, all or
   * nothing. EventStoreDB: one atomic append per stream, in order; a failure leaves earlier streams written.
   */
  appendMany(appends: readonly StreamAppend[], options?: AppendManyOptions): Promise<AppendResult[]>;

  /** Read one stream. A stream that does not exist reads as empty. */
  readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;

  /** Revision of the stream's last event, or null when the stream does not exist. */
  streamRevision(streamId: string): Promise<number | null>;

  /** Read the global log forwards, in position order. */
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;

  /** Position of the last event in the log, or null when the log is empty. */
  headPosition(): Promise<LogPosition | null>;

  subscribeToAll(options?: SubscribeToAllOptions): Subscription;
  subscribeToStream(streamId: string, options?: SubscribeToStreamOptions): Subscription;

  /** True when the store answers. For `/healthz`. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Negative when a is before b, 0 when equal, positive when after. */
export function comparePositions(a: LogPosition, b: LogPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** Text form for checkpoints and wire protocols: `"<commit>"` when both parts are equal, else `"<commit>/<prepare>"`. */
export function formatPosition(p: LogPosition): string {
  return p.commit === p.prepare ? `${p.commit}` : `${p.commit}/${p.prepare}`;
}

/** Inverse of {@link formatPosition}; throws a RangeError on anything else. */
export function parsePosition(text: string): LogPosition {
  const match = LOG_POSITION_PATTERN.exec(text);
  if (!match) throw new RangeError(invalidLogPosition(text));
  const commit = BigInt(match[1] as string);
  const prepare = match[2] === undefined ? commit : BigInt(match[2]);
  return { commit, prepare };
}
