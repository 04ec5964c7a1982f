import type { SqlExecutor } from '../read-db/read-db.port.js';
import { ceilTo, DAY_MS, floorTo, HOUR_MS, mergeSpans, type Span } from './time-range.js';

/**
 * Continuous-aggregate refresh, done by the projections because PGlite runs no background jobs.
 *
 * Inside a batch's transaction, {@link recordTouchedWindows} stores the hour windows the new rows fell in
 * and the newest event time seen (`high_water`). After commit, {@link refreshPendingWindows} refreshes:
 *   - every recorded window, because late rows (an offline bot's backlog, a rebuild) land in buckets that
 *     may already be materialized and real-time aggregation would hide them;
 *   - the hours that closed since the last refresh ([refreshed_to, hour of high_water)).
 * Refreshes stop at the hour of `high_water`: the newest (still filling) hour and day are never
 * materialized, real-time aggregation computes them from the raw rows, so a live batch usually refreshes
 * nothing. Hourly aggregates are refreshed before the daily ones built on them. Windows are bucket
 * aligned and coalesced. The pending windows live in a table written in the batch's own transaction, so a
 * crash between commit and refresh loses nothing: the next call refreshes them.
 */
export interface CaggGroup {
  /** Key in activity_refresh_window / activity_refresh_state. */
  readonly name: string;
  /** Continuous aggregates over the raw hypertables with 1-hour buckets. */
  readonly hourly: readonly string[];
  /** 1-day continuous aggregates (over the hourly ones, or over raw rows when `hourly` is empty). */
  readonly daily: readonly string[];
  /** The raw hypertables behind them (dropped by retention when `retained`). */
  readonly rawTables: readonly string[];
  readonly retained: boolean;
}

export const METRICS_CAGGS: CaggGroup = {
  name: 'metrics',
  hourly: [
    'activity_guild_hourly',
    'activity_channel_hourly',
    'activity_member_hourly',
    'activity_emoji_hourly',
  ],
  daily: ['activity_guild_daily', 'activity_channel_daily', 'activity_member_daily', 'activity_emoji_daily'],
  rawTables: ['activity_snapshot', 'activity_channel', 'activity_member', 'activity_emoji'],
  retained: true,
};

export const MEMBER_DETAIL_CAGGS: CaggGroup = {
  name: 'member_detail',
  hourly: ['member_activity_hourly'],
  daily: ['member_activity_daily'],
  rawTables: ['member_activity_snapshot', 'member_activity', 'member_activity_channel'],
  retained: true,
};

/** Rows older than this were dropped by retention: a late snapshot before it must not be stored. */
export async function readRawHorizon(trx: SqlExecutor, group: CaggGroup): Promise<number | null> {
  const { rows } = await trx.query<{ raw_horizon: Date | null }>(
    'SELECT raw_horizon FROM activity_refresh_state WHERE view_group = $1',
    [group.name],
  );
  return rows[0]?.raw_horizon ? rows[0].raw_horizon.getTime() : null;
}

/** Raw rows of the activity read model before this instant are gone (the newest horizon of both groups). */
export async function readActivityRawHorizon(db: SqlExecutor): Promise<number | null> {
  const { rows } = await db.query<{ h: Date | null }>(
    'SELECT max(raw_horizon) AS h FROM activity_refresh_state',
  );
  return rows[0]?.h ? rows[0].h.getTime() : null;
}

/** In the batch's transaction: remembers the hours the newly stored rows (epoch ms) fell in. */
export async function recordTouchedWindows(
  trx: SqlExecutor,
  group: CaggGroup,
  timestamps: readonly number[],
): Promise<void> {
  if (timestamps.length === 0) return;
  let newest = timestamps[0] as number;
  const hours = new Set<number>();
  for (const ts of timestamps) {
    hours.add(floorTo(ts, HOUR_MS));
    if (ts > newest) newest = ts;
  }
  const windows = mergeSpans([...hours].map((h) => ({ from: h, to: h + HOUR_MS })));
  await trx.query(
    `INSERT INTO activity_refresh_window (view_group, from_ts, to_ts)
     SELECT $1, f, t FROM unnest($2::timestamptz[], $3::timestamptz[]) AS w(f, t)`,
    [group.name, windows.map((w) => new Date(w.from)), windows.map((w) => new Date(w.to))],
  );
  await trx.query(
    `INSERT INTO activity_refresh_state (view_group, high_water) VALUES ($1, $2)
     ON CONFLICT (view_group) DO UPDATE
       SET high_water = greatest(activity_refresh_state.high_water, excluded.high_water)`,
    [group.name, new Date(newest)],
  );
}

export interface RefreshOutcome {
  /** Hour windows refreshed in the hourly aggregates (day windows for groups without them). */
  readonly hourWindows: readonly Span[];
  readonly dayWindows: readonly Span[];
}

interface StateRow {
  high_water: Date;
  refreshed_to: Date | null;
  raw_horizon: Date | null;
}

async function refresh(db: SqlExecutor, view: string, span: Span): Promise<void> {
  // Outside any transaction (Postgres refuses CALL refresh_continuous_aggregate inside one).
  await db.query('CALL refresh_continuous_aggregate($1::regclass, $2::timestamptz, $3::timestamptz)', [
    view,
    new Date(span.from),
    new Date(span.to),
  ]);
}

/**
 * After commit (outside any transaction): refreshes what is pending for the group. `materializeUpTo`
 * (day aligned) forces materialization of everything before it, even hours still open, and `horizon`
 * replaces the stored retention horizon as the lower bound: retention uses both before dropping raw chunks.
 */
export async function refreshPendingWindows(
  db: SqlExecutor,
  group: CaggGroup,
  options: { materializeUpTo?: number; horizon?: number | null } = {},
): Promise<RefreshOutcome> {
  const { rows: states } = await db.query<StateRow>(
    'SELECT high_water, refreshed_to, raw_horizon FROM activity_refresh_state WHERE view_group = $1',
    [group.name],
  );
  const state = states[0];
  if (!state) return { hourWindows: [], dayWindows: [] };
  const { rows: pending } = await db.query<{ id: number | string; from_ts: Date; to_ts: Date }>(
    'SELECT id, from_ts, to_ts FROM activity_refresh_window WHERE view_group = $1 ORDER BY id',
    [group.name],
  );

  const limit = Math.max(floorTo(state.high_water.getTime(), HOUR_MS), options.materializeUpTo ?? -Infinity);
  const horizonMs = options.horizon !== undefined ? options.horizon : (state.raw_horizon?.getTime() ?? null);
  const horizon = horizonMs ?? -Infinity;
  const windows: Span[] = pending.map((w) => ({ from: w.from_ts.getTime(), to: w.to_ts.getTime() }));
  const closedFrom = state.refreshed_to?.getTime() ?? Math.min(limit, ...windows.map((w) => w.from));
  windows.push({ from: closedFrom, to: limit });
  const hourWindows = mergeSpans(
    windows.map((w) => ({ from: Math.max(w.from, horizon), to: Math.min(w.to, limit) })),
  );
  // The day being filled stays real-time, like the hour being filled.
  const dayLimit = floorTo(limit, DAY_MS);
  const dayWindows = mergeSpans(
    hourWindows.map((w) => ({
      from: Math.max(floorTo(w.from, DAY_MS), horizon),
      to: Math.min(ceilTo(w.to, DAY_MS), dayLimit),
    })),
  );

  for (const span of hourWindows) for (const view of group.hourly) await refresh(db, view, span);
  for (const span of dayWindows) for (const view of group.daily) await refresh(db, view, span);

  await db.query(
    `UPDATE activity_refresh_state SET refreshed_to = greatest(refreshed_to, $2) WHERE view_group = $1`,
    [group.name, new Date(limit)],
  );
  const lastId = pending.at(-1)?.id;
  if (lastId !== undefined) {
    await db.query('DELETE FROM activity_refresh_window WHERE view_group = $1 AND id <= $2', [
      group.name,
      lastId,
    ]);
  }
  return { hourWindows, dayWindows };
}
