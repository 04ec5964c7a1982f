import { MAX_CONTENT_LENGTH } from '@guildscope/contracts';
import type { Message } from 'discord.js';
import type { BotContext } from '../bot-context.js';

/**
 * Remembers the message for a later delete, counts it (bots' and webhooks' messages are not member
 * activity), then runs automod.
 */
export function onMessageCreate(ctx: BotContext, message: Message): void {
  if (!message.inGuild()) return;
  ctx.recentMessages.add(message.channelId, {
    id: message.id,
    authorId: message.author.id,
    authorUsername: message.author.username,
    content: message.content.slice(0, MAX_CONTENT_LENGTH),
    attachmentCount: message.attachments.size,
  });
  if (message.author.bot || message.webhookId) return;
  ctx.collector.recordMessage(message.guildId, message.channelId, message.author.id, ctx.now());
  ctx.modules.onMessage(message);
}
