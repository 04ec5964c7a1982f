import {
  GatewayDispatchEvents,
  type GatewayMessageReactionAddDispatchData,
  type GatewayMessageReactionRemoveAllDispatchData,
  type GatewayMessageReactionRemoveDispatchData,
  type GatewayMessageReactionRemoveEmojiDispatchData,
  ReactionType,
} from 'discord-api-types/v10';
import { apiErrors } from '../core/api-error.js';
import { emojiKey, toApiMember } from '../world/serialize.js';
import type { SimEmoji, SimReaction } from '../world/world.types.js';
import type { ActionContext } from './action-context.js';

const partialEmoji = (e: SimEmoji) => ({ id: e.id, name: e.name, ...(e.animated ? { animated: true } : {}) });

/** One user's reaction with one emoji on one message: what adding or removing it takes. */
type OneReaction = [
  ctx: ActionContext,
  channelId: string,
  messageId: string,
  userId: string,
  emoji: SimEmoji,
];

/** The message reacted to, its guild, and the ids every reaction payload carries (in Discord's order). */
function reactedMessage(ctx: ActionContext, channelId: string, messageId: string) {
  const { guild } = ctx.world.channel(channelId);
  const message = ctx.world.message(channelId, messageId);
  return { guild, message, ids: { channel_id: channelId, message_id: messageId, guild_id: guild.id } };
}

/** MESSAGE_REACTION_ADD (GUILD_MESSAGE_REACTIONS). Returns false when the user had already reacted. */
export function addReaction(...[ctx, channelId, messageId, userId, emoji]: OneReaction): boolean {
  const { guild, message } = reactedMessage(ctx, channelId, messageId);
  const member = ctx.world.member(guild, userId);
  const key = emojiKey(emoji);
  message.reactions ??= new Map();
  let reaction = message.reactions.get(key);
  if (!reaction) {
    reaction = { emoji, userIds: new Set() };
    message.reactions.set(key, reaction);
  }
  if (reaction.userIds.has(userId)) return false;
  reaction.userIds.add(userId);
  ctx.truth.reactionAdded(guild.id, channelId, userId, emoji);
  const { world } = ctx;
  // Reactions are the second most frequent event: concatenated from pre-serialised parts, and only if a
  // session receives it (equal to JSON.stringify(reactionAddPayload(...)), see the payload-json unit test).
  ctx.gateway.dispatch(guild.id, GatewayDispatchEvents.MessageReactionAdd, () => {
    const e = emoji.animated
      ? `{"id":${JSON.stringify(emoji.id)},"name":${JSON.stringify(emoji.name)},"animated":true}`
      : `{"id":${JSON.stringify(emoji.id)},"name":${JSON.stringify(emoji.name)}}`;
    return (
      `{"user_id":"${userId}","channel_id":"${channelId}","message_id":"${messageId}","guild_id":"${guild.id}",` +
      `"member":${world.json.member(world.user(userId), member)},"emoji":${e},` +
      `"message_author_id":"${message.authorId}","burst":false,"burst_colors":[],"type":${ReactionType.Normal}}`
    );
  });
  return true;
}

/** The MESSAGE_REACTION_ADD payload as an object (the reference for the concatenated JSON). */
export function reactionAddPayload(
  ...[ctx, channelId, messageId, userId, emoji]: OneReaction
): GatewayMessageReactionAddDispatchData {
  const { guild, message, ids } = reactedMessage(ctx, channelId, messageId);
  return {
    user_id: userId,
    ...ids,
    member: toApiMember(ctx.world, ctx.world.member(guild, userId)),
    emoji: partialEmoji(emoji),
    message_author_id: message.authorId,
    burst: false,
    burst_colors: [],
    type: ReactionType.Normal,
  };
}

/** MESSAGE_REACTION_REMOVE. Returns false when there was no such reaction. */
export function removeReaction(...[ctx, channelId, messageId, userId, emoji]: OneReaction): boolean {
  const { guild, message, ids } = reactedMessage(ctx, channelId, messageId);
  const key = emojiKey(emoji);
  const reaction = message.reactions?.get(key);
  if (!reaction?.userIds.delete(userId)) return false;
  if (reaction.userIds.size === 0) message.reactions?.delete(key);
  ctx.truth.reactionRemoved(guild.id, channelId, userId, reaction.emoji);
  const data: GatewayMessageReactionRemoveDispatchData = {
    user_id: userId,
    ...ids,
    emoji: partialEmoji(emoji),
    burst: false,
    type: ReactionType.Normal,
  };
  ctx.gateway.dispatch(guild.id, GatewayDispatchEvents.MessageReactionRemove, data);
  return true;
}

/** Every user's reaction removed at once: one removal each in the ledger. */
function recordRemovals(ctx: ActionContext, guildId: string, channelId: string, reaction: SimReaction): void {
  for (const userId of reaction.userIds)
    ctx.truth.reactionRemoved(guildId, channelId, userId, reaction.emoji);
}

/** MESSAGE_REACTION_REMOVE_ALL. */
export function removeAllReactions(ctx: ActionContext, channelId: string, messageId: string): void {
  const { guild, message, ids } = reactedMessage(ctx, channelId, messageId);
  for (const reaction of message.reactions?.values() ?? [])
    recordRemovals(ctx, guild.id, channelId, reaction);
  message.reactions = null;
  const data: GatewayMessageReactionRemoveAllDispatchData = ids;
  ctx.gateway.dispatch(guild.id, GatewayDispatchEvents.MessageReactionRemoveAll, data);
}

/** MESSAGE_REACTION_REMOVE_EMOJI. */
export function removeEmojiReactions(
  ctx: ActionContext,
  channelId: string,
  messageId: string,
  emoji: SimEmoji,
): void {
  const { guild, message, ids } = reactedMessage(ctx, channelId, messageId);
  const reaction = message.reactions?.get(emojiKey(emoji));
  if (!reaction) throw apiErrors.unknownEmoji();
  message.reactions?.delete(emojiKey(emoji));
  recordRemovals(ctx, guild.id, channelId, reaction);
  const data: GatewayMessageReactionRemoveEmojiDispatchData = { ...ids, emoji: partialEmoji(emoji) };
  ctx.gateway.dispatch(guild.id, GatewayDispatchEvents.MessageReactionRemoveEmoji, data);
}
