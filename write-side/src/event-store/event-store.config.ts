import { choice, defineConfig, integer, matching } from '@guildscope/contracts/config';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  DEFAULT_SQLITE_EVENT_STORE_PATH,
  DEFAULT_SQLITE_POLL_INTERVAL_MS,
  type SqliteSynchronous,
} from './sqlite/sqlite-event-store.adapter.js';

export interface EventStoreConfig {
  /** EventStoreDB connection string; when set, EventStoreDB is used. */
  readonly url?: string;
  /** SQLite file when no URL is set. Default `./data/events.db`. */
  readonly path?: string;
  readonly synchronous?: SqliteSynchronous;
  readonly pollIntervalMs?: number;
  readonly logger?: Logger;
}

/** `esdb://` or `esdb+discover://` followed by hosts and settings. */
export const EVENTSTORE_URL_PATTERN = /^esdb(\+discover)?:\/\/[^\s]+$/;
export const EVENTSTORE_URL_ACCEPTS =
  'an EventStoreDB connection string such as esdb://localhost:2113?tls=false';

/**
 * The event store's variables. Every process that opens the store reads them through
 * {@link eventStoreConfig}; the embedded server has its own `EVENTSTORE_PATH` (under its `DATA_DIR`).
 */
export const eventStoreVariables = {
  EVENTSTORE_URL: matching(EVENTSTORE_URL_PATTERN, EVENTSTORE_URL_ACCEPTS, ['http://localhost:2113'])
    .optional()
    .meta({
      description:
        'EventStoreDB connection string; when set, the event store is EventStoreDB (else the SQLite file)',
      // It may carry a user and password.
      secret: true,
    }),
  EVENTSTORE_PATH: z
    .string()
    .default(DEFAULT_SQLITE_EVENT_STORE_PATH)
    .describe('SQLite event store file, used when EVENTSTORE_URL is unset (its directory is created)'),
  EVENTSTORE_SYNCHRONOUS: choice(['normal', 'full', 'extra'], {
    accepts: 'normal, full or extra',
    ignoreCase: true,
  })
    .default('normal')
    .describe('SQLite `synchronous` setting: what a power loss may cost (full/extra: nothing committed)'),
  EVENTSTORE_POLL_MS: integer({ min: 1, max: 999_999, accepts: 'a positive integer of milliseconds' })
    .default(DEFAULT_SQLITE_POLL_INTERVAL_MS)
    .describe('SQLite: how often idle subscriptions look for commits made by other processes'),
};

/** The event store's configuration from the environment (gateway, api, projections, replay). */
export const eventStoreConfig = defineConfig({
  subject: 'event store',
  schema: z.object(eventStoreVariables),
  toConfig: (c): EventStoreConfig => ({
    ...(c.EVENTSTORE_URL !== undefined ? { url: c.EVENTSTORE_URL } : {}),
    path: c.EVENTSTORE_PATH,
    synchronous: c.EVENTSTORE_SYNCHRONOUS,
    pollIntervalMs: c.EVENTSTORE_POLL_MS,
  }),
});

/** Reads `EVENTSTORE_URL`, `EVENTSTORE_PATH`, `EVENTSTORE_SYNCHRONOUS`, `EVENTSTORE_POLL_MS`. Throws ConfigError. */
export function eventStoreConfigFromEnv(env: NodeJS.ProcessEnv = process.env): EventStoreConfig {
  return eventStoreConfig.load(env);
}
