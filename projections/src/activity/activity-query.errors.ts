/**
 * A query the activity/growth read models cannot answer as asked (bad range, unknown metric, too many
 * points). Same shape as the write side's domain errors (`category`, `code`) so the API maps it to a
 * typed GraphQL error in one place.
 */
export class InvalidActivityQueryError extends Error {
  override readonly name = 'InvalidActivityQueryError';
  readonly category = 'validation' as const;
  readonly code = 'INVALID_ACTIVITY_QUERY';
}
