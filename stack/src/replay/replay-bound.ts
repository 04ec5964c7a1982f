import { ReplayUsageError } from './replay.errors.js';

/**
 * One end of a `--from`/`--to` range. A bare integer is a stream revision; anything else must be an ISO
 * 8601 UTC-anchored time. A time covers its whole precision: `2025-10-01` is that UTC day,
 * `2025-10-01T12:05Z` that minute, so inclusive bounds mean what an auditor expects (`--to 2025-10-01`
 * includes every event of the 1st).
 */
export type ReplayBound =
  | { readonly kind: 'revision'; readonly revision: number }
  | {
      readonly kind: 'time';
      readonly text: string;
      /** First millisecond covered (ms since the Unix epoch). */
      readonly startMs: number;
      /** Last millisecond covered. */
      readonly endMs: number;
    };

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|z|[+-]\d{2}:?\d{2})?)?$/;

const DAY_MS = 86_400_000;

/** Parses the value of `--from`/`--to`; throws ReplayUsageError naming the flag. */
export function parseReplayBound(flag: string, text: string): ReplayBound {
  const value = text.trim();
  if (/^\d+$/.test(value)) {
    const revision = Number(value);
    if (!Number.isSafeInteger(revision))
      throw new ReplayUsageError(`${flag}: revision ${value} is too large`);
    return { kind: 'revision', revision };
  }
  const match = ISO_TIME.exec(value);
  if (!match) {
    throw new ReplayUsageError(
      `${flag}: "${text}" is neither a revision (a whole number) nor an ISO time such as 2025-10-01 or 2025-10-01T12:00:00Z`,
    );
  }
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const dayStart = Date.UTC(year, month - 1, day);
  const check = new Date(dayStart);
  if (
    month < 1 ||
    month > 12 ||
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  )
    throw new ReplayUsageError(`${flag}: "${text}" is not a calendar date`);
  if (h === undefined) return { kind: 'time', text: value, startMs: dayStart, endMs: dayStart + DAY_MS - 1 };
  // A local time would silently depend on the auditor's machine: ask for the zone instead.
  if (zone === undefined)
    throw new ReplayUsageError(
      `${flag}: "${text}" has no time zone: add Z (UTC) or an offset such as +02:00`,
    );
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 59)
    throw new ReplayUsageError(`${flag}: "${text}" is not a valid time of day`);
  let offsetMinutes = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const digits = zone.replace(':', '');
    const oh = Number(digits.slice(1, 3));
    const om = Number(digits.slice(3, 5));
    if (oh > 23 || om > 59) throw new ReplayUsageError(`${flag}: "${text}" has an invalid offset`);
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const ms = fraction === undefined ? 0 : Number(fraction.padEnd(3, '0'));
  const precision = s === undefined ? 60_000 : fraction === undefined ? 1_000 : 10 ** (3 - fraction.length);
  const startMs = dayStart + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + ms;
  return { kind: 'time', text: value, startMs, endMs: startMs + precision - 1 };
}
