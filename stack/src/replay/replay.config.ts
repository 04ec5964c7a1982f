import { defineConfig, logLevel } from '@guildscope/contracts/config';
import { z } from 'zod';

/**
 * The replay CLI's own variable; the event store and, for `--verify`, the read database read theirs
 * (write-side `eventStoreConfig`, projections `readDbConfig`).
 */
export const replayConfig = defineConfig({
  subject: 'replay',
  schema: z.object({ LOG_LEVEL: logLevel('warn') }),
  toConfig: (c) => ({ logLevel: c.LOG_LEVEL }),
});
