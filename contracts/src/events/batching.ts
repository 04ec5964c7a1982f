import { type EventType, eventCatalogue } from './event-type.js';

/** When the bot's batcher flushes: at `maxSize` events or after `maxWait` ms, whichever comes first. */
export interface BatchConfig {
  maxSize: number;
  maxWait: number;
}

/** The seed's priority delays (ms). */
export const PriorityTime = {
  CRITICAL: 0,
  IMPORTANT: 2000,
  SLOW: 10_000,
} as const;

/** Collector flush periods (ms): `METRICS_SNAPSHOT` every minute, `MEMBER_ACTIVITY_SNAPSHOT` every 5. */
export const SNAPSHOT_INTERVAL_MS = 60_000;
export const MEMBER_ACTIVITY_INTERVAL_MS = 300_000;

/** Batching for types without a specific entry: 50 events or 10 s. */
export const DEFAULT_BATCH_CONFIG: BatchConfig = { maxSize: 50, maxWait: PriorityTime.SLOW };

const IMMEDIATE: BatchConfig = { maxSize: 1, maxWait: PriorityTime.CRITICAL };

/**
 * The seed's `batchesConfig`: critical types go out alone and at once; each snapshot is sent alone
 * when the collector produces it (its `maxWait` is the collector period); the rest use the default.
 */
export function batchConfigFor(type: EventType): BatchConfig {
  const priority = eventCatalogue[type].priority;
  switch (priority) {
    case 'critical':
      return IMMEDIATE;
    case 'snapshot':
      return {
        maxSize: 1,
        maxWait: type === 'MEMBER_ACTIVITY_SNAPSHOT' ? MEMBER_ACTIVITY_INTERVAL_MS : SNAPSHOT_INTERVAL_MS,
      };
    case 'default':
      return DEFAULT_BATCH_CONFIG;
    default: {
      const unhandled: never = priority;
      throw new Error(`unhandled priority ${String(unhandled)}`);
    }
  }
}
