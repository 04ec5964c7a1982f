import { z } from 'zod';
import {
  discriminatorSchema,
  hashSchema,
  reasonSchema,
  snowflakeSchema,
  usernameSchema,
} from '../../primitives.js';

/**
 * `GUILD_BAN_ADD`: a member was banned. `moderatorId` is null when Discord or a bot without an
 * audit-log entry did it.
 */
export const banEventDataSchema = z.strictObject({
  targetUserId: snowflakeSchema,
  targetUsername: usernameSchema,
  targetDiscriminator: discriminatorSchema.optional(),
  targetAvatar: hashSchema.nullable().optional(),
  moderatorId: snowflakeSchema.nullable(),
  moderatorUsername: usernameSchema.optional(),
  reason: reasonSchema.optional(),
});
/** Data of `GUILD_BAN_ADD`. */
export type BanEventData = z.infer<typeof banEventDataSchema>;
