import { describe } from '@jest/globals';
import { PgliteReadDb } from './pglite-read-db.adapter.js';
import { readDbContract } from './read-db.contract.js';
import { openReadDb } from './read-db.factory.js';

describe('ReadDb contract: PgliteReadDb (in-memory)', () => {
  readDbContract(() => PgliteReadDb.open({ dataDir: 'memory' }));
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
