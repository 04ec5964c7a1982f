export * from './event-store/event-store.errors.js';
export * from './event-store/event-store.port.js';
export {
  DEFAULT_SQLITE_EVENT_STORE_PATH,
  SqliteEventStore,
  type SqliteEventStoreOptions,
  type SqliteSynchronous,
} from './event-store/sqlite/sqlite-event-store.adapter.js';
