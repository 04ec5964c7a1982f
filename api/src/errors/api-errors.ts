/**
 * The API's error vocabulary. Resolvers throw these (or let write-side domain errors through); the single
 * `formatError` in ./format-error.ts turns every error into a GraphQL error with `extensions.code`.
 */
export type ApiErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'CONFLICT';

export abstract class ApiError extends Error {
  abstract readonly code: ApiErrorCode;
  /** Extra fields copied to `extensions` (never secrets). */
  extensions(): Record<string, unknown> {
    return {};
  }
}

/** No token, an unknown token or a revoked one. */
export class UnauthenticatedError extends ApiError {
  override readonly name = 'UnauthenticatedError';
  readonly code = 'UNAUTHENTICATED';
}

/** The token is valid but its role or guild scope does not allow this. */
export class ForbiddenError extends ApiError {
  override readonly name = 'ForbiddenError';
  readonly code = 'FORBIDDEN';
}

export class NotFoundError extends ApiError {
  override readonly name = 'NotFoundError';
  readonly code = 'NOT_FOUND';
}

/** Invalid arguments. `fields` maps an argument path (e.g. `limit`, `config.channelId`) to its message. */
export class BadUserInputError extends ApiError {
  override readonly name = 'BadUserInputError';
  readonly code = 'BAD_USER_INPUT';
  constructor(
    message: string,
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
  override extensions(): Record<string, unknown> {
    return { fields: this.fields };
  }
}

/** Optimistic concurrency: the aggregate moved on since the caller read it. */
export class ConflictError extends ApiError {
  override readonly name = 'ConflictError';
  readonly code = 'CONFLICT';
  constructor(
    message: string,
    readonly currentVersion: number | null,
  ) {
    super(message);
  }
  override extensions(): Record<string, unknown> {
    return { currentVersion: this.currentVersion };
  }
}

/** Shorthand for one invalid argument. */
export function badInput(field: string, message: string): BadUserInputError {
  return new BadUserInputError(`${field}: ${message}`, { [field]: message });
}
