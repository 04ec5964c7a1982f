import type { Logger } from 'pino';
import type { EventStore } from './event-store.port.js';
import { EventStoreConfigError } from './event-store-config.error.js';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.adapter.js';
import {
  DEFAULT_SQLITE_EVENT_STORE_PATH,
  SqliteEventStore,
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

/**
 * Reads `EVENTSTORE_URL`, `EVENTSTORE_PATH`, `EVENTSTORE_SYNCHRONOUS` (normal|full|extra) and
 * `EVENTSTORE_POLL_MS`. Empty values count as unset. Throws EventStoreConfigError on a bad value.
 */
export function eventStoreConfigFromEnv(env: NodeJS.ProcessEnv = process.env): EventStoreConfig {
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const synchronous = value('EVENTSTORE_SYNCHRONOUS')?.toLowerCase();
  if (synchronous !== undefined && !['normal', 'full', 'extra'].includes(synchronous))
    throw new EventStoreConfigError(
      `EVENTSTORE_SYNCHRONOUS must be normal, full or extra, got "${synchronous}"`,
    );
  const poll = value('EVENTSTORE_POLL_MS');
  if (poll !== undefined && !/^[1-9]\d{0,5}$/.test(poll))
    throw new EventStoreConfigError(
      `EVENTSTORE_POLL_MS must be a positive integer of milliseconds, got "${poll}"`,
    );
  const url = value('EVENTSTORE_URL');
  const path = value('EVENTSTORE_PATH');
  return {
    ...(url !== undefined ? { url } : {}),
    ...(path !== undefined ? { path } : {}),
    ...(synchronous !== undefined ? { synchronous: synchronous as SqliteSynchronous } : {}),
    ...(poll !== undefined ? { pollIntervalMs: Number(poll) } : {}),
  };
}

/** EventStoreDB when `url` is set, else the embedded SQLite store at `path`. Validates before opening. */
export function createEventStore(config: EventStoreConfig = {}): EventStore {
  if (config.url !== undefined) {
    if (!/^esdb(\+discover)?:\/\/[^\s]+$/.test(config.url))
      throw new EventStoreConfigError(
        `EVENTSTORE_URL must be an EventStoreDB connection string such as esdb://localhost:2113?tls=false, got "${config.url}"`,
      );
    config.logger?.info({ adapter: 'eventstoredb', ignoredPath: config.path }, 'event store: EventStoreDB');
    return new EventStoreDbEventStore({
      connectionString: config.url,
      ...(config.logger ? { logger: config.logger } : {}),
    });
  }
  const path = config.path ?? DEFAULT_SQLITE_EVENT_STORE_PATH;
  if (path.trim() === '') throw new EventStoreConfigError('EVENTSTORE_PATH must not be empty');
  return new SqliteEventStore({
    path,
    ...(config.synchronous ? { synchronous: config.synchronous } : {}),
    ...(config.pollIntervalMs ? { pollIntervalMs: config.pollIntervalMs } : {}),
    ...(config.logger ? { logger: config.logger } : {}),
  });
}
