import { describe, expect, it } from '@jest/globals';
import { ManualClock } from './clock.js';
import { SnowflakeGenerator, shardForGuild, snowflakeTimestamp } from './snowflake.js';

describe('SnowflakeGenerator', () => {
  it('encodes the timestamp so creation dates can be derived', () => {
    const ids = new SnowflakeGenerator(new ManualClock(Date.UTC(2026, 0, 1)));
    const created = Date.UTC(2023, 5, 15, 12);
    expect(snowflakeTimestamp(ids.at(created))).toBe(created);
    expect(snowflakeTimestamp(ids.next())).toBe(Date.UTC(2026, 0, 1));
  });

  it('never repeats an id, even for 100k ids in the same millisecond, past or present', () => {
    const ids = new SnowflakeGenerator(new ManualClock(Date.UTC(2026, 0, 1)));
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) seen.add(ids.next());
    for (let i = 0; i < 50_000; i++) seen.add(ids.at(Date.UTC(2024, 0, 1)));
    expect(seen.size).toBe(100_000);
  });

  it('repeats the same ids for the same clock', () => {
    const a = new SnowflakeGenerator(new ManualClock(Date.UTC(2026, 0, 1)));
    const b = new SnowflakeGenerator(new ManualClock(Date.UTC(2026, 0, 1)));
    expect([a.next(), a.next()]).toEqual([b.next(), b.next()]);
  });

  it('formats exactly what the BigInt formula gives, also across a decimal carry', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const ids = new SnowflakeGenerator(clock);
    const expected = (ts: number, n: number) =>
      (((BigInt(ts) - 1_420_070_400_000n) << 22n) | BigInt(n)).toString();
    // A millisecond whose shifted base ends just below a multiple of 10^7, so adding the counter carries.
    let carrying = Date.UTC(2026, 0, 1);
    while (((BigInt(carrying) - 1_420_070_400_000n) << 22n) % 10_000_000n < 9_999_000n) carrying++;
    for (const ts of [1_420_070_400_000, Date.UTC(2019, 4, 3, 7), carrying]) {
      const got = Array.from({ length: 2000 }, () => ids.at(ts));
      expect(got).toEqual(Array.from({ length: 2000 }, (_, n) => expected(ts, n)));
    }
  });

  it('rejects timestamps before the Discord epoch', () => {
    const ids = new SnowflakeGenerator(new ManualClock(Date.UTC(2026, 0, 1)));
    expect(() => ids.at(Date.UTC(2014, 0, 1))).toThrow(RangeError);
  });

  it('routes guilds to shards with (id >> 22) % count', () => {
    const id = ((1000n << 22n) | 5n).toString();
    expect(shardForGuild(id, 3)).toBe(1000 % 3);
  });
});
