import { fileURLToPath } from 'node:url';
import { ConfigError } from '@guildscope/contracts/config';
import { ShardingManager } from 'discord.js';
import { pino } from 'pino';
import { shardingConfig } from './config/sharding-config.js';

/**
 * Runs one bot process per shard with discord.js's ShardingManager. Each child reads SHARDS/SHARD_COUNT
 * (set by the manager), so it connects to the gateway with its own shardId, its own outbox file and only
 * the guilds of its shard. TOTAL_SHARDS: a number or "auto" (asks Discord, or DISCORD_API_BASE).
 * Logs go to stderr; each shard prints its own ready line on stdout.
 */
let config: ReturnType<typeof shardingConfig.load>;
try {
  config = shardingConfig.load();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(2);
}
const logger = pino({ level: config.logLevel, name: 'sharding' }, pino.destination(2));
const token = config.discordToken;

/**
 * discord.js's 'auto' always asks discord.com; with a custom API base (the simulator) ask that instead
 * (GET /gateway/bot `shards`).
 */
async function recommendedShards(apiBase: string, botToken: string): Promise<number> {
  const res = await fetch(`${apiBase.replace(/\/$/, '')}/v10/gateway/bot`, {
    headers: { Authorization: `Bot ${botToken}` },
  });
  if (!res.ok) throw new Error(`GET /gateway/bot answered ${res.status}`);
  const { shards } = (await res.json()) as { shards?: unknown };
  if (!(typeof shards === 'number' && Number.isInteger(shards) && shards > 0))
    throw new Error(`GET /gateway/bot gave no shard count (${JSON.stringify(shards)})`);
  return shards;
}

// Run from the TypeScript source (tests, tsx), the children run main.ts through tsx too.
const fromSource = import.meta.url.endsWith('.ts');
const { apiBase } = config;
const totalShards =
  config.totalShards !== 'auto'
    ? config.totalShards
    : apiBase
      ? await recommendedShards(apiBase, token)
      : ('auto' as const);
const manager = new ShardingManager(
  fileURLToPath(new URL(fromSource ? './main.ts' : './main.js', import.meta.url)),
  {
    token,
    totalShards,
    mode: 'process',
    respawn: true,
    execArgv: [...(fromSource ? ['--import', 'tsx'] : []), ...config.execArgv],
  },
);
manager.on('shardCreate', (shard) =>
  logger.info({ shard: shard.id, of: manager.totalShards }, 'shard spawned'),
);
const stopAll = () => {
  // Each child flushes and drains on SIGTERM; the manager must not respawn them meanwhile.
  manager.respawn = false;
  for (const shard of manager.shards.values()) shard.process?.kill('SIGTERM');
  Promise.all(
    [...manager.shards.values()].map((s) => new Promise((r) => s.process?.once('exit', r) ?? r(null))),
  ).then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
manager.spawn({ delay: config.spawnDelayMs, timeout: 60_000 }).catch((err) => {
  logger.error({ err: String(err) }, 'sharding failed');
  process.exit(1);
});
