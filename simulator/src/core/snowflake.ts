import { Clock } from './clock.js';

/** Discord's epoch (2015-01-01T00:00:00Z), the origin of every snowflake timestamp. */
export const DISCORD_EPOCH = 1_420_070_400_000n;

/** The creation time (ms since 1970) that a snowflake encodes, as discord.js derives it. */
export function snowflakeTimestamp(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/** Ids per millisecond: the low 22 bits (Discord's worker, process and increment fields) form one counter. */
const PER_MS = 1 << 22;
/** Timestamps remembered for uniqueness; the least recently used are forgotten beyond this. */
const REMEMBERED_TIMESTAMPS = 200_000;

/**
 * Generates real Discord snowflakes: `(ms since Discord epoch) << 22 | counter`. Unique for every timestamp
 * used recently (also past ones, e.g. account creation dates); with a manual clock, runs repeat exactly.
 */
export class SnowflakeGenerator {
  private readonly used = new Map<number, number>();
  /** The last timestamp used: the most recent key of `used` already, so repeats skip the LRU shuffle. */
  private lastTs = Number.NaN;
  /** `(lastBaseTs - epoch) << 22` split in decimal as `high * 1e7 + low` (both exact doubles). */
  private lastBaseTs = Number.NaN;
  private baseHigh = 0;
  private baseLow = 0;

  constructor(private readonly clock: Clock) {}

  /** A new id stamped with the clock's current time. */
  next(): string {
    return this.at(this.clock.now());
  }

  /** A new id stamped with `timestampMs` (e.g. an account created two years ago). */
  at(timestampMs: number): string {
    let ts = Math.floor(timestampMs);
    if (!(ts >= EPOCH_MS))
      throw new RangeError(`snowflake timestamp before the Discord epoch: ${timestampMs}`);
    let n = this.used.get(ts) ?? 0;
    while (n >= PER_MS) {
      // 4M ids in one millisecond: borrow the next millisecond rather than repeat an id.
      ts++;
      n = this.used.get(ts) ?? 0;
    }
    if (ts === this.lastTs) this.used.set(ts, n + 1);
    else {
      this.used.delete(ts);
      this.used.set(ts, n + 1);
      this.lastTs = ts;
      if (this.used.size > REMEMBERED_TIMESTAMPS) {
        const oldest = this.used.keys().next().value;
        if (oldest !== undefined) this.used.delete(oldest);
      }
    }
    return this.format(ts, n);
  }

  /**
   * `((ts - epoch) << 22 | n).toString()` without a BigInt per id (ids are the hot path of message traffic):
   * the shifted base is split once per millisecond into two exact doubles, then `n` (< 2^22) is added.
   */
  private format(ts: number, n: number): string {
    if (ts !== this.lastBaseTs) {
      const base = (BigInt(ts) - DISCORD_EPOCH) << 22n;
      this.baseHigh = Number(base / DECIMAL_SPLIT_N);
      this.baseLow = Number(base % DECIMAL_SPLIT_N);
      this.lastBaseTs = ts;
    }
    let high = this.baseHigh;
    let low = this.baseLow + n;
    if (low >= DECIMAL_SPLIT) {
      high++;
      low -= DECIMAL_SPLIT;
    }
    if (high === 0) return String(low);
    const id = `${high}${String(low).padStart(7, '0')}`;
    // Ids are kept (messages, users): one flat 19-byte string, not a concatenation node plus its two parts.
    id.charCodeAt(0);
    return id;
  }
}

const EPOCH_MS = Number(DISCORD_EPOCH);
const DECIMAL_SPLIT = 10_000_000;
const DECIMAL_SPLIT_N = 10_000_000n;

/** The shard that receives a guild's events: `(guild_id >> 22) % shard_count`. */
export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
