import { z } from 'zod';
import { MAX_SNAPSHOT_PERIOD_SECONDS } from '../../limits.js';
import { timestampMsSchema } from '../../primitives.js';

/** The period a snapshot covers: start and end in ms, duration in whole seconds. */
export const periodShape = {
  periodStart: timestampMsSchema,
  periodEnd: timestampMsSchema,
  periodDuration: z
    .number()
    .int({ error: 'expected whole seconds' })
    .min(0)
    .max(MAX_SNAPSHOT_PERIOD_SECONDS, {
      error: `a period longer than ${MAX_SNAPSHOT_PERIOD_SECONDS} seconds`,
    }),
};

/**
 * `periodEnd >= periodStart`, and `periodDuration` is `floor((periodEnd - periodStart) / 1000)` as the
 * seed computes it, so the two cannot disagree in stored events.
 */
export function checkPeriod(
  data: { periodStart: number; periodEnd: number; periodDuration: number },
  ctx: z.RefinementCtx,
): void {
  if (data.periodEnd < data.periodStart) {
    ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'before periodStart' });
    return;
  }
  const expected = Math.floor((data.periodEnd - data.periodStart) / 1000);
  if (data.periodDuration !== expected) {
    ctx.addIssue({
      code: 'custom',
      path: ['periodDuration'],
      message: `must equal floor((periodEnd - periodStart) / 1000) = ${expected}`,
    });
  }
}

/** Reports items whose `key` repeats an earlier item's, at `[...path, index, key]`. */
export function checkUnique<T>(
  items: readonly T[],
  key: keyof T & string,
  path: readonly (string | number)[],
  ctx: z.RefinementCtx,
): void {
  const seen = new Map<unknown, number>();
  for (const [i, item] of items.entries()) {
    const first = seen.get(item[key]);
    if (first !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, i, key],
        message: `duplicate ${key} (also at index ${first})`,
      });
    } else seen.set(item[key], i);
  }
}
