export * from './event-store/event-store.errors.js';
export * from './event-store/event-store.port.js';
