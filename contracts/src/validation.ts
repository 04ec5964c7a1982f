import { z } from 'zod';
import { MAX_REPORTED_ISSUES } from './limits.js';

/**
 * One reason an input was refused. `path` points at the offending field in the input, written like
 * JavaScript: `data.targetUserId`, `data.guilds[0].id`, `data.metrics.messages.byChannel["ch1"]`;
 * `''` is the input itself.
 */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Result of every `parse*` function of the contracts: never throws, either a value or its issues. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: ValidationIssue[] };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Renders a path (`['data', 'guilds', 0, 'id']`) the way {@link ValidationIssue.path} documents. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const key = String(segment);
      if (IDENTIFIER.test(key)) out += out === '' ? key : `.${key}`;
      else out += `[${JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key)}]`;
    }
  }
  return out;
}

/** Joins a parent path and a child path. */
export function joinPath(parent: string, child: string): string {
  if (parent === '') return child;
  if (child === '') return parent;
  return child.startsWith('[') ? `${parent}${child}` : `${parent}.${child}`;
}

/** One line for logs and acks: `data.targetUserId: required; guildId: expected a snowflake...`. */
export function formatIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`)).join('; ');
}

/** Caps a list of issues at {@link MAX_REPORTED_ISSUES}, summarising the rest, so reports stay small. */
export function capIssues(issues: ValidationIssue[]): ValidationIssue[] {
  if (issues.length <= MAX_REPORTED_ISSUES) return issues;
  const kept = issues.slice(0, MAX_REPORTED_ISSUES - 1);
  kept.push({ path: '', message: `…and ${issues.length - kept.length} more issues` });
  return kept;
}

/**
 * Turns zod issues into {@link ValidationIssue}s with readable paths and messages. Parse with
 * `{ reportInput: true }` so a missing field reads "required" rather than "received undefined".
 */
export function issuesFromZod(error: z.ZodError, prefix: readonly PropertyKey[] = []): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of error.issues) {
    const path = [...prefix, ...issue.path];
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys.slice(0, MAX_REPORTED_ISSUES)) {
          out.push({
            path: formatPath([...path, key]),
            message: 'unknown field: the contract rejects fields it does not define',
          });
        }
        break;
      case 'invalid_key': {
        const inner = issue.issues[0]?.message ?? 'invalid key';
        out.push({ path: formatPath(path), message: `invalid key: ${inner}` });
        break;
      }
      case 'invalid_type':
        out.push({
          path: formatPath(path),
          message: 'input' in issue && issue.input === undefined ? 'required' : issue.message,
        });
        break;
      default:
        out.push({ path: formatPath(path), message: issue.message });
    }
  }
  return capIssues(out);
}

/**
 * Parses `input` with `schema`, returning a {@link ParseResult}. Never throws: zod's own exceptions
 * (there should be none) become an issue at the root.
 */
export function safeParseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix: readonly PropertyKey[] = [],
): ParseResult<z.infer<S>> {
  try {
    // Parsed once without `reportInput` (zod's fast path: it costs half as much, and valid input is the
    // common case, every event the gateway receives), again with it only to word the issues of an invalid one.
    const fast = schema.safeParse(input);
    if (fast.success) return { ok: true, value: fast.data };
    const result = schema.safeParse(input, { reportInput: true });
    if (result.success) return { ok: true, value: result.data };
    return { ok: false, errors: issuesFromZod(result.error, prefix) };
  } catch (error) {
    return {
      ok: false,
      errors: [{ path: formatPath(prefix), message: `could not validate: ${(error as Error).message}` }],
    };
  }
}
