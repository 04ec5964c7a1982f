import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_METRICS_CONFIG, type MetricsConfig } from '../activity/metrics-config.js';
import { DEFAULT_ENABLED_LISTENERS, type EnabledListeners, LISTENER_TYPES } from './listeners.config.js';

/** Everything the bot process needs, validated at start. */
export interface BotConfig {
  discordToken: string;
  apiBase: string | undefined;
  gateway: { url: string; token: string; botId: string } | null;
  shardId: number;
  shards: number[] | undefined;
  shardCount: number | undefined;
  outboxPath: string;
  outboxMaxEvents: number;
  messageCacheSize: number;
  metrics: MetricsConfig;
  enabled: EnabledListeners;
  correlation: { holdMs: number; entryTtlMs: number };
  logLevel: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const positiveInt = (what: string) =>
  z.coerce
    .number({ error: `${what} must be a number` })
    .int()
    .positive();

/** The optional JSON config file (`BOT_CONFIG_FILE`): listener switches and metrics settings. */
const fileSchema = z.strictObject({
  enabledListeners: z.partialRecord(z.enum(LISTENER_TYPES), z.boolean()).optional(),
  metrics: z
    .strictObject({
      snapshotInterval: positiveInt('metrics.snapshotInterval').min(1000).optional(),
      memberActivityInterval: positiveInt('metrics.memberActivityInterval').min(1000).optional(),
      maxTopMembers: positiveInt('metrics.maxTopMembers').max(100).optional(),
      maxTopChannels: positiveInt('metrics.maxTopChannels').max(50).optional(),
      maxTopEmojis: positiveInt('metrics.maxTopEmojis').max(50).optional(),
      trackMessages: z.boolean().optional(),
      trackVoice: z.boolean().optional(),
      trackReactions: z.boolean().optional(),
      trackDetailedMembers: z.boolean().optional(),
      trackInvites: z.boolean().optional(),
      trackModeration: z.boolean().optional(),
    })
    .optional(),
});

/**
 * Reads the bot's configuration from the environment (and `BOT_CONFIG_FILE`), failing with one error that
 * lists every problem in plain words.
 */
export function loadBotConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  const problems: string[] = [];
  const num = (key: string, def: number, min = 0): number => {
    const raw = env[key];
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) {
      problems.push(`${key} must be an integer >= ${min} (got "${raw}")`);
      return def;
    }
    return n;
  };
  const discordToken = env.DISCORD_TOKEN ?? '';
  if (!discordToken) problems.push('DISCORD_TOKEN is required (the bot token; the simulator prints its own)');
  const apiBase = env.DISCORD_API_BASE || undefined;
  if (apiBase && !/^https?:\/\//.test(apiBase))
    problems.push(`DISCORD_API_BASE must be an http(s) URL (got "${apiBase}")`);

  let gateway: BotConfig['gateway'] = null;
  const gwUrl = env.GATEWAY_URL;
  if (gwUrl) {
    if (!/^(https?|wss?):\/\//.test(gwUrl))
      problems.push(`GATEWAY_URL must be an http(s)/ws(s) URL (got "${gwUrl}")`);
    const token = env.GATEWAY_BOT_TOKEN ?? '';
    if (!token) problems.push('GATEWAY_BOT_TOKEN is required when GATEWAY_URL is set');
    const botId = env.GATEWAY_BOT_ID ?? 'guildscope-bot';
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(botId))
      problems.push(`GATEWAY_BOT_ID must be 1-64 characters of [A-Za-z0-9_.-]`);
    gateway = { url: gwUrl, token, botId };
  }

  // Set by the ShardingManager for each child process.
  const shardsRaw = env.SHARDS;
  let shards: number[] | undefined;
  if (shardsRaw) {
    shards = shardsRaw.split(',').map(Number);
    if (shards.some((s) => !Number.isInteger(s) || s < 0))
      problems.push(`SHARDS must be shard numbers (got "${shardsRaw}")`);
  }
  const shardCount = env.SHARD_COUNT ? num('SHARD_COUNT', 1, 1) : undefined;

  let enabled = { ...DEFAULT_ENABLED_LISTENERS };
  let metrics = { ...DEFAULT_METRICS_CONFIG };
  const file = env.BOT_CONFIG_FILE;
  if (file) {
    try {
      const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) {
        for (const i of parsed.error.issues)
          problems.push(`${file}: ${i.path.join('.') || '(root)'}: ${i.message}`);
      } else {
        enabled = { ...enabled, ...parsed.data.enabledListeners };
        metrics = { ...metrics, ...(parsed.data.metrics as Partial<MetricsConfig>) };
      }
    } catch (err) {
      problems.push(`BOT_CONFIG_FILE ${file}: ${(err as Error).message}`);
    }
  }
  metrics.snapshotInterval = num('METRICS_SNAPSHOT_INTERVAL_MS', metrics.snapshotInterval, 100);
  metrics.memberActivityInterval = num(
    'METRICS_MEMBER_ACTIVITY_INTERVAL_MS',
    metrics.memberActivityInterval,
    100,
  );

  const config: BotConfig = {
    discordToken,
    apiBase,
    gateway,
    shardId: shards?.[0] ?? num('SHARD_ID', 0),
    shards,
    shardCount,
    // `{shard}` in OUTBOX_PATH becomes this process's shard ids: one outbox per shard process.
    outboxPath: (env.OUTBOX_PATH ?? `./data/bot-outbox${shards ? '-shard{shard}' : ''}.db`).replaceAll(
      '{shard}',
      shards ? shards.join('-') : String(num('SHARD_ID', 0)),
    ),
    outboxMaxEvents: num('OUTBOX_MAX_EVENTS', 500_000, 1),
    messageCacheSize: num('MESSAGE_CACHE_SIZE', 50),
    metrics,
    enabled,
    correlation: { holdMs: num('AUDIT_HOLD_MS', 3_000), entryTtlMs: num('AUDIT_ENTRY_TTL_MS', 30_000, 1) },
    logLevel: env.LOG_LEVEL ?? 'info',
  };
  if (problems.length) throw new ConfigError(`Invalid bot configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}
