import { z } from 'zod';
import { countSchema, inviteCodeSchema, snowflakeSchema } from '../../primitives.js';

/**
 * `INVITE_DELETE` (the seed leaves it out). Discord only says which code in which channel; the bot
 * adds the inviter and last known uses from its invite cache when it had them.
 */
export const inviteDeleteEventDataSchema = z.strictObject({
  code: inviteCodeSchema,
  channelId: snowflakeSchema,
  inviterId: snowflakeSchema.nullable().optional(),
  uses: countSchema.optional(),
});
/** Data of `INVITE_DELETE`. */
export type InviteDeleteEventData = z.infer<typeof inviteDeleteEventDataSchema>;
