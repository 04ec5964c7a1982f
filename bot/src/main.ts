import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '@guildscope/contracts/config';
import { pino } from 'pino';
import { Bot } from './bot.js';
import { loadBotConfig } from './config/bot-config.js';

/** Longest a graceful stop may take before the process exits anyway (what is not acked stays in the outbox). */
const STOP_DEADLINE_MS = 10_000;

/**
 * Entrypoint of one bot process (standalone, or one shard under the ShardingManager).
 * stdout carries exactly one line, `{"ready":true,"guilds":N,"shards":[...]}`, once the bot is connected
 * to Discord and its gateway client is started (the `npm start` orchestrator waits for it); logs go to
 * stderr.
 */
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
  const logger = pino({ level: config.logLevel, base: { shard: config.shardId } }, pino.destination(2));
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
    // Bounded: a hung Discord or gateway connection must not keep the process alive.
    setTimeout(() => {
      logger.error({ deadlineMs: STOP_DEADLINE_MS }, 'graceful stop took too long: exiting');
      logger.flush();
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    bot.stop({ drainTimeoutMs: STOP_DEADLINE_MS - 3_000 }).then(
      (left) => {
        logger.info({ outboxPending: left }, 'stopped');
        logger.flush();
        process.exit(0);
      },
      (err) => {
        logger.error({ err: String(err) }, 'stop failed');
        logger.flush();
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  await bot.start();
  const guilds = bot.client.guilds.cache.size;
  const shards = bot.shardIds();
  logger.info({ guilds, shards, outboxPending: bot.outbox.pending() }, 'bot ready');
  process.stdout.write(`${JSON.stringify({ ready: true, guilds, shards })}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
