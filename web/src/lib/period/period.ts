/** Periods and time ranges the dashboard asks the API for. Pure: `now` is always an argument. */

import type { Bucket, PeriodPreset } from '../graphql/generated/graphql.js';

export type { Bucket, PeriodPreset };

/** The API's PeriodInput, narrowed to its two valid forms (a preset, or a range). */
export type PeriodInput = { preset: PeriodPreset } | { from: string; to?: string };

/** What a period picker holds: a preset, or a custom range of local dates (YYYY-MM-DD, both inclusive). */
export type PeriodChoice =
  | { kind: 'preset'; preset: PeriodPreset }
  | { kind: 'custom'; from: string; to: string };

export const PERIOD_LABELS: Readonly<Record<PeriodPreset, string>> = {
  TODAY: 'Today',
  LAST_24_HOURS: '24 h',
  LAST_7_DAYS: '7 d',
  LAST_30_DAYS: '30 d',
  LAST_90_DAYS: '90 d',
};

/** Local midnight of a `YYYY-MM-DD` date, or null when it is not one. */
export function parseLocalDate(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** `YYYY-MM-DD` of a date in local time (for date inputs). */
export function localDateString(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The API's PeriodInput for a choice. A custom range covers whole local days, `to` included (so the
 * exclusive end sent is the next midnight). Returns an error sentence for an unusable custom range.
 */
export function toPeriodInput(choice: PeriodChoice): { input: PeriodInput } | { error: string } {
  if (choice.kind === 'preset') return { input: { preset: choice.preset } };
  const from = parseLocalDate(choice.from);
  const to = parseLocalDate(choice.to);
  if (!from || !to) return { error: 'Pick a start and an end date.' };
  if (to < from) return { error: 'The end date is before the start date.' };
  const end = new Date(to.getFullYear(), to.getMonth(), to.getDate() + 1);
  return { input: { from: from.toISOString(), to: end.toISOString() } };
}

export const BUCKET_SECONDS: Readonly<Record<Bucket, number>> = { MINUTE: 60, HOUR: 3600, DAY: 86_400 };
/** The API refuses series longer than this. */
export const MAX_BUCKETS = 5000;

/** Ranges of the activity chart: relative ones follow "now" (live), a custom one is fixed. */
export type RangeChoice =
  | { kind: 'relative'; seconds: number }
  | { kind: 'custom'; from: string; to: string }; // datetime-local strings

export const RELATIVE_RANGES: readonly { label: string; seconds: number }[] = [
  { label: '1 h', seconds: 3600 },
  { label: '6 h', seconds: 6 * 3600 },
  { label: '24 h', seconds: 86_400 },
  { label: '7 d', seconds: 7 * 86_400 },
  { label: '30 d', seconds: 30 * 86_400 },
];

export interface ResolvedRange {
  readonly from: Date;
  /** Null: up to now (the API's default), and the chart follows live ticks. */
  readonly to: Date | null;
  readonly live: boolean;
}

/** Resolves a range choice at `now`; an error sentence when a custom range is unusable. */
export function resolveRange(choice: RangeChoice, now: Date): ResolvedRange | { error: string } {
  if (choice.kind === 'relative') {
    return { from: new Date(now.getTime() - choice.seconds * 1000), to: null, live: true };
  }
  const from = new Date(choice.from);
  const to = new Date(choice.to);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()))
    return { error: 'Pick a start and an end.' };
  if (to <= from) return { error: 'The end is not after the start.' };
  return { from, to, live: to.getTime() > now.getTime() };
}

/** How many buckets a range spans (the first starts at `from` rounded down). */
export function bucketCount(from: Date, to: Date, bucket: Bucket): number {
  const size = BUCKET_SECONDS[bucket];
  const start = Math.floor(from.getTime() / 1000 / size) * size;
  return Math.max(1, Math.ceil((to.getTime() / 1000 - start) / size));
}

/** Buckets the API accepts for this range (at most MAX_BUCKETS buckets). */
export function allowedBuckets(from: Date, to: Date): Bucket[] {
  return (['MINUTE', 'HOUR', 'DAY'] as const).filter((b) => bucketCount(from, to, b) <= MAX_BUCKETS);
}

/** A readable default: minutes up to 6 h, hours up to 14 d, days beyond. */
export function defaultBucket(from: Date, to: Date): Bucket {
  const seconds = (to.getTime() - from.getTime()) / 1000;
  if (seconds <= 6 * 3600) return 'MINUTE';
  if (seconds <= 14 * 86_400) return 'HOUR';
  return 'DAY';
}

/** The bucket to use: the wanted one when the API accepts it for the range, else the default. */
export function effectiveBucket(wanted: Bucket | null, from: Date, to: Date): Bucket {
  if (wanted && allowedBuckets(from, to).includes(wanted)) return wanted;
  return defaultBucket(from, to);
}
