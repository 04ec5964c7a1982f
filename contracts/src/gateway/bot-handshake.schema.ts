import { z } from 'zod';
import { MAX_BOT_ID_LENGTH, MAX_BOT_TOKEN_LENGTH, MAX_HANDSHAKE_GUILDS, MAX_SHARD_ID } from '../limits.js';
import { invalidLogPosition, LOG_POSITION_PATTERN } from '../primitives.js';
import { isSnowflake } from '../snowflake.js';

const BOT_ID = /^[A-Za-z0-9_.-]+$/;

function preview(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : String(typeof value);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

const botIdError = `auth.botId must be 1-${MAX_BOT_ID_LENGTH} characters of [A-Za-z0-9_.-]`;
const shardIdError = `auth.shardId must be an integer from 0 to ${MAX_SHARD_ID}`;
const tokenError = `auth.token must be a string of at most ${MAX_BOT_TOKEN_LENGTH} characters`;

/**
 * What a bot sends as Socket.IO `auth` when it connects: `io(url, { auth })`. The gateway reports the
 * first issue's message as the refusal reason, so every message is a whole sentence naming its field.
 */
export const botHandshakeAuthSchema = z.object(
  {
    /** The bot's secret; the gateway compares its SHA-256 with the configured one. */
    token: z
      .string({ error: (issue) => (issue.input === undefined ? 'auth.token is missing' : tokenError) })
      .min(1, { error: 'auth.token is missing' })
      .max(MAX_BOT_TOKEN_LENGTH, { error: tokenError }),
    botId: z
      .string({ error: botIdError })
      .min(1, { error: botIdError })
      .max(MAX_BOT_ID_LENGTH, { error: botIdError })
      .regex(BOT_ID, { error: botIdError }),
    /** Discord shard number, 0 for an unsharded bot. */
    shardId: z
      .number({ error: shardIdError })
      .int({ error: shardIdError })
      .min(0, { error: shardIdError })
      .max(MAX_SHARD_ID, { error: shardIdError }),
    /** Guilds this connection serves: it may send events for these and receives their configuration. */
    guildIds: z
      .array(
        z.custom<string>(isSnowflake, {
          error: (issue) =>
            `auth.guildIds[${String(issue.path?.at(-1))}] is not a Discord snowflake (a string of 17-20 digits): ${preview(issue.input)}`,
        }),
        { error: 'auth.guildIds must be an array of guild ids (snowflake strings)' },
      )
      .max(MAX_HANDSHAKE_GUILDS, {
        error: (issue) =>
          `auth.guildIds has ${(issue.input as unknown[]).length} entries; the limit is ${MAX_HANDSHAKE_GUILDS}`,
        abort: true,
      }),
    /** Last `module:change` position the bot applied and acked; absent (or null) on a fresh start: snapshot. */
    configPosition: z
      .string({ error: 'auth.configPosition must be a position string such as "42" (from module:change)' })
      .regex(LOG_POSITION_PATTERN, {
        error: (issue) => `auth.configPosition: ${invalidLogPosition(issue.input)}`,
      })
      .nullish(),
  },
  { error: 'auth must be an object { token, botId, shardId, guildIds, configPosition? }' },
);
/** The handshake `auth` of a bot connection. */
export type BotHandshakeAuth = z.infer<typeof botHandshakeAuthSchema>;

/** Codes of a refused handshake, in `connect_error`'s `err.data.code` (the reason is `err.message`). */
export const handshakeRefusalCodeSchema = z.enum(['INVALID_HANDSHAKE', 'UNAUTHORIZED']);
/** Codes of a refused handshake. */
export type HandshakeRefusalCode = z.infer<typeof handshakeRefusalCodeSchema>;

/** `err.data` of a refused connection's `connect_error`. */
export const handshakeRefusalSchema = z.object({ code: handshakeRefusalCodeSchema, reason: z.string() });
/** `err.data` of a refused connection's `connect_error`. */
export type HandshakeRefusal = z.infer<typeof handshakeRefusalSchema>;
