import { readFileSync } from 'node:fs';
import {
  defineConfig,
  integer,
  logLevel,
  matching,
  QUOTES_VALUE,
  required,
} from '@guildscope/contracts/config';
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

/** Reads and checks `BOT_CONFIG_FILE`; each problem names the file and the field. */
function readConfigFile(file: string, ctx: z.RefinementCtx): z.output<typeof fileSchema> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: `${file}: ${(error as Error).message}`,
      params: { [QUOTES_VALUE]: true },
    });
    return z.NEVER;
  }
  const parsed = fileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues)
    ctx.addIssue({
      code: 'custom',
      message: `${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
      params: { [QUOTES_VALUE]: true },
    });
  return z.NEVER;
}

/** The bot's Discord connection, shared with the sharding manager (`sharded.ts`). */
export const discordVariables = {
  DISCORD_TOKEN: required('(the bot token; the simulator prints its own)').meta({
    description: 'the bot token',
    secret: true,
  }),
  DISCORD_API_BASE: matching(/^https?:\/\//, 'an http(s) URL', ['discord.com/api'])
    .optional()
    .meta({
      description:
        "Discord REST base, e.g. the simulator's `http://127.0.0.1:PORT/api` (discord.js appends `/v10`; the gateway URL comes from `GET /gateway/bot`)",
      defaultNote: "(unset: Discord's)",
    }),
};

const metricsInterval = (note: string, description: string) =>
  integer({ min: 100 }).optional().meta({ description, defaultNote: note });

export const botSchema = z
  .object({
    ...discordVariables,
    GATEWAY_URL: matching(/^(https?|wss?):\/\//, 'an http(s)/ws(s) URL', ['ftp://x'])
      .optional()
      .meta({
        description: 'Guildscope gateway (Socket.IO)',
        defaultNote: '(unset: events stay in the outbox)',
      }),
    GATEWAY_BOT_ID: matching(/^[A-Za-z0-9_.-]{1,64}$/, '1-64 characters of [A-Za-z0-9_.-]', ['bot id!'])
      .default('guildscope-bot')
      .describe('bot id known to the gateway'),
    GATEWAY_BOT_TOKEN: z.string().optional().meta({
      description: 'the token whose SHA-256 the gateway holds',
      defaultNote: '(required with GATEWAY_URL)',
      secret: true,
    }),
    SHARDS: matching(/^\d+(,\d+)*$/, 'shard numbers', ['a,1'])
      .transform((text) => text.split(',').map(Number))
      .optional()
      .describe('shard ids of this process, comma-separated (set by the ShardingManager)'),
    SHARD_COUNT: integer({ min: 1 })
      .optional()
      .describe('total number of shards (set by the ShardingManager)'),
    SHARD_ID: integer({ min: 0 }).default(0).describe('shard id when SHARDS is unset'),
    OUTBOX_PATH: z.string().optional().meta({
      description:
        'durable outbox (SQLite, WAL); also stores the last acked config position; `{shard}` is replaced by the shard ids',
      defaultNote: '`./data/bot-outbox.db` (`./data/bot-outbox-shard{shard}.db` with SHARDS)',
    }),
    OUTBOX_MAX_EVENTS: integer({ min: 1 })
      .default(500_000)
      .describe('outbox size limit: a warning at 80%, then new events are refused with an error log'),
    MESSAGE_CACHE_SIZE: integer({ min: 0 })
      .default(50)
      .describe(
        "recent messages recorded per channel (author/content of deleted messages; discord.js's own message cache is off)",
      ),
    AUDIT_HOLD_MS: integer({ min: 0 })
      .default(3_000)
      .describe('how long a member removal / message delete waits for its audit-log entry'),
    AUDIT_ENTRY_TTL_MS: integer({ min: 1 })
      .default(30_000)
      .describe('how long an audit entry that arrived first waits for its event'),
    METRICS_SNAPSHOT_INTERVAL_MS: metricsInterval(
      `\`${DEFAULT_METRICS_CONFIG.snapshotInterval}\` (or \`metrics.snapshotInterval\` of BOT_CONFIG_FILE)`,
      'METRICS_SNAPSHOT period (ms)',
    ),
    METRICS_MEMBER_ACTIVITY_INTERVAL_MS: metricsInterval(
      `\`${DEFAULT_METRICS_CONFIG.memberActivityInterval}\` (or \`metrics.memberActivityInterval\` of BOT_CONFIG_FILE)`,
      'MEMBER_ACTIVITY_SNAPSHOT period (ms)',
    ),
    BOT_CONFIG_FILE: z
      .string()
      .transform(readConfigFile)
      .optional()
      .describe('JSON file of listener switches and metrics settings (see bot/README.md)'),
    LOG_LEVEL: logLevel(),
  })
  .superRefine(
    (c, ctx) => {
      if (c.GATEWAY_URL !== undefined && c.GATEWAY_BOT_TOKEN === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['GATEWAY_BOT_TOKEN'],
          message: 'is required when GATEWAY_URL is set',
        });
    },
    // Checked even when a variable was refused, so that one start reports every problem.
    { when: () => true },
  );

/** The bot process's configuration (environment and `BOT_CONFIG_FILE`). */
export const botConfig = defineConfig({
  subject: 'bot',
  schema: botSchema,
  toConfig: (c): BotConfig => {
    const file = c.BOT_CONFIG_FILE;
    const metrics: MetricsConfig = {
      ...DEFAULT_METRICS_CONFIG,
      ...(file?.metrics as Partial<MetricsConfig>),
    };
    metrics.snapshotInterval = c.METRICS_SNAPSHOT_INTERVAL_MS ?? metrics.snapshotInterval;
    metrics.memberActivityInterval = c.METRICS_MEMBER_ACTIVITY_INTERVAL_MS ?? metrics.memberActivityInterval;
    const shards = c.SHARDS;
    return {
      discordToken: c.DISCORD_TOKEN,
      apiBase: c.DISCORD_API_BASE,
      gateway:
        c.GATEWAY_URL === undefined
          ? null
          : { url: c.GATEWAY_URL, token: c.GATEWAY_BOT_TOKEN ?? '', botId: c.GATEWAY_BOT_ID },
      shardId: shards?.[0] ?? c.SHARD_ID,
      shards,
      shardCount: c.SHARD_COUNT,
      // `{shard}` in OUTBOX_PATH becomes this process's shard ids: one outbox per shard process.
      outboxPath: (c.OUTBOX_PATH ?? `./data/bot-outbox${shards ? '-shard{shard}' : ''}.db`).replaceAll(
        '{shard}',
        shards ? shards.join('-') : String(c.SHARD_ID),
      ),
      outboxMaxEvents: c.OUTBOX_MAX_EVENTS,
      messageCacheSize: c.MESSAGE_CACHE_SIZE,
      metrics,
      enabled: { ...DEFAULT_ENABLED_LISTENERS, ...file?.enabledListeners },
      correlation: { holdMs: c.AUDIT_HOLD_MS, entryTtlMs: c.AUDIT_ENTRY_TTL_MS },
      logLevel: c.LOG_LEVEL,
    };
  },
});

/**
 * Reads the bot's configuration from the environment (and `BOT_CONFIG_FILE`), failing with one
 * ConfigError that lists every problem.
 */
export function loadBotConfig(env: NodeJS.ProcessEnv = process.env): BotConfig {
  return botConfig.load(env);
}
