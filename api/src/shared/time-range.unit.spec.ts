import { BadUserInputError } from '../errors/api-errors.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { assertBucketCount, pageSize, previousWindow, resolvePeriod, resolveRange } from './time-range.js';

const now = new Date('2026-11-21T15:30:00Z');

describe('periods', () => {
  it('resolves presets relative to now and the previous period of the same length', () => {
    const w = resolvePeriod({ preset: 'LAST_7_DAYS' }, now);
    expect(w.from.toISOString()).toBe('2026-11-14T15:30:00.000Z');
    expect(previousWindow(w).from.toISOString()).toBe('2026-11-07T15:30:00.000Z');
    expect(resolvePeriod({ preset: 'TODAY' }, now).from.toISOString()).toBe('2026-11-21T00:00:00.000Z');
  });

  it('refuses a preset with a range, a range without from, and to before from', () => {
    expect(() => resolvePeriod({ preset: 'TODAY', from: now }, now)).toThrow('give either preset or from/to');
    expect(() => resolvePeriod({}, now)).toThrow('period.from: required');
    expect(() => resolveRange({ from: now, to: new Date(now.getTime() - 1) }, now)).toThrow(
      BadUserInputError,
    );
  });

  it('limits the number of buckets of a series', () => {
    const month = resolveRange({ from: new Date('2026-10-22T00:00:00Z') }, now);
    expect(() => assertBucketCount(month, 'HOUR')).not.toThrow();
    expect(() => assertBucketCount(month, 'MINUTE')).toThrow(/minute buckets requested; at most 5000/);
  });

  it('validates page sizes with the field name and the bounds in the message', () => {
    expect(pageSize(undefined, 10, 100, 'limit')).toBe(10);
    expect(() => pageSize(1_000_000, 10, 100, 'limit')).toThrow(
      'limit: must be an integer between 1 and 100',
    );
    expect(() => pageSize(0, 10, 100, 'limit')).toThrow(BadUserInputError);
  });
});

describe('cursors', () => {
  it('round-trips and refuses cursors of another list or forged ones', () => {
    const c = encodeCursor('mod', ['2026-11-21T00:00:00.000Z', 'abc']);
    expect(decodeCursor('mod', c, 2)).toEqual(['2026-11-21T00:00:00.000Z', 'abc']);
    expect(() => decodeCursor('ev', c, 1)).toThrow('after: not a cursor returned by this API for this list');
    expect(() => decodeCursor('mod', 'not-base64-json!', 2)).toThrow(BadUserInputError);
  });
});
