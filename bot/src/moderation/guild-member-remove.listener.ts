import { MAX_USERNAME_LENGTH } from '@guildscope/contracts';
import { AuditLogEvent, type GuildMember, type PartialGuildMember } from 'discord.js';
import type { BotContext } from '../bot-context.js';
import { botEvent } from '../bot-event.builder.js';
import { type AuditEntryInfo, fetchAuditEntry } from './audit-entry.js';

/**
 * GUILD_MEMBER_REMOVE, kick vs leave. The removal is held (bounded by `holdMs`) until the audit entry
 * that explains it arrives through `guildAuditLogEntryCreate` (it may come before or after the removal);
 * only then is the audit log fetched as a fallback. A ban also removes the member: that entry makes it
 * "not a kick" (the GUILD_BAN_ADD event carries the moderator). No entry means a leave: the projections
 * still re-match a late MEMBER_KICK entry by replay.
 */
export async function onGuildMemberRemove(
  ctx: BotContext,
  member: GuildMember | PartialGuildMember,
): Promise<void> {
  const at = ctx.now();
  const guild = member.guild;
  const userId = member.id;
  const match = (e: AuditEntryInfo) =>
    e.guildId === guild.id &&
    e.targetId === userId &&
    (e.actionType === AuditLogEvent.MemberKick || e.actionType === AuditLogEvent.MemberBanAdd);
  let entry = await ctx.audit.removals.wait(match, ctx.correlation.holdMs);
  if (!entry) {
    entry = await fetchAuditEntry(guild, AuditLogEvent.MemberKick, match, at - ctx.correlation.entryTtlMs);
  }
  const kick = entry?.actionType === AuditLogEvent.MemberKick && entry.executorId ? entry : null;
  const user = member.user;
  const username = user?.username ?? member.displayName ?? userId;
  ctx.emit(
    botEvent(
      'GUILD_MEMBER_REMOVE',
      guild.id,
      {
        userId,
        username: username.slice(0, MAX_USERNAME_LENGTH),
        discriminator: user?.discriminator || undefined,
        avatar: user?.avatar ?? undefined,
        wasKicked: kick !== null,
        moderatorId: kick?.executorId ?? undefined,
        moderatorUsername: kick?.executorUsername ?? undefined,
        reason: kick?.reason || undefined,
        joinedAt: member.joinedAt ? member.joinedAt.toISOString() : null,
        roles: member.partial ? [] : [...member.roles.cache.keys()].filter((id) => id !== guild.id),
      },
      at,
      { userId },
    ),
  );
}
