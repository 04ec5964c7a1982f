import { defineConfig, integer, logLevel, port } from '@guildscope/contracts/config';
import { z } from 'zod';
import { DEFAULT_RAW_RETENTION_DAYS } from '../activity/activity.retention.js';
import { readDbSourceOf, readDbVariables } from '../read-db/read-db.config.js';

/** `RETENTION_RAW_DAYS`, also read by the embedded server. */
export const retentionRawDaysVariable = integer({
  min: 1,
  max: 99_999,
  accepts: 'a whole number of days >= 1',
})
  .default(DEFAULT_RAW_RETENTION_DAYS)
  .describe('days of raw activity snapshots kept; older whole days are dropped, their aggregates stay');

/** The projections worker process (`npm run start:projections`, the `projections` container). */
export const projectionsWorkerConfig = defineConfig({
  subject: 'projections',
  schema: z.object({
    PORT: port().default(4002).describe('health and metrics port (`/healthz`, `/metrics`)'),
    HOST: z.string().default('127.0.0.1').describe('listen address'),
    RETENTION_RAW_DAYS: retentionRawDaysVariable,
    DATABASE_URL: readDbVariables.DATABASE_URL,
    READ_DB_DIR: readDbVariables.READ_DB_DIR,
    LOG_LEVEL: logLevel(),
  }),
  toConfig: (c) => ({
    port: c.PORT,
    host: c.HOST,
    retentionRawDays: c.RETENTION_RAW_DAYS,
    readDb: readDbSourceOf(c),
    logLevel: c.LOG_LEVEL,
  }),
});
