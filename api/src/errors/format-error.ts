import { type GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { ApiError } from './api-errors.js';

/** Categories the write side's domain errors carry (see write-side ModuleConfig errors). */
const domainCategoryCodes: Record<string, string> = {
  validation: 'BAD_USER_INPUT',
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  forbidden: 'FORBIDDEN',
};

/** Codes graphql-js / Apollo already set on request errors; kept as they are. */
const requestErrorCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  category?: unknown;
  code?: unknown;
  [key: string]: unknown;
}

/**
 * The ONE place errors become GraphQL errors, for HTTP (Apollo `formatError`) and WebSocket (graphql-ws
 * `onError`/`onNext`). Known errors keep their message and get `extensions.code` plus their fields;
 * anything else is logged and answered as INTERNAL_SERVER_ERROR without internals.
 */
export function createFormatError(logger: Logger) {
  return function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    const original = originalOf(error);
    const path = formatted.path;
    const locations = formatted.locations;
    const base = (message: string, extensions: Record<string, unknown>): GraphQLFormattedError => ({
      message,
      ...(locations ? { locations } : {}),
      ...(path ? { path } : {}),
      extensions,
    });

    if (original instanceof ApiError) {
      return base(original.message, { code: original.code, ...original.extensions() });
    }
    if (original && typeof original === 'object') {
      const e = original as ErrorLike;
      // Write-side domain errors: `category` tells the kind.
      if (typeof e.category === 'string' && e.category in domainCategoryCodes) {
        const code = domainCategoryCodes[e.category] as string;
        const reason = typeof e.code === 'string' ? { reason: e.code } : {};
        return base(String(e.message), { code, ...reason, ...domainFields(e) });
      }
      // Event store optimistic concurrency (reached when a command bypasses the domain layer).
      if (e.name === 'WrongExpectedVersionError') {
        const actual = typeof e.actual === 'number' ? e.actual : null;
        return base(String(e.message), {
          code: 'CONFLICT',
          currentVersion: actual === null ? 0 : actual + 1,
        });
      }
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && requestErrorCodes.has(code)) {
      return base(formatted.message, { ...formatted.extensions, code });
    }
    if (original === undefined && isGraphQLError(error) && !formatted.extensions?.code) {
      // A graphql-js error without an original: argument coercion and similar request errors.
      return base(formatted.message, { code: 'BAD_USER_INPUT' });
    }
    logger.error({ err: original ?? error, path }, 'unexpected error in a GraphQL operation');
    return base('Internal server error', { code: 'INTERNAL_SERVER_ERROR' });
  };
}

function isGraphQLError(error: unknown): error is GraphQLError {
  return !!error && typeof error === 'object' && (error as Error).name === 'GraphQLError';
}

function originalOf(error: unknown): unknown {
  let current = error;
  // Apollo/graphql-js wrap resolver errors (sometimes twice); unwrap to the thrown error.
  for (let i = 0; i < 5 && isGraphQLError(current) && current.originalError; i++) {
    current = current.originalError;
  }
  return isGraphQLError(current) ? undefined : current;
}

/** Field messages and current version from a domain error, whatever their exact property names. */
function domainFields(e: ErrorLike): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = e.fields ?? e.issues ?? e.fieldErrors;
  if (Array.isArray(fields)) {
    const map: Record<string, string> = {};
    for (const issue of fields as { path?: unknown; message?: unknown }[]) {
      const key = Array.isArray(issue.path) ? issue.path.join('.') : String(issue.path ?? '');
      map[key || '_'] = String(issue.message);
    }
    out.fields = map;
  } else if (fields && typeof fields === 'object') {
    out.fields = fields;
  }
  for (const key of ['currentVersion', 'actualVersion']) {
    if (typeof e[key] === 'number') out.currentVersion = e[key];
  }
  return out;
}
