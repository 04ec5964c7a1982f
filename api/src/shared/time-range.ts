import { BadUserInputError, badInput } from '../errors/api-errors.js';
import type { Bucket, PeriodInput, TimeRangeInput } from '../schema/generated/schema-types.js';

export interface TimeWindow {
  readonly from: Date;
  readonly to: Date;
}

const hour = 3_600_000;
const day = 24 * hour;
export const bucketMs: Record<Bucket, number> = { MINUTE: 60_000, HOUR: hour, DAY: day };
/** Longest custom range accepted (read models keep aggregates for years, but a dashboard never needs more). */
const maxRangeMs = 5 * 366 * day;
/** Most buckets one series may return. */
export const maxBuckets = 5000;

/** Resolves a period input to a window `[from, to)`; exactly one of preset or from/to. */
export function resolvePeriod(input: PeriodInput, now: Date, field = 'period'): TimeWindow {
  const hasRange = input.from != null || input.to != null;
  if (input.preset && hasRange) {
    throw badInput(field, 'give either preset or from/to, not both');
  }
  if (input.preset) {
    const to = now;
    switch (input.preset) {
      case 'TODAY':
        return { from: new Date(Math.floor(now.getTime() / day) * day), to };
      case 'LAST_24_HOURS':
        return { from: new Date(now.getTime() - day), to };
      case 'LAST_7_DAYS':
        return { from: new Date(now.getTime() - 7 * day), to };
      case 'LAST_30_DAYS':
        return { from: new Date(now.getTime() - 30 * day), to };
      case 'LAST_90_DAYS':
        return { from: new Date(now.getTime() - 90 * day), to };
      default: {
        const never: never = input.preset;
        throw badInput(field, `unknown preset ${String(never)}`);
      }
    }
  }
  if (input.from == null) throw badInput(`${field}.from`, 'required when no preset is given');
  return resolveRange({ from: input.from, to: input.to }, now, field);
}

/** Validates a `[from, to)` range (to defaults to now). */
export function resolveRange(input: TimeRangeInput, now: Date, field = 'range'): TimeWindow {
  const from = input.from;
  const to = input.to ?? now;
  if (to.getTime() <= from.getTime()) {
    throw new BadUserInputError(`${field}: "to" must be after "from"`, {
      [`${field}.to`]: 'must be after from',
    });
  }
  if (to.getTime() - from.getTime() > maxRangeMs) {
    throw badInput(field, 'longer than 5 years');
  }
  return { from, to };
}

/** The window of the same length just before `w` (for "vs previous period"). */
export function previousWindow(w: TimeWindow): TimeWindow {
  const length = w.to.getTime() - w.from.getTime();
  return { from: new Date(w.from.getTime() - length), to: w.from };
}

/** Throws when a series over `w` in `bucket` would have more than {@link maxBuckets} points. */
export function assertBucketCount(w: TimeWindow, bucket: Bucket, field = 'range'): void {
  const count = Math.ceil((w.to.getTime() - w.from.getTime()) / bucketMs[bucket]);
  if (count > maxBuckets) {
    throw badInput(
      field,
      `${count} ${bucket.toLowerCase()} buckets requested; at most ${maxBuckets} (use a wider bucket or a shorter range)`,
    );
  }
}

/** Validates a page size argument: an integer in 1..max, else a clear BAD_USER_INPUT. */
export function pageSize(
  value: number | null | undefined,
  fallback: number,
  max: number,
  field: string,
): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw badInput(field, `must be an integer between 1 and ${max} (got ${n})`);
  }
  return n;
}
