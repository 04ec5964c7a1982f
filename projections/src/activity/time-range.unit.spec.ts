import { describe, expect, it } from '@jest/globals';
import { answerableSpan, DAY_MS, HOUR_MS, mergeSpans, splitRange } from './time-range.js';

const D = Date.UTC(2025, 2, 10);
const MIN = 60_000;

describe('splitRange', () => {
  it('cuts a range into raw edges, hourly partial days and whole days', () => {
    const from = D + 10 * HOUR_MS + 17 * MIN;
    const to = D + 3 * DAY_MS + 5 * HOUR_MS + 2 * MIN;
    expect(splitRange(from, to)).toEqual({
      rawHead: { from, to: D + 11 * HOUR_MS },
      hourHead: { from: D + 11 * HOUR_MS, to: D + DAY_MS },
      days: { from: D + DAY_MS, to: D + 3 * DAY_MS },
      hourTail: { from: D + 3 * DAY_MS, to: D + 3 * DAY_MS + 5 * HOUR_MS },
      rawTail: { from: D + 3 * DAY_MS + 5 * HOUR_MS, to },
    });
  });

  it('reads raw rows only within one hour', () => {
    const parts = splitRange(D + 5 * MIN, D + 50 * MIN);
    expect(parts.rawHead).toEqual({ from: D + 5 * MIN, to: D + 50 * MIN });
    for (const p of [parts.hourHead, parts.days, parts.hourTail, parts.rawTail]) expect(p.from).toBe(p.to);
  });

  it('uses days only for a day-aligned range', () => {
    const parts = splitRange(D, D + 7 * DAY_MS);
    expect(parts.days).toEqual({ from: D, to: D + 7 * DAY_MS });
    for (const p of [parts.rawHead, parts.hourHead, parts.hourTail, parts.rawTail]) expect(p.from).toBe(p.to);
  });

  it('uses hours only for a partial day with aligned hours', () => {
    const parts = splitRange(D + 2 * HOUR_MS, D + 9 * HOUR_MS);
    expect(parts.hourHead).toEqual({ from: D + 2 * HOUR_MS, to: D + 9 * HOUR_MS });
    expect(parts.days.from).toBe(parts.days.to);
  });
});

describe('mergeSpans', () => {
  it('merges overlapping and touching spans and drops empty ones', () => {
    expect(
      mergeSpans([
        { from: 5, to: 7 },
        { from: 0, to: 2 },
        { from: 2, to: 3 },
        { from: 6, to: 9 },
        { from: 4, to: 4 },
      ]),
    ).toEqual([
      { from: 0, to: 3 },
      { from: 5, to: 9 },
    ]);
  });
});

describe('answerableSpan', () => {
  const horizon = D;
  it('keeps edges within raw retention minute-exact', () => {
    const span = { from: D + 10 * MIN, to: D + DAY_MS + 7 * MIN };
    expect(answerableSpan(span, horizon)).toEqual(span);
    expect(answerableSpan({ from: D - 5 * MIN, to: D + 5 * MIN }, null)).toEqual({
      from: D - 5 * MIN,
      to: D + 5 * MIN,
    });
  });

  it('widens edges older than the raw horizon to their whole hours', () => {
    expect(answerableSpan({ from: D - 3 * DAY_MS + 17 * MIN, to: D - DAY_MS + 2 * MIN }, horizon)).toEqual({
      from: D - 3 * DAY_MS,
      to: D - DAY_MS + HOUR_MS,
    });
    expect(answerableSpan({ from: D - 30 * MIN, to: D + 30 * MIN }, horizon)).toEqual({
      from: D - HOUR_MS,
      to: D + 30 * MIN,
    });
  });
});
