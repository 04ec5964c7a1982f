import { apiVariables } from '@guildscope/api';
import { defineConfig, integer, logLevel, port } from '@guildscope/contracts/config';
import { z } from 'zod';
import { serverConfig } from '../config/server-config.js';

/** `npm start`'s settings (environment, optionally over `START_CONFIG_FILE`). */
export const startConfig = defineConfig({
  subject: 'npm start',
  fileVariable: 'START_CONFIG_FILE',
  schema: z.object({
    START_CONFIG_FILE: z
      .string()
      .optional()
      .describe('JSON file of `VARIABLE: value` for `npm start`, read first (the environment wins)'),
    DATA_DIR: z
      .string()
      .default('./data')
      .describe('everything persistent: event store, read models, bot outbox, secrets, logs'),
    API_PORT: apiVariables.API_PORT,
    GATEWAY_PORT: serverConfig.schema.shape.GATEWAY_PORT,
    SIMULATOR_PORT: port().default(4050).describe('port of the simulated Discord (demo mode)'),
    DISCORD_TOKEN: z.string().optional().meta({
      description: 'a real bot token: the bot connects to Discord instead of the simulator',
      defaultNote: '(unset: the simulator with demo traffic)',
      secret: true,
    }),
    DEMO_SEED: integer({ min: 0 })
      .default(42)
      .describe("seed of the simulator's demo world (same seed, same world)"),
    DEMO_SNAPSHOT_MS: integer({ min: 1000, accepts: 'at least 1000 ms' })
      .default(10_000)
      .describe('snapshot period of the demo bot (METRICS_SNAPSHOT_INTERVAL_MS)'),
    BOT_HEAP_MB: integer({ min: 64, accepts: 'at least 64 (MB)' })
      .default(128)
      .describe(
        "the bot process's V8 heap cap (`--max-old-space-size`); raise it for shards with big member lists",
      ),
    LOG_LEVEL: logLevel(),
  }),
  toConfig: (c) => ({
    dataDir: c.DATA_DIR,
    apiPort: c.API_PORT,
    gatewayPort: c.GATEWAY_PORT,
    simulatorPort: c.SIMULATOR_PORT,
    discordToken: c.DISCORD_TOKEN,
    demoSeed: c.DEMO_SEED,
    demoSnapshotMs: c.DEMO_SNAPSHOT_MS,
    botHeapMb: c.BOT_HEAP_MB,
    logLevel: c.LOG_LEVEL,
  }),
});

/** Reads `npm start`'s settings; throws ConfigError listing every problem. */
export function startConfigFromEnv(env: NodeJS.ProcessEnv = process.env) {
  return startConfig.load(env);
}
