import {
  exampleBan,
  exampleGuildMembersSync,
  exampleMessageDelete,
  exampleMetricsSnapshot,
} from '@guildscope/contracts';
import type { RecordedEvent } from '@guildscope/write-side';
import { describe, expect, it } from '@jest/globals';
import { csvField, csvFormatter, csvRecord } from './csv.formatter.js';
import { eventTimeMs } from './event-formatter.js';
import { ndjsonFormatter } from './ndjson.formatter.js';
import { TABLE_SUMMARY_MAX, tableFormatter } from './table.formatter.js';

const recorded = (
  revision: number,
  data: { type: string; timestamp: number },
  metadata = {},
): RecordedEvent => ({
  streamId: 'guild-577201105428021249',
  revision,
  position: { commit: 9_007_199_254_740_993n, prepare: 9_007_199_254_740_993n },
  id: `7c0e9a52-3b1d-4f6e-9a2c-${revision.toString(16).padStart(12, '0')}`,
  type: data.type,
  data,
  metadata: { occurredAt: data.timestamp, botId: 'bot-1', ...metadata },
  createdAt: new Date('2026-01-02T03:04:05.678Z'),
});

/** Minimal RFC 4180 reader for the assertions (quoted fields, doubled quotes, CRLF records). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  return records;
}

describe('csv', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rlf', '"cr\rlf"'],
    [' spaces kept ', ' spaces kept '],
  ])('field %j is written %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('records end with CRLF and read back to the same fields', () => {
    const fields = ['a', 'b,c', '"q"', 'multi\r\nline', ''];
    expect(csvRecord(fields).endsWith('\r\n')).toBe(true);
    expect(parseCsv(csvRecord(fields))).toEqual([fields]);
  });

  it('writes a header and the stored JSON of data and metadata as text columns', () => {
    const formatter = csvFormatter();
    const event = recorded(4, exampleMessageDelete); // content with quotes-free text, ids, nested objects
    const rows = parseCsv(formatter.header + formatter.format(event));
    expect(rows[0]).toEqual([
      'streamId',
      'revision',
      'position',
      'id',
      'type',
      'createdAt',
      'data',
      'metadata',
    ]);
    expect(rows[1]).toEqual([
      event.streamId,
      '4',
      '9007199254740993',
      event.id,
      'MESSAGE_DELETE',
      '2026-01-02T03:04:05.678Z',
      JSON.stringify(exampleMessageDelete),
      JSON.stringify(event.metadata),
    ]);
  });
});

describe('ndjson', () => {
  it('one line per event: the envelope, position as text, data and metadata as stored', () => {
    const event = recorded(0, exampleBan);
    const line = ndjsonFormatter().format(event);
    expect(line.endsWith('\n')).toBe(true);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(line).toContain(
      `"data":${JSON.stringify(exampleBan)},"metadata":${JSON.stringify(event.metadata)}}`,
    );
    expect(JSON.parse(line)).toEqual({
      streamId: event.streamId,
      revision: 0,
      position: '9007199254740993',
      id: event.id,
      type: 'GUILD_BAN_ADD',
      createdAt: '2026-01-02T03:04:05.678Z',
      data: exampleBan,
      metadata: event.metadata,
    });
  });
});

describe('table', () => {
  it('aligns revision, time, type and summary columns under the header', () => {
    const formatter = tableFormatter({ lastRevision: 12345 });
    const lines = [
      formatter.header,
      formatter.format(recorded(7, exampleBan)),
      formatter.format(recorded(12345, exampleMetricsSnapshot)),
      formatter.format(recorded(300, exampleMessageDelete)),
    ].map((l) => l.replace(/\n$/, ''));
    const header = lines[0] as string;
    const revEnd = header.indexOf('REV') + 3;
    const [time, type, summary] = ['TIME (UTC)', 'TYPE', 'SUMMARY'].map((h) => header.indexOf(h));
    for (const line of lines.slice(1)) {
      // Revision right-aligned under REV; time, type and summary left-aligned under their headings.
      expect(line.slice(0, revEnd)).toMatch(/^ *\d+$/);
      expect(line.slice(time)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z {2}/);
      expect(line.slice(type - 2, type + 1)).toMatch(/^ {2}[A-Z]$/);
      expect(line.slice(summary - 2, summary + 1)).toMatch(/^ {2}[a-z]$/);
    }
    expect(lines[0]).toMatch(/^ {2}REV {2}TIME \(UTC\)/);
    expect(lines[1]).toMatch(
      /^ {4}7 {2}2025-10-01T12:00:01\.250Z {2}GUILD_BAN_ADD +banned free_nitro_4821 \(\d+\) by mira\.mod/,
    );
    expect(lines[2]).toMatch(/^12345 {2}\S+ {2}METRICS_SNAPSHOT +metrics 2025-10-01T12:00:00\.000Z to/);
  });

  it('keeps each event on one line and truncates long summaries', () => {
    const formatter = tableFormatter({ lastRevision: 1 });
    const long = {
      ...exampleMessageDelete,
      data: { ...exampleMessageDelete.data, authorUsername: `evil\nname\t${'x'.repeat(300)}` },
    };
    const line = formatter.format(recorded(1, long));
    expect(line.split('\n')).toHaveLength(2);
    expect(line).toContain('evil name x');
    const summary = line.slice(line.indexOf('message '));
    expect(summary.trimEnd().length).toBe(TABLE_SUMMARY_MAX);
    expect(summary.trimEnd().endsWith('…')).toBe(true);
  });

  it('summarises a member-list chunk by its part and size', () => {
    const line = tableFormatter({ lastRevision: 1 }).format(recorded(1, exampleGuildMembersSync));
    expect(line).toMatch(
      new RegExp(
        `GUILD_MEMBERS_SYNC +member list ${exampleGuildMembersSync.data.syncId} part 1 of 1: 3 members`,
      ),
    );
  });

  it('shows an unknown type with its JSON', () => {
    const line = tableFormatter({ lastRevision: 1 }).format(
      recorded(1, { type: 'SOMETHING_NEW', timestamp: 0 }),
    );
    expect(line).toContain('SOMETHING_NEW');
    expect(line).toContain('{"type":"SOMETHING_NEW","timestamp":0}');
  });
});

describe('eventTimeMs', () => {
  it('is metadata.occurredAt when present, else when the store recorded the event', () => {
    expect(eventTimeMs(recorded(0, exampleBan))).toBe(exampleBan.timestamp);
    const withoutOccurredAt = { ...recorded(0, exampleBan), metadata: {} };
    expect(eventTimeMs(withoutOccurredAt)).toBe(Date.parse('2026-01-02T03:04:05.678Z'));
  });
});
