import { describe } from '@jest/globals';
import { PgliteReadDb } from '../read-db/pglite-read-db.adapter.js';
import { openReadDb } from '../read-db/read-db.factory.js';
import type { ReadDb } from '../read-db/read-db.port.js';

/**
 * Declares `suite` once per read-model backend: in-memory PGlite always, a TimescaleDB server when
 * DATABASE_URL is set (reported as skipped otherwise, never faked). `open` gives the suite a root handle.
 */
export function describeOnEveryBackend(title: string, suite: (open: () => Promise<ReadDb>) => void): void {
  describe(`${title} on PGlite`, () => suite(() => PgliteReadDb.open({ dataDir: 'memory' })));
  const databaseUrl = process.env.DATABASE_URL;
  (databaseUrl ? describe : describe.skip)(
    databaseUrl
      ? `${title} on a TimescaleDB server (DATABASE_URL)`
      : `${title} on a TimescaleDB server (skipped: DATABASE_URL is not set)`,
    () => suite(() => openReadDb({ databaseUrl })),
  );
}
