import type { ActivityMetric, ActivityTickSubscription } from '../graphql/generated/graphql.js';

/**
 * uPlot AlignedData helpers: `[timestamps, ...values]`, timestamps in Unix seconds, ascending, one
 * bucket apart (the API zero-fills). Live ticks are folded in without refetching.
 */
export type Aligned = number[][];

/** Number of points (what the chart exposes as `data-series-length`). */
export function seriesLength(data: Aligned): number {
  return data[0]?.length ?? 0;
}

/** Copies API columns into mutable arrays (Apollo results are frozen; uPlot wants plain arrays). */
export function toAligned(columns: readonly (readonly number[])[]): Aligned {
  return columns.map((column) => [...column]);
}

/**
 * Adds `increments` (one per value column) to the bucket holding `timestamp`, appending zero-filled
 * buckets when it is past the end. With `windowSeconds`, buckets that fall out of the sliding window
 * (older than the new last bucket minus the window) are dropped. Returns a new array (uPlot `setData`).
 * Ticks before the first bucket are ignored: they are outside the range on screen.
 */
export function addToSeries(
  data: Aligned,
  timestamp: number,
  increments: readonly number[],
  bucketSeconds: number,
  windowSeconds?: number,
): Aligned {
  const bucket = Math.floor(timestamp / bucketSeconds) * bucketSeconds;
  const columns = data.length > 1 ? data.length - 1 : increments.length;
  const out: Aligned = [[...(data[0] ?? [])]];
  for (let c = 0; c < columns; c++) out.push([...(data[c + 1] ?? [])]);
  const times = out[0] as number[];
  const first = times[0];
  if (first !== undefined && bucket < first) return data;
  let last = times[times.length - 1];
  if (last === undefined) {
    times.push(bucket);
    for (let c = 0; c < columns; c++) (out[c + 1] as number[]).push(0);
    last = bucket;
  }
  while (last < bucket) {
    last += bucketSeconds;
    times.push(last);
    for (let c = 0; c < columns; c++) (out[c + 1] as number[]).push(0);
  }
  const index = findIndex(times, bucket);
  if (index >= 0) {
    for (let c = 0; c < columns; c++) {
      const column = out[c + 1] as number[];
      column[index] = (column[index] ?? 0) + (increments[c] ?? 0);
    }
  }
  if (windowSeconds !== undefined) {
    const oldest = bucket - windowSeconds;
    let drop = 0;
    while (drop < times.length - 1 && (times[drop] as number) + bucketSeconds <= oldest) drop++;
    if (drop > 0) for (const column of out) column.splice(0, drop);
  }
  return out;
}

function findIndex(times: readonly number[], value: number): number {
  let lo = 0;
  let hi = times.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = times[mid] as number;
    if (t === value) return mid;
    if (t < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export type { ActivityMetric };

/** The counts of an `activityTick` that a chart folds in. */
export type ActivityTick = Pick<
  ActivityTickSubscription['activityTick'],
  'timestamp' | 'messages' | 'voiceMinutes' | 'reactions' | 'activeMembers'
>;

/**
 * What a tick adds to a bucket of `metric`, or null when it cannot be added (distinct active members
 * are not additive across snapshots: the chart refetches instead).
 */
export function tickIncrement(metric: ActivityMetric, tick: ActivityTick): number | null {
  switch (metric) {
    case 'MESSAGES':
      return tick.messages;
    case 'VOICE_MINUTES':
      return tick.voiceMinutes;
    case 'REACTIONS':
      return tick.reactions;
    case 'ACTIVE_MEMBERS':
      return null;
    default: {
      const never: never = metric;
      throw new Error(`unknown metric ${String(never)}`);
    }
  }
}

/** One line or bar series of a chart. */
export interface ChartSeries {
  readonly label: string;
  readonly color: string;
}
