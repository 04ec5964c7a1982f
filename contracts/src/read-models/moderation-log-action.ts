/**
 * The action of a moderation_log row as the moderation projection writes it and the API reads it (lower
 * case). The GraphQL enum `ModerationAction` is the same list upper-cased; the API's resolver types
 * check the two spellings against each other at compile time (api/src/shared/enum-value.ts).
 */
export const MODERATION_LOG_ACTIONS = [
  'ban',
  'unban',
  'kick',
  'leave',
  'timeout_add',
  'timeout_remove',
  'message_delete',
  'message_bulk_delete',
  'automod_discord',
  'automod_bot',
  'audit_log',
] as const;

/** One action of the moderation log (see {@link MODERATION_LOG_ACTIONS}). */
export type ModerationLogAction = (typeof MODERATION_LOG_ACTIONS)[number];
