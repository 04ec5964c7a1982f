import type { Invite } from 'discord.js';
import type { BotContext } from '../bot-context.js';
import { botEvent } from '../bot-event.builder.js';

/** INVITE_DELETE with the inviter and last uses the cache knew. */
export function onInviteDelete(ctx: BotContext, invite: Invite): void {
  const known = ctx.invites.onDelete(invite);
  const guildId = invite.guild?.id;
  if (!guildId || !ctx.enabled.INVITE_DELETE || !invite.channelId) return;
  ctx.emit(
    botEvent(
      'INVITE_DELETE',
      guildId,
      {
        code: invite.code,
        channelId: invite.channelId,
        inviterId: known ? known.inviterId : undefined,
        uses: known?.uses,
      },
      ctx.now(),
      { channelId: invite.channelId },
    ),
  );
}
