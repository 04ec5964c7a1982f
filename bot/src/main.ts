import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pino } from 'pino';
import { Bot } from './bot.js';
import { ConfigError, loadBotConfig } from './config/bot-config.js';

/** Entrypoint of one bot process (standalone, or one shard under the ShardingManager). */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadBotConfig>;
  try {
    config = loadBotConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const logger = pino({ level: config.logLevel, base: { shard: config.shardId } });
  mkdirSync(dirname(config.outboxPath), { recursive: true });
  const bot = new Bot({
    discordToken: config.discordToken,
    ...(config.apiBase ? { apiBase: config.apiBase } : {}),
    ...(config.shards ? { shards: config.shards } : {}),
    ...(config.shardCount ? { shardCount: config.shardCount } : {}),
    gateway: config.gateway ? { ...config.gateway, shardId: config.shardId } : null,
    outboxPath: config.outboxPath,
    outboxMaxEvents: config.outboxMaxEvents,
    metrics: config.metrics,
    enabled: config.enabled,
    correlation: config.correlation,
    messageCacheSize: config.messageCacheSize,
    logger,
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: flushing metrics and draining the outbox');
    bot.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err: String(err) }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  await bot.start();
  logger.info({ guilds: bot.client.guilds.cache.size, outboxPending: bot.outbox.pending() }, 'bot ready');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
