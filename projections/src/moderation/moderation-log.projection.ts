import type { BotEventOf } from '@guildscope/contracts';
import { assertNever } from '@guildscope/contracts';
import { type ReadDb, type Statement, sendLast } from '../read-db/read-db.port.js';
import { notification, type ProjectionNotification } from '../runner/notifications.js';
import type { Projection } from '../runner/projection.js';
import { eventPointer, type GuildEvent, guildEvent } from '../shared/guild-event.js';
import { arrayArgument, type ColumnTypes, insertNew, unnestSelect } from '../shared/unnest-rows.js';

/** A member removal and its audit-log kick entry (and the like) describe one fact when this close in time. */
export const MATCH_WINDOW_MS = 10_000;

export type ModerationAction =
  | 'ban'
  | 'unban'
  | 'kick'
  | 'leave'
  | 'timeout_add'
  | 'timeout_remove'
  | 'message_delete'
  | 'message_bulk_delete'
  | 'automod_discord'
  | 'automod_bot'
  | 'audit_log';

/**
 * What a row can be matched with (same guild, same target user — none for bulk deletes — within the
 * window): a removal with its MEMBER_KICK entry, a ban/unban with its audit entry, a message deletion
 * with its MESSAGE_DELETE entry in that channel, a bulk deletion with its MESSAGE_BULK_DELETE entry, a
 * Discord AutoMod action with its AUTO_MODERATION_* entry of the same kind.
 */
type MatchKey =
  | 'member_remove'
  | 'ban'
  | 'unban'
  | `message_delete:${string}`
  | `message_bulk_delete:${string}`
  | `automod:${string}`;

/** A moderation_log row as the projection builds it (snake_case = column names). */
interface Row {
  entry_id: string;
  guild_id: string;
  action: ModerationAction;
  occurred_at: string;
  target_user_id: string | null;
  target_username: string | null;
  moderator_id: string | null;
  moderator_username: string | null;
  reason: string | null;
  channel_id: string | null;
  message_id: string | null;
  message_count: number | null;
  deleted_by_certainty: 'certain' | 'likely' | 'unknown' | null;
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

const COLUMNS: ColumnTypes<Row> = {
  entry_id: 'text',
  guild_id: 'text',
  action: 'text',
  occurred_at: 'timestamptz',
  target_user_id: 'text',
  target_username: 'text',
  moderator_id: 'text',
  moderator_username: 'text',
  reason: 'text',
  channel_id: 'text',
  message_id: 'text',
  message_count: 'integer',
  deleted_by_certainty: 'text',
  audit_log_action: 'text',
  audit_log_entry_id: 'text',
  details: 'jsonb',
  match_key: 'text',
  source: 'text',
  stream_id: 'text',
  revision: 'bigint',
  event_id: 'text',
  position: 'text',
  event_type: 'text',
  matched_event_id: 'text',
  matched_stream_id: 'text',
  matched_revision: 'bigint',
  matched_position: 'text',
  superseded_by: 'text',
};

/** What a match changes on the row that keeps its entry id (see {@link merge}). */
const MATCH_COLUMNS = [
  'entry_id',
  'action',
  'moderator_id',
  'moderator_username',
  'reason',
  'target_username',
  'channel_id',
  'message_id',
  'message_count',
  'deleted_by_certainty',
  'audit_log_action',
  'audit_log_entry_id',
  'details',
  'matched_event_id',
  'matched_stream_id',
  'matched_revision',
  'matched_position',
  'superseded_by',
] as const satisfies readonly (keyof Row)[];
const MATCH_COLUMN_TYPES = Object.fromEntries(MATCH_COLUMNS.map((c) => [c, COLUMNS[c]])) as ColumnTypes<
  Pick<Row, (typeof MATCH_COLUMNS)[number]>
>;

/** A counterpart lookup: rows of this guild and target with this match key (or action) in the window. */
interface LookupKey {
  guild_id: string;
  target_user_id: string | null;
  key: string | null;
  from_ts: string;
  to_ts: string;
}
const LOOKUP_KEY_COLUMNS: ColumnTypes<LookupKey> = {
  guild_id: 'text',
  target_user_id: 'text',
  key: 'text',
  from_ts: 'timestamptz',
  to_ts: 'timestamptz',
};

/** The rows' lookups as an unnest select: each row's guild and target, `key`, and its time +/- `window`. */
function lookupKeys(rows: readonly Row[], window: number, key: (r: Row) => string | null) {
  return unnestSelect(
    LOOKUP_KEY_COLUMNS,
    rows.map((r) => ({
      guild_id: r.guild_id,
      target_user_id: r.target_user_id,
      key: key(r),
      from_ts: new Date(timeOf(r) - window).toISOString(),
      to_ts: new Date(timeOf(r) + window).toISOString(),
    })),
  );
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

function baseRow(e: GuildEvent, source: Row['source']): Omit<Row, 'action'> {
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
const AUDIT_MATCHES: Partial<Record<string, { key: MatchKey; action: ModerationAction }>> = {
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
): { key: MatchKey; action: ModerationAction } | undefined {
  if (action === 'MESSAGE_DELETE' && channelId)
    return { key: `message_delete:${channelId}`, action: 'message_delete' };
  if (action === 'MESSAGE_BULK_DELETE' && channelId)
    return { key: `message_bulk_delete:${channelId}`, action: 'message_bulk_delete' };
  const automod = AUTOMOD_AUDIT[action];
  if (automod) return { key: `automod:${automod}`, action: 'automod_discord' };
  return undefined;
}

/** The action a pair takes: the audit entry's for kicks and bans, the gateway row's kind otherwise. */
function pairAction(audit: Row): ModerationAction {
  const action = audit.audit_log_action ?? '';
  return AUDIT_MATCHES[action]?.action ?? auditEnrichment(action, audit.channel_id)?.action ?? audit.action;
}

/** The row an event produces on its own (before matching). */
export function rowFor(e: GuildEvent): Row {
  const dto = e.dto as ModerationEvent;
  switch (dto.type) {
    case 'GUILD_BAN_ADD': {
      const d = dto.data;
      return {
        ...baseRow(e, 'gateway'),
        action: 'ban',
        match_key: 'ban',
        target_user_id: d.targetUserId,
        target_username: d.targetUsername,
        moderator_id: d.moderatorId,
        moderator_username: d.moderatorUsername ?? null,
        reason: d.reason ?? null,
      };
    }
    case 'GUILD_BAN_REMOVE': {
      const d = dto.data;
      return {
        ...baseRow(e, 'gateway'),
        action: 'unban',
        match_key: 'unban',
        target_user_id: d.targetUserId,
        target_username: d.targetUsername,
        moderator_id: d.moderatorId,
        moderator_username: d.moderatorUsername ?? null,
        reason: d.reason ?? null,
      };
    }
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
    case 'GUILD_AUDIT_LOG_ENTRY_CREATE': {
      const d = dto.data;
      const row: Row = {
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
      if (d.action === 'AUTO_MODERATION_USER_COMMUNICATION_DISABLED')
        return { ...row, action: 'timeout_add' };
      if (d.action === 'MEMBER_TIMEOUT_ADD') return { ...row, action: 'timeout_add' };
      if (d.action === 'MEMBER_TIMEOUT_REMOVE') return { ...row, action: 'timeout_remove' };
      if (d.action === 'MEMBER_UPDATE') {
        // Discord logs a timeout as a member update of communication_disabled_until.
        const change = d.changes?.find((c) => c.key === 'communication_disabled_until');
        if (change) return { ...row, action: change.newValue ? 'timeout_add' : 'timeout_remove' };
      }
      return row;
    }
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

/** Merges `incoming` (the counterpart event's own row) into `row`, which keeps its entry id. */
function merge(row: Row, incoming: Row): void {
  const audit = incoming.source === 'audit_log' ? incoming : row;
  const gateway = incoming.source === 'audit_log' ? row : incoming;
  // `gateway` may be `row` itself: read what it knew before it is overwritten.
  const gatewayKnewDeleter = gateway.moderator_id !== null;
  const gatewayCertainty = gateway.deleted_by_certainty;
  row.matched_event_id = incoming.event_id;
  row.matched_stream_id = incoming.stream_id;
  row.matched_revision = incoming.revision;
  row.matched_position = incoming.position;
  // The audit-log entry names the moderator; the gateway event knows the member (name, roles).
  row.action = pairAction(audit);
  row.moderator_id = gateway.moderator_id ?? audit.moderator_id;
  row.moderator_username = gateway.moderator_username ?? audit.moderator_username;
  row.reason = gateway.reason ?? audit.reason;
  row.target_username = gateway.target_username ?? audit.target_username;
  row.channel_id = gateway.channel_id ?? audit.channel_id;
  row.message_id = gateway.message_id ?? audit.message_id;
  row.message_count = gateway.message_count ?? audit.message_count;
  if (row.action === 'message_delete') {
    // An audit entry for that author and channel is what `certain` means (see deletionCertaintySchema).
    row.deleted_by_certainty =
      !gatewayKnewDeleter && row.moderator_id !== null ? 'certain' : (gatewayCertainty ?? 'unknown');
  } else {
    row.deleted_by_certainty = gatewayCertainty ?? audit.deleted_by_certainty;
  }
  row.audit_log_action = audit.audit_log_action;
  row.audit_log_entry_id = audit.audit_log_entry_id;
  row.details = { ...audit.details, ...gateway.details };
}

/** Bulk deletions match by channel alone; every other pair is about one user. */
function hasMatchTarget(row: Row): boolean {
  return row.target_user_id !== null || (row.match_key?.startsWith('message_bulk_delete:') ?? false);
}

function timeOf(row: Row): number {
  return Date.parse(row.occurred_at);
}

function toRow(db: Record<string, unknown>): Row {
  const r = { ...db } as unknown as Row;
  r.occurred_at = (db.occurred_at as Date).toISOString();
  r.revision = Number(db.revision);
  r.matched_revision = db.matched_revision === null ? null : Number(db.matched_revision);
  return r;
}

/** The batch's writes and notifications, from its own rows and the stored rows they may match. */
interface ModerationWrites {
  readonly writes: readonly Statement[];
  readonly notifications: readonly ProjectionNotification[];
}

/**
 * Set-based per batch: one guard query (events and audit entries already applied), one query for
 * unmatched counterparts in the database, matching in memory in log order, then one INSERT and one
 * UPDATE (returned, for the transaction to send).
 */
async function planWrites(db: ReadDb, own: Row[]): Promise<ModerationWrites> {
  const ids = arrayArgument(
    own.map((r) => r.event_id),
    'text',
    1,
  );
  const auditIds = arrayArgument(
    own.flatMap((r) => (r.audit_log_entry_id ? [r.audit_log_entry_id] : [])),
    'text',
    2,
  );
  // One hold of the connection for both (on PGlite, not two turns in its queue).
  const [applied, stored] = await db.session((conn) =>
    Promise.all([
      conn.query<{ id: string }>(
        `SELECT entry_id AS id FROM moderation_log WHERE entry_id = ANY(${ids.sql})
       UNION ALL SELECT matched_event_id FROM moderation_log
         WHERE matched_event_id = ANY(${ids.sql}) AND matched_event_id IS NOT NULL
       UNION ALL SELECT audit_log_entry_id FROM moderation_log
         WHERE audit_log_entry_id = ANY(${auditIds.sql}) AND audit_log_entry_id IS NOT NULL`,
        [ids.param, auditIds.param],
      ),
      // Stored rows are no later than the horizon: a row whose window starts after it has no stored
      // counterpart, and the lookups below skip it.
      conn.query<{ at: Date }>('SELECT max_occurred_at AS at FROM moderation_log_horizon'),
    ]),
  );
  const done = new Set(applied.rows.map((r) => r.id));
  const horizon = stored.rows[0]?.at.getTime() ?? Number.NEGATIVE_INFINITY;
  const mayHaveStored = (r: Row, window: number) => timeOf(r) - window <= horizon;

  const rows = new Map<string, Row>();
  const inserted = new Set<string>();
  const updated = new Set<string>();
  const unmatched: Row[] = [];

  const matchable = own.filter(
    (r) => r.match_key && hasMatchTarget(r) && !done.has(r.event_id) && mayHaveStored(r, MATCH_WINDOW_MS),
  );
  // Bans and member removals of the same members around this batch: Discord sends a
  // GUILD_MEMBER_REMOVE with every ban; that removal is not a separate leave. Twice the window: a row
  // merged into an earlier one is compared at that row's time.
  const removalsAndBans = own.filter(
    (r) =>
      (r.match_key === 'member_remove' || r.match_key === 'ban') && r.target_user_id && !done.has(r.event_id),
  );
  const near = removalsAndBans.filter((r) => mayHaveStored(r, 2 * MATCH_WINDOW_MS));
  const matchableKeys = lookupKeys(matchable, MATCH_WINDOW_MS, (r) => r.match_key);
  const nearKeys = lookupKeys(near, 2 * MATCH_WINDOW_MS, (r) => (r.match_key === 'ban' ? 'leave' : 'ban'));
  const none = Promise.resolve({ rows: [] as Record<string, unknown>[] });
  // Both lookups in one hold of the connection; each only when some row may have a stored counterpart.
  const [candidates, around] = await db.session((conn) =>
    Promise.all([
      // Each row's own window, looked up per key: an index range scan per row on (guild, target, time)
      // (LATERAL + OFFSET 0 keeps it a nested loop; PGlite never analyzes, so mid-replay the planner
      // would otherwise hash every unmatched row of the table), not the batch's whole time span. The
      // target is compared by `=` or `IS NULL` in two branches: an OR of both could not be an index
      // condition and would scan every row of the guild.
      matchable.length === 0
        ? none
        : conn.query<Record<string, unknown>>(
            `SELECT DISTINCT ON (c.occurred_at, c.position, c.entry_id) c.*
             FROM (${matchableKeys.sql}) AS k
             CROSS JOIN LATERAL (
               SELECT * FROM moderation_log m
               WHERE k.target_user_id IS NOT NULL AND m.guild_id = k.guild_id
                 AND m.target_user_id = k.target_user_id AND m.occurred_at BETWEEN k.from_ts AND k.to_ts
                 AND m.match_key = k.key AND m.matched_event_id IS NULL
               UNION ALL
               SELECT * FROM moderation_log m
               WHERE k.target_user_id IS NULL AND m.guild_id = k.guild_id
                 AND m.target_user_id IS NULL AND m.occurred_at BETWEEN k.from_ts AND k.to_ts
                 AND m.match_key = k.key AND m.matched_event_id IS NULL
               OFFSET 0
             ) c
             ORDER BY c.occurred_at, c.position, c.entry_id`,
            matchableKeys.params,
          ),
      near.length === 0
        ? none
        : conn.query<Record<string, unknown>>(
            `SELECT DISTINCT ON (c.occurred_at, c.position, c.entry_id) c.*
             FROM (${nearKeys.sql}) AS k
             CROSS JOIN LATERAL (
               SELECT * FROM moderation_log m
               WHERE m.guild_id = k.guild_id AND m.target_user_id = k.target_user_id AND m.action = k.key
                 AND m.occurred_at BETWEEN k.from_ts AND k.to_ts
               OFFSET 0
             ) c
             ORDER BY c.occurred_at, c.position, c.entry_id`,
            nearKeys.params,
          ),
    ]),
  );
  for (const stored of candidates.rows) {
    const row = toRow(stored);
    rows.set(row.entry_id, row);
    unmatched.push(row);
  }
  const bans = new Map<string, Row[]>();
  const leaves = new Map<string, Row[]>();
  const memberKey = (r: Row) => `${r.guild_id}/${r.target_user_id}`;
  const track = (r: Row) => {
    const lists = r.action === 'ban' ? bans : r.action === 'leave' ? leaves : undefined;
    if (!lists) return;
    const list = lists.get(memberKey(r)) ?? [];
    if (!list.includes(r)) list.push(r);
    lists.set(memberKey(r), list);
  };
  for (const stored of around.rows) {
    const fetched = toRow(stored);
    const row = rows.get(fetched.entry_id) ?? fetched;
    rows.set(row.entry_id, row);
    track(row);
  }
  if (removalsAndBans.length > 0) for (const row of unmatched) track(row);
  /** After `row` took its place in log order: a removal within the window of a ban points to it. */
  const supersede = (row: Row) => {
    const t = timeOf(row);
    const near = (c: Row) => Math.abs(timeOf(c) - t) <= MATCH_WINDOW_MS;
    if (row.action === 'ban') {
      for (const leave of leaves.get(memberKey(row)) ?? []) {
        if (leave.action === 'leave' && leave.superseded_by === null && near(leave)) {
          leave.superseded_by = row.entry_id;
          if (!inserted.has(leave.entry_id)) updated.add(leave.entry_id);
        }
      }
    } else if (row.action === 'leave' && row.superseded_by === null) {
      let best: Row | undefined;
      for (const ban of bans.get(memberKey(row)) ?? []) {
        if (ban.action !== 'ban' || !near(ban)) continue;
        const d = Math.abs(timeOf(ban) - t);
        const bestD = best ? Math.abs(timeOf(best) - t) : Number.POSITIVE_INFINITY;
        if (d < bestD || (d === bestD && best && ban.entry_id < best.entry_id)) best = ban;
      }
      if (best) {
        row.superseded_by = best.entry_id;
        if (!inserted.has(row.entry_id)) updated.add(row.entry_id);
      }
    }
    track(row);
  };

  const seenAudit = new Set<string>();
  // Unmatched rows by (guild, target, match key): matching stays linear in the batch size.
  const keyOf = (r: Row) => `${r.guild_id}/${r.target_user_id}/${r.match_key}`;
  const waiting = new Map<string, Row[]>();
  for (const c of unmatched) {
    const list = waiting.get(keyOf(c)) ?? [];
    list.push(c);
    waiting.set(keyOf(c), list);
  }
  for (const row of own) {
    if (done.has(row.event_id)) continue;
    if (row.audit_log_entry_id) {
      // The same audit entry observed twice (two bots): one row.
      if (done.has(row.audit_log_entry_id) || seenAudit.has(row.audit_log_entry_id)) continue;
      seenAudit.add(row.audit_log_entry_id);
    }
    if (row.match_key && hasMatchTarget(row)) {
      const t = timeOf(row);
      const list = waiting.get(keyOf(row)) ?? [];
      let best: Row | undefined;
      for (const c of list) {
        if (
          c.matched_event_id === null &&
          c.source !== row.source &&
          Math.abs(timeOf(c) - t) <= MATCH_WINDOW_MS &&
          (!best || Math.abs(timeOf(c) - t) < Math.abs(timeOf(best) - t))
        ) {
          best = c;
        }
      }
      if (best) {
        merge(best, row);
        if (!inserted.has(best.entry_id)) updated.add(best.entry_id);
        supersede(best);
        continue;
      }
      list.push(row);
      waiting.set(keyOf(row), list);
    }
    rows.set(row.entry_id, row);
    inserted.add(row.entry_id);
    supersede(row);
  }

  const toInsert = [...inserted].map((id) => rows.get(id) as Row);
  const toUpdate = [...updated].map((id) => rows.get(id) as Row);
  const writes: Statement[] = [];
  if (toInsert.length > 0) writes.push(insertNew('moderation_log', COLUMNS, toInsert, ['entry_id']));
  if (toUpdate.length > 0) {
    const { sql, params } = unnestSelect(MATCH_COLUMN_TYPES, toUpdate);
    writes.push({
      sql: `UPDATE moderation_log m SET action = x.action, moderator_id = x.moderator_id,
         moderator_username = x.moderator_username, reason = x.reason, target_username = x.target_username,
         audit_log_action = x.audit_log_action, audit_log_entry_id = x.audit_log_entry_id, details = x.details,
         matched_event_id = x.matched_event_id, matched_stream_id = x.matched_stream_id,
         matched_revision = x.matched_revision, matched_position = x.matched_position,
         channel_id = x.channel_id, message_id = x.message_id, message_count = x.message_count,
         deleted_by_certainty = x.deleted_by_certainty, superseded_by = x.superseded_by
       FROM (${sql}) AS x
       WHERE m.entry_id = x.entry_id`,
      params,
    });
  }
  if (toInsert.length > 0) {
    let latest = toInsert[0]?.occurred_at as string;
    for (const r of toInsert) if (r.occurred_at > latest) latest = r.occurred_at;
    writes.push({
      sql: `INSERT INTO moderation_log_horizon (max_occurred_at) VALUES ($1)
       ON CONFLICT (id) DO UPDATE SET max_occurred_at = GREATEST(moderation_log_horizon.max_occurred_at, EXCLUDED.max_occurred_at)`,
      params: [latest],
    });
  }
  return {
    writes,
    notifications: [
      // A removal already superseded by its ban when written never shows up as a new entry.
      ...toInsert
        .filter((r) => r.superseded_by === null)
        .map((r) =>
          notification('moderation_entry_added', {
            guildId: r.guild_id,
            entryId: r.entry_id,
            action: r.action,
            occurredAt: r.occurred_at,
          }),
        ),
      ...toUpdate.map((r) =>
        notification('moderation_entry_updated', {
          guildId: r.guild_id,
          entryId: r.entry_id,
          action: r.action,
          occurredAt: r.occurred_at,
        }),
      ),
    ],
  };
}

/**
 * The moderation log. Each event's own row is built before the batch waits for the database (`prepare`);
 * the lookups and the matching run outside the transaction (`read`: other projections' transactions go
 * on meanwhile); the transaction only writes.
 */
export function moderationLogProjection(): Projection<Row[], ModerationWrites> {
  return {
    name: 'moderation-log',
    handles: MODERATION_EVENT_TYPES,
    // Small events: bigger catch-up batches spread each statement's fixed cost over more rows.
    catchUpBatchSize: 5000,
    readIndexes: [
      'moderation_log_guild_time_idx',
      'moderation_log_guild_action_idx',
      'moderation_log_guild_moderator_idx',
    ],
    prepare: (recorded) => recorded.map((r) => rowFor(guildEvent(r))),
    read: (db, _recorded, own) => planWrites(db, own),
    async apply(trx, _recorded, { writes, notifications }): Promise<readonly ProjectionNotification[]> {
      sendLast(trx, writes);
      return notifications;
    },
  };
}
