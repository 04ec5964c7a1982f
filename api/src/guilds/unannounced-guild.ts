import { guildStream, isSnowflake } from '@guildscope/contracts';
import type { EventStore } from '@guildscope/write-side';
import type { GuildRow } from './guilds.query.js';

/**
 * A guild whose stream holds events although the bot never announced it (no GUILD_CREATE or GUILD_SYNC:
 * events recorded before the registry knew it, a bot that crashed before its sync). Its read models and
 * raw events are real, so a token whose scope covers the guild reaches them; the registry fields are
 * unknown (null, status `unknown`) rather than guessed. Null when the guild has no stored event either.
 */
export async function unannouncedGuild(eventStore: EventStore, guildId: string): Promise<GuildRow | null> {
  if (!isSnowflake(guildId)) return null;
  if ((await eventStore.streamRevision(guildStream(guildId))) === null) return null;
  return {
    guild_id: guildId,
    name: null,
    icon: null,
    owner_id: null,
    member_count: null,
    status: 'unknown',
    is_active: false,
    bot_joined_at: null,
    updated_at: null,
  };
}
