import { formatPosition, type RecordedEvent } from '@guildscope/write-side';
import type { EventFormatter } from './event-formatter.js';

export const CSV_COLUMNS = [
  'streamId',
  'revision',
  'position',
  'id',
  'type',
  'createdAt',
  'data',
  'metadata',
];

/** RFC 4180 field: quoted (quotes doubled) when it holds a comma, a quote, CR or LF; else as is. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** RFC 4180 record, CRLF-terminated. */
export function csvRecord(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** A header line, then one record per event; `data` and `metadata` are JSON text columns. */
export function csvFormatter(): EventFormatter {
  return {
    header: csvRecord(CSV_COLUMNS),
    format: (event: RecordedEvent) =>
      csvRecord([
        event.streamId,
        String(event.revision),
        formatPosition(event.position),
        event.id,
        event.type,
        event.createdAt.toISOString(),
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
      ]),
  };
}
