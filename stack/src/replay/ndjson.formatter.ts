import { formatPosition, type RecordedEvent } from '@guildscope/write-side';
import type { EventFormatter } from './event-formatter.js';

/**
 * One JSON object per line. `data` and `metadata` are serialised from what the store returned, which is
 * byte for byte what was appended (the store keeps the JSON text); `position` is text because it is a
 * 64-bit number.
 */
export function ndjsonFormatter(): EventFormatter {
  return { header: '', format: (event) => `${JSON.stringify(ndjsonRecord(event))}\n` };
}

/** The object printed for one event, keys in this order. */
export function ndjsonRecord(event: RecordedEvent) {
  return {
    streamId: event.streamId,
    revision: event.revision,
    position: formatPosition(event.position),
    id: event.id,
    type: event.type,
    createdAt: event.createdAt.toISOString(),
    data: event.data,
    metadata: event.metadata,
  };
}
