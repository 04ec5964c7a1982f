import type { Message } from 'discord.js';
import type { BotContext } from '../bot-context.js';

/** Counts the message (bots' and webhooks' messages are not member activity), then runs automod. */
export function onMessageCreate(ctx: BotContext, message: Message): void {
  if (!message.inGuild()) return;
  if (message.author.bot || message.webhookId) return;
  ctx.collector.recordMessage(message.guildId, message.channelId, message.author.id, ctx.now());
  ctx.modules.onMessage(message);
}
