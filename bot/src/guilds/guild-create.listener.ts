import type { Guild } from 'discord.js';
import { seedVoiceSessions } from '../activity/voice-state-update.listener.js';
import type { BotContext } from '../bot-context.js';
import { botEvent } from '../bot-event.builder.js';
import { loadInvites } from '../invites/invite-sync.js';
import { guildInfo } from './guild-info.js';
import { syncMemberList } from './member-list-sync.js';

/** GUILD_CREATE: the bot was added to a guild after ready. */
export async function onGuildCreate(
  ctx: BotContext,
  guild: Guild,
  onNewGuild: (guildId: string) => void,
): Promise<void> {
  const at = ctx.now();
  // First: the gateway must know the guild before it accepts the guild's events (guilds:add).
  onNewGuild(guild.id);
  if (ctx.enabled.GUILD_CREATE) {
    const joinedAt = guild.joinedAt ?? new Date(at);
    ctx.emit(
      botEvent('GUILD_CREATE', guild.id, { ...guildInfo(guild), joinedAt: joinedAt.toISOString() }, at),
    );
  }
  seedVoiceSessions(ctx, guild, at);
  await loadInvites(ctx, guild);
  void syncMemberList(ctx, guild);
}
