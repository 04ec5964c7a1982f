import type { Logger } from 'pino';
import type { SqlExecutor } from '../read-db/read-db.port.js';
import { applyRetention } from './activity.retention.js';

/** How often raw activity rows past retention are dropped (PGlite runs no background jobs: the process is the scheduler). */
export const RETENTION_EVERY_MS = 6 * 60 * 60 * 1000;

/** Applies the raw-row retention periodically; returns the function that stops it. */
export function scheduleRetention(db: SqlExecutor, rawDays: number, logger: Logger): () => void {
  const timer = setInterval(() => {
    applyRetention(db, { rawDays }).then(
      (outcome) => logger.info({ ...outcome }, 'retention applied'),
      (error: unknown) => logger.error({ err: error }, 'retention failed'),
    );
  }, RETENTION_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
