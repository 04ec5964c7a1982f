import { InvalidActivityQueryError } from './activity-query.errors.js';

/** Checks a guild (or user/channel) id the way the stream names use it: a non-empty string. */
export function requireId(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64)
    throw new InvalidActivityQueryError(`${what} must be a non-empty string of at most 64 characters`);
  return value;
}

/** Checks [from, to) and returns it in epoch milliseconds. */
export function requireRange(from: unknown, to: unknown): { from: number; to: number } {
  const f = from instanceof Date ? from.getTime() : Number.NaN;
  const t = to instanceof Date ? to.getTime() : Number.NaN;
  if (Number.isNaN(f) || Number.isNaN(t))
    throw new InvalidActivityQueryError('from and to must be valid Dates');
  if (f >= t)
    throw new InvalidActivityQueryError(
      `from (${new Date(f).toISOString()}) must be before to (${new Date(t).toISOString()})`,
    );
  return { from: f, to: t };
}

export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value))
    throw new InvalidActivityQueryError(
      `${what} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}`,
    );
  return value as T;
}
