import { guildStream } from '@guildscope/contracts';
import type { EventStore, RecordedEvent } from '@guildscope/write-side';
import { formatPosition } from '@guildscope/write-side';
import { badInput } from '../errors/api-errors.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';

export interface GuildEventsArgs {
  readonly fromRevision?: number | null;
  readonly fromTime?: Date | null;
  readonly types?: readonly string[] | null;
  readonly first: number;
  readonly after?: string | null;
}

export interface StoredEventView {
  readonly streamId: string;
  readonly revision: number;
  readonly position: string;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly createdAt: Date;
}

export interface EventPage {
  readonly nodes: StoredEventView[];
  readonly pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** Events read per request when filtering by type, at most, so one page never scans a whole stream. */
const scanBudget = (first: number) => Math.max(1000, first * 20);

/**
 * A page of a guild's raw stream, exactly as stored. The cursor holds the next revision to read, so
 * pages stay stable while the stream grows.
 */
export async function readGuildEvents(
  store: EventStore,
  guildId: string,
  args: GuildEventsArgs,
): Promise<EventPage> {
  const streamId = guildStream(guildId);
  let start: number;
  if (args.after) {
    if (args.fromRevision != null || args.fromTime != null) {
      throw badInput(
        'after',
        'cannot be combined with fromRevision or fromTime (the cursor already has a position)',
      );
    }
    const [revision] = decodeCursor('ev', args.after, 1);
    if (typeof revision !== 'number' || !Number.isInteger(revision) || revision < 0) {
      throw badInput('after', 'not a cursor returned by this API for this list');
    }
    start = revision;
  } else if (args.fromRevision != null) {
    if (args.fromTime != null) throw badInput('fromRevision', 'give fromRevision or fromTime, not both');
    if (!Number.isInteger(args.fromRevision) || args.fromRevision < 0) {
      throw badInput('fromRevision', 'must be a revision (an integer >= 0)');
    }
    start = args.fromRevision;
  } else if (args.fromTime != null) {
    start = await firstRevisionAtOrAfter(store, streamId, args.fromTime);
  } else {
    start = 0;
  }
  const types = args.types && args.types.length > 0 ? new Set(args.types) : null;
  const last = await store.streamRevision(streamId);
  const nodes: StoredEventView[] = [];
  if (last === null || start > last) {
    return { nodes, pageInfo: { hasNextPage: false, endCursor: null } };
  }
  let next = start;
  let scanned = 0;
  const budget = types ? scanBudget(args.first) : args.first;
  // Read a little more than needed so we know whether another page exists.
  for await (const event of store.readStream(streamId, { fromRevision: start, maxCount: budget + 1 })) {
    if (nodes.length === args.first || scanned === budget) break;
    scanned++;
    next = event.revision + 1;
    if (!types || types.has(event.type)) nodes.push(toView(event));
  }
  const hasNextPage = next <= last;
  return {
    nodes,
    pageInfo: { hasNextPage, endCursor: hasNextPage || nodes.length > 0 ? encodeCursor('ev', [next]) : null },
  };
}

function toView(e: RecordedEvent): StoredEventView {
  return { ...e, position: formatPosition(e.position) };
}

/**
 * Binary search on the commit time (non-decreasing along a stream): O(log n) single-event reads instead of
 * a scan from the start.
 */
async function firstRevisionAtOrAfter(store: EventStore, streamId: string, time: Date): Promise<number> {
  const last = await store.streamRevision(streamId);
  if (last === null) return 0;
  let lo = 0;
  let hi = last + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    let at: RecordedEvent | undefined;
    for await (const e of store.readStream(streamId, { fromRevision: mid, maxCount: 1 })) at = e;
    if (!at || at.createdAt.getTime() >= time.getTime()) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
