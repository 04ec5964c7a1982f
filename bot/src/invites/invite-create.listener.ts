import type { Invite } from 'discord.js';
import type { BotContext } from '../bot-context.js';
import { botEvent, defined } from '../bot-event.builder.js';

/** INVITE_CREATE; also keeps the invite cache current for join attribution. */
export function onInviteCreate(ctx: BotContext, invite: Invite): void {
  ctx.invites.onCreate(invite);
  const guildId = invite.guild?.id;
  if (!guildId || !ctx.enabled.INVITE_CREATE) return;
  const inviter = invite.inviter ?? null;
  const maxAge = invite.maxAge ?? 0;
  const createdAt = invite.createdAt ?? new Date(ctx.now());
  ctx.emit(
    botEvent(
      'INVITE_CREATE',
      guildId,
      {
        code: invite.code,
        channelId: invite.channelId ?? '',
        inviterId: inviter?.id ?? invite.inviterId ?? null,
        inviterUsername: inviter?.username ?? null,
        maxUses: invite.maxUses ?? 0,
        maxAge,
        temporary: invite.temporary ?? false,
        createdAt: createdAt.toISOString(),
        expiresAt: maxAge > 0 ? new Date(createdAt.getTime() + maxAge * 1000).toISOString() : undefined,
      },
      ctx.now(),
      defined({ userId: inviter?.id, channelId: invite.channelId ?? undefined }),
    ),
  );
}
