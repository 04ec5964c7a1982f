import { z } from 'zod';
import { MAX_MEMBER_ROLES } from '../../limits.js';
import {
  boundedArray,
  isoDateTimeSchema,
  reasonSchema,
  snowflakeSchema,
  usernameSchema,
} from '../../primitives.js';
import { memberIdentityShape } from '../member-identity.shape.js';

/**
 * `GUILD_MEMBER_REMOVE`: a member left or was kicked. `wasKicked` is what the bot knew when it sent
 * the event (a matching audit-log entry); a kick whose entry arrives later is `wasKicked: false` here
 * and is matched with the later `GUILD_AUDIT_LOG_ENTRY_CREATE` (MEMBER_KICK) by the projections.
 * `joinedAt` is null when the member was not cached.
 */
export const memberRemoveEventDataSchema = z
  .strictObject({
    ...memberIdentityShape,
    wasKicked: z.boolean(),
    moderatorId: snowflakeSchema.optional(),
    moderatorUsername: usernameSchema.optional(),
    reason: reasonSchema.optional(),
    joinedAt: isoDateTimeSchema.nullable(),
    roles: boundedArray(snowflakeSchema, MAX_MEMBER_ROLES, 'roles'),
  })
  .superRefine((data, ctx) => {
    if (data.wasKicked && data.moderatorId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['moderatorId'],
        message:
          'required when wasKicked is true (a kick is known from its audit-log entry, which names the moderator)',
      });
    }
    if (!data.wasKicked) {
      for (const key of ['moderatorId', 'moderatorUsername', 'reason'] as const) {
        if (data[key] !== undefined) {
          ctx.addIssue({ code: 'custom', path: [key], message: 'only allowed when wasKicked is true' });
        }
      }
    }
  });
/** Data of `GUILD_MEMBER_REMOVE`. */
export type MemberRemoveEventData = z.infer<typeof memberRemoveEventDataSchema>;
