import type { SqlExecutor } from '../read-db/read-db.port.js';
import {
  type CaggGroup,
  MEMBER_DETAIL_CAGGS,
  METRICS_CAGGS,
  refreshPendingWindows,
} from './activity-cagg.refresh.js';
import { InvalidActivityQueryError } from './activity-query.errors.js';
import { DAY_MS, floorTo } from './time-range.js';

export const DEFAULT_RAW_RETENTION_DAYS = 90;

export interface RetentionOptions {
  /** Days of raw snapshot rows to keep (whole UTC days before that are dropped). Default 90. */
  readonly rawDays?: number;
  /** Default: the current time. */
  readonly now?: Date;
}

export interface RetentionOutcome {
  /** Raw rows before this instant (UTC midnight) are gone; the aggregates keep them. */
  readonly cutoff: Date;
  readonly droppedChunks: number;
}

async function retainGroup(db: SqlExecutor, group: CaggGroup, cutoff: number): Promise<number> {
  // 1. From now on the projection does not store snapshots older than the cutoff: a late one would make
  //    the next refresh recompute a dropped day from almost no raw rows, wiping its aggregates.
  const { rows } = await db.query<{ old: Date | null }>(
    `UPDATE activity_refresh_state AS s SET raw_horizon = greatest(s.raw_horizon, $2)
     FROM (SELECT raw_horizon AS old FROM activity_refresh_state WHERE view_group = $1) AS before
     WHERE s.view_group = $1 RETURNING before.old`,
    [group.name, new Date(cutoff)],
  );
  if (rows.length === 0) return 0; // nothing was ever stored for this group
  // 2. Materialize every bucket before the cutoff (pending late windows, open hours) so the aggregates
  //    hold everything the dropped chunks held.
  await refreshPendingWindows(db, group, {
    materializeUpTo: cutoff,
    horizon: rows[0]?.old?.getTime() ?? null,
  });
  // 3. Drop whole raw chunks before the cutoff (1-day chunks, UTC aligned).
  let dropped = 0;
  for (const table of group.rawTables) {
    const { rows: chunks } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM drop_chunks($1::regclass, older_than => $2::timestamptz)',
      [table, new Date(cutoff)],
    );
    dropped += chunks[0]?.n ?? 0;
  }
  return dropped;
}

/**
 * Drops raw activity rows (METRICS_SNAPSHOT and MEMBER_ACTIVITY_SNAPSHOT tables) older than `rawDays`,
 * keeping the hourly and daily aggregates. PGlite has no job runner to run a retention policy, so the
 * server calls this periodically (e.g. daily); the same function serves a TimescaleDB server. Call it
 * outside any transaction (it refreshes continuous aggregates).
 */
export async function applyRetention(
  db: SqlExecutor,
  options: RetentionOptions = {},
): Promise<RetentionOutcome> {
  const rawDays = options.rawDays ?? DEFAULT_RAW_RETENTION_DAYS;
  if (!Number.isSafeInteger(rawDays) || rawDays < 1)
    throw new InvalidActivityQueryError(`rawDays must be an integer >= 1, got ${String(rawDays)}`);
  const now = options.now ?? new Date();
  if (Number.isNaN(now.getTime())) throw new InvalidActivityQueryError('now must be a valid Date');
  const cutoff = floorTo(now.getTime() - rawDays * DAY_MS, DAY_MS);
  let droppedChunks = 0;
  for (const group of [METRICS_CAGGS, MEMBER_DETAIL_CAGGS])
    droppedChunks += await retainGroup(db, group, cutoff);
  return { cutoff: new Date(cutoff), droppedChunks };
}

/** The retention horizon of each activity group of a schema (groups retention never touched are absent). */
export async function readRetentionHorizons(db: SqlExecutor): Promise<ReadonlyMap<string, Date>> {
  const { rows } = await db.query<{ view_group: string; raw_horizon: Date }>(
    'SELECT view_group, raw_horizon FROM activity_refresh_state WHERE raw_horizon IS NOT NULL',
  );
  return new Map(rows.map((r) => [r.view_group, r.raw_horizon]));
}

/**
 * Applies given horizons (as {@link readRetentionHorizons} read them elsewhere): a rebuild drops what
 * retention dropped from the schema it rebuilds, after the replay, so the two compare like with like.
 */
export async function applyRetentionHorizons(
  db: SqlExecutor,
  horizons: ReadonlyMap<string, Date>,
): Promise<number> {
  let droppedChunks = 0;
  for (const group of [METRICS_CAGGS, MEMBER_DETAIL_CAGGS]) {
    const horizon = horizons.get(group.name);
    if (horizon) droppedChunks += await retainGroup(db, group, horizon.getTime());
  }
  return droppedChunks;
}
