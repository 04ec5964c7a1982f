import { z } from 'zod';
import { loadConfig } from '../config/load-config.js';

const port = (fallback: number) =>
  z.coerce.number({ message: 'must be a TCP port number' }).int().min(0).max(65535).default(fallback);

const startSchema = z.object({
  DATA_DIR: z.string().default('./data'),
  API_PORT: port(4000),
  GATEWAY_PORT: port(4001),
  SIMULATOR_PORT: port(4050),
  DISCORD_TOKEN: z.string().optional(),
  DEMO_SEED: z.coerce.number().int().default(42),
  DEMO_SNAPSHOT_MS: z.coerce.number().int().min(1000, 'must be at least 1000 ms').default(10_000),
  BOT_HEAP_MB: z.coerce.number().int().min(64, 'must be at least 64 (MB)').default(128),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** `npm start`'s settings (environment, optionally over `START_CONFIG_FILE`). */
export function startConfigFromEnv(env: NodeJS.ProcessEnv = process.env) {
  const c = loadConfig(startSchema, env, 'START_CONFIG_FILE');
  return {
    dataDir: c.DATA_DIR,
    apiPort: c.API_PORT,
    gatewayPort: c.GATEWAY_PORT,
    simulatorPort: c.SIMULATOR_PORT,
    discordToken: c.DISCORD_TOKEN,
    demoSeed: c.DEMO_SEED,
    demoSnapshotMs: c.DEMO_SNAPSHOT_MS,
    botHeapMb: c.BOT_HEAP_MB,
    logLevel: c.LOG_LEVEL,
  };
}
