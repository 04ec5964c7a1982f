import {
  type APIAuditLogEntry,
  AuditLogEvent,
  ChannelType,
  GatewayDispatchEvents,
  type GatewayMessageCreateDispatchData,
  type GatewayMessageDeleteBulkDispatchData,
  type GatewayMessageDeleteDispatchData,
} from 'discord-api-types/v10';
import { apiErrors, DiscordApiError } from '../core/api-error.js';
import { snowflakeTimestamp } from '../core/snowflake.js';
import { toApiMember, toApiMessage } from '../world/serialize.js';
import type { World } from '../world/world.js';
import type { SimGuild, SimMember, SimMessage } from '../world/world.types.js';
import { type ActionContext, type AuditTiming, emitWithAudit } from './action-context.js';

export interface SendMessageInput {
  authorId: string;
  content: string;
  mentionIds?: string[];
}

/** MESSAGE_CREATE (GUILD_MESSAGES; content emptied for clients without MESSAGE_CONTENT). */
export function sendMessage(ctx: ActionContext, channelId: string, input: SendMessageInput): SimMessage {
  const { guild, channel } = ctx.world.channel(channelId);
  if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildVoice) {
    throw new DiscordApiError(400, 50008, 'Cannot send messages in a non-text channel');
  }
  const member = ctx.world.member(guild, input.authorId);
  if (member.communicationDisabledUntil && Date.parse(member.communicationDisabledUntil) > ctx.clock.now()) {
    throw apiErrors.missingPermissions();
  }
  const message: SimMessage = {
    id: ctx.ids.next(),
    guildId: guild.id,
    channelId,
    authorId: input.authorId,
    content: input.content,
    createdAt: ctx.clock.now(),
    mentionIds: input.mentionIds ?? NO_MENTIONS,
    reactions: null,
  };
  ctx.world.storeMessage(message);
  ctx.truth.message(guild.id, channelId, input.authorId, message.createdAt);
  channel.last_message_id = message.id;
  dispatchMessageCreate(ctx, guild, member, message);
  return message;
}

/** Shared by every message without mentions (never mutated). */
const NO_MENTIONS: string[] = Object.freeze([]) as unknown as string[];

/**
 * MESSAGE_CREATE is most of the traffic: its JSON is concatenated from pre-serialised user and member parts
 * (`world.json`), and only if a session receives it. It equals `JSON.stringify` of the object
 * `messageCreatePayload` builds (held together by message-create-json.unit.spec.ts).
 */
function dispatchMessageCreate(
  ctx: ActionContext,
  guild: SimGuild,
  member: SimMember,
  message: SimMessage,
): void {
  const { world } = ctx;
  // Discord keeps the content of the bot's own messages and of messages that mention it.
  const keepsContent =
    message.authorId === world.botUser.id ||
    (message.mentionIds.length > 0 && message.mentionIds.includes(world.botUser.id));
  ctx.gateway.dispatch(
    guild.id,
    GatewayDispatchEvents.MessageCreate,
    () => messageCreateJson(world, guild, member, message, false),
    keepsContent
      ? undefined
      : { withoutContentJson: () => messageCreateJson(world, guild, member, message, true) },
  );
}

/** The MESSAGE_CREATE payload as an object (the reference the hand-built JSON must equal). */
export function messageCreatePayload(
  world: World,
  guild: SimGuild,
  message: SimMessage,
): GatewayMessageCreateDispatchData {
  const { user: _user, ...member } = toApiMember(world, world.member(guild, message.authorId));
  const api = toApiMessage(world, message);
  return {
    ...api,
    guild_id: guild.id,
    member,
    mentions: message.mentionIds.flatMap((id) => {
      const user = world.users.get(id);
      const m = guild.members.get(id);
      if (!user) return [];
      if (!m) return [user];
      const { user: _u, ...mm } = toApiMember(world, m);
      return [{ ...user, member: mm }];
    }),
  };
}

/** `JSON.stringify(messageCreatePayload(...))`, or of its content-less variant, by concatenation. */
export function messageCreateJson(
  world: World,
  guild: SimGuild,
  member: SimMember,
  message: SimMessage,
  withoutContent: boolean,
): string {
  const json = world.json;
  let mentions = '[]';
  if (message.mentionIds.length > 0) {
    const parts: string[] = [];
    for (const id of message.mentionIds) {
      const user = world.users.get(id);
      if (!user) continue;
      const m = guild.members.get(id);
      const u = json.user(user);
      parts.push(m ? `${u.slice(0, -1)},"member":${json.memberWithoutUser(m)}}` : u);
    }
    mentions = `[${parts.join(',')}]`;
  }
  // Snowflakes are digits only: quoting them is their JSON.
  return (
    `{"id":"${message.id}","channel_id":"${message.channelId}","author":${json.user(world.user(message.authorId))},` +
    `"content":${withoutContent ? '""' : JSON.stringify(message.content)},` +
    `"timestamp":"${json.iso(message.createdAt)}","edited_timestamp":null,"tts":false,"mention_everyone":false,` +
    `"mentions":${mentions},"mention_roles":[],"attachments":[],"embeds":[],"pinned":false,"type":0,` +
    `"guild_id":"${guild.id}","member":${json.memberWithoutUser(member)}${withoutContent ? ',"components":[]}' : '}'}`
  );
}

export interface DeleteMessageInput {
  /** Who deleted it; omitted or the author = self-delete. */
  by?: string;
  reason?: string | null;
  audit?: AuditTiming;
}

export interface DeleteMessageResult {
  /** The MESSAGE_DELETE audit entry this delete created or incremented; none for self and bot deletes. */
  auditEntry: APIAuditLogEntry | null;
  /** True when an existing entry's count was incremented (Discord sends no new audit event then). */
  merged: boolean;
}

/**
 * MESSAGE_DELETE. A delete by another (human) member also writes audit entry 72, which names the author and
 * channel, never the message. A second delete of the same author's message in the same channel by the same
 * moderator within the merge window only increments that entry's `count` and sends no new audit event, as on
 * Discord. Self-deletes and single deletes by bots are not audited (Discord's rule).
 */
export function deleteMessage(
  ctx: ActionContext,
  channelId: string,
  messageId: string,
  input: DeleteMessageInput = {},
): DeleteMessageResult {
  const { guild } = ctx.world.channel(channelId);
  const message = ctx.world.message(channelId, messageId);
  ctx.world.removeMessage(channelId, messageId);
  const emit = () => {
    const data: GatewayMessageDeleteDispatchData = {
      id: messageId,
      channel_id: channelId,
      guild_id: guild.id,
    };
    ctx.gateway.dispatch(guild.id, GatewayDispatchEvents.MessageDelete, data);
  };
  const by = input.by;
  const fact = { channelId, messageId, authorId: message.authorId, reason: input.reason || null };
  if (by === undefined || by === message.authorId) {
    emit();
    ctx.truth.moderation(guild.id, {
      kind: 'selfDelete',
      ...fact,
      moderatorId: null,
      reason: null,
      audit: 'none',
      auditEntryId: null,
    });
    return { auditEntry: null, merged: false };
  }
  if (ctx.world.users.get(by)?.bot) {
    emit();
    ctx.truth.moderation(guild.id, {
      kind: 'messageDelete',
      ...fact,
      moderatorId: by,
      audit: 'none',
      auditEntryId: null,
    });
    return { auditEntry: null, merged: false };
  }
  const now = ctx.clock.now();
  const existing = [...guild.auditLog]
    .reverse()
    .find(
      (e) =>
        e.action_type === AuditLogEvent.MessageDelete &&
        e.user_id === by &&
        e.target_id === message.authorId &&
        e.options?.channel_id === channelId &&
        now - snowflakeTimestamp(e.id) <= ctx.settings.auditMergeWindowMs,
    );
  if (existing?.options) {
    existing.options.count = String(Number(existing.options.count ?? '1') + 1);
    emit();
    ctx.truth.moderation(guild.id, {
      kind: 'messageDelete',
      ...fact,
      moderatorId: by,
      audit: 'merged',
      auditEntryId: existing.id,
    });
    return { auditEntry: existing, merged: true };
  }
  const auditEntry = emitWithAudit(
    ctx,
    guild,
    {
      action_type: AuditLogEvent.MessageDelete,
      target_id: message.authorId,
      user_id: by,
      options: { channel_id: channelId, count: '1' },
      ...(input.reason ? { reason: input.reason } : {}),
    },
    emit,
    input.audit,
  );
  ctx.truth.moderation(guild.id, {
    kind: 'messageDelete',
    ...fact,
    moderatorId: by,
    audit: 'entry',
    auditEntryId: auditEntry.id,
  });
  return { auditEntry, merged: false };
}

/** MESSAGE_DELETE_BULK + audit entry 73 (MESSAGE_BULK_DELETE: target = channel, options.count). */
export function bulkDelete(
  ctx: ActionContext,
  channelId: string,
  messageIds: string[],
  input: { by: string; reason?: string | null; audit?: AuditTiming },
): APIAuditLogEntry {
  const { guild } = ctx.world.channel(channelId);
  if (messageIds.length < 2 || messageIds.length > 100) {
    throw apiErrors.invalidField('messages', 'BASE_TYPE_BAD_LENGTH', 'Must be between 2 and 100 in length.');
  }
  const twoWeeksAgo = ctx.clock.now() - 14 * 24 * 3600_000;
  for (const id of messageIds) {
    if (snowflakeTimestamp(id) < twoWeeksAgo) {
      throw new DiscordApiError(400, 50034, 'You can only bulk delete messages that are under 14 days old.');
    }
  }
  for (const id of messageIds) ctx.world.removeMessage(channelId, id);
  const auditEntry = emitWithAudit(
    ctx,
    guild,
    {
      action_type: AuditLogEvent.MessageBulkDelete,
      target_id: channelId,
      user_id: input.by,
      options: { count: String(messageIds.length) },
      ...(input.reason ? { reason: input.reason } : {}),
    },
    () => {
      const data: GatewayMessageDeleteBulkDispatchData = {
        ids: messageIds,
        channel_id: channelId,
        guild_id: guild.id,
      };
      ctx.gateway.dispatch(guild.id, GatewayDispatchEvents.MessageDeleteBulk, data);
    },
    input.audit,
  );
  ctx.truth.moderation(guild.id, {
    kind: 'bulkDelete',
    channelId,
    messageIds: [...messageIds],
    count: messageIds.length,
    moderatorId: input.by,
    reason: input.reason || null,
    audit: 'entry',
    auditEntryId: auditEntry.id,
  });
  return auditEntry;
}
