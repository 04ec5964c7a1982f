import {
  AccessDeniedError,
  type AllStreamResolvedEvent,
  ANY,
  type AppendExpectedRevision,
  BACKWARDS,
  DeadlineExceededError,
  END,
  type AppendResult as EsdbAppendResult,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  EventStoreDBClient,
  eventTypeFilter,
  excludeSystemEvents,
  type Filter,
  FORWARDS,
  type JSONType,
  jsonEvent,
  MaxAppendSizeExceededError,
  NO_STREAM,
  NotLeaderError,
  type ResolvedEvent,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  streamNameFilter,
  TimeoutError,
  UnavailableError,
} from '@eventstore/db-client';
import { assertNever } from '@guildscope/contracts';
import { ConfigError } from '@guildscope/contracts/config';
import { type Logger, pino } from 'pino';
import {
  prepareAppend,
  prepareAppendMany,
  type SerializedEvent,
  serializedByteSize,
  validateMaxCount,
  validateReadStreamOptions,
  validateStreamId,
} from '../event-append.validation.js';
import {
  EventStoreError,
  EventStoreUnavailableError,
  InvalidAppendError,
  WrongExpectedVersionError,
} from '../event-store.errors.js';
import {
  type AppendManyOptions,
  type AppendResult,
  comparePositions,
  type EventStore,
  type EventToAppend,
  type ExpectedRevision,
  type LogFilter,
  type LogPosition,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
  type SubscribeToAllOptions,
  type SubscribeToStreamOptions,
  type Subscription,
} from '../event-store.port.js';

/** EventStoreDB's default `MaxAppendSize` (server option), in bytes. */
export const ESDB_DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;
/** Allowance per event for what the server counts besides data and metadata (id, type, framing). */
const PER_EVENT_OVERHEAD = 128;

export interface EventStoreDbEventStoreOptions {
  /** `esdb://` connection string (from `EVENTSTORE_URL`). */
  readonly connectionString: string;
  /** The server's `MaxAppendSize`; appends above it are split. Default 1 MiB. */
  readonly maxAppendSize?: number;
  readonly logger?: Logger;
}

type PreparedAppend = ReturnType<typeof prepareAppend>;

/**
 * The EventStoreDB adapter. Differences from SQLite, all documented in write-side/README.md:
 * - `appendMany` is one atomic append per stream, in order; a failure leaves earlier streams written.
 * - An append larger than `maxAppendSize` is split into several appends chained by exact expected
 *   revision: each part is atomic, the whole is not (a retry with the same ids completes it).
 * - Idempotency is the server's: with an exact revision (or `no_stream`) a retried batch is recognised
 *   by position in the stream, always; with `any`/`stream_exists` only while the ids are in the
 *   server's recent-event cache (lost on restart).
 * - `duplicates` is always 0: the server answers an idempotent retry like a write, so the adapter
 *   cannot know how many events it skipped; `appended` is the number of events sent.
 * - System events (`$` streams or types) are never returned.
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly logger: Logger;
  private readonly maxAppendSize: number;
  private readonly subscriptions = new Set<Subscription>();
  private closed = false;

  constructor(options: EventStoreDbEventStoreOptions) {
    this.logger = (options.logger ?? pino({ level: 'silent' })).child({
      component: 'eventstoredb-event-store',
    });
    this.maxAppendSize = options.maxAppendSize ?? ESDB_DEFAULT_MAX_APPEND_SIZE;
    if (!Number.isSafeInteger(this.maxAppendSize) || this.maxAppendSize <= PER_EVENT_OVERHEAD)
      throw new ConfigError('event store', [
        {
          variable: 'maxAppendSize',
          message: `must be an integer > ${PER_EVENT_OVERHEAD}`,
          got: String(this.maxAppendSize),
        },
      ]);
    if (!/^esdb(\+discover)?:\/\//.test(options.connectionString))
      throw new ConfigError('event store', [
        {
          variable: 'EVENTSTORE_URL',
          message: 'must be an EventStoreDB connection string (esdb:// or esdb+discover://)',
        },
      ]);
    try {
      this.client = EventStoreDBClient.connectionString(options.connectionString);
    } catch (error) {
      throw new ConfigError('event store', [
        {
          variable: 'EVENTSTORE_URL',
          message: `must be a valid EventStoreDB connection string: ${(error as Error).message}`,
        },
      ]);
    }
  }

  async append(
    streamId: string,
    events: readonly EventToAppend[],
    options?: { expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult> {
    return this.appendPrepared(prepareAppend(streamId, events, options?.expectedRevision));
  }

  async appendMany(appends: readonly StreamAppend[], options?: AppendManyOptions): Promise<AppendResult[]> {
    const prepared = prepareAppendMany(appends, options?.plainJson === true);
    const results: AppendResult[] = [];
    for (const append of prepared) results.push(await this.appendPrepared(append));
    return results;
  }

  async streamRevision(streamId: string): Promise<number | null> {
    validateStreamId(streamId);
    for await (const event of this.readStream(streamId, { direction: 'backwards', maxCount: 1 }))
      return event.revision;
    return null;
  }

  async headPosition(): Promise<LogPosition | null> {
    this.assertOpen();
    try {
      // The newest non-system event ($stats and the like are written by the server on its own).
      for await (const resolved of this.client.readAll({
        direction: BACKWARDS,
        fromPosition: END,
        maxCount: 1000,
      })) {
        const event = toRecordedEvent(resolved);
        if (event) return event.position;
      }
      return null;
    } catch (error) {
      throw this.mapError(error, 'headPosition');
    }
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    validateStreamId(streamId);
    this.assertOpen();
    const { direction, from, maxCount } = validateReadStreamOptions(options);
    const self = this;
    return {
      async *[Symbol.asyncIterator]() {
        if (maxCount === 0) return;
        const read = self.client.readStream(streamId, {
          direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
          fromRevision: from === 'start' ? START : from === 'end' ? END : BigInt(from),
          ...(Number.isFinite(maxCount) ? { maxCount } : {}),
        });
        try {
          for await (const resolved of read) {
            const event = toRecordedEvent(resolved);
            if (event) yield event;
          }
        } catch (error) {
          if (error instanceof StreamNotFoundError) return;
          throw self.mapError(error, 'readStream');
        }
      },
    };
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.assertOpen();
    const maxCount = validateMaxCount(options.maxCount);
    const after = options.after;
    const matches = filterPredicate(options.filter);
    const self = this;
    return {
      async *[Symbol.asyncIterator]() {
        if (maxCount === 0) return;
        // The client's readAll has no server-side filter: read (gRPC flow control pages it) and filter
        // here. Subscriptions do filter on the server.
        const read = self.client.readAll({ direction: FORWARDS, fromPosition: after ?? START });
        let count = 0;
        try {
          for await (const resolved of read) {
            const event = toRecordedEvent(resolved);
            if (!event || (after && comparePositions(event.position, after) <= 0) || !matches(event))
              continue;
            yield event;
            if (++count >= maxCount) return; // leaving the loop cancels the read
          }
        } catch (error) {
          throw self.mapError(error, 'readAll');
        }
      },
    };
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    this.assertOpen();
    const after = options.after;
    const matches = filterPredicate(options.filter);
    const subscription = this.client.subscribeToAll({
      fromPosition: after ?? START,
      filter: serverFilter(options.filter),
    });
    return this.track(subscription, (resolved) => {
      const event = toRecordedEvent(resolved);
      if (!event || (after && comparePositions(event.position, after) <= 0) || !matches(event))
        return undefined;
      return event;
    });
  }

  subscribeToStream(streamId: string, options: SubscribeToStreamOptions = {}): Subscription {
    validateStreamId(streamId);
    this.assertOpen();
    const after = options.afterRevision;
    if (after !== undefined && !(Number.isSafeInteger(after) && after >= -1))
      throw new InvalidAppendError(`Invalid afterRevision ${JSON.stringify(after)}`);
    const subscription = this.client.subscribeToStream(streamId, {
      fromRevision: after === undefined || after < 0 ? START : BigInt(after),
    });
    return this.track(subscription, (resolved) => {
      const event = toRecordedEvent(resolved);
      if (!event || (after !== undefined && event.revision <= after)) return undefined;
      return event;
    });
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      for await (const _ of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 }))
        break;
      return true;
    } catch (error) {
      this.logger.warn({ err: error }, 'EventStoreDB ping failed');
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    for (const subscription of [...this.subscriptions]) await subscription.stop();
    this.closed = true;
    await this.client.dispose();
  }

  private async appendPrepared({
    streamId,
    expectedRevision,
    events,
  }: PreparedAppend): Promise<AppendResult> {
    this.assertOpen();
    const parts = this.split(streamId, events);
    if (parts.length > 1)
      this.logger.info(
        { streamId, events: events.length, parts: parts.length },
        'append larger than the server max append size: split into chained appends (not atomic as a whole)',
      );
    let expected: AppendExpectedRevision = toEsdbExpectedRevision(expectedRevision);
    let result: EsdbAppendResult | undefined;
    for (const part of parts) {
      try {
        result = await this.client.appendToStream(
          streamId,
          part.map((e) =>
            jsonEvent({
              id: e.id,
              type: e.type,
              data: JSON.parse(e.data) as JSONType,
              metadata: JSON.parse(e.metadata),
            }),
          ),
          { expectedRevision: expected },
        );
      } catch (error) {
        throw this.mapError(error, 'append', streamId, expectedRevision);
      }
      expected = result.nextExpectedRevision;
    }
    const last = result as EsdbAppendResult;
    const revision = Number(last.nextExpectedRevision);
    // The server omits the position for some writes (idempotent retries): take it from the event.
    const position = last.position ?? (await this.positionOf(streamId, revision));
    return { streamId, nextExpectedRevision: revision, position, appended: events.length, duplicates: 0 };
  }

  /** Splits so that each part stays under the server's max append size (one event per part at least). */
  private split(streamId: string, events: readonly SerializedEvent[]): SerializedEvent[][] {
    const parts: SerializedEvent[][] = [];
    let current: SerializedEvent[] = [];
    let size = 0;
    for (const [i, event] of events.entries()) {
      const byteSize = serializedByteSize(event);
      const eventSize = byteSize + PER_EVENT_OVERHEAD;
      if (eventSize > this.maxAppendSize)
        throw new InvalidAppendError(
          `Event ${i} of stream "${streamId}" is ${byteSize} bytes, over the EventStoreDB max append size (${this.maxAppendSize})`,
        );
      if (size + eventSize > this.maxAppendSize && current.length > 0) {
        parts.push(current);
        current = [];
        size = 0;
      }
      current.push(event);
      size += eventSize;
    }
    parts.push(current);
    return parts;
  }

  private async positionOf(streamId: string, revision: number): Promise<LogPosition> {
    for await (const event of this.readStream(streamId, {
      direction: 'backwards',
      fromRevision: revision,
      maxCount: 1,
    }))
      return event.position;
    throw new EventStoreError(
      `Event ${revision} of "${streamId}" has no position (EventStoreDB older than 22.6?)`,
    );
  }

  /** Wraps a client subscription: maps events, ends the loop on stop(), maps errors. */
  private track(
    source: AsyncIterable<AllStreamResolvedEvent | ResolvedEvent> & { unsubscribe(): Promise<void> },
    map: (resolved: AllStreamResolvedEvent | ResolvedEvent) => RecordedEvent | undefined,
  ): Subscription {
    let stopped = false;
    const self = this;
    const subscription: Subscription = {
      async stop() {
        if (stopped) return;
        stopped = true;
        self.subscriptions.delete(subscription);
        await source.unsubscribe();
      },
      async *[Symbol.asyncIterator]() {
        try {
          for await (const resolved of source) {
            if (stopped) return;
            const event = map(resolved);
            if (event) yield event;
          }
        } catch (error) {
          if (stopped) return; // unsubscribing cancels the call
          throw self.mapError(error, 'subscription');
        } finally {
          await subscription.stop();
        }
      },
    };
    this.subscriptions.add(subscription);
    return subscription;
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailableError('The EventStoreDB event store is closed');
  }

  private mapError(error: unknown, operation: string, streamId?: string, expected?: ExpectedRevision): Error {
    if (error instanceof EventStoreError) return error;
    if (error instanceof EsdbWrongExpectedVersionError) {
      const actual = error.actualVersion;
      return new WrongExpectedVersionError(
        streamId ?? error.streamName,
        expected ?? fromEsdbExpectedRevision(error.expectedVersion),
        typeof actual === 'bigint' ? Number(actual) : null,
      );
    }
    if (error instanceof MaxAppendSizeExceededError)
      return new InvalidAppendError(`EventStoreDB refused the append size: ${error.message}`, {
        cause: error,
      });
    const unavailable =
      error instanceof UnavailableError ||
      error instanceof DeadlineExceededError ||
      error instanceof NotLeaderError ||
      error instanceof TimeoutError ||
      error instanceof AccessDeniedError;
    this.logger.error({ err: error, operation, streamId }, 'EventStoreDB operation failed');
    return new EventStoreUnavailableError(
      `EventStoreDB ${operation} failed${unavailable ? ' (unavailable)' : ''}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      if (typeof expected === 'number') return BigInt(expected);
      return assertNever(expected);
  }
}

function fromEsdbExpectedRevision(expected: AppendExpectedRevision): ExpectedRevision {
  return typeof expected === 'bigint' ? Number(expected) : expected;
}

/** Server-side filter for subscriptions: stream prefixes, else type prefixes, else no system events. */
function serverFilter(filter: LogFilter | undefined): Filter {
  if (filter?.streamPrefixes?.length) return streamNameFilter({ prefixes: [...filter.streamPrefixes] });
  if (filter?.eventTypes?.length) return eventTypeFilter({ prefixes: [...filter.eventTypes] });
  return excludeSystemEvents();
}

/** Exact client-side filter (the server matches type prefixes, and one dimension only). */
function filterPredicate(filter: LogFilter | undefined): (event: RecordedEvent) => boolean {
  const prefixes = filter?.streamPrefixes?.length ? filter.streamPrefixes : undefined;
  const types = filter?.eventTypes?.length ? new Set(filter.eventTypes) : undefined;
  for (const list of [filter?.streamPrefixes, filter?.eventTypes])
    if (
      list !== undefined &&
      (!Array.isArray(list) || list.some((s) => typeof s !== 'string' || s.length === 0))
    )
      throw new InvalidAppendError('filter lists must contain non-empty strings');
  return (event) =>
    (!prefixes || prefixes.some((p) => event.streamId.startsWith(p))) && (!types || types.has(event.type));
}

function toRecordedEvent(resolved: AllStreamResolvedEvent | ResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event || event.type.startsWith('$') || event.streamId.startsWith('$')) return undefined;
  if (!event.position)
    throw new EventStoreError('EventStoreDB returned an event without a position (server < 22.6)');
  return {
    streamId: event.streamId,
    revision: Number(event.revision),
    position: { commit: event.position.commit, prepare: event.position.prepare },
    id: event.id,
    type: event.type,
    data: event.isJson ? event.data : JSON.parse(Buffer.from(event.data as Uint8Array).toString('utf8')),
    metadata: (event.metadata && !(event.metadata instanceof Uint8Array) ? event.metadata : {}) as Record<
      string,
      unknown
    >,
    createdAt: event.created,
  };
}
