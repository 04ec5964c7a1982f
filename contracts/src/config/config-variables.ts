import { z } from 'zod';

/**
 * What the docs and the errors say about one environment variable, attached to its zod schema with
 * `.meta()` (or `.describe()` for the description alone).
 */
export interface VariableMeta {
  /** What it is for, in a sentence: the docs' "meaning" column. */
  readonly description: string;
  /** What it accepts, in words; a refusal reads `<VARIABLE> must be <accepts>`. */
  readonly accepts?: string;
  /** Values it refuses: the configuration test loads each and expects a refusal naming the variable. */
  readonly refuses?: readonly string[];
  /** The default as the docs show it when it is computed (`<DATA_DIR>/events.db`) rather than a value. */
  readonly defaultNote?: string;
  /** Never quoted back in an error (tokens, URLs that may hold a password). */
  readonly secret?: boolean;
}

/** The meta of a variable's schema, merged along its wrappers (`.default()`, `.optional()`, pipes); outer wins. */
export function variableMeta(schema: z.ZodType): Partial<VariableMeta> {
  const chain: z.core.$ZodType[] = [];
  for (let s: z.core.$ZodType | undefined = schema; s; ) {
    chain.push(s);
    const def = s._zod.def as { innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    s = def.innerType ?? def.in;
  }
  return Object.assign({}, ...chain.reverse().map((s) => z.globalRegistry.get(s) ?? {}));
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * A whole number in decimal digits within `min`..`max` (`1e3`, `0x10`, `5.0` are refused). `accepts` words
 * the range when "an integer from A to B" does not say it well.
 */
export function integer(options: { min: number; max?: number; accepts?: string }) {
  const { min, max = Number.MAX_SAFE_INTEGER } = options;
  const accepts =
    options.accepts ??
    (options.max === undefined ? `an integer >= ${min}` : `an integer from ${min} to ${max}`);
  const refuses = ['x', '1.5'];
  if (min > Number.MIN_SAFE_INTEGER) refuses.push(String(min - 1));
  if (options.max !== undefined) refuses.push(String(max + 1));
  return z
    .string()
    .refine((v) => /^-?\d{1,16}$/.test(v) && Number(v) >= min && Number(v) <= max, {
      error: `must be ${accepts}`,
    })
    .transform(Number)
    .meta({ accepts, refuses });
}

/** A TCP port, 0 meaning any free one. */
export function port() {
  return integer({ min: 0, max: 65_535, accepts: 'a port number 0-65535' });
}

/** One of `values`; with `ignoreCase`, `FULL` reads as `full`. */
export function choice<const T extends readonly [string, ...string[]]>(
  values: T,
  options: { accepts?: string; ignoreCase?: boolean } = {},
) {
  const accepts = options.accepts ?? `one of ${values.join(', ')}`;
  return z
    .string()
    .transform((v) => (options.ignoreCase ? v.toLowerCase() : v))
    .pipe(z.enum(values, { error: `must be ${accepts}` }))
    .meta({ accepts, refuses: ['not-a-choice'] });
}

/** A string matching `pattern`; `refuses` gives examples it does not match (for the configuration test). */
export function matching(pattern: RegExp, accepts: string, refuses: readonly string[]) {
  return z
    .string()
    .regex(pattern, { error: `must be ${accepts}` })
    .meta({ accepts, refuses });
}

/** A value without which the process cannot start; `why` follows "is required". */
export function required(why: string) {
  return z.string({ error: `is required${why ? ` ${why}` : ''}` });
}

/** pino's log level. */
export function logLevel(fallback: (typeof LOG_LEVELS)[number] = 'info') {
  return choice(LOG_LEVELS).default(fallback).describe('log level (pino)');
}
