import type { Logger } from 'pino';
import { PgReadDb } from './pg-read-db.adapter.js';
import { DEFAULT_PGLITE_DATA_DIR, PgliteReadDb } from './pglite-read-db.adapter.js';
import { checkDatabaseUrl } from './read-db.config.js';
import type { ReadDb } from './read-db.port.js';

export interface ReadDbConfig {
  /** A TimescaleDB server (`postgres://` or `postgresql://`). Unset or empty: embedded PGlite. */
  readonly databaseUrl?: string;
  /** PGlite data directory (or `'memory'`). Default `./data/timescale`. */
  readonly dataDir?: string;
  readonly schema?: string;
  readonly logger?: Logger;
}

/**
 * Chooses the adapter from configuration: `DATABASE_URL` set means the `pg` adapter, otherwise the
 * embedded PGlite. A malformed URL is refused (ConfigError) before anything is opened.
 */
export async function openReadDb(config: ReadDbConfig = {}): Promise<ReadDb> {
  const url = config.databaseUrl?.trim();
  if (url) {
    checkDatabaseUrl(url);
    return PgReadDb.open({ connectionString: url, schema: config.schema, logger: config.logger });
  }
  return PgliteReadDb.open({ dataDir: config.dataDir ?? DEFAULT_PGLITE_DATA_DIR, schema: config.schema });
}
