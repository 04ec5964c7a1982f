import { z } from 'zod';
import { MAX_EXCERPT_LENGTH, MAX_TIMEOUT_SECONDS, MIN_TIMEOUT_SECONDS } from '../../limits.js';
import {
  automodActionSchema,
  automodRuleIdSchema,
  automodRuleTypeSchema,
  refineAutomodActions,
} from '../../modules/automod-config.schema.js';
import { reasonSchema, snowflakeSchema, usernameSchema } from '../../primitives.js';

/**
 * `BOT_AUTOMOD_ACTION`: our automod module acted on a message. `actions` is what the rule asked for;
 * `failedActions` those Discord refused (e.g. missing permission), so the audit trail never claims an
 * action that did not happen. `matched` is a short excerpt of what matched, not the whole message.
 */
export const botAutomodActionEventDataSchema = z
  .strictObject({
    ruleId: automodRuleIdSchema,
    ruleType: automodRuleTypeSchema,
    userId: snowflakeSchema,
    username: usernameSchema,
    channelId: snowflakeSchema,
    messageId: snowflakeSchema.optional(),
    actions: z.array(automodActionSchema).min(1, { error: 'at least one action' }).max(2),
    failedActions: z.array(automodActionSchema).max(2).optional(),
    timeoutSeconds: z.number().int().min(MIN_TIMEOUT_SECONDS).max(MAX_TIMEOUT_SECONDS).optional(),
    matched: z.string().min(1).max(MAX_EXCERPT_LENGTH).optional(),
    reason: reasonSchema,
  })
  .superRefine((data, ctx) => {
    refineAutomodActions(data, ctx);
    for (const [i, failed] of (data.failedActions ?? []).entries()) {
      if (!data.actions.includes(failed)) {
        ctx.addIssue({
          code: 'custom',
          path: ['failedActions', i],
          message: `"${failed}" is not one of actions`,
        });
      }
    }
  });
/** Data of `BOT_AUTOMOD_ACTION`. */
export type BotAutomodActionEventData = z.infer<typeof botAutomodActionEventDataSchema>;
