import { InvalidAppendError } from './event-store.errors.js';
import type { EventToAppend, ExpectedRevision, ReadStreamOptions, StreamAppend } from './event-store.port.js';

/** An event checked and serialised once, ready for any adapter to write. */
export interface SerializedEvent {
  /** Lower-cased UUID: ids are compared case-insensitively, as EventStoreDB does. */
  readonly id: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

/** UTF-8 size of an event's data + metadata + type (what EventStoreDB counts against its max append size). */
export function serializedByteSize(event: SerializedEvent): number {
  return utf8Length(event.data) + utf8Length(event.metadata) + utf8Length(event.type);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_STREAM_ID_LENGTH = 512;

export function validateStreamId(streamId: unknown): asserts streamId is string {
  if (typeof streamId !== 'string' || streamId.length === 0)
    throw new InvalidAppendError('Stream id must be a non-empty string');
  if (streamId.length > MAX_STREAM_ID_LENGTH)
    throw new InvalidAppendError(`Stream id is longer than ${MAX_STREAM_ID_LENGTH} characters`);
  // `$` streams are EventStoreDB system streams; refusing them keeps both adapters alike.
  if (streamId.startsWith('$'))
    throw new InvalidAppendError(`Stream id "${streamId}" starts with "$" (reserved for system streams)`);
}

export function validateExpectedRevision(streamId: string, expected: unknown): ExpectedRevision {
  if (expected === undefined) return 'any';
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return expected;
  if (typeof expected === 'number' && Number.isSafeInteger(expected) && expected >= 0) return expected;
  throw new InvalidAppendError(
    `Invalid expected revision ${JSON.stringify(expected)} for stream "${streamId}": expected 'any', 'no_stream', 'stream_exists' or an integer >= 0`,
  );
}

/**
 * Rejects what JSON would silently change (so data reads back exactly): non-finite numbers, bigint,
 * functions, symbols, Dates/Maps/class instances, cycles. `undefined` object properties are dropped, as
 * JSON does; `undefined` elsewhere is rejected.
 *
 * Hot path (every appended event): it allocates nothing while the value is valid. The path in an error
 * message is rebuilt from `keys` (the property names and indexes walked) only when there is an error,
 * and cycles are found on `parents` (the objects being walked, as deep as the value) instead of a Set.
 */
function assertJson(value: unknown, root: string, parents: object[], keys: Array<string | number>): void {
  const fail = (problem: string): never => {
    const path = keys.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : `${p}.${k}`), root);
    throw new InvalidAppendError(`${path} ${problem}`);
  };
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) fail(`is ${value}, not valid JSON`);
      return;
    case 'object': {
      if (value === null) return;
      if (parents.includes(value)) fail('contains a circular reference');
      parents.push(value);
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          keys.push(i);
          if (value[i] === undefined) fail('is undefined');
          assertJson(value[i], root, parents, keys);
          keys.pop();
        }
      } else {
        const proto = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null)
          fail(`is a ${value.constructor?.name ?? 'non-plain object'}, not a plain JSON object`);
        for (const key in value) {
          const child = (value as Record<string, unknown>)[key];
          if (child === undefined) continue;
          keys.push(key);
          assertJson(child, root, parents, keys);
          keys.pop();
        }
      }
      parents.pop();
      return;
    }
    default:
      fail(`is a ${typeof value}, not serialisable as JSON`);
  }
}

/** Validates one append (stream id, expected revision, events) and serialises its events. Throws InvalidAppendError. */
export function prepareAppend(
  streamId: unknown,
  events: unknown,
  expectedRevision: unknown,
  /** The caller vouches that data and metadata are plain JSON (see AppendManyOptions.plainJson). */
  plainJson = false,
): { streamId: string; expectedRevision: ExpectedRevision; events: SerializedEvent[] } {
  validateStreamId(streamId);
  const expected = validateExpectedRevision(streamId, expectedRevision);
  if (!Array.isArray(events) || events.length === 0)
    throw new InvalidAppendError(`No events to append to stream "${streamId}"`);
  const serialized: SerializedEvent[] = [];
  // Reused by every event's JSON check (emptied again when a check returns).
  const parents: object[] = [];
  const keys: Array<string | number> = [];
  // Built only for an error message.
  const where = (i: number) => `Event ${i} of stream "${streamId}"`;
  const checkJson = (value: unknown, root: 'data' | 'metadata', i: number) => {
    try {
      assertJson(value, root, parents, keys);
    } catch (error) {
      parents.length = 0;
      keys.length = 0;
      if (error instanceof InvalidAppendError) throw new InvalidAppendError(`${where(i)}: ${error.message}`);
      throw error;
    }
  };
  for (let i = 0; i < events.length; i++) {
    const event = events[i] as Partial<EventToAppend> | null;
    if (typeof event !== 'object' || event === null)
      throw new InvalidAppendError(`${where(i)} is not an object`);
    if (typeof event.id !== 'string' || !UUID.test(event.id))
      throw new InvalidAppendError(`${where(i)}: id ${JSON.stringify(event.id)} is not a UUID`);
    if (typeof event.type !== 'string' || event.type.length === 0)
      throw new InvalidAppendError(`${where(i)}: type must be a non-empty string`);
    if (event.type.startsWith('$'))
      throw new InvalidAppendError(`${where(i)}: type "${event.type}" starts with "$" (reserved)`);
    if (event.data === undefined) throw new InvalidAppendError(`${where(i)}: data is undefined`);
    if (!plainJson) checkJson(event.data, 'data', i);
    const metadata = event.metadata ?? {};
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
      throw new InvalidAppendError(`${where(i)}: metadata must be a JSON object`);
    if (!plainJson) checkJson(metadata, 'metadata', i);
    const data = JSON.stringify(event.data);
    const meta = JSON.stringify(metadata);
    serialized.push({
      id: event.id.toLowerCase(),
      type: event.type,
      data,
      metadata: meta,
    });
  }
  return { streamId, expectedRevision: expected, events: serialized };
}

/** Validates every append of an `appendMany` call before anything is written. */
export function prepareAppendMany(appends: unknown, plainJson = false): ReturnType<typeof prepareAppend>[] {
  if (!Array.isArray(appends) || appends.length === 0)
    throw new InvalidAppendError('appendMany needs at least one stream append');
  return (appends as StreamAppend[]).map((a, i) => {
    if (typeof a !== 'object' || a === null)
      throw new InvalidAppendError(`Stream append ${i} is not an object`);
    return prepareAppend(a.streamId, a.events, a.expectedRevision, plainJson);
  });
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export function validateMaxCount(maxCount: unknown): number {
  if (maxCount === undefined) return Number.POSITIVE_INFINITY;
  if (typeof maxCount === 'number' && Number.isSafeInteger(maxCount) && maxCount >= 0) return maxCount;
  throw new InvalidAppendError(`maxCount must be an integer >= 0, got ${JSON.stringify(maxCount)}`);
}

/** `readStream` options checked, with their defaults: from the start forwards, from the end backwards. */
export function validateReadStreamOptions(options: ReadStreamOptions): {
  direction: 'forwards' | 'backwards';
  from: number | 'start' | 'end';
  maxCount: number;
} {
  const direction = options.direction ?? 'forwards';
  if (direction !== 'forwards' && direction !== 'backwards')
    throw new InvalidAppendError(`Invalid direction "${String(direction)}"`);
  const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
  if (from !== 'start' && from !== 'end' && !(Number.isSafeInteger(from) && from >= 0))
    throw new InvalidAppendError(`Invalid fromRevision ${JSON.stringify(from)}`);
  return { direction, from, maxCount: validateMaxCount(options.maxCount) };
}
