import type { Invite } from 'discord.js';
import { type BotContext, defined, makeEvent } from '../bot-context.js';

/** INVITE_DELETE with the inviter and last uses the cache knew. */
export function onInviteDelete(ctx: BotContext, invite: Invite): void {
  const known = ctx.invites.onDelete(invite);
  const guildId = invite.guild?.id;
  if (!guildId || !ctx.enabled.INVITE_DELETE || !invite.channelId) return;
  ctx.emit(
    makeEvent(
      'INVITE_DELETE',
      guildId,
      defined({
        code: invite.code,
        channelId: invite.channelId,
        inviterId: known ? known.inviterId : undefined,
        uses: known?.uses,
      }),
      ctx.now(),
      { channelId: invite.channelId },
    ),
  );
}
