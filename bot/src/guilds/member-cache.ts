import type { Guild } from 'discord.js';
import type { BotContext } from '../bot-context.js';

/**
 * Discord sends a large guild's GUILD_CREATE without its member list (more than discord.js's
 * large_threshold of 50), so moderators, roles and join dates of members who stay silent would not
 * resolve: audit entries would name their executor by id only. Fetching the list (gateway op 8) fills the
 * cache. Runs in the background: ready does not wait for big shards, and discord.js paces op 8 within the
 * gateway's rate limit.
 */
export async function warmMemberCache(ctx: BotContext, guild: Guild): Promise<void> {
  if (guild.members.cache.size >= guild.memberCount) return;
  try {
    await guild.members.fetch({ time: 120_000 });
    ctx.logger.debug(
      { component: 'members', guildId: guild.id, members: guild.members.cache.size },
      'member list cached',
    );
  } catch (error) {
    ctx.logger.warn(
      { component: 'members', guildId: guild.id, err: String(error) },
      'member list fetch failed',
    );
  }
}

/** Warms the member caches of several guilds, two at a time. */
export async function warmMemberCaches(ctx: BotContext, guilds: readonly Guild[]): Promise<void> {
  const queue = [...guilds];
  await Promise.all(
    Array.from({ length: Math.min(2, queue.length) }, async () => {
      for (let g = queue.shift(); g; g = queue.shift()) await warmMemberCache(ctx, g);
    }),
  );
}
