import { join } from 'node:path';
import { apiVariables } from '@guildscope/api';
import { defineConfig, logLevel, port } from '@guildscope/contracts/config';
import { gatewayBotTokensVariable } from '@guildscope/gateway';
import { readDbVariables, retentionRawDaysVariable } from '@guildscope/projections';
import { eventStoreVariables } from '@guildscope/write-side';
import { z } from 'zod';

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

/** The embedded server process (`npm run start:server`, started by `npm start`). */
export const serverConfig = defineConfig({
  subject: 'server',
  fileVariable: 'SERVER_CONFIG_FILE',
  schema: z
    .object({
      SERVER_CONFIG_FILE: z
        .string()
        .optional()
        .describe('JSON file of `VARIABLE: value` for the server, read first (the environment wins)'),
      DATA_DIR: z.string().default('./data').describe('where the event store and the read models live'),
      HOST: z.string().default('127.0.0.1').describe('listen address of the API and the gateway'),
      API_PORT: apiVariables.API_PORT,
      GATEWAY_PORT: port().default(4001).describe('gateway (Socket.IO) listen port'),
      EVENTSTORE_URL: eventStoreVariables.EVENTSTORE_URL,
      EVENTSTORE_PATH: z.string().optional().meta({
        description: 'SQLite event store file, used when EVENTSTORE_URL is unset',
        defaultNote: '`<DATA_DIR>/events.db`',
      }),
      DATABASE_URL: readDbVariables.DATABASE_URL,
      READ_DB_DIR: readDbVariables.READ_DB_DIR.meta({ defaultNote: '`<DATA_DIR>/timescale`' }),
      API_ADMIN_TOKEN: apiVariables.API_ADMIN_TOKEN,
      GATEWAY_BOT_TOKENS: gatewayBotTokensVariable.optional().meta({ defaultNote: '(required)' }),
      WEB_DIR: z.string().optional().describe('built dashboard to serve at `/` (`npm start` sets web/build)'),
      RETENTION_RAW_DAYS: retentionRawDaysVariable,
      LOG_LEVEL: logLevel(),
    })
    .superRefine(
      (c, ctx) => {
        if (c.GATEWAY_BOT_TOKENS === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['GATEWAY_BOT_TOKENS'],
            message: 'is required: "botId:sha256hex,..." (npm start generates one)',
          });
      },
      { when: () => true },
    ),
  toConfig: (c): ServerConfig => ({
    dataDir: c.DATA_DIR,
    host: c.HOST,
    apiPort: c.API_PORT,
    gatewayPort: c.GATEWAY_PORT,
    eventStorePath: c.EVENTSTORE_PATH ?? join(c.DATA_DIR, 'events.db'),
    readDbDir: c.READ_DB_DIR ?? join(c.DATA_DIR, 'timescale'),
    retentionRawDays: c.RETENTION_RAW_DAYS,
    logLevel: c.LOG_LEVEL,
    eventStoreUrl: c.EVENTSTORE_URL,
    databaseUrl: c.DATABASE_URL,
    adminToken: c.API_ADMIN_TOKEN,
    botTokens: c.GATEWAY_BOT_TOKENS,
    webDir: c.WEB_DIR,
  }),
});

/** Reads the server's configuration (see {@link serverConfig}); throws ConfigError listing every problem. */
export function serverConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return serverConfig.load(env);
}
