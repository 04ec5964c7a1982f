import { type AcceptedEventType, assertNever, isAcceptedEventType } from '@guildscope/contracts';

type Fields = Readonly<Record<string, unknown>>;

const asFields = (value: unknown): Fields =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : {};
const text = (f: Fields, key: string): string | undefined => {
  const v = f[key];
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
};
/** "name (id)", whichever is known. */
const who = (f: Fields, nameKey: string, idKey: string): string => {
  const name = text(f, nameKey);
  const id = text(f, idKey);
  if (name && id) return `${name} (${id})`;
  return name ?? id ?? 'unknown';
};
const reason = (f: Fields): string => (text(f, 'reason') ? `: ${text(f, 'reason')}` : '');
const by = (f: Fields, nameKey: string, idKey: string): string =>
  text(f, nameKey) || text(f, idKey) ? ` by ${who(f, nameKey, idKey)}` : '';
const isoOf = (ms: unknown): string =>
  typeof ms === 'number' && Number.isFinite(ms) ? new Date(ms).toISOString() : '?';

/**
 * A one-line, human summary of a stored event for the table format. Stored data is the bot event
 * (`{ id, type, guildId, ..., data }`); it is read defensively because old or foreign events may not
 * match today's contracts. Types without a summary show their payload as compact JSON.
 */
export function summarizeEvent(type: string, stored: unknown): string {
  const payload = asFields(asFields(stored).data);
  if (isAcceptedEventType(type)) return summarizeAccepted(type, payload);
  return JSON.stringify(stored) ?? '';
}

function summarizeAccepted(type: AcceptedEventType, d: Fields): string {
  switch (type) {
    case 'GUILD_BAN_ADD':
      return `banned ${who(d, 'targetUsername', 'targetUserId')}${by(d, 'moderatorUsername', 'moderatorId')}${reason(d)}`;
    case 'GUILD_BAN_REMOVE':
      return `unbanned ${who(d, 'targetUsername', 'targetUserId')}${by(d, 'moderatorUsername', 'moderatorId')}${reason(d)}`;
    case 'GUILD_MEMBER_REMOVE':
      return d.wasKicked === true
        ? `kicked ${who(d, 'username', 'userId')}${by(d, 'moderatorUsername', 'moderatorId')}${reason(d)}`
        : `${who(d, 'username', 'userId')} left`;
    case 'GUILD_MEMBER_ADD': {
      const invite = asFields(d.invite);
      const how = text(invite, 'code')
        ? ` via ${text(invite, 'code')}${by(invite, 'inviterUsername', 'inviterId')}`
        : ` (${text(invite, 'class') ?? 'unknown'} invite)`;
      return `${who(d, 'username', 'userId')} joined${how}`;
    }
    case 'MESSAGE_DELETE': {
      const deletedBy = asFields(d.deletedBy);
      const certainty = text(d, 'deletedByCertainty') ?? text(deletedBy, 'certainty') ?? 'unknown';
      return `message ${text(d, 'messageId') ?? '?'} of ${who(d, 'authorUsername', 'authorId')} in #${text(d, 'channelId') ?? '?'} deleted${by(deletedBy, 'username', 'userId')} (${certainty})`;
    }
    case 'MESSAGE_DELETE_BULK':
      return `${text(d, 'count') ?? '?'} messages deleted in #${text(d, 'channelId') ?? '?'}${by(d, 'moderatorUsername', 'moderatorId')}`;
    case 'GUILD_AUDIT_LOG_ENTRY_CREATE':
      return `${text(d, 'action') ?? 'audit log entry'}${by(d, 'executorUsername', 'executorId')} on ${who(d, 'targetUsername', 'targetId')}${reason(d)}`;
    case 'AUTO_MODERATION_ACTION_EXECUTION':
      return `AutoMod "${text(d, 'ruleName') ?? text(d, 'ruleId') ?? '?'}" ${text(asFields(d.action), 'type') ?? 'acted'} on ${who(d, 'username', 'userId')}`;
    case 'BOT_AUTOMOD_ACTION': {
      const actions = Array.isArray(d.actions) ? d.actions.join('+') : 'acted';
      return `automod ${text(d, 'ruleId') ?? '?'} ${actions} on ${who(d, 'username', 'userId')}${reason(d)}`;
    }
    case 'INVITE_CREATE':
      return `invite ${text(d, 'code') ?? '?'} created${by(d, 'inviterUsername', 'inviterId')} (max uses ${text(d, 'maxUses') ?? '?'}, max age ${text(d, 'maxAge') ?? '?'} s)`;
    case 'INVITE_DELETE':
      return `invite ${text(d, 'code') ?? '?'} deleted after ${text(d, 'uses') ?? '?'} uses`;
    case 'INVITE_USE':
      return `${who(d, 'newMemberUsername', 'newMemberId')} used ${text(d, 'code') ?? '?'} (${text(d, 'inviteClass') ?? '?'})${by(d, 'inviterUsername', 'inviterId')}`;
    case 'INVITE_SYNC': {
      const count = Array.isArray(d.invites) ? d.invites.length : '?';
      const vanity = text(asFields(d.vanity), 'code');
      return `invites synced: ${count}${d.complete === false ? ' (incomplete)' : ''}${vanity ? `, vanity ${vanity}` : ''}`;
    }
    case 'GUILD_SYNC': {
      const guild = asFields(d.guild);
      return `sync ${text(d, 'syncId') ?? '?'}: ${text(guild, 'name') ?? '?'}, ${text(guild, 'memberCount') ?? '?'} members`;
    }
    case 'GUILD_CREATE':
      return `bot added to ${text(d, 'name') ?? '?'} (${text(d, 'memberCount') ?? '?'} members)`;
    case 'GUILD_DELETE':
      return d.unavailable === true ? 'guild unavailable (Discord outage)' : 'bot removed from the guild';
    case 'GUILD_UPDATE':
      return `changed ${Object.keys(asFields(d.changes)).join(', ') || 'nothing'}`;
    case 'GUILD_MEMBERS_SYNC': {
      const count = Array.isArray(d.members) ? d.members.length : '?';
      const chunk = Number(text(d, 'chunkIndex') ?? Number.NaN) + 1;
      return `member list ${text(d, 'syncId') ?? '?'} part ${Number.isNaN(chunk) ? '?' : chunk} of ${text(d, 'chunkCount') ?? '?'}: ${count} members`;
    }
    case 'METRICS_SNAPSHOT': {
      const metrics = asFields(d.metrics);
      return `metrics ${isoOf(d.periodStart)} to ${isoOf(d.periodEnd)}: ${text(asFields(metrics.messages), 'total') ?? '?'} messages, ${text(asFields(metrics.voice), 'totalMinutes') ?? '?'} voice minutes, ${text(asFields(metrics.reactions), 'total') ?? '?'} reactions`;
    }
    case 'MEMBER_ACTIVITY_SNAPSHOT':
      return `member activity ${isoOf(d.periodStart)} to ${isoOf(d.periodEnd)}: ${Array.isArray(d.members) ? d.members.length : '?'} members`;
    default:
      return assertNever(type, 'event type');
  }
}
