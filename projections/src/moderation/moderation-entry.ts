import type {
  BanEventData,
  BotEventOf,
  DeletionCertainty,
  ModerationLogAction,
  UnbanEventData,
} from '@guildscope/contracts';
import { assertNever } from '@guildscope/contracts';
import { eventPointer, type GuildEvent } from '../shared/guild-event.js';

/**
 * What a row can be matched with (same guild, same target user — none for bulk deletes — within the
 * window): a removal with its MEMBER_KICK entry, a ban/unban with its audit entry, a message deletion
 * with its MESSAGE_DELETE entry in that channel, a bulk deletion with its MESSAGE_BULK_DELETE entry, a
 * Discord AutoMod action with its AUTO_MODERATION_* entry of the same kind.
 */
export type MatchKey =
  | 'member_remove'
  | 'ban'
  | 'unban'
  | `message_delete:${string}`
  | `message_bulk_delete:${string}`
  | `automod:${string}`;

/** A moderation_log row as the projection builds it (snake_case = column names). */
export interface ModerationLogRow {
  entry_id: string;
  guild_id: string;
  action: ModerationLogAction;
  occurred_at: string;
  target_user_id: string | null;
  target_username: string | null;
  moderator_id: string | null;
  moderator_username: string | null;
  reason: string | null;
  channel_id: string | null;
  message_id: string | null;
  message_count: number | null;
  deleted_by_certainty: DeletionCertainty | null;
  audit_log_action: string | null;
  audit_log_entry_id: string | null;
  details: Record<string, unknown>;
  match_key: MatchKey | null;
  source: 'gateway' | 'audit_log';
  stream_id: string;
  revision: number;
  event_id: string;
  position: string;
  event_type: string;
  matched_event_id: string | null;
  matched_stream_id: string | null;
  matched_revision: number | null;
  matched_position: string | null;
  /** Entry id of the row this one duplicates (a removal of a member banned within the window). */
  superseded_by: string | null;
}

export const MODERATION_EVENT_TYPES = [
  'GUILD_BAN_ADD',
  'GUILD_BAN_REMOVE',
  'GUILD_MEMBER_REMOVE',
  'MESSAGE_DELETE',
  'MESSAGE_DELETE_BULK',
  'GUILD_AUDIT_LOG_ENTRY_CREATE',
  'AUTO_MODERATION_ACTION_EXECUTION',
  'BOT_AUTOMOD_ACTION',
] as const;
type ModerationEventType = (typeof MODERATION_EVENT_TYPES)[number];
type ModerationEvent = BotEventOf<ModerationEventType>;

function baseRow(e: GuildEvent, source: ModerationLogRow['source']): Omit<ModerationLogRow, 'action'> {
  const p = eventPointer(e);
  return {
    entry_id: p.event_id,
    guild_id: e.dto.guildId,
    occurred_at: new Date(e.dto.timestamp).toISOString(),
    target_user_id: null,
    target_username: null,
    moderator_id: null,
    moderator_username: null,
    reason: null,
    channel_id: null,
    message_id: null,
    message_count: null,
    deleted_by_certainty: null,
    audit_log_action: null,
    audit_log_entry_id: null,
    details: {},
    match_key: null,
    source,
    ...p,
    event_type: e.dto.type,
    matched_event_id: null,
    matched_stream_id: null,
    matched_revision: null,
    matched_position: null,
    superseded_by: null,
  };
}

/** Audit-log actions whose counterpart is the gateway row of the same kind, and what the pair becomes. */
const AUDIT_MATCHES: Partial<Record<string, { key: MatchKey; action: ModerationLogAction }>> = {
  MEMBER_KICK: { key: 'member_remove', action: 'kick' },
  MEMBER_BAN_ADD: { key: 'ban', action: 'ban' },
  MEMBER_BAN_REMOVE: { key: 'unban', action: 'unban' },
};

/** Discord AutoMod audit actions and the AUTO_MODERATION_ACTION_EXECUTION action type they log. */
const AUTOMOD_AUDIT: Partial<Record<string, string>> = {
  AUTO_MODERATION_BLOCK_MESSAGE: 'block_message',
  AUTO_MODERATION_FLAG_TO_CHANNEL: 'send_alert_message',
  AUTO_MODERATION_USER_COMMUNICATION_DISABLED: 'timeout',
};

/**
 * The counterpart of an audit entry that only enriches a gateway row (the entry alone stays what it is:
 * an 'audit_log' row, or a timeout for an AutoMod timeout), and the action of the pair.
 */
function auditEnrichment(
  action: string,
  channelId: string | null,
): { key: MatchKey; action: ModerationLogAction } | undefined {
  if (action === 'MESSAGE_DELETE' && channelId)
    return { key: `message_delete:${channelId}`, action: 'message_delete' };
  if (action === 'MESSAGE_BULK_DELETE' && channelId)
    return { key: `message_bulk_delete:${channelId}`, action: 'message_bulk_delete' };
  const automod = AUTOMOD_AUDIT[action];
  if (automod) return { key: `automod:${automod}`, action: 'automod_discord' };
  return undefined;
}

/** The action a pair takes: the audit entry's for kicks and bans, the gateway row's kind otherwise. */
export function pairAction(audit: ModerationLogRow): ModerationLogAction {
  const action = audit.audit_log_action ?? '';
  return AUDIT_MATCHES[action]?.action ?? auditEnrichment(action, audit.channel_id)?.action ?? audit.action;
}

/** A ban's or an unban's row: both events carry the target and, when known, the moderator. */
function banRow(e: GuildEvent, action: 'ban' | 'unban', d: BanEventData | UnbanEventData): ModerationLogRow {
  return {
    ...baseRow(e, 'gateway'),
    action,
    match_key: action,
    target_user_id: d.targetUserId,
    target_username: d.targetUsername,
    moderator_id: d.moderatorId,
    moderator_username: d.moderatorUsername ?? null,
    reason: d.reason ?? null,
  };
}

/** The row an event produces on its own (before matching). */
export function rowFor(e: GuildEvent): ModerationLogRow {
  const dto = e.dto as ModerationEvent;
  switch (dto.type) {
    case 'GUILD_BAN_ADD':
      return banRow(e, 'ban', dto.data);
    case 'GUILD_BAN_REMOVE':
      return banRow(e, 'unban', dto.data);
    case 'GUILD_MEMBER_REMOVE': {
      const d = dto.data;
      return {
        ...baseRow(e, 'gateway'),
        action: d.wasKicked ? 'kick' : 'leave',
        match_key: 'member_remove',
        target_user_id: d.userId,
        target_username: d.username,
        moderator_id: d.moderatorId ?? null,
        moderator_username: d.moderatorUsername ?? null,
        reason: d.reason ?? null,
        details: { roles: d.roles, joinedAt: d.joinedAt },
      };
    }
    case 'MESSAGE_DELETE': {
      const d = dto.data;
      return {
        ...baseRow(e, 'gateway'),
        action: 'message_delete',
        // Without the author (not cached) its audit entry cannot be told apart from another's.
        match_key: d.authorId ? `message_delete:${d.channelId}` : null,
        target_user_id: d.authorId,
        target_username: d.authorUsername,
        moderator_id: d.deletedBy?.userId ?? null,
        moderator_username: d.deletedBy?.username ?? null,
        deleted_by_certainty: d.deletedByCertainty,
        channel_id: d.channelId,
        message_id: d.messageId,
        message_count: 1,
        details: {
          hasAttachments: d.hasAttachments,
          attachmentCount: d.attachmentCount,
          ...(d.content === undefined ? {} : { content: d.content }),
        },
      };
    }
    case 'MESSAGE_DELETE_BULK': {
      const d = dto.data;
      return {
        ...baseRow(e, 'gateway'),
        action: 'message_bulk_delete',
        match_key: `message_bulk_delete:${d.channelId}`,
        moderator_id: d.moderatorId ?? null,
        moderator_username: d.moderatorUsername ?? null,
        channel_id: d.channelId,
        message_count: d.count,
        details: { messageIds: d.messageIds },
      };
    }
    case 'GUILD_AUDIT_LOG_ENTRY_CREATE':
      return auditRow(e, dto.data);
    case 'AUTO_MODERATION_ACTION_EXECUTION': {
      const d = dto.data;
      return {
        ...baseRow(e, 'gateway'),
        action: 'automod_discord',
        match_key: `automod:${d.action.type}`,
        target_user_id: d.userId,
        target_username: d.username ?? null,
        channel_id: d.channelId ?? null,
        message_id: d.messageId ?? null,
        details: {
          ruleId: d.ruleId,
          ruleName: d.ruleName,
          ruleTriggerType: d.ruleTriggerType,
          action: d.action,
          matchedKeyword: d.matchedKeyword,
          matchedContent: d.matchedContent,
        },
      };
    }
    case 'BOT_AUTOMOD_ACTION': {
      const d = dto.data;
      return {
        ...baseRow(e, 'gateway'),
        action: 'automod_bot',
        target_user_id: d.userId,
        target_username: d.username,
        reason: d.reason,
        channel_id: d.channelId,
        message_id: d.messageId ?? null,
        details: {
          ruleId: d.ruleId,
          ruleType: d.ruleType,
          actions: d.actions,
          ...(d.failedActions ? { failedActions: d.failedActions } : {}),
          ...(d.timeoutSeconds === undefined ? {} : { timeoutSeconds: d.timeoutSeconds }),
          ...(d.matched === undefined ? {} : { matched: d.matched }),
        },
      };
    }
    default:
      return assertNever(dto, 'moderation event type');
  }
}

/**
 * An audit-log entry's row: the action it stands for (a kick, a ban, a timeout...) or 'audit_log', and
 * the key of the gateway row it describes, if any.
 */
function auditRow(e: GuildEvent, d: BotEventOf<'GUILD_AUDIT_LOG_ENTRY_CREATE'>['data']): ModerationLogRow {
  const row: ModerationLogRow = {
    ...baseRow(e, 'audit_log'),
    action: 'audit_log',
    // Discord's target_id depends on the action, whatever type discord.js labels it with ('message'
    // for both deletions): a MESSAGE_DELETE entry targets the message's author, a MESSAGE_BULK_DELETE
    // entry the channel.
    target_user_id:
      d.targetType === undefined || d.targetType === 'user' || d.action === 'MESSAGE_DELETE'
        ? (d.targetId ?? null)
        : null,
    target_username: d.targetUsername ?? null,
    moderator_id: d.executorId,
    moderator_username: d.executorUsername,
    reason: d.reason ?? null,
    // A bulk deletion's entry targets the channel.
    channel_id:
      d.options?.channelId ??
      (d.targetType === 'channel' || d.action === 'MESSAGE_BULK_DELETE' ? (d.targetId ?? null) : null),
    message_id: d.options?.messageId ?? null,
    message_count: d.options?.count ?? null,
    audit_log_action: d.action,
    audit_log_entry_id: d.entryId,
    details: {
      actionType: d.actionType,
      ...(d.targetType ? { targetType: d.targetType, targetId: d.targetId } : {}),
      ...(d.changes ? { changes: d.changes } : {}),
      ...(d.options ? { options: d.options } : {}),
    },
  };
  const match = AUDIT_MATCHES[d.action];
  if (match) return { ...row, action: match.action, match_key: match.key };
  const enrichment = auditEnrichment(d.action, row.channel_id);
  if (enrichment) row.match_key = enrichment.key;
  if (d.action === 'AUTO_MODERATION_USER_COMMUNICATION_DISABLED') return { ...row, action: 'timeout_add' };
  if (d.action === 'MEMBER_TIMEOUT_ADD') return { ...row, action: 'timeout_add' };
  if (d.action === 'MEMBER_TIMEOUT_REMOVE') return { ...row, action: 'timeout_remove' };
  if (d.action === 'MEMBER_UPDATE') {
    // Discord logs a timeout as a member update of communication_disabled_until.
    const change = d.changes?.find((c) => c.key === 'communication_disabled_until');
    if (change) return { ...row, action: change.newValue ? 'timeout_add' : 'timeout_remove' };
  }
  return row;
}
