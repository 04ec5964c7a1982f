import {
  type AuditLogAction,
  type AuditLogEntryEventData,
  MAX_AUDIT_CHANGES,
  MAX_AUDIT_KEY_LENGTH,
  MAX_AUDIT_VALUE_ITEMS,
  MAX_AUDIT_VALUE_LENGTH,
  MAX_NAME_LENGTH,
} from '@guildscope/contracts';
import { AuditLogEvent, type Guild, type GuildAuditLogsEntry } from 'discord.js';
import type { BotContext } from '../bot-context.js';
import { botEvent, defined } from '../bot-event.builder.js';
import { auditEntryInfo } from './audit-entry.js';

const ACTION_NAMES: Partial<Record<AuditLogEvent, AuditLogAction>> = {
  [AuditLogEvent.MemberKick]: 'MEMBER_KICK',
  [AuditLogEvent.MemberPrune]: 'MEMBER_PRUNE',
  [AuditLogEvent.MemberBanAdd]: 'MEMBER_BAN_ADD',
  [AuditLogEvent.MemberBanRemove]: 'MEMBER_BAN_REMOVE',
  [AuditLogEvent.MemberRoleUpdate]: 'MEMBER_ROLE_UPDATE',
  [AuditLogEvent.MessageDelete]: 'MESSAGE_DELETE',
  [AuditLogEvent.MessageBulkDelete]: 'MESSAGE_BULK_DELETE',
  [AuditLogEvent.ChannelCreate]: 'CHANNEL_CREATE',
  [AuditLogEvent.ChannelUpdate]: 'CHANNEL_UPDATE',
  [AuditLogEvent.ChannelDelete]: 'CHANNEL_DELETE',
  [AuditLogEvent.RoleCreate]: 'ROLE_CREATE',
  [AuditLogEvent.RoleUpdate]: 'ROLE_UPDATE',
  [AuditLogEvent.RoleDelete]: 'ROLE_DELETE',
  [AuditLogEvent.InviteCreate]: 'INVITE_CREATE',
  [AuditLogEvent.InviteDelete]: 'INVITE_DELETE',
  [AuditLogEvent.GuildUpdate]: 'GUILD_UPDATE',
  [AuditLogEvent.AutoModerationBlockMessage]: 'AUTO_MODERATION_BLOCK_MESSAGE',
  [AuditLogEvent.AutoModerationFlagToChannel]: 'AUTO_MODERATION_FLAG_TO_CHANNEL',
  [AuditLogEvent.AutoModerationUserCommunicationDisabled]: 'AUTO_MODERATION_USER_COMMUNICATION_DISABLED',
};

const TARGET_TYPES: Record<string, NonNullable<AuditLogEntryEventData['targetType']>> = {
  User: 'user',
  Channel: 'channel',
  Role: 'role',
  Guild: 'guild',
  Invite: 'invite',
  Message: 'message',
  Webhook: 'webhook',
  Emoji: 'emoji',
  AutoModerationRule: 'automod_rule',
};

/** Names MEMBER_UPDATE entries that set or clear a timeout as timeouts (what moderators care about). */
function actionName(entry: GuildAuditLogsEntry): AuditLogAction {
  if (entry.action === AuditLogEvent.MemberUpdate) {
    const timeout = entry.changes.find((c) => c.key === 'communication_disabled_until');
    if (timeout) return timeout.new ? 'MEMBER_TIMEOUT_ADD' : 'MEMBER_TIMEOUT_REMOVE';
    return 'MEMBER_UPDATE';
  }
  return ACTION_NAMES[entry.action] ?? 'OTHER';
}

type AuditChange = NonNullable<AuditLogEntryEventData['changes']>[number];
type AuditChangeValue = Exclude<AuditChange['oldValue'], undefined>;
type Scalar = string | number | boolean | null;

function isScalar(v: unknown): v is Scalar {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function scalar(v: Scalar): Scalar {
  return typeof v === 'string' ? v.slice(0, MAX_AUDIT_VALUE_LENGTH) : v;
}

/** Discord's change values as the contract stores them: scalars, flat objects, or lists of those. */
function changeValue(v: unknown): AuditChangeValue | undefined {
  if (v === undefined) return undefined;
  if (isScalar(v)) return scalar(v);
  if (Array.isArray(v))
    return v
      .slice(0, MAX_AUDIT_VALUE_ITEMS)
      .map((x) =>
        isScalar(x) ? scalar(x) : typeof x === 'object' ? flat(x as Record<string, unknown>) : String(x),
      );
  if (typeof v === 'object') return flat(v as Record<string, unknown>);
  return String(v);
}

/** Nested values become their JSON text: stored events stay two levels deep at most. */
function flat(o: Record<string, unknown>): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const [k, v] of Object.entries(o).slice(0, 50)) {
    out[k.slice(0, MAX_AUDIT_KEY_LENGTH)] = isScalar(v) ? v : (JSON.stringify(v) ?? String(v));
  }
  return out;
}

/**
 * GUILD_AUDIT_LOG_ENTRY_CREATE for every entry, and the race-free source of moderator attribution: the
 * entry is offered to the correlators of removals, bans, unbans and message deletes.
 */
export function onGuildAuditLogEntryCreate(ctx: BotContext, entry: GuildAuditLogsEntry, guild: Guild): void {
  const info = auditEntryInfo(guild.id, entry);
  switch (entry.action) {
    case AuditLogEvent.MemberKick:
      ctx.audit.removals.offer(info);
      break;
    case AuditLogEvent.MemberBanAdd:
      ctx.audit.removals.offer(info);
      ctx.audit.bans.offer(info);
      break;
    case AuditLogEvent.MemberBanRemove:
      ctx.audit.unbans.offer(info);
      break;
    case AuditLogEvent.MessageDelete:
      ctx.audit.messageDeletes.offer(info);
      break;
    case AuditLogEvent.MessageBulkDelete:
      ctx.audit.bulkDeletes.offer(info);
      break;
    default:
      break;
  }
  if (!ctx.enabled.GUILD_AUDIT_LOG_ENTRY_CREATE) return;
  const extra = entry.extra as Record<string, unknown> | null;
  const options =
    extra && typeof extra === 'object'
      ? defined({
          channelId: info.channelId ?? undefined,
          messageId: typeof extra.messageId === 'string' ? extra.messageId : undefined,
          count: info.count ?? undefined,
          deleteMemberDays: typeof extra.days === 'number' ? extra.days : undefined,
          membersRemoved: typeof extra.removed === 'number' ? extra.removed : undefined,
        })
      : undefined;
  const targetType = TARGET_TYPES[entry.targetType] ?? 'other';
  const target = entry.target as { username?: string; name?: string } | null;
  const changes = entry.changes.slice(0, MAX_AUDIT_CHANGES).map((c) =>
    defined({
      key: String(c.key).slice(0, MAX_AUDIT_KEY_LENGTH),
      oldValue: changeValue(c.old),
      newValue: changeValue(c.new),
    }),
  );
  ctx.emit(
    botEvent(
      'GUILD_AUDIT_LOG_ENTRY_CREATE',
      guild.id,
      {
        entryId: entry.id,
        action: actionName(entry),
        actionType: entry.action,
        executorId: entry.executorId ?? null,
        executorUsername: entry.executor?.username ?? null,
        targetId: entry.targetId ?? undefined,
        targetUsername: (target?.username ?? target?.name)?.slice(0, MAX_NAME_LENGTH) || undefined,
        targetType,
        changes: changes.length ? changes : undefined,
        options: options && Object.keys(options).length ? options : undefined,
        reason: entry.reason || undefined,
      },
      ctx.now(),
      defined({ userId: targetType === 'user' ? (entry.targetId ?? undefined) : undefined }),
    ),
  );
}
