import { formatPosition, type RecordedEvent } from '@guildscope/write-side';
import type { EventFormatter } from './event-formatter.js';

/** The columns in order, each with its header and its text for an event (one table: they cannot drift). */
const COLUMNS: readonly (readonly [header: string, text: (event: RecordedEvent) => string])[] = [
  ['streamId', (e) => e.streamId],
  ['revision', (e) => String(e.revision)],
  ['position', (e) => formatPosition(e.position)],
  ['id', (e) => e.id],
  ['type', (e) => e.type],
  ['createdAt', (e) => e.createdAt.toISOString()],
  ['data', (e) => JSON.stringify(e.data)],
  ['metadata', (e) => JSON.stringify(e.metadata)],
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
    header: csvRecord(COLUMNS.map(([header]) => header)),
    format: (event: RecordedEvent) => csvRecord(COLUMNS.map(([, text]) => text(event))),
  };
}
