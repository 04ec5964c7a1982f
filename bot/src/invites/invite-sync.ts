import type { Guild } from 'discord.js';
import type { BotContext } from '../bot-context.js';
import { botEvent } from '../bot-event.builder.js';

/**
 * Loads a guild's invite cache and reports what it found as `INVITE_SYNC` (timed when the list was
 * fetched), so invites made before the bot arrived, or changed while it was offline, reach the read
 * models. Nothing is sent when the bot may not read invites or Discord did not answer.
 */
export async function loadInvites(ctx: BotContext, guild: Guild): Promise<void> {
  const sync = await ctx.invites.load(guild);
  if (sync && ctx.enabled.INVITE_SYNC) ctx.emit(botEvent('INVITE_SYNC', guild.id, sync, ctx.now()));
}
