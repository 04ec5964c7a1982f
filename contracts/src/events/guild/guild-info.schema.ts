import { z } from 'zod';
import { MAX_FEATURE_LENGTH, MAX_GUILD_FEATURES } from '../../limits.js';
import { boundedArray, countSchema, hashSchema, nameSchema, snowflakeSchema } from '../../primitives.js';

/** A guild feature flag (`COMMUNITY`, `PARTNERED`...). */
export const guildFeatureSchema = z
  .string()
  .regex(/^[A-Z0-9_]+$/, { error: 'expected an upper-case feature flag such as COMMUNITY' })
  .max(MAX_FEATURE_LENGTH);

/** Boost level, 0-3. */
export const premiumTierSchema = z.number().int().min(0).max(3, { error: 'expected a boost level 0-3' });

/** What the bot reports about a guild it is in (shared by sync and create). */
export const guildInfoShape = {
  id: snowflakeSchema,
  name: nameSchema,
  icon: hashSchema.nullable(),
  ownerId: snowflakeSchema,
  memberCount: countSchema,
  features: boundedArray(guildFeatureSchema, MAX_GUILD_FEATURES, 'features'),
  premiumTier: premiumTierSchema,
  premiumSubscriptionCount: countSchema,
};
/** A guild's description. */
export const guildInfoSchema = z.strictObject(guildInfoShape);
/** A guild's description. */
export type GuildInfo = z.infer<typeof guildInfoSchema>;
