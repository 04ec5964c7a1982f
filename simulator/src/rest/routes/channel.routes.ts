import { PermissionFlagsBits } from 'discord-api-types/v10';
import { createInvite, deleteInvite } from '../../actions/invite.actions.js';
import { bulkDelete, deleteMessage, sendMessage } from '../../actions/message.actions.js';
import { addReaction, removeReaction } from '../../actions/reaction.actions.js';
import { apiErrors } from '../../core/api-error.js';
import { toApiInvite, toApiMessage } from '../../world/serialize.js';
import type { SimEmoji } from '../../world/world.types.js';
import { noContent, ok, type RestRouter } from '../rest-router.js';
import { bodyObject, intParam, type RouteContext, requireBotPermission } from './route-context.js';

/** Channels, messages (the bot's posts are recorded in `world.posted`), reactions, invites. */
export function registerChannelRoutes(router: RestRouter, ctx: RouteContext): void {
  const { world } = ctx;
  const botId = world.botUser.id;
  const botChannel = (channelId: string) => {
    const found = world.channel(channelId);
    if (!found.guild.botPresent) throw apiErrors.unknownChannel();
    return found;
  };

  router.on('GET', '/channels/:channelId', (req) => ok(botChannel(req.params.channelId!).channel));

  router.on('GET', '/channels/:channelId/messages', (req) => {
    botChannel(req.params.channelId!);
    const limit = intParam(req.query.get('limit'), 50, 1, 100, 'limit');
    const messages = [...(world.messages.get(req.params.channelId!)?.values() ?? [])]
      .reverse()
      .slice(0, limit);
    return ok(messages.map((m) => toApiMessage(world, m)));
  });
  router.on('GET', '/channels/:channelId/messages/:messageId', (req) => {
    botChannel(req.params.channelId!);
    return ok(toApiMessage(world, world.message(req.params.channelId!, req.params.messageId!)));
  });
  router.on('POST', '/channels/:channelId/messages', (req) => {
    const { guild, channel } = botChannel(req.params.channelId!);
    requireBotPermission(ctx, guild, PermissionFlagsBits.SendMessages);
    const body = bodyObject(req.body);
    const content = typeof body.content === 'string' ? body.content : '';
    const embeds = Array.isArray(body.embeds) ? body.embeds : [];
    if (!content && embeds.length === 0) {
      throw apiErrors.invalidField('content', 'BASE_TYPE_REQUIRED', 'Cannot send an empty message');
    }
    if (content.length > 2000) {
      throw apiErrors.invalidField('content', 'BASE_TYPE_MAX_LENGTH', 'Must be 2000 or fewer in length.');
    }
    const mentionIds = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!);
    const message = sendMessage(ctx, channel.id, { authorId: botId, content, mentionIds });
    world.posted.push({
      id: message.id,
      guildId: guild.id,
      channelId: channel.id,
      authorId: botId,
      content,
      embeds,
      at: message.createdAt,
    });
    ctx.truth.botPosted(guild.id, message);
    return ok({ ...toApiMessage(world, message), embeds: embeds as never });
  });
  router.on('DELETE', '/channels/:channelId/messages/:messageId', (req) => {
    const { guild } = botChannel(req.params.channelId!);
    const message = world.message(req.params.channelId!, req.params.messageId!);
    if (message.authorId !== botId) requireBotPermission(ctx, guild, PermissionFlagsBits.ManageMessages);
    deleteMessage(ctx, message.channelId, message.id, { by: botId, reason: req.reason });
    ctx.truth.botEffect(guild.id, {
      kind: 'messageDelete',
      channelId: message.channelId,
      messageId: message.id,
      authorId: message.authorId,
      reason: req.reason || null,
    });
    return noContent();
  });
  router.on('POST', '/channels/:channelId/messages/bulk-delete', (req) => {
    const { guild } = botChannel(req.params.channelId!);
    requireBotPermission(ctx, guild, PermissionFlagsBits.ManageMessages);
    const body = bodyObject(req.body);
    if (!Array.isArray(body.messages)) {
      throw apiErrors.invalidField('messages', 'BASE_TYPE_REQUIRED', 'This field is required');
    }
    const messageIds = body.messages.map(String);
    bulkDelete(ctx, req.params.channelId!, messageIds, { by: botId, reason: req.reason });
    ctx.truth.botEffect(guild.id, {
      kind: 'bulkDelete',
      channelId: req.params.channelId!,
      messageIds,
      reason: req.reason || null,
    });
    return noContent();
  });

  const parseEmoji = (raw: string): SimEmoji => {
    const custom = /^(?:a:)?([^:]+):(\d+)$/.exec(raw);
    return custom ? { name: custom[1]!, id: custom[2]! } : { name: raw, id: null };
  };
  router.on('PUT', '/channels/:channelId/messages/:messageId/reactions/:emoji/@me', (req) => {
    botChannel(req.params.channelId!);
    addReaction(ctx, req.params.channelId!, req.params.messageId!, botId, parseEmoji(req.params.emoji!));
    return noContent();
  });
  router.on('DELETE', '/channels/:channelId/messages/:messageId/reactions/:emoji/@me', (req) => {
    botChannel(req.params.channelId!);
    removeReaction(ctx, req.params.channelId!, req.params.messageId!, botId, parseEmoji(req.params.emoji!));
    return noContent();
  });

  router.on('GET', '/channels/:channelId/invites', (req) => {
    const { guild } = botChannel(req.params.channelId!);
    requireBotPermission(ctx, guild, PermissionFlagsBits.ManageChannels);
    const invites = [...guild.invites.values()].filter((i) => i.channelId === req.params.channelId);
    return ok(invites.map((i) => toApiInvite(world, guild, i)));
  });
  router.on('POST', '/channels/:channelId/invites', (req) => {
    const { guild } = botChannel(req.params.channelId!);
    requireBotPermission(ctx, guild, PermissionFlagsBits.CreateInstantInvite);
    const body = bodyObject(req.body);
    const invite = createInvite(ctx, req.params.channelId!, {
      inviterId: botId,
      maxAge: body.max_age === undefined ? undefined : Number(body.max_age),
      maxUses: body.max_uses === undefined ? undefined : Number(body.max_uses),
      temporary: Boolean(body.temporary),
    });
    return ok(toApiInvite(world, guild, invite));
  });

  router.on('GET', '/invites/:code', (req) => {
    for (const guild of world.guilds.values()) {
      const invite = guild.invites.get(req.params.code!);
      if (invite) return ok(toApiInvite(world, guild, invite));
    }
    throw apiErrors.unknownInvite();
  });
  router.on('DELETE', '/invites/:code', (req) => {
    for (const guild of world.guilds.values()) {
      const invite = guild.invites.get(req.params.code!);
      if (!invite) continue;
      requireBotPermission(ctx, guild, PermissionFlagsBits.ManageChannels);
      const body = toApiInvite(world, guild, invite);
      deleteInvite(ctx, invite.code, { by: botId });
      return ok(body);
    }
    throw apiErrors.unknownInvite();
  });
}
