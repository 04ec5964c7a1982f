/**
 * The write side's domain errors, in one place. Every entry point (Socket.IO ack, GraphQL `formatError`)
 * maps them by `category` and `code`; the fields are public so callers and tests can read them.
 */

/** How an entry point should answer: 400-like, 404-like, 409-like or 403-like. */
export type DomainErrorCategory = 'validation' | 'not_found' | 'conflict' | 'forbidden';

/** One problem with an input, as `path` (dot/bracket notation, '' for the whole value) and a message. */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}

export abstract class DomainError extends Error {
  abstract readonly category: DomainErrorCategory;
  /** Stable machine-readable code, e.g. `MODULE_ALREADY_DISABLED`. */
  abstract readonly code: string;
}

/** The input is wrong in itself (schema, unknown module, malformed id). Nothing was written. */
export class ValidationError extends DomainError {
  override readonly name = 'ValidationError';
  readonly category = 'validation' as const;
  constructor(
    message: string,
    readonly issues: readonly ValidationIssue[] = [],
    readonly code: string = 'VALIDATION_FAILED',
  ) {
    super(message);
  }
}

/** The thing the command targets does not exist. */
export class NotFoundError extends DomainError {
  override readonly name = 'NotFoundError';
  readonly category = 'not_found' as const;
  constructor(
    message: string,
    readonly code: string = 'NOT_FOUND',
  ) {
    super(message);
  }
}

/**
 * The writer's `expectedVersion` is stale: somebody else changed the aggregate since it was read.
 * `currentVersion` is what the caller should re-read (or retry with).
 */
export class ConflictError extends DomainError {
  override readonly name = 'ConflictError';
  readonly category = 'conflict' as const;
  readonly code = 'VERSION_CONFLICT';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly currentVersion: number,
  ) {
    super(
      `Version conflict on "${streamId}": expected version ${expectedVersion}, current version is ${currentVersion}`,
    );
  }
}

/**
 * The command is well-formed but the aggregate's current state forbids it (disabling a disabled module,
 * updating a module that was never enabled). Retrying the same command will fail the same way.
 */
export class RuleViolationError extends DomainError {
  override readonly name = 'RuleViolationError';
  readonly category = 'conflict' as const;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The caller is not allowed to do this (wrong bot credentials, guild outside its scope). */
export class ForbiddenError extends DomainError {
  override readonly name = 'ForbiddenError';
  readonly category = 'forbidden' as const;
  constructor(
    message: string,
    readonly code: string = 'FORBIDDEN',
  ) {
    super(message);
  }
}

/** True for any of the classes above. */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
