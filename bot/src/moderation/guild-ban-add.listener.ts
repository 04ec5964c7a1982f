import { AuditLogEvent, type GuildBan } from 'discord.js';
import type { BotContext } from '../bot-context.js';
import { botEvent } from '../bot-event.builder.js';
import { fetchAuditEntry } from './audit-entry.js';

/** GUILD_BAN_ADD with the moderator and reason from the matching audit-log entry (never a guess). */
export async function onGuildBanAdd(ctx: BotContext, ban: GuildBan): Promise<void> {
  const at = ctx.now();
  const user = ban.user;
  const match = (e: { guildId: string; targetId: string | null }) =>
    e.guildId === ban.guild.id && e.targetId === user.id;
  const entry =
    (await ctx.audit.bans.wait(match, ctx.correlation.holdMs)) ??
    (await fetchAuditEntry(ban.guild, AuditLogEvent.MemberBanAdd, match, at - 60_000));
  const reason = entry?.reason ?? ban.reason ?? undefined;
  ctx.emit(
    botEvent(
      'GUILD_BAN_ADD',
      ban.guild.id,
      {
        targetUserId: user.id,
        targetUsername: user.username,
        targetDiscriminator: user.discriminator || undefined,
        targetAvatar: user.avatar,
        moderatorId: entry?.executorId ?? null,
        moderatorUsername: entry?.executorUsername ?? undefined,
        reason: reason || undefined,
      },
      at,
      { userId: user.id },
    ),
  );
}
