import { ValidationError } from '@guildscope/contracts';

/**
 * The API's own error: invalid GraphQL arguments. Everything else the resolvers throw is one of the
 * shared domain errors of `@guildscope/contracts` (ForbiddenError, NotFoundError, UnauthenticatedError...);
 * the single `formatError` in ./format-error.ts maps all of them by category to `extensions.code`.
 */

/**
 * Invalid arguments: `fields` maps an argument path (e.g. `limit`, `config.channelId`) to its message. A
 * ValidationError without a reason code: the fields say what is wrong.
 */
export class BadUserInputError extends ValidationError {
  override readonly name = 'BadUserInputError';
  constructor(message: string, fields: Readonly<Record<string, string>> = {}) {
    super(
      message,
      Object.entries(fields).map(([path, text]) => ({ path, message: text })),
      null,
    );
  }
}

/** Shorthand for one invalid argument. */
export function badInput(field: string, message: string): BadUserInputError {
  return new BadUserInputError(`${field}: ${message}`, { [field]: message });
}
