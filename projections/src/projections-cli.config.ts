import { defineConfig, logLevel } from '@guildscope/contracts/config';
import { z } from 'zod';
import { readDbSourceOf, readDbVariables } from './read-db/read-db.config.js';

/** The `projections` CLI (migrate, rebuild, verify); the event store reads its own variables. */
export const projectionsCliConfig = defineConfig({
  subject: 'projections CLI',
  schema: z.object({ ...readDbVariables, LOG_LEVEL: logLevel('warn') }),
  toConfig: (c) => ({ readDb: readDbSourceOf(c), logLevel: c.LOG_LEVEL }),
});
