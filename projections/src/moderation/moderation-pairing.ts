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

/** The rows a plan writes, by entry id: those it inserts and the stored ones it changes. */
class PlanRows {
  private readonly byId = new Map<string, ModerationLogRow>();
  private readonly inserted = new Set<string>();
  private readonly updated = new Set<string>();

  /** The plan's copy of a stored row (one per entry id): what it was given stays as it was. */
  stored(found: ModerationLogRow): ModerationLogRow {
    const row = this.byId.get(found.entry_id) ?? { ...found };
    this.byId.set(row.entry_id, row);
    return row;
  }

  insert(row: ModerationLogRow): void {
    this.byId.set(row.entry_id, row);
    this.inserted.add(row.entry_id);
  }

  /** `row` changed: the UPDATE writes it, unless it is new (the INSERT writes it as it ends up). */
  changed(row: ModerationLogRow): void {
    if (!this.inserted.has(row.entry_id)) this.updated.add(row.entry_id);
  }

  plan(): ModerationPlan {
    const inserts = [...this.inserted].map((id) => this.byId.get(id) as ModerationLogRow);
    let horizon: string | null = null;
    for (const r of inserts) if (horizon === null || r.occurred_at > horizon) horizon = r.occurred_at;
    return {
      inserts,
      updates: [...this.updated].map((id) => this.byId.get(id) as ModerationLogRow),
      horizon,
    };
  }
}

/** Rows still waiting for their counterpart, by (guild, target, match key): pairing stays linear. */
class WaitingRows {
  private readonly byKey = new Map<string, ModerationLogRow[]>();

  private static keyOf(r: ModerationLogRow): string {
    return `${r.guild_id}/${r.target_user_id}/${r.match_key}`;
  }

  add(row: ModerationLogRow): void {
    const list = this.byKey.get(WaitingRows.keyOf(row)) ?? [];
    list.push(row);
    this.byKey.set(WaitingRows.keyOf(row), list);
  }

  /** The unmatched row of the other source closest in time to `row`, within the window. */
  counterpartOf(row: ModerationLogRow): ModerationLogRow | undefined {
    const t = timeOf(row);
    let best: ModerationLogRow | undefined;
    for (const c of this.byKey.get(WaitingRows.keyOf(row)) ?? []) {
      if (
        c.matched_event_id === null &&
        c.source !== row.source &&
        Math.abs(timeOf(c) - t) <= MATCH_WINDOW_MS &&
        (!best || Math.abs(timeOf(c) - t) < Math.abs(timeOf(best) - t))
      ) {
        best = c;
      }
    }
    return best;
  }
}

/**
 * Bans and leaves per member (guild, target): Discord sends a GUILD_MEMBER_REMOVE with every ban, and
 * that removal is not a leave of its own but points to the ban (`superseded_by`).
 */
class BanRemovals {
  private readonly bans = new Map<string, ModerationLogRow[]>();
  private readonly leaves = new Map<string, ModerationLogRow[]>();

  constructor(private readonly rows: PlanRows) {}

  private static memberKey(r: ModerationLogRow): string {
    return `${r.guild_id}/${r.target_user_id}`;
  }

  track(r: ModerationLogRow): void {
    const lists = r.action === 'ban' ? this.bans : r.action === 'leave' ? this.leaves : undefined;
    if (!lists) return;
    const list = lists.get(BanRemovals.memberKey(r)) ?? [];
    if (!list.includes(r)) list.push(r);
    lists.set(BanRemovals.memberKey(r), list);
  }

  /**
   * After `row` took its place in log order: a ban takes the removals of its member within the window
   * that point nowhere yet; a removal points to the closest ban within the window (on a tie, the smaller
   * entry id: the same on every replay).
   */
  place(row: ModerationLogRow): void {
    const t = timeOf(row);
    const near = (c: ModerationLogRow) => Math.abs(timeOf(c) - t) <= MATCH_WINDOW_MS;
    if (row.action === 'ban') {
      for (const leave of this.leaves.get(BanRemovals.memberKey(row)) ?? []) {
        if (leave.action === 'leave' && leave.superseded_by === null && near(leave)) {
          leave.superseded_by = row.entry_id;
          this.rows.changed(leave);
        }
      }
    } else if (row.action === 'leave' && row.superseded_by === null) {
      let best: ModerationLogRow | undefined;
      for (const ban of this.bans.get(BanRemovals.memberKey(row)) ?? []) {
        if (ban.action !== 'ban' || !near(ban)) continue;
        const d = Math.abs(timeOf(ban) - t);
        const bestD = best ? Math.abs(timeOf(best) - t) : Number.POSITIVE_INFINITY;
        if (d < bestD || (d === bestD && best && ban.entry_id < best.entry_id)) best = ban;
      }
      if (best) {
        row.superseded_by = best.entry_id;
        this.rows.changed(row);
      }
    }
    this.track(row);
  }
}

/**
 * The batch's writes, from its own rows (`own`, in log order, as `rowFor` built them) and the stored
 * rows its lookups found. Each row takes its place in log order: it merges into the closest unmatched
 * counterpart of the other source within the window (which keeps its entry id), or is inserted; a member
 * removal within the window of a ban of that member points to the ban. The arguments are left as they are.
 */
export function pairBatch(own: readonly ModerationLogRow[], stored: StoredRows): ModerationPlan {
  const { applied } = stored;
  const rows = new PlanRows();
  const waiting = new WaitingRows();
  const removals = new BanRemovals(rows);
  const unmatched = stored.counterparts.map((found) => rows.stored(found));
  for (const row of unmatched) waiting.add(row);
  for (const found of stored.bansAndLeaves) removals.track(rows.stored(found));
  if (own.some((r) => isRemovalOrBan(r) && !applied.has(r.event_id))) {
    for (const row of unmatched) removals.track(row);
  }
  const seenAudit = new Set<string>();
  for (const built of own) {
    if (applied.has(built.event_id)) continue;
    if (built.audit_log_entry_id) {
      // The same audit entry observed twice (two bots): one row.
      if (applied.has(built.audit_log_entry_id) || seenAudit.has(built.audit_log_entry_id)) continue;
      seenAudit.add(built.audit_log_entry_id);
    }
    const row = { ...built };
    if (row.match_key && hasMatchTarget(row)) {
      const counterpart = waiting.counterpartOf(row);
      if (counterpart) {
        merge(counterpart, row);
        rows.changed(counterpart);
        removals.place(counterpart);
        continue;
      }
      waiting.add(row);
    }
    rows.insert(row);
    removals.place(row);
  }
  return rows.plan();
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
