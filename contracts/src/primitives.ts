import { z } from 'zod';
import {
  MAX_CONTENT_LENGTH,
  MAX_EMOJI_LENGTH,
  MAX_HASH_LENGTH,
  MAX_INVITE_CODE_LENGTH,
  MAX_INVITE_MAX_AGE_SECONDS,
  MAX_INVITE_MAX_USES,
  MAX_NAME_LENGTH,
  MAX_REASON_LENGTH,
  MAX_TIMESTAMP_MS,
  MAX_USERNAME_LENGTH,
} from './limits.js';
import { DISCORD_EPOCH_MS, isSnowflake } from './snowflake.js';

/**
 * Building blocks shared by every schema. Each one carries its own message so a refused field says
 * what was expected, not just "invalid".
 */

const typeError = (expected: string) => (issue: { input?: unknown }) =>
  issue.input === undefined
    ? 'required'
    : `expected ${expected}, got ${issue.input === null ? 'null' : typeof issue.input}`;

/** A Discord snowflake as a decimal string (17-20 digits, within the 64-bit range after 2015). */
export const snowflakeSchema = z
  .string({ error: typeError('a snowflake string (ids are strings: numbers lose precision)') })
  .refine(isSnowflake, { error: 'expected a Discord snowflake: a 17-20 digit numeric string' });

/** A point in time in milliseconds since the Unix epoch, between the Discord epoch and 2100. */
export const timestampMsSchema = z
  .number({ error: typeError('a timestamp in milliseconds since the epoch (number)') })
  .int({ error: 'expected an integer number of milliseconds' })
  .superRefine((value, ctx) => {
    if (value < DISCORD_EPOCH_MS) {
      const looksLikeSeconds = value * 1000 >= DISCORD_EPOCH_MS && value * 1000 <= MAX_TIMESTAMP_MS;
      ctx.addIssue({
        code: 'custom',
        message: looksLikeSeconds
          ? `looks like seconds since the epoch; timestamps are milliseconds (did you mean ${value * 1000}?)`
          : `before the Discord epoch (${DISCORD_EPOCH_MS} ms, 2015-01-01)`,
      });
    } else if (value > MAX_TIMESTAMP_MS) {
      ctx.addIssue({
        code: 'custom',
        message: `after ${MAX_TIMESTAMP_MS} ms (2100-01-01): not a plausible time`,
      });
    }
  });

/** How a global position of the event log is written: `"<commit>"`, or `"<commit>/<prepare>"` (EventStoreDB). */
export const LOG_POSITION_PATTERN = /^(\d{1,20})(?:\/(\d{1,20}))?$/;

/**
 * A global position of the event log as text (positions can exceed 2^53): what the gateway's config
 * feed sends with each change and what a bot hands back to resume after it.
 */
export const logPositionSchema = z
  .string()
  .regex(LOG_POSITION_PATTERN, { error: (issue) => invalidLogPosition(issue.input) });

/** The one wording of a refused position (schemas and the write side's `parsePosition` alike). */
export function invalidLogPosition(text: unknown): string {
  return `Invalid log position ${JSON.stringify(text)}: expected "<commit>" or "<commit>/<prepare>"`;
}

/** An ISO 8601 date-time (`2025-10-01T12:00:00.000Z`; an offset such as `+02:00` is accepted). */
export const isoDateTimeSchema = z.iso.datetime({
  offset: true,
  error: (issue) =>
    issue.input === undefined
      ? 'required'
      : 'expected an ISO 8601 date-time such as 2025-10-01T12:00:00.000Z',
});

const boundedString = (what: string, max: number, min = 1) =>
  z
    .string({ error: typeError(`${what} (string)`) })
    .min(min, { error: `${what} must not be empty` })
    .max(max, { error: `${what} longer than ${max} characters` });

/** A username or display name (1-32 characters). */
export const usernameSchema = boundedString('username', MAX_USERNAME_LENGTH);
/** A guild, channel or role name (1-100 characters). */
export const nameSchema = boundedString('name', MAX_NAME_LENGTH);
/** A moderation reason (1-512 characters). */
export const reasonSchema = boundedString('reason', MAX_REASON_LENGTH);
/** Message content (0-4000 characters: attachments-only messages have empty content). */
export const contentSchema = boundedString('content', MAX_CONTENT_LENGTH, 0);
/** An avatar or icon hash. */
export const hashSchema = boundedString('avatar or icon hash', MAX_HASH_LENGTH);
/** A legacy discriminator (`0` for migrated usernames, else 4 digits). */
export const discriminatorSchema = z
  .string({ error: typeError('a discriminator string') })
  .regex(/^(0|\d{4})$/, { error: 'expected a discriminator: "0" or 4 digits' });
/** An invite or vanity code. */
export const inviteCodeSchema = z
  .string({ error: typeError('an invite code (string)') })
  .regex(/^[A-Za-z0-9_-]+$/, { error: 'expected an invite code: letters, digits, "-" or "_"' })
  .max(MAX_INVITE_CODE_LENGTH, { error: `invite code longer than ${MAX_INVITE_CODE_LENGTH} characters` });
/** An invite's use limit as Discord allows it (0 = unlimited). */
export const inviteMaxUsesSchema = z
  .number()
  .int()
  .min(0)
  .max(MAX_INVITE_MAX_USES, { error: `at most ${MAX_INVITE_MAX_USES} (0 = unlimited)` });
/** An invite's lifetime in seconds as Discord allows it (0 = never expires). */
export const inviteMaxAgeSchema = z
  .number()
  .int()
  .min(0)
  .max(MAX_INVITE_MAX_AGE_SECONDS, {
    error: `at most ${MAX_INVITE_MAX_AGE_SECONDS} seconds (0 = never expires)`,
  });
/** An emoji: a Unicode sequence or a custom emoji written `name:id`. */
export const emojiSchema = boundedString('emoji', MAX_EMOJI_LENGTH);

/** A count: a non-negative safe integer. */
export const countSchema = z
  .number({ error: typeError('a count (number)') })
  .int({ error: 'expected an integer count' })
  .nonnegative({ error: 'expected a count >= 0' });

/**
 * Voice minutes: a non-negative number rounded to 2 decimals (the bot rounds with
 * `Math.round(x * 100) / 100`, so sums of rounded values must be rounded again before sending).
 */
export const minutesSchema = z
  .number({ error: typeError('minutes (number)') })
  .nonnegative({ error: 'expected minutes >= 0' })
  .refine((v) => Math.round(v * 100) / 100 === v, {
    error: 'expected minutes rounded to 2 decimals (Math.round(x * 100) / 100)',
  });

/** A non-negative score (activity scores are weighted sums, any precision). */
export const scoreSchema = z
  .number({ error: typeError('a score (number)') })
  .nonnegative({ error: 'expected a score >= 0' });

/**
 * A `Record<key, value>` with at most `max` entries, whose keys are validated by `key` (a snowflake for
 * `byChannel`/`byMember`, an emoji for `byEmoji`).
 */
export function boundedRecord<K extends z.ZodType<string>, V extends z.ZodType>(
  key: K,
  value: V,
  max: number,
  what: string,
) {
  return z.record(key, value).refine((r) => Object.keys(r).length <= max, {
    error: `more than ${max} ${what}`,
  });
}

/** An array with at most `max` items. */
export function boundedArray<T extends z.ZodType>(item: T, max: number, what: string, min = 0) {
  return z
    .array(item)
    .min(min, { error: min === 1 ? `at least one ${what} is required` : `at least ${min} ${what}` })
    .max(max, { error: `more than ${max} ${what}` });
}

/**
 * For a `superRefine`: an issue at `<list>[i].<field>` for every item whose `field` repeats an earlier
 * item's (a sync listing an invite or a member twice).
 */
export function refuseDuplicates<T, K extends keyof T & string>(
  ctx: z.RefinementCtx,
  list: string,
  items: readonly T[],
  field: K,
  message: string,
): void {
  const seen = new Set<unknown>();
  items.forEach((item, i) => {
    if (seen.has(item[field])) ctx.addIssue({ code: 'custom', path: [list, i, field], message });
    seen.add(item[field]);
  });
}
