import { defineConfig, integer, logLevel, matching } from '@guildscope/contracts/config';
import { z } from 'zod';
import { discordVariables } from './bot-config.js';

/** The sharding manager (`node bot/dist/sharded.js`): how many shard processes, and how to start them. */
export const shardingConfig = defineConfig({
  subject: 'bot sharding',
  schema: z.object({
    ...discordVariables,
    TOTAL_SHARDS: matching(/^(auto|[1-9]\d{0,5})$/, 'a positive integer or "auto"', ['0', 'x'])
      .transform((v) => (v === 'auto' ? ('auto' as const) : Number(v)))
      .default('auto')
      .describe(
        "number of shards; `auto` asks Discord's (or DISCORD_API_BASE's) `GET /gateway/bot` for the recommended count",
      ),
    SHARD_SPAWN_DELAY_MS: integer({ min: 0 }).default(5_500).describe("pause between two shards' logins"),
    SHARD_EXEC_ARGV: z
      .string()
      .optional()
      .describe(
        'Node options added to each shard process, space-separated (e.g. `--max-old-space-size=160`)',
      ),
    LOG_LEVEL: logLevel(),
  }),
  toConfig: (c) => ({
    discordToken: c.DISCORD_TOKEN,
    apiBase: c.DISCORD_API_BASE,
    totalShards: c.TOTAL_SHARDS,
    spawnDelayMs: c.SHARD_SPAWN_DELAY_MS,
    execArgv: (c.SHARD_EXEC_ARGV ?? '').split(' ').filter(Boolean),
    logLevel: c.LOG_LEVEL,
  }),
});
