import { Clock } from './clock.js';

/** Discord's epoch (2015-01-01T00:00:00Z), the origin of every snowflake timestamp. */
export const DISCORD_EPOCH = 1_420_070_400_000n;

/** The creation time (ms since 1970) that a snowflake encodes, as discord.js derives it. */
export function snowflakeTimestamp(id: string): number {
  return Number((BigInt(id) >> 22n) + DISCORD_EPOCH);
}

/**
 * Generates real Discord snowflakes: `(ms since Discord epoch) << 22 | worker << 17 | process << 12 | increment`.
 * Ids are unique and increasing for a given clock; with a manual clock they repeat run after run.
 */
export class SnowflakeGenerator {
  private increment = 0n;
  private lastTimestamp = -1n;

  constructor(
    private readonly clock: Clock,
    private readonly workerId = 1n,
    private readonly processId = 0n,
  ) {}

  /** A new id stamped with the clock's current time. */
  next(): string {
    return this.at(this.clock.now());
  }

  /** A new id stamped with `timestampMs` (e.g. an account created two years ago). */
  at(timestampMs: number): string {
    const ts = BigInt(Math.floor(timestampMs));
    if (ts < DISCORD_EPOCH)
      throw new RangeError(`snowflake timestamp before the Discord epoch: ${timestampMs}`);
    // The 12-bit increment wraps per process; keeping it global (not per ms) keeps ids unique across timestamps.
    this.increment = (this.increment + 1n) & 0xfffn;
    if (ts === this.lastTimestamp && this.increment === 0n) {
      // 4096 ids in one millisecond: borrow the next millisecond rather than repeat an id.
      return this.at(timestampMs + 1);
    }
    this.lastTimestamp = ts;
    return (
      ((ts - DISCORD_EPOCH) << 22n) |
      (this.workerId << 17n) |
      (this.processId << 12n) |
      this.increment
    ).toString();
  }
}

/** The shard that receives a guild's events: `(guild_id >> 22) % shard_count`. */
export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
