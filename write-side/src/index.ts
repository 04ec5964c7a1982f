// Commands, queries and the ModuleConfig aggregate (write side proper).

export { BotEventRecorder } from './bot-events/bot-event.recorder.js';
export * from './bot-events/record-bot-events.command.js';
export {
  type BotEventBatch,
  recordBotEventBatches,
  recordBotEvents,
} from './bot-events/record-bot-events.js';
export * from './event-store/create-event-store.factory.js';
export * from './event-store/event-store.config.js';
export * from './event-store/event-store.errors.js';
export * from './event-store/event-store.port.js';
export {
  ESDB_DEFAULT_MAX_APPEND_SIZE,
  EventStoreDbEventStore,
  type EventStoreDbEventStoreOptions,
} from './event-store/eventstoredb/eventstoredb-event-store.adapter.js';
export {
  DEFAULT_SQLITE_EVENT_STORE_PATH,
  DEFAULT_SQLITE_POLL_INTERVAL_MS,
  SqliteEventStore,
  type SqliteEventStoreOptions,
  type SqliteSynchronous,
} from './event-store/sqlite/sqlite-event-store.adapter.js';
export * from './module-config/config-change.signal.js';
export { handleModuleConfigCommand, loadModuleConfig } from './module-config/module-config.aggregate.js';
export * from './module-config/module-config.commands.js';
export * from './module-config/module-config.decider.js';
export * from './module-config/module-config.feed.js';
export { ModuleConfigWatch } from './module-config/module-config.watch.js';
export * from './module-config/module-configs.query.js';
export * from './shared/clock.js';
export * from './shared/command-handler.js';
// Also used by the projections' read database thread.
export { startModuleWorker } from './shared/module-worker.js';
export { type ParentLink, parentLink } from './shared/parent-link.js';
export { createWriteSide, type WriteSide } from './write-side.context.js';
export * from './write-side.module.js';
export * from './write-side.tokens.js';
