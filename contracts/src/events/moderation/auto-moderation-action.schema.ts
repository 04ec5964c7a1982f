import { z } from 'zod';
import { MAX_EXCERPT_LENGTH, MAX_NAME_LENGTH, MAX_TIMEOUT_SECONDS } from '../../limits.js';
import { contentSchema, snowflakeSchema, usernameSchema } from '../../primitives.js';

/**
 * `AUTO_MODERATION_ACTION_EXECUTION` (the seed leaves it out): Discord's own AutoMod acted.
 * Mirrors Discord's payload in camelCase, with the enums as names; `unknown` for values Discord
 * adds later. `content`/`matchedContent` need the Message Content intent and may be absent.
 */
export const autoModerationActionEventDataSchema = z.strictObject({
  ruleId: snowflakeSchema,
  ruleName: z.string().min(1).max(MAX_NAME_LENGTH).optional(),
  ruleTriggerType: z.enum(['keyword', 'spam', 'keyword_preset', 'mention_spam', 'member_profile', 'unknown']),
  action: z.strictObject({
    type: z.enum(['block_message', 'send_alert_message', 'timeout', 'block_member_interaction', 'unknown']),
    channelId: snowflakeSchema.optional(),
    durationSeconds: z.number().int().min(1).max(MAX_TIMEOUT_SECONDS).optional(),
    customMessage: z.string().max(150).optional(),
  }),
  userId: snowflakeSchema,
  username: usernameSchema.optional(),
  channelId: snowflakeSchema.optional(),
  messageId: snowflakeSchema.optional(),
  alertSystemMessageId: snowflakeSchema.optional(),
  content: contentSchema.optional(),
  matchedKeyword: z.string().max(MAX_EXCERPT_LENGTH).nullable().optional(),
  matchedContent: z.string().max(MAX_EXCERPT_LENGTH).nullable().optional(),
});
/** Data of `AUTO_MODERATION_ACTION_EXECUTION`. */
export type AutoModerationActionEventData = z.infer<typeof autoModerationActionEventDataSchema>;
