import { InvalidActivityQueryError } from '../activity/activity-query.errors.js';
import { requireId, requireOneOf, requireRange } from '../activity/query-input.js';
import { BUCKET_MS, ceilTo, floorTo } from '../activity/time-range.js';
import type { SqlExecutor } from '../read-db/read-db.port.js';

export interface GrowthTotals {
  readonly joins: number;
  readonly leaves: number;
  readonly bans: number;
}

/** Joins, leaves (member removals) and bans with from <= time < to, exactly (from the raw rows). */
export async function growthTotals(
  db: SqlExecutor,
  guildId: string,
  from: Date,
  to: Date,
): Promise<GrowthTotals> {
  requireId(guildId, 'guildId');
  const range = requireRange(from, to);
  const { rows } = await db.query<GrowthTotals>(
    `SELECT count(*) FILTER (WHERE kind = 'join')::float8 AS joins,
            count(*) FILTER (WHERE kind = 'leave')::float8 AS leaves,
            count(*) FILTER (WHERE kind = 'ban')::float8 AS bans
     FROM member_flow WHERE guild_id = $1 AND ts >= $2 AND ts < $3`,
    [guildId, new Date(range.from), new Date(range.to)],
  );
  return rows[0] ?? { joins: 0, leaves: 0, bans: 0 };
}

/** uPlot columns: one entry per bucket (empty buckets are 0); timestamps in Unix seconds. */
export interface MemberGrowthSeries {
  readonly timestamps: number[];
  readonly joins: number[];
  readonly leaves: number[];
  /** joins - leaves */
  readonly net: number[];
  readonly bans: number[];
}

export type GrowthBucket = 'hour' | 'day';
const MAX_POINTS = 50_000;

/**
 * Joins / leaves / net per UTC hour or day over the buckets that cover [from, to) (`from` is rounded down
 * to its bucket). Days come from the daily continuous aggregate, hours from the raw rows.
 */
export async function memberGrowth(
  db: SqlExecutor,
  guildId: string,
  from: Date,
  to: Date,
  bucket: GrowthBucket,
): Promise<MemberGrowthSeries> {
  requireId(guildId, 'guildId');
  const range = requireRange(from, to);
  const size = BUCKET_MS[requireOneOf(bucket, ['hour', 'day'] as const, 'bucket')];
  const start = floorTo(range.from, size);
  const end = ceilTo(range.to, size);
  const points = (end - start) / size;
  if (points > MAX_POINTS)
    throw new InvalidActivityQueryError(
      `${points} ${bucket} buckets requested; at most ${MAX_POINTS} per series`,
    );
  const sql =
    bucket === 'day'
      ? `SELECT extract(epoch FROM bucket)::float8 AS t, joins::float8 AS joins, leaves::float8 AS leaves, bans::float8 AS bans
         FROM member_flow_daily WHERE guild_id = $1 AND bucket >= $2 AND bucket < $3`
      : `SELECT extract(epoch FROM time_bucket(INTERVAL '1 hour', ts))::float8 AS t,
                count(*) FILTER (WHERE kind = 'join')::float8 AS joins,
                count(*) FILTER (WHERE kind = 'leave')::float8 AS leaves,
                count(*) FILTER (WHERE kind = 'ban')::float8 AS bans
         FROM member_flow WHERE guild_id = $1 AND ts >= $2 AND ts < $3 GROUP BY 1`;
  const { rows } = await db.query<{ t: number; joins: number; leaves: number; bans: number }>(sql, [
    guildId,
    new Date(start),
    new Date(end),
  ]);
  const byTime = new Map(rows.map((r) => [r.t, r]));
  const out: MemberGrowthSeries = { timestamps: [], joins: [], leaves: [], net: [], bans: [] };
  for (let t = start; t < end; t += size) {
    const s = t / 1000;
    const r = byTime.get(s);
    out.timestamps.push(s);
    out.joins.push(r?.joins ?? 0);
    out.leaves.push(r?.leaves ?? 0);
    out.net.push((r?.joins ?? 0) - (r?.leaves ?? 0));
    out.bans.push(r?.bans ?? 0);
  }
  return out;
}
