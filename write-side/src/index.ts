export * from './event-store/create-event-store.factory.js';
export * from './event-store/event-store.errors.js';
export * from './event-store/event-store.port.js';
export * from './event-store/event-store-config.error.js';
export {
  ESDB_DEFAULT_MAX_APPEND_SIZE,
  EventStoreDbEventStore,
  type EventStoreDbEventStoreOptions,
} from './event-store/eventstoredb/eventstoredb-event-store.adapter.js';
export {
  DEFAULT_SQLITE_EVENT_STORE_PATH,
  SqliteEventStore,
  type SqliteEventStoreOptions,
  type SqliteSynchronous,
} from './event-store/sqlite/sqlite-event-store.adapter.js';
