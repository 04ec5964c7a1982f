import { defineConfig, logLevel, port } from '@guildscope/contracts/config';
import { readDbVariables } from '@guildscope/projections';
import { z } from 'zod';

export interface ApiConfig {
  readonly port: number;
  readonly host: string;
  /** Bootstrap admin token (API_ADMIN_TOKEN), or undefined. */
  readonly adminToken?: string;
  /** DATABASE_URL (TimescaleDB server), or undefined for the embedded PGlite. */
  readonly databaseUrl?: string;
  /** READ_DB_DIR: PGlite data directory (default ./data/timescale). */
  readonly readDbDir?: string;
  readonly logLevel: string;
}

const ADMIN_TOKEN_ACCEPTS = 'at least 24 characters (e.g. `openssl rand -base64 32`)';

/** The API's own variables; the embedded server reads `API_PORT` and `API_ADMIN_TOKEN` the same way. */
export const apiVariables = {
  API_PORT: port().default(4000).describe('GraphQL API (and dashboard) listen port'),
  API_HOST: z.string().default('127.0.0.1').describe('API listen address (`0.0.0.0` in a container)'),
  API_ADMIN_TOKEN: z
    .string()
    .min(24, { error: `must be ${ADMIN_TOKEN_ACCEPTS}` })
    .optional()
    .meta({
      description:
        'bootstrap admin token: admin on every guild, never stored; unset: only tokens made with `api tokens create` sign in',
      accepts: ADMIN_TOKEN_ACCEPTS,
      refuses: ['short'],
      secret: true,
    }),
};

/** The API process's variables (the event store reads its own: see write-side `eventStoreConfig`). */
export const apiConfig = defineConfig({
  subject: 'api',
  schema: z.object({
    ...apiVariables,
    DATABASE_URL: readDbVariables.DATABASE_URL,
    READ_DB_DIR: readDbVariables.READ_DB_DIR,
    LOG_LEVEL: logLevel(),
  }),
  toConfig: (c): ApiConfig => {
    const { API_PORT: port, API_HOST: host, API_ADMIN_TOKEN: adminToken, LOG_LEVEL: logLevel } = c;
    return { port, host, adminToken, databaseUrl: c.DATABASE_URL, readDbDir: c.READ_DB_DIR, logLevel };
  },
});

/** Reads and validates the API's environment; throws ConfigError listing every problem. */
export function apiConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  return apiConfig.load(env);
}
