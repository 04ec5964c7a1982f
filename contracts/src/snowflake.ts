/**
 * Discord snowflakes: 64-bit ids whose top 42 bits are milliseconds since the Discord epoch.
 * They travel as decimal strings because they exceed `Number.MAX_SAFE_INTEGER`.
 */

/** 2015-01-01T00:00:00.000Z, the zero of every snowflake's timestamp (ms since the Unix epoch). */
export const DISCORD_EPOCH_MS = 1_420_070_400_000;

/**
 * Smallest snowflake we accept: the smallest 17-digit id. Its encoded time is 2015-02-28, after the
 * Discord epoch and before Discord's public launch (May 2015), so every real id is above it and any
 * 1-16 digit number (a typo, a test counter, a Unix timestamp) is refused.
 */
export const MIN_SNOWFLAKE = 10_000_000_000_000_000n;

/** Largest snowflake: an unsigned 64-bit integer. */
export const MAX_SNOWFLAKE = 2n ** 64n - 1n;

const SNOWFLAKE_PATTERN = /^\d{17,20}$/;

const MAX_SNOWFLAKE_DIGITS = MAX_SNOWFLAKE.toString();

/**
 * Whether `value` is a snowflake string: 17-20 digits within [`MIN_SNOWFLAKE`, `MAX_SNOWFLAKE`], written
 * canonically (no leading zero, as Discord writes ids; otherwise one id would have two spellings).
 */
export function isSnowflake(value: unknown): value is string {
  if (typeof value !== 'string' || !SNOWFLAKE_PATTERN.test(value)) return false;
  // Compared as digit strings (no BigInt per id: this runs for every id of every event received).
  // Without a leading zero, 17-19 digits are always within range (MIN_SNOWFLAKE is the smallest 17-digit
  // number) and 20 digits are when they do not exceed MAX_SNOWFLAKE's (equal lengths compare like numbers).
  if (value.charCodeAt(0) === 0x30) return false;
  return value.length < 20 || value <= MAX_SNOWFLAKE_DIGITS;
}

/**
 * Creation time (ms since the Unix epoch) encoded in a snowflake, e.g. a user's account creation time.
 * @throws RangeError when `id` is not a snowflake (callers pass ids that were validated already).
 */
export function snowflakeTimestamp(id: string): number {
  if (!isSnowflake(id)) throw new RangeError(`not a Discord snowflake: ${JSON.stringify(id).slice(0, 40)}`);
  return Number(BigInt(id) >> 22n) + DISCORD_EPOCH_MS;
}

/**
 * Builds the snowflake Discord would give something created at `timestampMs` (worker/process bits
 * zero, `increment` in the low 12 bits). For simulators, fixtures and examples.
 * @throws RangeError when the result would not be a valid snowflake.
 */
export function snowflakeFromTimestamp(timestampMs: number, increment = 0): string {
  if (!Number.isInteger(timestampMs) || !Number.isInteger(increment) || increment < 0 || increment > 4095) {
    throw new RangeError('timestampMs must be an integer and increment an integer in 0..4095');
  }
  const id = ((BigInt(timestampMs) - BigInt(DISCORD_EPOCH_MS)) << 22n) | BigInt(increment);
  const text = id.toString();
  if (!isSnowflake(text)) throw new RangeError(`timestamp ${timestampMs} gives no valid snowflake`);
  return text;
}
