import { AuditLogEvent, type GuildBan } from 'discord.js';
import type { BotContext } from '../bot-context.js';
import { botEvent } from '../bot-event.builder.js';
import { fetchAuditEntry } from './audit-entry.js';

/** GUILD_BAN_REMOVE with the moderator from the matching audit-log entry. */
export async function onGuildBanRemove(ctx: BotContext, ban: GuildBan): Promise<void> {
  const at = ctx.now();
  const user = ban.user;
  const match = (e: { guildId: string; targetId: string | null }) =>
    e.guildId === ban.guild.id && e.targetId === user.id;
  const entry =
    (await ctx.audit.unbans.wait(match, ctx.correlation.holdMs)) ??
    (await fetchAuditEntry(ban.guild, AuditLogEvent.MemberBanRemove, match, at - 60_000));
  ctx.emit(
    botEvent(
      'GUILD_BAN_REMOVE',
      ban.guild.id,
      {
        targetUserId: user.id,
        targetUsername: user.username,
        moderatorId: entry?.executorId ?? null,
        moderatorUsername: entry?.executorUsername ?? undefined,
        reason: entry?.reason || undefined,
      },
      at,
      { userId: user.id },
    ),
  );
}
