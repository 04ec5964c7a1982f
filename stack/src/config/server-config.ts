import { join } from 'node:path';
import { z } from 'zod';
import { loadConfig } from './load-config.js';

const port = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a TCP port number' })
    .int('must be a whole number')
    .min(0, 'must be 0-65535')
    .max(65535, 'must be 0-65535')
    .default(fallback);

const serverSchema = z.object({
  DATA_DIR: z.string().default('./data'),
  HOST: z.string().min(1).default('127.0.0.1'),
  API_PORT: port(4000),
  GATEWAY_PORT: port(4001),
  EVENTSTORE_URL: z.string().optional(),
  EVENTSTORE_PATH: z.string().optional(),
  DATABASE_URL: z.string().optional(),
  READ_DB_DIR: z.string().optional(),
  API_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  GATEWAY_BOT_TOKENS: z.string().optional(),
  WEB_DIR: z.string().optional(),
  RETENTION_RAW_DAYS: z.coerce.number().int().min(1, 'must be at least 1 day').default(90),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** The embedded server's configuration: environment variables, optionally over `SERVER_CONFIG_FILE` (JSON). */
export interface ServerConfig {
  readonly dataDir: string;
  readonly host: string;
  readonly apiPort: number;
  readonly gatewayPort: number;
  readonly eventStoreUrl?: string;
  readonly eventStorePath: string;
  readonly databaseUrl?: string;
  readonly readDbDir: string;
  readonly adminToken?: string;
  readonly botTokens?: string;
  readonly webDir?: string;
  readonly retentionRawDays: number;
  readonly logLevel: string;
}

export function serverConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const c = loadConfig(serverSchema, env, 'SERVER_CONFIG_FILE');
  return {
    dataDir: c.DATA_DIR,
    host: c.HOST,
    apiPort: c.API_PORT,
    gatewayPort: c.GATEWAY_PORT,
    eventStorePath: c.EVENTSTORE_PATH ?? join(c.DATA_DIR, 'events.db'),
    readDbDir: c.READ_DB_DIR ?? join(c.DATA_DIR, 'timescale'),
    retentionRawDays: c.RETENTION_RAW_DAYS,
    logLevel: c.LOG_LEVEL,
    ...(c.EVENTSTORE_URL ? { eventStoreUrl: c.EVENTSTORE_URL } : {}),
    ...(c.DATABASE_URL ? { databaseUrl: c.DATABASE_URL } : {}),
    ...(c.API_ADMIN_TOKEN ? { adminToken: c.API_ADMIN_TOKEN } : {}),
    ...(c.GATEWAY_BOT_TOKENS ? { botTokens: c.GATEWAY_BOT_TOKENS } : {}),
    ...(c.WEB_DIR ? { webDir: c.WEB_DIR } : {}),
  };
}
