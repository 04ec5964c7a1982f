import type { Logger } from 'pino';
import type { BotOptions } from '../bot.js';
import type { BotConfig } from './bot-config.js';

/** Maps a validated configuration to the Bot's options (shared by `main.ts` and the embedded stack). */
export function botOptionsFromConfig(config: BotConfig, logger: Logger): BotOptions {
  return {
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
  };
}
