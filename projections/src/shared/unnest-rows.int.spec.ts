import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PgliteReadDb } from '../read-db/pglite-read-db.adapter.js';
import { openReadDb } from '../read-db/read-db.factory.js';
import type { ReadDb } from '../read-db/read-db.port.js';
import { type ColumnTypes, unnestSelect } from './unnest-rows.js';

interface Row {
  t: string | null;
  n: number | null;
  b: bigint | number | null;
  ok: boolean | null;
  at: string | null;
  doc: Record<string, unknown> | null;
  tags: string[] | null;
}

const COLUMNS: ColumnTypes<Row> = {
  t: 'text',
  n: 'integer',
  b: 'bigint',
  ok: 'boolean',
  at: 'timestamptz',
  doc: 'jsonb',
  tags: 'text[]',
};

/** Every text an array literal must quote or escape, and the plain ones it may leave bare. */
const AWKWARD = [
  'plain_id-123',
  '2026-01-01T00:00:00.000Z',
  '42/7',
  '',
  ' leading and trailing ',
  'a,b',
  '{braces}',
  'quote " inside',
  'back\\slash',
  'NULL',
  'null',
  'Null',
  'tab\there',
  'line\nbreak',
  'émoji 🎉 ünïcode',
];

function rows(): Row[] {
  return AWKWARD.map((t, i) => ({
    t,
    n: i % 3 === 0 ? null : -i,
    b: i === 1 ? 9_007_199_254_740_991 : i,
    ok: i % 3 === 0 ? null : i % 2 === 0,
    // Milliseconds, and instants far from now (the epoch, before it, centuries ahead).
    at:
      i % 4 === 0
        ? null
        : new Date(
            [Date.UTC(2026, 0, 1, 0, 0, i, 123 + i), 0, -86_400_001, Date.UTC(2199, 11, 31, 23, 59, 59, 999)][
              i % 4 === 1 ? 0 : i % 8 === 2 ? 1 : i % 8 === 6 ? 2 : 3
            ] as number,
          ).toISOString(),
    doc: i % 5 === 0 ? null : { text: t, nested: { list: [t, i] } },
    tags: i % 6 === 0 ? null : [t, 'NULL', '', 'x'],
  }));
}

function roundTrip(suiteName: string, open: () => Promise<ReadDb>) {
  describe(suiteName, () => {
    let db: ReadDb;
    beforeAll(async () => {
      db = await open();
    });
    afterAll(async () => {
      await db.close();
    });

    /** Sends `input` through unnestSelect and expects every row back as it was (int8 as a number). */
    async function expectRoundTrip(input: Row[]): Promise<void> {
      const { sql, params } = unnestSelect(COLUMNS, input);
      const { rows: output } = await db.query<Record<string, unknown>>(
        `SELECT t, n, b, ok, at, doc, tags FROM (${sql}) x`,
        params,
      );
      expect(output).toEqual(
        input.map((r) => ({
          ...r,
          b: r.b === null ? null : Number(r.b),
          at: r.at === null ? null : new Date(r.at),
        })),
      );
    }

    it('reads back every value of every column type exactly as it was sent', async () => {
      await expectRoundTrip(rows());
    });

    it('reads back control characters, a lone empty string and columns NULL on every row', async () => {
      const cases: Row[][] = [
        rows().map((r, i) => ({
          ...r,
          t: i === 3 ? 'unit\x1fseparator' : i === 5 ? '\x01' : r.t,
          tags: ['a\x1fb'],
        })),
        [{ t: '', n: null, b: null, ok: null, at: null, doc: null, tags: [''] }],
        [
          { t: 'x', n: null, b: null, ok: null, at: null, doc: null, tags: null },
          { t: '', n: null, b: null, ok: null, at: null, doc: null, tags: null },
        ],
        [{ t: null, n: null, b: null, ok: null, at: null, doc: null, tags: null }],
      ];
      for (const input of cases) await expectRoundTrip(input);
    });

    it('keeps what the binary form cannot carry: microseconds, offsets, 64-bit integers, Date objects', async () => {
      const instants = [
        '2026-03-01T10:00:00.123456Z',
        '2026-03-01T11:00:00+01:00',
        new Date(Date.UTC(2026, 2, 1, 10, 0, 0, 7)),
        '2026-03-01T10:00:00Z',
      ];
      const big = [2n ** 62n, -(2n ** 63n), 9_007_199_254_740_993n, 0n];
      const { sql, params } = unnestSelect(
        { at: 'timestamptz', b: 'bigint' },
        instants.map((at, i) => ({ at, b: big[i] })),
      );
      const { rows: output } = await db.query<{ micros: string; b: string }>(
        `SELECT (extract(epoch FROM at) * 1000000)::bigint::text AS micros, b::text AS b FROM (${sql}) x`,
        params,
      );
      expect(output).toEqual([
        { micros: '1772359200123456', b: String(2n ** 62n) },
        { micros: '1772359200000000', b: String(-(2n ** 63n)) },
        { micros: '1772359200007000', b: '9007199254740993' },
        { micros: '1772359200000000', b: '0' },
      ]);
    });

    it.each([
      ['a timestamp that is not one', { at: 'yesterday-ish' }, '22007'],
      ['an integer out of range', { n: 2 ** 31 }, '22003'],
      ['a fraction for an integer', { n: 1.5 }, '22P02'],
    ])('rejects %s with the database error', async (_name, value, code) => {
      const row: Row = { t: 'x', n: 1, b: 1, ok: true, at: null, doc: null, tags: null, ...value } as Row;
      const { sql, params } = unnestSelect(COLUMNS, [row, { ...row, t: 'y' }]);
      await expect(db.query(`SELECT count(*) FROM (${sql}) x`, params)).rejects.toMatchObject({ code });
    });

    it('sends an empty batch as empty arrays', async () => {
      const { sql, params } = unnestSelect(COLUMNS, []);
      const { rows: output } = await db.query(`SELECT count(*)::int AS n FROM (${sql}) x`, params);
      expect(output).toEqual([{ n: 0 }]);
    });
  });
}

roundTrip('unnestSelect parameters on PGlite', () => PgliteReadDb.open({ dataDir: 'memory' }));

const databaseUrl = process.env.DATABASE_URL;
(databaseUrl ? describe : describe.skip)(
  databaseUrl
    ? 'unnestSelect parameters on a server (DATABASE_URL)'
    : 'unnestSelect parameters on a server (skipped: DATABASE_URL is not set)',
  () => {
    roundTrip('pg', () => openReadDb({ databaseUrl }));
  },
);
