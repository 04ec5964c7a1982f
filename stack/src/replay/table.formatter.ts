import { eventTypeSchema } from '@guildscope/contracts';
import type { RecordedEvent } from '@guildscope/write-side';
import { type EventFormatter, eventTimeMs, type FormatterContext } from './event-formatter.js';
import { summarizeEvent } from './event-summary.js';

/** Longest summary shown; the full event is in the ndjson/csv formats. */
export const TABLE_SUMMARY_MAX = 120;
const TIME_WIDTH = '2025-10-01T12:00:00.000Z'.length;
const TYPE_WIDTH = Math.max(...eventTypeSchema.options.map((t) => t.length));

/** Control characters and runs of whitespace (a deleted message's newlines) become one space. */
function oneLine(value: string, max: number): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
  const flat = value.replace(/[\s\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * Aligned columns for people: revision, time (UTC; see {@link eventTimeMs}), type, summary. Widths are
 * fixed before the first event (the stream's last revision, the catalogue's longest type) so the table
 * streams without buffering.
 */
export function tableFormatter(context: FormatterContext): EventFormatter {
  const revisionWidth = Math.max('REV'.length, String(context.lastRevision).length);
  const row = (revision: string, time: string, type: string, summary: string) =>
    `${revision.padStart(revisionWidth)}  ${time.padEnd(TIME_WIDTH)}  ${type.padEnd(TYPE_WIDTH)}  ${summary}`.trimEnd();
  return {
    header: `${row('REV', 'TIME (UTC)', 'TYPE', 'SUMMARY')}\n`,
    format: (event: RecordedEvent) =>
      `${row(
        String(event.revision),
        new Date(eventTimeMs(event)).toISOString(),
        event.type,
        oneLine(summarizeEvent(event.type, event.data), TABLE_SUMMARY_MAX),
      )}\n`,
  };
}
