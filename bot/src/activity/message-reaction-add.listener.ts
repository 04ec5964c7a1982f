import type { MessageReaction, PartialMessageReaction, PartialUser, User } from 'discord.js';
import type { BotContext } from '../bot-context.js';

/** Counts a reaction per emoji and per member (partials: uncached messages still count). */
export function onMessageReactionAdd(
  ctx: BotContext,
  reaction: MessageReaction | PartialMessageReaction,
  user: User | PartialUser,
): void {
  const guildId = reaction.message.guildId;
  if (!guildId || user.bot) return;
  ctx.collector.recordReaction(
    {
      guildId,
      channelId: reaction.message.channelId,
      userId: user.id,
      messageAuthorId: reaction.message.author?.id ?? null,
      emojiId: reaction.emoji.id,
      emojiName: reaction.emoji.name,
    },
    ctx.now(),
  );
}
