/**
 * Time arithmetic shared by the activity and growth queries. All buckets are UTC and aligned on the Unix
 * epoch, exactly like TimescaleDB's `time_bucket('1 hour' | '1 day', ts)` on timestamptz.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export type SeriesBucket = 'minute' | 'hour' | 'day';

export const BUCKET_MS: Readonly<Record<SeriesBucket, number>> = {
  minute: MINUTE_MS,
  hour: HOUR_MS,
  day: DAY_MS,
};

export function floorTo(ms: number, unit: number): number {
  return Math.floor(ms / unit) * unit;
}

export function ceilTo(ms: number, unit: number): number {
  return Math.ceil(ms / unit) * unit;
}

/** A half-open interval [from, to) in epoch milliseconds; empty when from >= to. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

/**
 * An arbitrary range [from, to) cut into the pieces each level can answer exactly: raw rows for the
 * sub-hour edges, hourly buckets for the partial days, daily buckets for the whole days. Empty pieces are
 * zero-length spans (they select nothing), so a query always binds the same parameters.
 */
export interface RangeParts {
  readonly rawHead: Span;
  readonly hourHead: Span;
  readonly days: Span;
  readonly hourTail: Span;
  readonly rawTail: Span;
}

const empty = (at: number): Span => ({ from: at, to: at });

export function splitRange(from: number, to: number): RangeParts {
  const h1 = ceilTo(from, HOUR_MS);
  const h2 = floorTo(to, HOUR_MS);
  if (h1 >= h2) {
    // Within one hour (or across one hour boundary with no whole hour inside): raw rows only.
    return {
      rawHead: { from, to },
      hourHead: empty(to),
      days: empty(to),
      hourTail: empty(to),
      rawTail: empty(to),
    };
  }
  const d1 = ceilTo(h1, DAY_MS);
  const d2 = floorTo(h2, DAY_MS);
  const rawHead = { from, to: h1 };
  const rawTail = { from: h2, to };
  if (d1 >= d2) {
    return { rawHead, hourHead: { from: h1, to: h2 }, days: empty(h2), hourTail: empty(h2), rawTail };
  }
  return {
    rawHead,
    hourHead: { from: h1, to: d1 },
    days: { from: d1, to: d2 },
    hourTail: { from: d2, to: h2 },
    rawTail,
  };
}

/**
 * The part of [from, to) the activity read model can answer exactly once retention dropped the raw rows
 * before `rawHorizon` (a UTC midnight; null: nothing dropped yet). Hourly and daily aggregates are kept for
 * good, so only the sub-hour edges need raw rows: an edge before the horizon is widened to its whole hour
 * (`from` down, `to` up), an edge within raw retention stays minute-exact. The caller reports the widened
 * range; it never answers a shorter one as if it were the range asked for.
 */
export function answerableSpan(span: Span, rawHorizon: number | null): Span {
  if (rawHorizon === null) return span;
  return {
    from: span.from < rawHorizon ? floorTo(span.from, HOUR_MS) : span.from,
    to: span.to < rawHorizon ? ceilTo(span.to, HOUR_MS) : span.to,
  };
}

/** The ten timestamps of {@link splitRange}, in the order the range queries bind them ($2..$11). */
export function rangeParams(parts: RangeParts): Date[] {
  return [
    parts.rawHead.from,
    parts.rawHead.to,
    parts.rawTail.from,
    parts.rawTail.to,
    parts.hourHead.from,
    parts.hourHead.to,
    parts.hourTail.from,
    parts.hourTail.to,
    parts.days.from,
    parts.days.to,
  ].map((ms) => new Date(ms));
}

/** Merges spans that overlap or touch; returns them sorted. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.from < s.to).sort((a, b) => a.from - b.from);
  const merged: Span[] = [];
  for (const s of sorted) {
    const last = merged.at(-1);
    if (last && s.from <= last.to)
      merged[merged.length - 1] = { from: last.from, to: Math.max(last.to, s.to) };
    else merged.push(s);
  }
  return merged;
}
