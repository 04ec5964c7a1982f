import type { EventStore, RecordedEvent } from '@guildscope/write-side';
import { eventTimeMs } from './event-formatter.js';
import type { ReplayBound } from './replay-bound.js';

export interface GuildEventsFilter {
  readonly from?: ReplayBound;
  readonly to?: ReplayBound;
  /** Empty: every type. */
  readonly types: readonly string[];
  /** Called with the number of events read so far (matching or not), for the progress bar. */
  readonly onScanned?: (scanned: number) => void;
}

/** First and last revision the stream read covers (revision bounds only; time bounds filter later). */
export function revisionRange(
  filter: Pick<GuildEventsFilter, 'from' | 'to'>,
  lastRevision: number,
): { first: number; last: number } {
  const first = filter.from?.kind === 'revision' ? filter.from.revision : 0;
  const last = filter.to?.kind === 'revision' ? Math.min(filter.to.revision, lastRevision) : lastRevision;
  return { first, last };
}

/**
 * Streams a guild's events in revision order, one page at a time (the store pages its reads, so memory
 * stays flat whatever the stream length). Revision bounds narrow the read itself; time bounds and types
 * are checked per event, over the whole revision range, because `occurredAt` is the bot's clock and is
 * not ordered in the stream (an offline bot delivers its backlog late).
 */
export async function* readGuildEvents(
  store: EventStore,
  streamId: string,
  lastRevision: number,
  filter: GuildEventsFilter,
): AsyncGenerator<RecordedEvent> {
  const { first, last } = revisionRange(filter, lastRevision);
  if (first > last) return;
  const fromMs = filter.from?.kind === 'time' ? filter.from.startMs : Number.NEGATIVE_INFINITY;
  const toMs = filter.to?.kind === 'time' ? filter.to.endMs : Number.POSITIVE_INFINITY;
  const types = filter.types.length > 0 ? new Set(filter.types) : null;
  let scanned = 0;
  for await (const event of store.readStream(streamId, { fromRevision: first, maxCount: last - first + 1 })) {
    scanned++;
    if (filter.onScanned && (scanned & 255) === 0) filter.onScanned(scanned);
    if (types && !types.has(event.type)) continue;
    const at = eventTimeMs(event);
    if (at < fromMs || at > toMs) continue;
    yield event;
  }
  filter.onScanned?.(scanned);
}
