import type { ValidationIssue } from '../validation.js';

/**
 * The domain errors of the write side and the API, in one place. Each entry point maps them by
 * `category` in one function (the API's `formatError`); the fields are public so callers and tests can
 * read them.
 */

/** How an entry point answers: bad input, nothing there, a conflict with the current state, not allowed, not signed in. */
export type DomainErrorCategory = 'validation' | 'not_found' | 'conflict' | 'forbidden' | 'unauthenticated';

export abstract class DomainError extends Error {
  abstract readonly category: DomainErrorCategory;
  /** Stable machine-readable reason (`MODULE_ALREADY_ENABLED`); null when the category says it all. */
  abstract readonly code: string | null;
}

/**
 * The input is wrong in itself (schema, unknown module, malformed id). Nothing was written. `issues`
 * name each bad field.
 */
export class ValidationError extends DomainError {
  override readonly name: string = 'ValidationError';
  readonly category = 'validation' as const;
  constructor(
    message: string,
    readonly issues: readonly ValidationIssue[] = [],
    readonly code: string | null = 'VALIDATION_FAILED',
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

/** An error that its category and message say all of; `code` may add a reason. */
abstract class PlainDomainError extends DomainError {
  constructor(
    message: string,
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

/** The thing asked for does not exist (or is not visible to the caller). */
export class NotFoundError extends PlainDomainError {
  override readonly name = 'NotFoundError';
  readonly category = 'not_found' as const;
}

/** The caller is known but not allowed to do this (role, guild outside its scope, wrong bot credentials). */
export class ForbiddenError extends PlainDomainError {
  override readonly name = 'ForbiddenError';
  readonly category = 'forbidden' as const;
}

/** No credentials, unknown ones or revoked ones. */
export class UnauthenticatedError extends PlainDomainError {
  override readonly name = 'UnauthenticatedError';
  readonly category = 'unauthenticated' as const;
}

/** True for any of the classes above. */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
