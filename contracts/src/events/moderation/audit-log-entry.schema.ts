import { z } from 'zod';
import {
  MAX_AUDIT_CHANGES,
  MAX_AUDIT_KEY_LENGTH,
  MAX_AUDIT_VALUE_ITEMS,
  MAX_AUDIT_VALUE_LENGTH,
  MAX_NAME_LENGTH,
} from '../../limits.js';
import {
  boundedArray,
  countSchema,
  reasonSchema,
  snowflakeSchema,
  usernameSchema,
} from '../../primitives.js';

/** Audit-log actions we name; anything else is `OTHER` with Discord's numeric `actionType`. */
export const auditLogActionSchema = z.enum([
  'MEMBER_KICK',
  'MEMBER_PRUNE',
  'MEMBER_BAN_ADD',
  'MEMBER_BAN_REMOVE',
  'MEMBER_TIMEOUT_ADD',
  'MEMBER_TIMEOUT_REMOVE',
  'MEMBER_ROLE_UPDATE',
  'MEMBER_UPDATE',
  'MESSAGE_DELETE',
  'MESSAGE_BULK_DELETE',
  'CHANNEL_CREATE',
  'CHANNEL_UPDATE',
  'CHANNEL_DELETE',
  'ROLE_CREATE',
  'ROLE_UPDATE',
  'ROLE_DELETE',
  'INVITE_CREATE',
  'INVITE_DELETE',
  'GUILD_UPDATE',
  'AUTO_MODERATION_BLOCK_MESSAGE',
  'AUTO_MODERATION_FLAG_TO_CHANNEL',
  'AUTO_MODERATION_USER_COMMUNICATION_DISABLED',
  'OTHER',
]);
/** An audit-log action. */
export type AuditLogAction = z.infer<typeof auditLogActionSchema>;
/** Audit-log actions as constants (`AuditLogAction.MEMBER_KICK`). */
export const AuditLogAction = auditLogActionSchema.enum;

const scalar = z.union([
  z
    .string()
    .max(MAX_AUDIT_VALUE_LENGTH, { error: `string longer than ${MAX_AUDIT_VALUE_LENGTH} characters` }),
  z.number(),
  z.boolean(),
  z.null(),
]);
const flatObject = z
  .record(z.string().max(MAX_AUDIT_KEY_LENGTH), scalar)
  .refine((o) => Object.keys(o).length <= 50, { error: 'more than 50 keys' });

/**
 * One value of an audit-log change: a scalar, a flat object (e.g. a permission overwrite) or a list of
 * those (e.g. `$add` roles `[{ id, name }]`). Two levels at most, so stored events stay bounded.
 */
export const auditChangeValueSchema = z.union([
  scalar,
  flatObject,
  z
    .array(z.union([scalar, flatObject]))
    .max(MAX_AUDIT_VALUE_ITEMS, { error: `more than ${MAX_AUDIT_VALUE_ITEMS} items` }),
]);

/**
 * `GUILD_AUDIT_LOG_ENTRY_CREATE` (timeouts, role changes, kicks...). The seed's shape plus `entryId`
 * (Discord's entry id: the projections de-duplicate and match kicks with it), `actionType` (Discord's
 * numeric type, kept for `OTHER`) and `options` (Discord's optional entry info). The executor is null
 * when Discord names none.
 */
export const auditLogEntryEventDataSchema = z.strictObject({
  entryId: snowflakeSchema,
  action: auditLogActionSchema,
  actionType: z.number().int().min(0).max(1000),
  executorId: snowflakeSchema.nullable(),
  executorUsername: usernameSchema.nullable(),
  targetId: snowflakeSchema.optional(),
  targetUsername: z.string().min(1).max(MAX_NAME_LENGTH).optional(),
  targetType: z
    .enum([
      'user',
      'channel',
      'role',
      'guild',
      'invite',
      'message',
      'webhook',
      'emoji',
      'automod_rule',
      'other',
    ])
    .optional(),
  changes: boundedArray(
    z.strictObject({
      key: z.string().min(1).max(MAX_AUDIT_KEY_LENGTH),
      oldValue: auditChangeValueSchema.optional(),
      newValue: auditChangeValueSchema.optional(),
    }),
    MAX_AUDIT_CHANGES,
    'changes',
  ).optional(),
  options: z
    .strictObject({
      channelId: snowflakeSchema.optional(),
      messageId: snowflakeSchema.optional(),
      count: countSchema.optional(),
      deleteMemberDays: countSchema.optional(),
      membersRemoved: countSchema.optional(),
      autoModerationRuleName: z.string().min(1).max(MAX_NAME_LENGTH).optional(),
      autoModerationRuleTriggerType: z.string().min(1).max(32).optional(),
    })
    .optional(),
  reason: reasonSchema.optional(),
});
/** Data of `GUILD_AUDIT_LOG_ENTRY_CREATE`. */
export type AuditLogEntryEventData = z.infer<typeof auditLogEntryEventDataSchema>;
