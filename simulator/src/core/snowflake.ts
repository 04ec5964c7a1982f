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

  constructor(private readonly clock: Clock) {}

  /** A new id stamped with the clock's current time. */
  next(): string {
    return this.at(this.clock.now());
  }

  /** A new id stamped with `timestampMs` (e.g. an account created two years ago). */
  at(timestampMs: number): string {
    let ts = Math.floor(timestampMs);
    if (BigInt(ts) < DISCORD_EPOCH)
      throw new RangeError(`snowflake timestamp before the Discord epoch: ${timestampMs}`);
    let n = this.used.get(ts) ?? 0;
    while (n >= PER_MS) {
      // 4M ids in one millisecond: borrow the next millisecond rather than repeat an id.
      ts++;
      n = this.used.get(ts) ?? 0;
    }
    this.used.delete(ts);
    this.used.set(ts, n + 1);
    if (this.used.size > REMEMBERED_TIMESTAMPS) {
      const oldest = this.used.keys().next().value;
      if (oldest !== undefined) this.used.delete(oldest);
    }
    return (((BigInt(ts) - DISCORD_EPOCH) << 22n) | BigInt(n)).toString();
  }
}

/** The shard that receives a guild's events: `(guild_id >> 22) % shard_count`. */
export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
