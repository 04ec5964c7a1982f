import { describe, expect, it } from '@jest/globals';
import { PgliteReadDb } from './pglite-read-db.adapter.js';
import { readDbContract } from './read-db.contract.js';
import { openReadDb } from './read-db.factory.js';

describe('ReadDb contract: PgliteReadDb (in-memory)', () => {
  readDbContract(() => PgliteReadDb.open({ dataDir: 'memory' }));
});

describe('PgliteReadDb on its own thread', () => {
  it('keeps the event loop turning while Postgres executes a long statement', async () => {
    const db = await PgliteReadDb.open({ dataDir: 'memory' });
    try {
      let ticks = 0;
      const timer = setInterval(() => {
        ticks += 1;
      }, 5);
      const started = performance.now();
      await db.query('SELECT pg_sleep(0.4)');
      const elapsed = performance.now() - started;
      clearInterval(timer);
      expect(elapsed).toBeGreaterThanOrEqual(390);
      // On the event loop's thread, WASM would run the whole sleep without a single timer firing.
      expect(ticks).toBeGreaterThanOrEqual(20);
    } finally {
      await db.close();
    }
  });

  it('fails every call after close with a clear error', async () => {
    const db = await PgliteReadDb.open({ dataDir: 'memory' });
    await db.close();
    await expect(db.query('SELECT 1')).rejects.toThrow(/closed/);
  });
});

const databaseUrl = process.env.DATABASE_URL;
(databaseUrl ? describe : describe.skip)(
  databaseUrl
    ? 'ReadDb contract: PgReadDb (DATABASE_URL)'
    : 'ReadDb contract: PgReadDb (skipped: DATABASE_URL is not set)',
  () => {
    readDbContract(() => openReadDb({ databaseUrl }));
  },
);

describe('openReadDb', () => {
  it('refuses a DATABASE_URL that is not a postgres URL', async () => {
    await expect(openReadDb({ databaseUrl: 'mysql://x@y/z' })).rejects.toThrow(/postgres:\/\//);
    await expect(openReadDb({ databaseUrl: 'not a url' })).rejects.toThrow(/not a URL/);
  });
});
