import type { RecordedEvent } from '@guildscope/write-side';

/** Turns recorded events into output text, one event at a time (the output is streamed). */
export interface EventFormatter {
  /** Text written before the first event ('' when the format has none). */
  readonly header: string;
  /** The text of one event, line ending included. */
  format(event: RecordedEvent): string;
}

/** What a formatter may know before the first event. */
export interface FormatterContext {
  /** Revision of the stream's last event (sizes the table's revision column). */
  readonly lastRevision: number;
}

/**
 * The time `--from`/`--to` compare with and the table shows: `metadata.occurredAt` (ms, when the bot saw
 * the event, on the bot's clock) when present, else when the store recorded the event.
 */
export function eventTimeMs(event: RecordedEvent): number {
  const occurredAt = event.metadata.occurredAt;
  return typeof occurredAt === 'number' && Number.isFinite(occurredAt)
    ? occurredAt
    : event.createdAt.getTime();
}
