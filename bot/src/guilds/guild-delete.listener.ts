import type { Guild } from 'discord.js';
import type { BotContext } from '../bot-context.js';
import { botEvent } from '../bot-event.builder.js';

/** GUILD_DELETE: removed from the guild (or the guild is unavailable during an outage). */
export function onGuildDelete(ctx: BotContext, guild: Guild): void {
  const at = ctx.now();
  const unavailable = !guild.available;
  if (!unavailable) {
    ctx.invites.forget(guild.id);
    ctx.collector.forgetGuild(guild.id, at);
  }
  if (!ctx.enabled.GUILD_DELETE) return;
  ctx.emit(
    botEvent('GUILD_DELETE', guild.id, { id: guild.id, unavailable, name: guild.name || undefined }, at),
  );
}
