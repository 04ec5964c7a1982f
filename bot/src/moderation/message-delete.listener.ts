import { MAX_CONTENT_LENGTH } from '@guildscope/contracts';
import { AuditLogEvent, type Message, type PartialMessage } from 'discord.js';
import type { BotContext } from '../bot-context.js';
import { botEvent, defined } from '../bot-event.builder.js';
import { type AuditEntryInfo, fetchAuditEntry } from './audit-entry.js';

/** Discord folds repeated deletes of one author's messages in one channel into one entry for ~5 min. */
const AUDIT_GROUP_WINDOW_MS = 5 * 60_000;

/**
 * MESSAGE_DELETE with who deleted it. `certain`: deleted by this bot (automod), or a MESSAGE_DELETE audit
 * entry for this author and channel arrived within the hold; `likely`: no new entry, but the fetched
 * audit log has a recent entry for this author and channel (Discord bumps its count instead of creating
 * one); `unknown`: no evidence (which includes the author deleting their own message).
 */
export async function onMessageDelete(ctx: BotContext, message: Message | PartialMessage): Promise<void> {
  const guild = message.guild;
  if (!guild) return;
  const at = ctx.now();
  // discord.js keeps no messages (see RecentMessages): the author and content come from our own record.
  const recent = ctx.recentMessages.take(message.channelId, message.id);
  const author = message.author ?? (recent ? { id: recent.authorId, username: recent.authorUsername } : null);
  let deletedBy: { userId: string; username: string; certainty: 'certain' | 'likely' } | undefined;

  const botDeleted = ctx.deletedByBot.get(message.id);
  const me = ctx.client.user;
  if (botDeleted !== undefined && me) {
    ctx.deletedByBot.delete(message.id);
    deletedBy = { userId: me.id, username: me.username, certainty: 'certain' };
  } else if (author) {
    const match = (e: AuditEntryInfo) =>
      e.guildId === guild.id && e.targetId === author.id && e.channelId === message.channelId;
    const entry = await ctx.audit.messageDeletes.wait(match, ctx.correlation.holdMs);
    if (entry?.executorId && entry.executorUsername) {
      deletedBy = { userId: entry.executorId, username: entry.executorUsername, certainty: 'certain' };
    } else {
      const recent = await fetchAuditEntry(
        guild,
        AuditLogEvent.MessageDelete,
        match,
        at - AUDIT_GROUP_WINDOW_MS,
      );
      if (recent?.executorId && recent.executorUsername) {
        deletedBy = { userId: recent.executorId, username: recent.executorUsername, certainty: 'likely' };
      }
    }
  }
  const attachmentCount = recent?.attachmentCount ?? message.attachments?.size ?? 0;
  const content = typeof message.content === 'string' ? message.content : recent?.content;
  ctx.emit(
    botEvent(
      'MESSAGE_DELETE',
      guild.id,
      {
        messageId: message.id,
        channelId: message.channelId,
        authorId: author?.id ?? null,
        authorUsername: author?.username ?? null,
        content: content?.slice(0, MAX_CONTENT_LENGTH),
        hasAttachments: attachmentCount > 0,
        attachmentCount,
        deletedBy,
        deletedByCertainty: deletedBy?.certainty ?? 'unknown',
      },
      at,
      defined({ userId: author?.id, channelId: message.channelId, messageId: message.id }),
    ),
  );
}
