import { fileURLToPath } from 'node:url';
import { ShardingManager } from 'discord.js';
import { pino } from 'pino';

/**
 * Runs one bot process per shard with discord.js's ShardingManager. Each child reads SHARDS/SHARD_COUNT
 * (set by the manager), so it connects to the gateway with its own shardId, its own outbox file and only
 * the guilds of its shard. TOTAL_SHARDS: a number or "auto" (asks Discord / the simulator).
 */
const logger = pino({ level: process.env.LOG_LEVEL ?? 'info', name: 'sharding' });
const token = process.env.DISCORD_TOKEN;
if (!token) {
  console.error('DISCORD_TOKEN is required');
  process.exit(2);
}
const total = process.env.TOTAL_SHARDS ?? 'auto';
if (total !== 'auto' && !(Number.isInteger(Number(total)) && Number(total) > 0)) {
  console.error(`TOTAL_SHARDS must be a positive integer or "auto" (got "${total}")`);
  process.exit(2);
}
if (process.env.DISCORD_API_BASE) {
  // The manager fetches the recommended shard count through @discordjs/rest's default base otherwise.
  logger.info({ api: process.env.DISCORD_API_BASE }, 'using a custom Discord API base');
}
const manager = new ShardingManager(fileURLToPath(new URL('./main.js', import.meta.url)), {
  token,
  totalShards: total === 'auto' ? 'auto' : Number(total),
  mode: 'process',
  respawn: true,
});
manager.on('shardCreate', (shard) => logger.info({ shard: shard.id }, 'shard spawned'));
manager.spawn({ delay: 5_500, timeout: 60_000 }).catch((err) => {
  logger.error({ err: String(err) }, 'sharding failed');
  process.exit(1);
});
