import {
  ConflictError,
  DomainError,
  type DomainErrorCategory,
  ValidationError,
  type ValidationIssue,
} from '@guildscope/contracts';
import { WrongExpectedVersionError } from '@guildscope/write-side';
import { type GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

/** `extensions.code` of each domain error category. */
const categoryCodes: Record<DomainErrorCategory, string> = {
  validation: 'BAD_USER_INPUT',
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  forbidden: 'FORBIDDEN',
  unauthenticated: 'UNAUTHENTICATED',
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

    if (original instanceof DomainError) return base(original.message, domainExtensions(original));
    // Event store optimistic concurrency (reached when a command bypasses the domain layer).
    if (original instanceof WrongExpectedVersionError)
      return base(original.message, {
        code: 'CONFLICT',
        currentVersion: original.actual === null ? 0 : original.actual + 1,
      });
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

/** `code` by category, the reason code, the field messages of a validation, the version of a conflict. */
function domainExtensions(error: DomainError): Record<string, unknown> {
  return {
    code: categoryCodes[error.category],
    ...(error.code === null ? {} : { reason: error.code }),
    ...(error instanceof ValidationError ? { fields: fieldMessages(error.issues) } : {}),
    ...(error instanceof ConflictError ? { currentVersion: error.currentVersion } : {}),
  };
}

function fieldMessages(issues: readonly ValidationIssue[]): Record<string, string> {
  return Object.fromEntries(issues.map((issue) => [issue.path || '_', issue.message]));
}
