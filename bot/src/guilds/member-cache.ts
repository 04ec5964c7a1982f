import type { Collection, Guild, GuildMember } from 'discord.js';
import type { BotContext } from '../bot-context.js';

/**
 * The guild's whole member list, or null when it cannot be had. Discord sends a large guild's
 * GUILD_CREATE without its member list (more than discord.js's large_threshold of 50), so moderators,
 * roles and join dates of members who stay silent would not resolve: audit entries would name their
 * executor by id only. Fetching the list (gateway op 8) fills the cache; a smaller guild's cache already
 * holds it. discord.js paces op 8 within the gateway's rate limit.
 */
export async function loadMemberList(
  ctx: BotContext,
  guild: Guild,
): Promise<Collection<string, GuildMember> | null> {
  if (guild.members.cache.size >= guild.memberCount) return guild.members.cache;
  try {
    const members = await guild.members.fetch({ time: 120_000 });
    ctx.logger.debug(
      { component: 'members', guildId: guild.id, members: guild.members.cache.size },
      'member list cached',
    );
    return members;
  } catch (error) {
    ctx.logger.warn(
      { component: 'members', guildId: guild.id, err: String(error) },
      'member list fetch failed',
    );
    return null;
  }
}
