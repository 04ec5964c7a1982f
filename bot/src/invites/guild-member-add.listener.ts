import type { GuildMember } from 'discord.js';
import type { BotContext } from '../bot-context.js';
import { botEvent } from '../bot-event.builder.js';

/**
 * GUILD_MEMBER_ADD with the invite attribution (class + code/inviter), then INVITE_USE for joins that
 * have a code, then the welcome module. Joins of one guild are attributed one at a time.
 */
export async function onGuildMemberAdd(ctx: BotContext, member: GuildMember): Promise<void> {
  const at = ctx.now();
  const guild = member.guild;
  const user = member.user;
  ctx.collector.recordMemberJoin(guild.id, user.id, at);
  const invite =
    ctx.enabled.INVITE_USE || ctx.enabled.GUILD_MEMBER_ADD ? await ctx.invites.attribute(member) : null;
  const attribution = invite ?? { class: user.bot ? ('bot' as const) : ('unknown' as const) };
  const joinedAt = member.joinedAt ?? new Date(at);
  if (ctx.enabled.GUILD_MEMBER_ADD) {
    ctx.emit(
      botEvent(
        'GUILD_MEMBER_ADD',
        guild.id,
        {
          userId: user.id,
          username: user.username,
          discriminator: user.discriminator || undefined,
          avatar: user.avatar,
          bot: user.bot,
          joinedAt: joinedAt.toISOString(),
          accountCreatedAt: user.createdAt.toISOString(),
          invite: attribution,
        },
        at,
        { userId: user.id },
      ),
    );
  }
  if (ctx.enabled.INVITE_USE && (attribution.class === 'invite' || attribution.class === 'vanity')) {
    const isInvite = attribution.class === 'invite';
    const inviterId = isInvite ? (attribution.inviterId ?? null) : null;
    ctx.emit(
      botEvent(
        'INVITE_USE',
        guild.id,
        {
          code: attribution.code,
          inviteClass: attribution.class,
          inviterId,
          inviterUsername: inviterId && isInvite ? (attribution.inviterUsername ?? null) : null,
          newMemberId: user.id,
          newMemberUsername: user.username,
          uses: attribution.uses ?? 0,
          maxUses: isInvite ? (attribution.maxUses ?? 0) : 0,
        },
        at,
        { userId: user.id },
      ),
    );
  }
  await ctx.modules.onMemberAdd(member);
}
