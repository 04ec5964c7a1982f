import { z } from 'zod';
import {
  MAX_AUTOMOD_RULES,
  MAX_BANNED_WORD_LENGTH,
  MAX_BANNED_WORDS,
  MAX_EXEMPT_IDS,
  MAX_MAX_MENTIONS,
  MAX_RULE_ID_LENGTH,
  MAX_TIMEOUT_SECONDS,
  MIN_MAX_MENTIONS,
  MIN_TIMEOUT_SECONDS,
} from '../limits.js';
import { boundedArray, snowflakeSchema } from '../primitives.js';

/** Kinds of automod rules. */
export const automodRuleTypeSchema = z.enum(['banned_words', 'invite_links', 'mention_spam']);
/** A kind of automod rule. */
export type AutomodRuleType = z.infer<typeof automodRuleTypeSchema>;

/** What a rule does to an offending message: delete it and/or time its author out. */
export const automodActionSchema = z.enum(['delete', 'timeout'], {
  error: 'expected "delete" or "timeout"',
});
/** An automod action. */
export type AutomodAction = z.infer<typeof automodActionSchema>;

/**
 * What holds for the actions of a rule and of an action taken: no action twice, and `timeoutSeconds`
 * exactly when the actions include `timeout`.
 */
export function refineAutomodActions(
  value: { actions: readonly AutomodAction[]; timeoutSeconds?: number | undefined },
  ctx: z.RefinementCtx,
): void {
  if (new Set(value.actions).size !== value.actions.length) {
    ctx.addIssue({ code: 'custom', path: ['actions'], message: 'contains the same action twice' });
  }
  const timeout = value.actions.includes('timeout');
  if (timeout && value.timeoutSeconds === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['timeoutSeconds'],
      message: 'required when actions include "timeout"',
    });
  }
  if (!timeout && value.timeoutSeconds !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['timeoutSeconds'],
      message: 'only allowed when actions include "timeout"',
    });
  }
}

/** A rule id chosen by the dashboard: letters, digits, `-` and `_`. */
export const automodRuleIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, { error: 'expected a rule id: letters, digits, "-" or "_"' })
  .max(MAX_RULE_ID_LENGTH, { error: `rule id longer than ${MAX_RULE_ID_LENGTH} characters` });

const ruleBase = {
  id: automodRuleIdSchema,
  enabled: z.boolean(),
  actions: z.array(automodActionSchema).min(1, { error: 'at least one action is required' }).max(2),
  timeoutSeconds: z
    .number()
    .int({ error: 'expected whole seconds' })
    .min(MIN_TIMEOUT_SECONDS, { error: `at least ${MIN_TIMEOUT_SECONDS} second` })
    .max(MAX_TIMEOUT_SECONDS, { error: `at most ${MAX_TIMEOUT_SECONDS} seconds (28 days, Discord's limit)` })
    .optional(),
  exemptRoleIds: boundedArray(snowflakeSchema, MAX_EXEMPT_IDS, 'exempt roles').optional(),
  exemptChannelIds: boundedArray(snowflakeSchema, MAX_EXEMPT_IDS, 'exempt channels').optional(),
};

const bannedWordsRule = z.strictObject({
  ...ruleBase,
  type: z.literal('banned_words'),
  words: boundedArray(
    z
      .string()
      .trim()
      .min(1, { error: 'a banned word must not be blank' })
      .max(MAX_BANNED_WORD_LENGTH, {
        error: `a banned word longer than ${MAX_BANNED_WORD_LENGTH} characters`,
      }),
    MAX_BANNED_WORDS,
    'words',
    1,
  ),
});
const inviteLinksRule = z.strictObject({ ...ruleBase, type: z.literal('invite_links') });
const mentionSpamRule = z.strictObject({
  ...ruleBase,
  type: z.literal('mention_spam'),
  maxMentions: z
    .number()
    .int()
    .min(MIN_MAX_MENTIONS, { error: `at least ${MIN_MAX_MENTIONS}` })
    .max(MAX_MAX_MENTIONS, { error: `at most ${MAX_MAX_MENTIONS}` }),
});

/**
 * One automod rule, by `type`: `banned_words` needs `words`, `mention_spam` needs `maxMentions`,
 * `invite_links` needs nothing more. `timeoutSeconds` is required exactly when `actions` has `timeout`.
 */
export const automodRuleSchema = z
  .discriminatedUnion('type', [bannedWordsRule, inviteLinksRule, mentionSpamRule], {
    error: 'expected type "banned_words", "invite_links" or "mention_spam"',
  })
  .superRefine(refineAutomodActions);
/** One automod rule. */
export type AutomodRule = z.infer<typeof automodRuleSchema>;

/** The `automod` module: its rules, ids unique. */
export const automodConfigSchema = z
  .strictObject({
    rules: z
      .array(automodRuleSchema)
      .max(MAX_AUTOMOD_RULES, { error: `more than ${MAX_AUTOMOD_RULES} rules` }),
  })
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>();
    for (const [i, rule] of config.rules.entries()) {
      const first = seen.get(rule.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'id'],
          message: `duplicate rule id (also rules[${first}])`,
        });
      } else seen.set(rule.id, i);
    }
  });
/** Configuration of the `automod` module. */
export type AutomodConfig = z.infer<typeof automodConfigSchema>;
