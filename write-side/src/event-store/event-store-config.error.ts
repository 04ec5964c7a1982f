import { EventStoreError } from './event-store.errors.js';

/** The event store configuration (environment or options) is invalid; raised at start. */
export class EventStoreConfigError extends EventStoreError {
  override readonly name = 'EventStoreConfigError';
}
