import { notification, type ProjectionNotification } from '../runner/notifications.js';
import { type ModerationLogRow, pairAction } from './moderation-entry.js';

/**
 * The pairing rules of the moderation log, without I/O: which stored rows a batch needs
 * ({@link lookupsFor}), and what the batch writes given those rows ({@link pairBatch}): a removal and
 * its MEMBER_KICK entry become one kick, a ban's member removal points to the ban, an audit entry that
 * describes a gateway event completes that event's row. The projection runs the lookups and the writes.
 */

/** A member removal and its audit-log kick entry (and the like) describe one fact when this close in time. */
export const MATCH_WINDOW_MS = 10_000;

/** A lookup of stored rows: this guild and target (null: rows without one), this key, in [from_ts, to_ts]. */
export interface StoredRowLookup {
  readonly guild_id: string;
  readonly target_user_id: string | null;
  /** A match key (counterpart lookups) or an action (ban/leave lookups). */
  readonly key: string | null;
  readonly from_ts: string;
  readonly to_ts: string;
}

/** The stored rows a batch may pair with (see {@link lookupsFor}). */
export interface BatchLookups {
  /** Per row: unmatched rows (matched_event_id null) with its match key within the window. */
  readonly counterparts: readonly StoredRowLookup[];
  /** Per removal: rows with action 'ban', per ban: rows with action 'leave', within twice the window. */
  readonly bansAndLeaves: readonly StoredRowLookup[];
}

/** What the projection looked up for a batch. */
export interface StoredRows {
  /** The batch's event ids and audit-log entry ids already in the log (their rows are not written again). */
  readonly applied: ReadonlySet<string>;
  /** The rows the counterpart lookups found. */
  readonly counterparts: readonly ModerationLogRow[];
  /** The rows the ban/leave lookups found. */
  readonly bansAndLeaves: readonly ModerationLogRow[];
}

/** A batch's writes: new rows, and stored rows changed (matched, or superseded by a ban). */
export interface ModerationPlan {
  readonly inserts: readonly ModerationLogRow[];
  readonly updates: readonly ModerationLogRow[];
  /** The latest time among the inserted rows: the horizon moves up to it (null: nothing inserted). */
  readonly horizon: string | null;
}

function timeOf(row: ModerationLogRow): number {
  return Date.parse(row.occurred_at);
}

/** Bulk deletions match by channel alone; every other pair is about one user. */
function hasMatchTarget(row: ModerationLogRow): boolean {
  return row.target_user_id !== null || (row.match_key?.startsWith('message_bulk_delete:') ?? false);
}

/** Rows that may supersede or be superseded: Discord sends a GUILD_MEMBER_REMOVE with every ban. */
function isRemovalOrBan(row: ModerationLogRow): boolean {
  return (row.match_key === 'member_remove' || row.match_key === 'ban') && Boolean(row.target_user_id);
}

function lookup(row: ModerationLogRow, window: number, key: string | null): StoredRowLookup {
  return {
    guild_id: row.guild_id,
    target_user_id: row.target_user_id,
    key,
    from_ts: new Date(timeOf(row) - window).toISOString(),
    to_ts: new Date(timeOf(row) + window).toISOString(),
  };
}

/**
 * The lookups a batch needs, given which of its events are `applied` already and the `horizon` (the
 * latest time stored, in ms; null for an empty log): a row whose window starts after the horizon has no
 * stored counterpart and asks for none.
 */
export function lookupsFor(
  own: readonly ModerationLogRow[],
  applied: ReadonlySet<string>,
  horizon: number | null,
): BatchLookups {
  const latest = horizon ?? Number.NEGATIVE_INFINITY;
  const mayHaveStored = (r: ModerationLogRow, window: number) => timeOf(r) - window <= latest;
  const fresh = own.filter((r) => !applied.has(r.event_id));
  return {
    counterparts: fresh
      .filter((r) => r.match_key && hasMatchTarget(r) && mayHaveStored(r, MATCH_WINDOW_MS))
      .map((r) => lookup(r, MATCH_WINDOW_MS, r.match_key)),
    // Twice the window: a row merged into an earlier one is compared at that row's time.
    bansAndLeaves: fresh
      .filter((r) => isRemovalOrBan(r) && mayHaveStored(r, 2 * MATCH_WINDOW_MS))
      .map((r) => lookup(r, 2 * MATCH_WINDOW_MS, r.match_key === 'ban' ? 'leave' : 'ban')),
  };
}

/** Merges `incoming` (the counterpart event's own row) into `row`, which keeps its entry id. */
function merge(row: ModerationLogRow, incoming: ModerationLogRow): void {
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

/**
 * The batch's writes, from its own rows (`own`, in log order, as `rowFor` built them) and the
 * stored rows its lookups found. Each row takes its place in log order: it merges into the closest
 * unmatched counterpart of the other source within the window (which keeps its entry id), or is inserted;
 * a member removal within the window of a ban of that member points to the ban (`superseded_by`). The
 * arguments are left as they are.
 */
export function pairBatch(own: readonly ModerationLogRow[], stored: StoredRows): ModerationPlan {
  const { applied } = stored;
  const rows = new Map<string, ModerationLogRow>();
  const inserted = new Set<string>();
  const updated = new Set<string>();
  const unmatched: ModerationLogRow[] = [];
  for (const found of stored.counterparts) {
    const row = { ...found };
    rows.set(row.entry_id, row);
    unmatched.push(row);
  }

  const bans = new Map<string, ModerationLogRow[]>();
  const leaves = new Map<string, ModerationLogRow[]>();
  const memberKey = (r: ModerationLogRow) => `${r.guild_id}/${r.target_user_id}`;
  const track = (r: ModerationLogRow) => {
    const lists = r.action === 'ban' ? bans : r.action === 'leave' ? leaves : undefined;
    if (!lists) return;
    const list = lists.get(memberKey(r)) ?? [];
    if (!list.includes(r)) list.push(r);
    lists.set(memberKey(r), list);
  };
  for (const found of stored.bansAndLeaves) {
    const row = rows.get(found.entry_id) ?? { ...found };
    rows.set(row.entry_id, row);
    track(row);
  }
  if (own.some((r) => isRemovalOrBan(r) && !applied.has(r.event_id))) for (const row of unmatched) track(row);
  /** After `row` took its place in log order: a removal within the window of a ban points to it. */
  const supersede = (row: ModerationLogRow) => {
    const t = timeOf(row);
    const near = (c: ModerationLogRow) => Math.abs(timeOf(c) - t) <= MATCH_WINDOW_MS;
    if (row.action === 'ban') {
      for (const leave of leaves.get(memberKey(row)) ?? []) {
        if (leave.action === 'leave' && leave.superseded_by === null && near(leave)) {
          leave.superseded_by = row.entry_id;
          if (!inserted.has(leave.entry_id)) updated.add(leave.entry_id);
        }
      }
    } else if (row.action === 'leave' && row.superseded_by === null) {
      let best: ModerationLogRow | undefined;
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
  const keyOf = (r: ModerationLogRow) => `${r.guild_id}/${r.target_user_id}/${r.match_key}`;
  const waiting = new Map<string, ModerationLogRow[]>();
  for (const c of unmatched) {
    const list = waiting.get(keyOf(c)) ?? [];
    list.push(c);
    waiting.set(keyOf(c), list);
  }
  for (const built of own) {
    if (applied.has(built.event_id)) continue;
    if (built.audit_log_entry_id) {
      // The same audit entry observed twice (two bots): one row.
      if (applied.has(built.audit_log_entry_id) || seenAudit.has(built.audit_log_entry_id)) continue;
      seenAudit.add(built.audit_log_entry_id);
    }
    const row = { ...built };
    if (row.match_key && hasMatchTarget(row)) {
      const t = timeOf(row);
      const list = waiting.get(keyOf(row)) ?? [];
      let best: ModerationLogRow | undefined;
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

  const inserts = [...inserted].map((id) => rows.get(id) as ModerationLogRow);
  let horizon: string | null = null;
  for (const r of inserts) if (horizon === null || r.occurred_at > horizon) horizon = r.occurred_at;
  return { inserts, updates: [...updated].map((id) => rows.get(id) as ModerationLogRow), horizon };
}

/**
 * What the dashboard is told once the plan is committed: each new row, except a removal already
 * superseded by its ban (it never shows up as an entry of its own), and each changed row.
 */
export function planNotifications(plan: ModerationPlan): ProjectionNotification[] {
  const payload = (r: ModerationLogRow) => ({
    guildId: r.guild_id,
    entryId: r.entry_id,
    action: r.action,
    occurredAt: r.occurred_at,
  });
  return [
    ...plan.inserts
      .filter((r) => r.superseded_by === null)
      .map((r) => notification('moderation_entry_added', payload(r))),
    ...plan.updates.map((r) => notification('moderation_entry_updated', payload(r))),
  ];
}
