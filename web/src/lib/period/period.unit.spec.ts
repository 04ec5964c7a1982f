import {
  allowedBuckets,
  bucketCount,
  defaultBucket,
  effectiveBucket,
  localDateString,
  resolveRange,
  toPeriodInput,
} from './period.js';

describe('toPeriodInput', () => {
  it('passes presets through', () => {
    expect(toPeriodInput({ kind: 'preset', preset: 'LAST_7_DAYS' })).toEqual({
      input: { preset: 'LAST_7_DAYS' },
    });
  });

  it('covers whole local days, the end day included', () => {
    const result = toPeriodInput({ kind: 'custom', from: '2026-03-01', to: '2026-03-02' });
    if (!('input' in result)) throw new Error(result.error);
    const input = result.input as { from: string; to: string };
    expect(new Date(input.from)).toEqual(new Date(2026, 2, 1));
    expect(new Date(input.to)).toEqual(new Date(2026, 2, 3));
  });

  it('explains unusable custom ranges', () => {
    expect(toPeriodInput({ kind: 'custom', from: '', to: '2026-03-02' })).toEqual({
      error: 'Pick a start and an end date.',
    });
    expect(toPeriodInput({ kind: 'custom', from: '2026-03-05', to: '2026-03-02' })).toEqual({
      error: 'The end date is before the start date.',
    });
  });

  it('formats local dates for date inputs', () => {
    expect(localDateString(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});

describe('activity ranges and buckets', () => {
  const now = new Date('2026-05-10T12:00:30Z');

  it('relative ranges end now and are live', () => {
    expect(resolveRange({ kind: 'relative', seconds: 3600 }, now)).toEqual({
      from: new Date('2026-05-10T11:00:30Z'),
      to: null,
      live: true,
    });
  });

  it('custom ranges in the past are fixed; inverted ones are refused', () => {
    expect(
      resolveRange({ kind: 'custom', from: '2026-05-01T00:00:00Z', to: '2026-05-02T00:00:00Z' }, now),
    ).toMatchObject({ live: false });
    expect(resolveRange({ kind: 'custom', from: '2026-05-02T00:00Z', to: '2026-05-01T00:00Z' }, now)).toEqual(
      {
        error: 'The end is not after the start.',
      },
    );
  });

  it('counts buckets from the rounded-down start', () => {
    const from = new Date('2026-05-10T10:30:00Z');
    const to = new Date('2026-05-10T12:00:00Z');
    expect(bucketCount(from, to, 'MINUTE')).toBe(90);
    expect(bucketCount(from, to, 'HOUR')).toBe(2);
    expect(bucketCount(from, to, 'DAY')).toBe(1);
  });

  it('offers only buckets the API accepts (<= 5000) and picks a readable default', () => {
    const to = new Date('2026-05-10T00:00:00Z');
    const thirtyDays = new Date(to.getTime() - 30 * 86_400_000);
    expect(allowedBuckets(thirtyDays, to)).toEqual(['HOUR', 'DAY']);
    expect(defaultBucket(thirtyDays, to)).toBe('DAY');
    expect(defaultBucket(new Date(to.getTime() - 3600_000), to)).toBe('MINUTE');
    expect(defaultBucket(new Date(to.getTime() - 7 * 86_400_000), to)).toBe('HOUR');
    expect(effectiveBucket('MINUTE', thirtyDays, to)).toBe('DAY');
    expect(effectiveBucket('HOUR', thirtyDays, to)).toBe('HOUR');
  });
});
