import { discriminatorSchema, hashSchema, snowflakeSchema, usernameSchema } from '../primitives.js';

/** Who a member is, as member events and Discord's member list give it (the discriminator and avatar when known). */
export const memberIdentityShape = {
  userId: snowflakeSchema,
  username: usernameSchema,
  discriminator: discriminatorSchema.optional(),
  avatar: hashSchema.nullable().optional(),
};
