import { z } from 'zod';
import {
  inviteCodeSchema,
  inviteMaxAgeSchema,
  inviteMaxUsesSchema,
  isoDateTimeSchema,
  snowflakeSchema,
  usernameSchema,
} from '../../primitives.js';

/**
 * `INVITE_CREATE`. `inviterId` is null for invites without a creator (widget, some integrations).
 * `expiresAt` is present exactly when `maxAge` > 0.
 */
export const inviteCreateEventDataSchema = z
  .strictObject({
    code: inviteCodeSchema,
    channelId: snowflakeSchema,
    inviterId: snowflakeSchema.nullable(),
    inviterUsername: usernameSchema.nullable(),
    maxUses: inviteMaxUsesSchema,
    maxAge: inviteMaxAgeSchema,
    temporary: z.boolean(),
    createdAt: isoDateTimeSchema,
    expiresAt: isoDateTimeSchema.optional(),
  })
  .superRefine((data, ctx) => {
    if (data.maxAge > 0 && data.expiresAt === undefined) {
      ctx.addIssue({ code: 'custom', path: ['expiresAt'], message: 'required when maxAge > 0' });
    }
    if (data.maxAge === 0 && data.expiresAt !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['expiresAt'],
        message: 'must be absent when maxAge is 0 (never expires)',
      });
    }
    if ((data.inviterId === null) !== (data.inviterUsername === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['inviterUsername'],
        message: 'must be null exactly when inviterId is null',
      });
    }
  });
/** Data of `INVITE_CREATE`. */
export type InviteCreateEventData = z.infer<typeof inviteCreateEventDataSchema>;
