import { isSnowflake } from './snowflake.js';

/** Prefix of a guild's event stream: `guild-<guildId>`. */
export const GUILD_STREAM_PREFIX = 'guild-';
/** Prefix of a guild's module-config stream: `module-config-<guildId>`. */
export const MODULE_CONFIG_STREAM_PREFIX = 'module-config-';

/** What a stream name designates. */
export type StreamName = { kind: 'guild'; guildId: string } | { kind: 'module-config'; guildId: string };

function checked(guildId: string): string {
  if (!isSnowflake(guildId)) {
    throw new TypeError(`guild id must be a snowflake: ${JSON.stringify(String(guildId)).slice(0, 40)}`);
  }
  return guildId;
}

/**
 * The event stream of a guild, `guild-<guildId>`.
 * @throws TypeError when `guildId` is not a snowflake (a stream named after garbage is never wanted).
 */
export function guildStream(guildId: string): string {
  return `${GUILD_STREAM_PREFIX}${checked(guildId)}`;
}

/**
 * The module-config stream of a guild, `module-config-<guildId>`.
 * @throws TypeError when `guildId` is not a snowflake.
 */
export function moduleConfigStream(guildId: string): string {
  return `${MODULE_CONFIG_STREAM_PREFIX}${checked(guildId)}`;
}

/** Reads a stream name back; `undefined` when it is not one of ours or its id is not a snowflake. */
export function parseStreamName(name: string): StreamName | undefined {
  if (name.startsWith(GUILD_STREAM_PREFIX)) {
    const guildId = name.slice(GUILD_STREAM_PREFIX.length);
    return isSnowflake(guildId) ? { kind: 'guild', guildId } : undefined;
  }
  if (name.startsWith(MODULE_CONFIG_STREAM_PREFIX)) {
    const guildId = name.slice(MODULE_CONFIG_STREAM_PREFIX.length);
    return isSnowflake(guildId) ? { kind: 'module-config', guildId } : undefined;
  }
  return undefined;
}
