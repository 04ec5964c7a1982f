import { type Aligned, addToSeries, toAligned } from './series.js';

/** A chart's data that live updates change in place: see {@link liveSeries}. */
export interface LiveSeries {
  readonly data: Aligned;
  /** Folds live counts into the bucket holding `timestamp` (see `addToSeries`). */
  add(timestamp: number, increments: readonly number[], bucketSeconds: number, windowSeconds?: number): void;
  /** The sum of value column `index` (1 for the first) over the range on screen. */
  total(index: number): number;
}

/**
 * The columns a query answers (`[timestamps, ...values]`), taken afresh on each answer, with live
 * increments folded in between answers so that the chart moves without a refetch.
 */
export function liveSeries(
  columns: () => readonly (readonly number[])[] | undefined,
  valueColumns: number,
): LiveSeries {
  let data = $state.raw<Aligned>(Array.from({ length: valueColumns + 1 }, () => []));
  $effect(() => {
    const answer = columns();
    if (answer) data = toAligned(answer);
  });
  return {
    get data() {
      return data;
    },
    add(timestamp, increments, bucketSeconds, windowSeconds) {
      data = addToSeries(data, timestamp, increments, bucketSeconds, windowSeconds);
    },
    total: (index) => (data[index] ?? []).reduce((a, b) => a + b, 0),
  };
}
