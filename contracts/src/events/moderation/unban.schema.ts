import { z } from 'zod';
import { reasonSchema, snowflakeSchema, usernameSchema } from '../../primitives.js';

/** `GUILD_BAN_REMOVE`: a ban was revoked (the seed's shape, plus the audit-log reason when known). */
export const unbanEventDataSchema = z.strictObject({
  targetUserId: snowflakeSchema,
  targetUsername: usernameSchema,
  moderatorId: snowflakeSchema.nullable(),
  moderatorUsername: usernameSchema.optional(),
  reason: reasonSchema.optional(),
});
/** Data of `GUILD_BAN_REMOVE`. */
export type UnbanEventData = z.infer<typeof unbanEventDataSchema>;
