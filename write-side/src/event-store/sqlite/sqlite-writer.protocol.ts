import {
  EventStoreError,
  EventStoreUnavailableError,
  InvalidAppendError,
  WrongExpectedVersionError,
} from '../event-store.errors.js';
import type { ExpectedRevision } from '../event-store.port.js';
import type { PreparedAppend, RawAppendResult, StoredEvent } from './sqlite-appender.js';

/**
 * Messages between the event store and its writer thread. Appends travel as one flat array of strings
 * and numbers rather than an object per event: structured cloning costs per object, and the gateway
 * sends tens of thousands of events a second through here.
 */
export type WriterRequest =
  | { readonly type: 'append'; readonly id: number; readonly appends: EncodedAppends }
  | { readonly type: 'autocheckpoint'; readonly pages: number }
  | { readonly type: 'stop' };

export type WriterResponse =
  | { readonly type: 'ready' }
  | { readonly type: 'appended'; readonly id: number; readonly results: number[] }
  | { readonly type: 'failed'; readonly id: number; readonly error: EncodedError }
  /** The thread cannot open its connection: it exits after this. */
  | { readonly type: 'fatal'; readonly error: EncodedError };

/** `[appendCount, (streamId, expectedRevision, eventCount, (id, type, data, metadata) x eventCount) x appendCount]` */
export type EncodedAppends = Array<string | number>;

export interface EncodedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly streamId?: string;
  readonly expected?: ExpectedRevision;
  readonly actual?: number | null;
}

export interface WriterThreadData {
  readonly path: string;
  readonly synchronous: 'NORMAL' | 'FULL' | 'EXTRA';
  readonly busyTimeoutMs: number;
  /** `wal_autocheckpoint` of the writer's connection (0 when a checkpointer thread runs). */
  readonly autocheckpointPages: number;
}

export function encodeAppends(appends: readonly PreparedAppend[]): EncodedAppends {
  const out: EncodedAppends = [appends.length];
  for (const a of appends) {
    out.push(a.streamId, a.expectedRevision, a.events.length);
    for (const e of a.events) out.push(e.id, e.type, e.data, e.metadata);
  }
  return out;
}

export function decodeAppends(encoded: EncodedAppends): PreparedAppend[] {
  let i = 0;
  const count = encoded[i++] as number;
  const appends: PreparedAppend[] = new Array(count);
  for (let a = 0; a < count; a++) {
    const streamId = encoded[i++] as string;
    const expectedRevision = encoded[i++] as ExpectedRevision;
    const n = encoded[i++] as number;
    const events: StoredEvent[] = new Array(n);
    for (let e = 0; e < n; e++)
      events[e] = {
        id: encoded[i++] as string,
        type: encoded[i++] as string,
        data: encoded[i++] as string,
        metadata: encoded[i++] as string,
      };
    appends[a] = { streamId, expectedRevision, events };
  }
  return appends;
}

/** `(nextExpectedRevision, position, appended, duplicates) x appendCount` */
export function encodeResults(results: readonly RawAppendResult[]): number[] {
  const out: number[] = [];
  for (const r of results) out.push(r.nextExpectedRevision, r.position, r.appended, r.duplicates);
  return out;
}

export function decodeResults(
  appends: readonly PreparedAppend[],
  encoded: readonly number[],
): RawAppendResult[] {
  return appends.map((a, i) => ({
    streamId: a.streamId,
    nextExpectedRevision: encoded[4 * i] as number,
    position: encoded[4 * i + 1] as number,
    appended: encoded[4 * i + 2] as number,
    duplicates: encoded[4 * i + 3] as number,
  }));
}

export function encodeError(error: unknown): EncodedError {
  if (error instanceof WrongExpectedVersionError)
    return {
      name: error.name,
      message: error.message,
      streamId: error.streamId,
      expected: error.expected,
      actual: error.actual,
    };
  const e = error as { name?: unknown; message?: unknown; code?: unknown };
  return {
    name: error instanceof EventStoreError ? error.name : 'SqliteError',
    message: typeof e.message === 'string' ? e.message : String(error),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
  };
}

/**
 * The error the writer thread reported, as the same class the inline path throws: the port's errors
 * keep their class and fields, and a SQLite failure (busy past the timeout, I/O, full disk) becomes
 * EventStoreUnavailableError naming SQLite's code.
 */
export function decodeError(error: EncodedError): Error {
  switch (error.name) {
    case 'WrongExpectedVersionError':
      return new WrongExpectedVersionError(
        error.streamId as string,
        error.expected as ExpectedRevision,
        error.actual ?? null,
      );
    case 'InvalidAppendError':
      return new InvalidAppendError(error.message);
    case 'EventStoreUnavailableError':
      return new EventStoreUnavailableError(error.message);
    case 'EventStoreError':
      return new EventStoreError(error.message);
    default:
      return sqliteFailure(error.code ?? 'unknown', error.message);
  }
}

/** A SQLite failure (busy past the timeout, I/O, full disk...) as the port reports it, on either thread. */
export function sqliteFailure(code: string, message: string, cause?: unknown): EventStoreUnavailableError {
  return new EventStoreUnavailableError(
    `SQLite event store failure (${code}): ${message}`,
    cause === undefined ? undefined : { cause },
  );
}
