import { DomainError } from '@guildscope/contracts';

/**
 * A query the activity/growth read models cannot answer as asked (bad range, unknown metric, too many
 * points): a validation error of the shared hierarchy, so the API answers it as BAD_USER_INPUT with the
 * reason `INVALID_ACTIVITY_QUERY`.
 */
export class InvalidActivityQueryError extends DomainError {
  override readonly name = 'InvalidActivityQueryError';
  readonly category = 'validation' as const;
  readonly code = 'INVALID_ACTIVITY_QUERY';
}
