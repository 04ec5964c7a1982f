import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type ReadDb, type SqlExecutor, sendLast } from './read-db.port.js';

let counter = 0;
/** A schema name no other test in this run uses. */
export function freshSchemaName(prefix = 't'): string {
  counter += 1;
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter}`;
}

/**
 * The behaviour every `ReadDb` adapter must have. `open` is called once per suite (PGlite costs about a
 * second to start); each test works in its own schema.
 */
export function readDbContract(open: () => Promise<ReadDb>): void {
  let root: ReadDb;
  let db: ReadDb;

  beforeAll(async () => {
    root = await open();
  });
  afterAll(async () => {
    await root?.close();
  });

  async function freshDb(): Promise<ReadDb> {
    const schema = freshSchemaName();
    await root.exec(`CREATE SCHEMA ${schema}`);
    db = root.withSchema(schema);
    return db;
  }

  describe('queries', () => {
    it('binds parameters and returns the same value shapes on every adapter', async () => {
      const d = await freshDb();
      const { rows } = await d.query<Record<string, unknown>>(
        `SELECT $1::text AS t, $2::int AS i, $3::bigint AS small, $4::bigint AS huge, $5::boolean AS b,
                $6::timestamptz AS ts, $7::jsonb AS j, $8::text[] AS arr, $9::numeric AS n, NULL::text AS nothing`,
        [
          'héllo',
          42,
          '1234567890123',
          '9223372036854775807',
          true,
          '2026-01-02T03:04:05.678Z',
          { a: [1, 'x'] },
          ['a', 'b'],
          '1.50',
        ],
      );
      expect(rows).toEqual([
        {
          t: 'héllo',
          i: 42,
          small: 1234567890123,
          huge: 9223372036854775807n,
          b: true,
          ts: new Date('2026-01-02T03:04:05.678Z'),
          j: { a: [1, 'x'] },
          arr: ['a', 'b'],
          n: '1.50',
          nothing: null,
        },
      ]);
    });

    it('reports affected rows of an UPDATE', async () => {
      const d = await freshDb();
      await d.exec(
        'CREATE TABLE x (id int PRIMARY KEY, v int); INSERT INTO x VALUES (1, 0), (2, 0), (3, 0);',
      );
      const result = await d.query('UPDATE x SET v = 1 WHERE id >= $1', [2]);
      expect(result.affectedRows).toBe(2);
    });

    it('rejects bad SQL with the engine message and Postgres error code, and stays usable', async () => {
      const d = await freshDb();
      await expect(d.query('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
      await expect(d.query('SELECT * FROM no_such_table')).rejects.toMatchObject({ code: '42P01' });
      await expect(d.query('SELECT 1 AS one')).resolves.toEqual(
        expect.objectContaining({ rows: [{ one: 1 }] }),
      );
    });
  });

  describe('schemas', () => {
    it('creates unqualified objects in the handle schema, invisible from another schema', async () => {
      const a = await freshDb();
      const b = await freshDb();
      await a.exec('CREATE TABLE thing (v text)');
      await b.exec('CREATE TABLE thing (v text)');
      await a.query('INSERT INTO thing VALUES ($1)', ['in a']);
      expect((await b.query('SELECT v FROM thing')).rows).toEqual([]);
      expect((await a.query('SELECT v FROM thing')).rows).toEqual([{ v: 'in a' }]);
      const where = await a.query<{ s: string }>(
        "SELECT table_schema AS s FROM information_schema.tables WHERE table_name = 'thing' ORDER BY 1",
      );
      expect(where.rows.map((r) => r.s).sort()).toEqual([a.schema, b.schema].sort());
    });

    it('refuses a schema name that is not a plain identifier', () => {
      expect(() => root.withSchema('x"; DROP TABLE y; --')).toThrow(/Invalid schema name/);
    });
  });

  describe('transactions', () => {
    it('commits what the function wrote and returns its result', async () => {
      const d = await freshDb();
      await d.exec('CREATE TABLE x (v int)');
      const result = await d.transaction(async (trx) => {
        await trx.query('INSERT INTO x VALUES ($1), ($2)', [1, 2]);
        return 'done';
      });
      expect(result).toBe('done');
      expect((await d.query('SELECT count(*)::int AS n FROM x')).rows).toEqual([{ n: 2 }]);
    });

    it('rolls everything back when the function throws, and rethrows', async () => {
      const d = await freshDb();
      await d.exec('CREATE TABLE x (v int)');
      await expect(
        d.transaction(async (trx) => {
          await trx.query('INSERT INTO x VALUES (1)');
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await d.query('SELECT count(*)::int AS n FROM x')).rows).toEqual([{ n: 0 }]);
    });

    it('runs statements sent without awaiting each in the order they were sent, and commits them', async () => {
      const d = await freshDb();
      await d.exec('CREATE TABLE x (v int)');
      await d.transaction(async (trx) => {
        // Right only in call order: 1 is inserted, multiplied by 10, then 2 is inserted.
        sendLast(trx, [
          { sql: 'INSERT INTO x VALUES ($1)', params: [1] },
          { sql: 'UPDATE x SET v = v * 10', params: [] },
          { sql: 'INSERT INTO x VALUES ($1)', params: [2] },
        ]);
      });
      expect((await d.query('SELECT v FROM x ORDER BY v')).rows).toEqual([{ v: 2 }, { v: 10 }]);
    });

    it('rolls back and rejects with its error when a statement nobody awaited fails', async () => {
      const d = await freshDb();
      await d.exec('CREATE TABLE x (v int)');
      await expect(
        d.transaction(async (trx) => {
          await trx.query('INSERT INTO x VALUES (1)');
          sendLast(trx, [
            { sql: 'INSERT INTO x VALUES (2)', params: [] },
            { sql: 'SELECT 1 / 0', params: [] },
          ]);
          return 'returned before the failure';
        }),
      ).rejects.toMatchObject({ message: expect.stringMatching(/division by zero/), code: '22012' });
      expect((await d.query('SELECT count(*)::int AS n FROM x')).rows).toEqual([{ n: 0 }]);
      await d.transaction((trx) => trx.query('INSERT INTO x VALUES (3)'));
      expect((await d.query('SELECT v FROM x')).rows).toEqual([{ v: 3 }]);
    });

    it('refuses statements on a transaction that has ended', async () => {
      const d = await freshDb();
      let leaked: SqlExecutor | undefined;
      await d.transaction(async (trx) => {
        leaked = trx;
      });
      await expect(leaked?.query('SELECT 1')).rejects.toThrow(/transaction is finished/);
    });

    it('keeps concurrent transactions from different schemas apart', async () => {
      const a = await freshDb();
      const b = await freshDb();
      await a.exec('CREATE TABLE x (v text)');
      await b.exec('CREATE TABLE x (v text)');
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? a : b).transaction(async (trx) => {
            await trx.query('INSERT INTO x VALUES ($1)', [i % 2 ? 'a' : 'b']);
          }),
        ),
      );
      expect((await a.query('SELECT DISTINCT v FROM x')).rows).toEqual([{ v: 'a' }]);
      expect((await b.query('SELECT DISTINCT v FROM x')).rows).toEqual([{ v: 'b' }]);
    });
  });

  describe('TimescaleDB', () => {
    it('runs a continuous-aggregate refresh in a session (outside a transaction block)', async () => {
      const d = await freshDb();
      await d.exec(`CREATE TABLE m (t timestamptz NOT NULL, v int);
        SELECT create_hypertable('m', by_range('t'));
        INSERT INTO m VALUES ('2026-01-01T10:15:00Z', 2), ('2026-01-01T10:45:00Z', 3);`);
      await d.session(async (conn) => {
        await conn.exec(`CREATE MATERIALIZED VIEW m_hour WITH (timescaledb.continuous) AS
          SELECT time_bucket('1 hour', t) AS bucket, sum(v)::int AS total FROM m GROUP BY 1 WITH NO DATA`);
        await conn.exec(`CALL refresh_continuous_aggregate('m_hour', NULL, NULL)`);
      });
      expect((await d.query('SELECT bucket, total FROM m_hour')).rows).toEqual([
        { bucket: new Date('2026-01-01T10:00:00Z'), total: 5 },
      ]);
    });
  });

  describe('listen/notify', () => {
    it('delivers payloads to listeners until they unsubscribe', async () => {
      const received: string[] = [];
      let wake: () => void = () => undefined;
      const unlisten = await root.listen('contract_test', (payload) => {
        received.push(payload);
        wake();
      });
      const arrived = (n: number) =>
        new Promise<void>((resolve) => {
          wake = () => received.length >= n && resolve();
          wake();
        });
      await root.notify('contract_test', 'one');
      await arrived(1);
      await root.notifyMany([
        { channel: 'contract_test', payload: 'two' },
        { channel: 'contract_test', payload: 'three' },
      ]);
      await arrived(3);
      expect(received).toEqual(['one', 'two', 'three']);
      await unlisten();
      await root.notify('contract_test', 'after');
      // A round trip after the notify: anything that was going to arrive has arrived.
      await root.query('SELECT 1');
      await new Promise((r) => setImmediate(r));
      expect(received).toEqual(['one', 'two', 'three']);
    });

    it('refuses channel names that are not identifiers', async () => {
      await expect(root.notify('bad channel', 'x')).rejects.toThrow(/Invalid channel name/);
    });
  });
}
