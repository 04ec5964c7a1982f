import { Client, GatewayIntentBits, Options, Partials } from 'discord.js';

export interface DiscordClientOptions {
  /** REST base, e.g. `http://127.0.0.1:PORT/api` for the simulator (discord.js appends `/v10`). */
  apiBase?: string;
  /**
   * discord.js messages kept per channel. Default 0: the bot keeps its own compact record of recent
   * messages (RecentMessages); cached `Message` objects cost far more memory than their size (see
   * docs/bench/bot.md).
   */
  messageCacheSize?: number;
  shards?: number | number[] | 'auto';
  shardCount?: number;
}

/**
 * Every intent the listeners need; a missing one drops events silently:
 * bans/audit entries (GuildModeration), joins/leaves (GuildMembers, privileged), invites (GuildInvites),
 * messages and their content for automod (GuildMessages, MessageContent, privileged), reactions, voice,
 * Discord AutoMod executions (AutoModerationExecution).
 */
export const BOT_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildModeration,
  GatewayIntentBits.GuildMembers,
  GatewayIntentBits.GuildInvites,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.GuildMessageReactions,
  GatewayIntentBits.GuildVoiceStates,
  GatewayIntentBits.AutoModerationExecution,
] as const;

/** Without these partials discord.js drops removals, deletes and reactions for uncached objects. */
export const BOT_PARTIALS = [
  Partials.GuildMember,
  Partials.Message,
  Partials.Reaction,
  Partials.User,
  Partials.Channel,
] as const;

export function createDiscordClient(o: DiscordClientOptions = {}): Client {
  return new Client({
    intents: [...BOT_INTENTS],
    partials: [...BOT_PARTIALS],
    ...(o.apiBase ? { rest: { api: o.apiBase } } : {}),
    ...(o.shards !== undefined ? { shards: o.shards } : {}),
    ...(o.shardCount !== undefined ? { shardCount: o.shardCount } : {}),
    makeCache: Options.cacheWithLimits({
      ...Options.DefaultMakeCacheSettings,
      MessageManager: o.messageCacheSize ?? 0,
      PresenceManager: 0,
      ReactionManager: 0,
      ReactionUserManager: 0,
    }),
    sweepers: { ...Options.DefaultSweeperSettings },
  });
}
