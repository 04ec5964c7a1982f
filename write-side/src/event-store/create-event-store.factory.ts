import { ConfigError } from '@guildscope/contracts/config';
import type { EventStoreConfig } from './event-store.config.js';
import { EVENTSTORE_URL_ACCEPTS, EVENTSTORE_URL_PATTERN } from './event-store.config.js';
import type { EventStore } from './event-store.port.js';
import { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store.adapter.js';
import { DEFAULT_SQLITE_EVENT_STORE_PATH, SqliteEventStore } from './sqlite/sqlite-event-store.adapter.js';

/**
 * EventStoreDB when `url` is set, else the embedded SQLite store at `path`. Validates before opening
 * (the options may come from code rather than from {@link eventStoreConfig}); throws ConfigError.
 */
export function createEventStore(config: EventStoreConfig = {}): EventStore {
  if (config.url !== undefined) {
    if (!EVENTSTORE_URL_PATTERN.test(config.url))
      throw new ConfigError('event store', [
        { variable: 'EVENTSTORE_URL', message: `must be ${EVENTSTORE_URL_ACCEPTS}` },
      ]);
    config.logger?.info({ adapter: 'eventstoredb', ignoredPath: config.path }, 'event store: EventStoreDB');
    return new EventStoreDbEventStore({
      connectionString: config.url,
      ...(config.logger ? { logger: config.logger } : {}),
    });
  }
  const path = config.path ?? DEFAULT_SQLITE_EVENT_STORE_PATH;
  if (path.trim() === '')
    throw new ConfigError('event store', [{ variable: 'EVENTSTORE_PATH', message: 'must not be empty' }]);
  return new SqliteEventStore({
    path,
    ...(config.synchronous ? { synchronous: config.synchronous } : {}),
    ...(config.pollIntervalMs ? { pollIntervalMs: config.pollIntervalMs } : {}),
    ...(config.logger ? { logger: config.logger } : {}),
  });
}
