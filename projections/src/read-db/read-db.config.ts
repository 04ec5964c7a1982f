import { ConfigError, defineConfig, matching } from '@guildscope/contracts/config';
import { z } from 'zod';
import { DEFAULT_PGLITE_DATA_DIR } from './pglite-read-db.adapter.js';
import { DEFAULT_READ_SCHEMA } from './read-db.port.js';

const POSTGRES_URL_ACCEPTS =
  'a postgres:// or postgresql:// URL (postgres://user:password@host:5432/database)';

/** What is wrong with `url` as a read database URL, or undefined when it is a postgres:// URL. */
function databaseUrlProblem(url: string): string | undefined {
  let protocol: string;
  try {
    ({ protocol } = new URL(url));
  } catch {
    return 'is not a URL: expected postgres://user:password@host:5432/database';
  }
  return protocol === 'postgres:' || protocol === 'postgresql:'
    ? undefined
    : `must be ${POSTGRES_URL_ACCEPTS}`;
}

/** Throws ConfigError unless `url` is a postgres:// (or postgresql://) URL. */
export function checkDatabaseUrl(url: string): void {
  const problem = databaseUrlProblem(url);
  if (problem) throw new ConfigError('read database', [{ variable: 'DATABASE_URL', message: problem }]);
}

/** Where the read models live; every process that opens the read database reads these. */
export const readDbVariables = {
  DATABASE_URL: z
    .string()
    .superRefine((url, ctx) => {
      const problem = databaseUrlProblem(url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .optional()
    .meta({
      description: 'TimescaleDB server of the read models; unset: the embedded PGlite in READ_DB_DIR',
      accepts: POSTGRES_URL_ACCEPTS,
      refuses: ['mysql://db/gs', 'not a url'],
      // It holds the password.
      secret: true,
    }),
  READ_DB_DIR: z
    .string()
    .optional()
    .meta({
      description: 'embedded PGlite data directory (one process at a time), when DATABASE_URL is unset',
      defaultNote: `\`${DEFAULT_PGLITE_DATA_DIR}\``,
    }),
  READ_DB_SCHEMA: matching(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case identifier [a-z_][a-z0-9_]{0,62}', [
    'Guild-Scope',
  ])
    .optional()
    .meta({ description: 'schema of the live read models', defaultNote: `\`${DEFAULT_READ_SCHEMA}\`` }),
};

/** Where to open the read database, from the values of {@link readDbVariables}. */
export function readDbSourceOf(values: {
  readonly DATABASE_URL?: string | undefined;
  readonly READ_DB_DIR?: string | undefined;
  readonly READ_DB_SCHEMA?: string | undefined;
}): { readonly databaseUrl?: string; readonly dataDir: string; readonly schema?: string } {
  return {
    ...(values.DATABASE_URL ? { databaseUrl: values.DATABASE_URL } : {}),
    dataDir: values.READ_DB_DIR ?? DEFAULT_PGLITE_DATA_DIR,
    ...(values.READ_DB_SCHEMA ? { schema: values.READ_DB_SCHEMA } : {}),
  };
}

/** The read database's variables alone (the replay CLI's `--verify`). */
export const readDbConfig = defineConfig({
  subject: 'read database',
  schema: z.object(readDbVariables),
  toConfig: readDbSourceOf,
});
