import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pgliteDataDirOwner, ReadDbInUseError } from './pglite-owner.lock.js';
import { PgliteReadDb } from './pglite-read-db.adapter.js';

describe('PgliteReadDb on a data directory created by an earlier open', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gs-pglite-reopen-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('still creates and refreshes continuous aggregates (the TimescaleDB library is loaded)', async () => {
    const first = await PgliteReadDb.open({ dataDir: dir, schema: 'reopen' });
    await first.exec(`CREATE SCHEMA IF NOT EXISTS reopen;
      CREATE TABLE samples (ts timestamptz NOT NULL, v int NOT NULL);
      SELECT create_hypertable('samples', 'ts');
      INSERT INTO samples VALUES ('2026-01-01T10:15:00Z', 2), ('2026-01-01T10:45:00Z', 3);`);
    await first.close();

    const second = await PgliteReadDb.open({ dataDir: dir, schema: 'reopen' });
    try {
      await second.exec(`CREATE MATERIALIZED VIEW samples_hourly WITH (timescaledb.continuous) AS
        SELECT time_bucket('1 hour', ts) AS bucket, sum(v) AS total FROM samples GROUP BY bucket WITH NO DATA`);
      await second.session((conn) =>
        conn.exec(`CALL refresh_continuous_aggregate('samples_hourly', '2026-01-01', '2026-01-02')`),
      );
      const { rows } = await second.query<{ total: string }>('SELECT total::text FROM samples_hourly');
      expect(rows).toEqual([{ total: '5' }]);
    } finally {
      await second.close();
    }
  }, 60_000);
});

describe('PgliteReadDb owner lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gs-pglite-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a data directory held by another live process, and takes over a stale lock', async () => {
    await (await PgliteReadDb.open({ dataDir: dir })).close();
    expect(pgliteDataDirOwner(dir)).toBeNull();
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(join(dir, 'guildscope-owner.pid'), `${other.pid}\n`);
      await expect(PgliteReadDb.open({ dataDir: dir })).rejects.toThrow(
        new ReadDbInUseError(dir, other.pid as number),
      );
    } finally {
      other.kill('SIGKILL');
      await new Promise((r) => other.on('exit', r));
    }
    // The holder died without releasing (as after a SIGKILL): the lock is stale and the open succeeds.
    const db = await PgliteReadDb.open({ dataDir: dir });
    expect(pgliteDataDirOwner(dir)).toBe(process.pid);
    await db.close();
    expect(pgliteDataDirOwner(dir)).toBeNull();
  }, 60_000);
});
