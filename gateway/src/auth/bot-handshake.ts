import { isSnowflake, MAX_BOT_ID_LENGTH, MAX_SHARD_ID } from '@guildscope/contracts';
import { type LogPosition, parsePosition } from '@guildscope/write-side';

/** Most guilds one connection may declare (Discord caps a shard at 2,500; room for unsharded bots). */
export const MAX_HANDSHAKE_GUILDS = 10_000;
const MAX_TOKEN_LENGTH = 512;
const BOT_ID = /^[A-Za-z0-9_.-]+$/;

/** What a bot sends as Socket.IO `auth` when it connects. */
export interface BotHandshakeAuth {
  /** The bot's secret; the gateway compares its SHA-256 with the configured one. */
  token: string;
  botId: string;
  /** Discord shard number, 0 for an unsharded bot. */
  shardId: number;
  /** Guilds this connection serves: it may send events for these and receives their configuration. */
  guildIds: string[];
  /** Last `module:change` position the bot applied and acked; absent on a fresh start (snapshot). */
  configPosition?: string;
}

export interface BotHandshake {
  readonly token: string;
  readonly botId: string;
  readonly shardId: number;
  readonly guildIds: ReadonlySet<string>;
  readonly configPosition: LogPosition | undefined;
}

export type HandshakeParse = { ok: true; handshake: BotHandshake } | { ok: false; reason: string };

/** Validates the handshake `auth` object, reporting the first problem found in plain words. */
export function parseBotHandshake(auth: unknown): HandshakeParse {
  if (typeof auth !== 'object' || auth === null || Array.isArray(auth))
    return fail('auth must be an object { token, botId, shardId, guildIds, configPosition? }');
  const a = auth as Record<string, unknown>;
  if (a.token === undefined || a.token === '') return fail('auth.token is missing');
  if (typeof a.token !== 'string' || a.token.length > MAX_TOKEN_LENGTH)
    return fail(`auth.token must be a string of at most ${MAX_TOKEN_LENGTH} characters`);
  if (
    typeof a.botId !== 'string' ||
    a.botId.length === 0 ||
    a.botId.length > MAX_BOT_ID_LENGTH ||
    !BOT_ID.test(a.botId)
  )
    return fail(`auth.botId must be 1-${MAX_BOT_ID_LENGTH} characters of [A-Za-z0-9_.-]`);
  if (
    typeof a.shardId !== 'number' ||
    !Number.isInteger(a.shardId) ||
    a.shardId < 0 ||
    a.shardId > MAX_SHARD_ID
  )
    return fail(`auth.shardId must be an integer from 0 to ${MAX_SHARD_ID}`);
  if (!Array.isArray(a.guildIds))
    return fail('auth.guildIds must be an array of guild ids (snowflake strings)');
  if (a.guildIds.length > MAX_HANDSHAKE_GUILDS)
    return fail(`auth.guildIds has ${a.guildIds.length} entries; the limit is ${MAX_HANDSHAKE_GUILDS}`);
  const guildIds = new Set<string>();
  for (const [i, id] of a.guildIds.entries()) {
    if (!isSnowflake(id))
      return fail(
        `auth.guildIds[${i}] is not a Discord snowflake (a string of 17-20 digits): ${preview(id)}`,
      );
    guildIds.add(id);
  }
  let configPosition: LogPosition | undefined;
  if (a.configPosition !== undefined && a.configPosition !== null) {
    if (typeof a.configPosition !== 'string')
      return fail('auth.configPosition must be a position string such as "42" (from module:change)');
    try {
      configPosition = parsePosition(a.configPosition);
    } catch (error) {
      return fail(`auth.configPosition: ${(error as Error).message}`);
    }
  }
  return {
    ok: true,
    handshake: { token: a.token, botId: a.botId, shardId: a.shardId, guildIds, configPosition },
  };
}

function fail(reason: string): HandshakeParse {
  return { ok: false, reason };
}

function preview(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(typeof value);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
