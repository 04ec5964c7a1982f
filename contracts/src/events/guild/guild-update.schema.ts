import { z } from 'zod';
import { MAX_GUILD_FEATURES } from '../../limits.js';
import {
  boundedArray,
  countSchema,
  hashSchema,
  inviteCodeSchema,
  nameSchema,
  snowflakeSchema,
} from '../../primitives.js';
import { guildFeatureSchema, premiumTierSchema } from './guild-info.schema.js';

const change = <T extends z.ZodType>(value: T) => z.strictObject({ old: value, new: value });

/**
 * `GUILD_UPDATE`: only the fields that changed, each `{ old, new }` (at least one, and old differs
 * from new). `id` must equal the event's `guildId`.
 */
export const guildUpdateEventDataSchema = z
  .strictObject({
    id: snowflakeSchema,
    changes: z.strictObject({
      name: change(nameSchema).optional(),
      icon: change(hashSchema.nullable()).optional(),
      ownerId: change(snowflakeSchema).optional(),
      memberCount: change(countSchema).optional(),
      premiumTier: change(premiumTierSchema).optional(),
      premiumSubscriptionCount: change(countSchema).optional(),
      features: change(boundedArray(guildFeatureSchema, MAX_GUILD_FEATURES, 'features')).optional(),
      vanityUrlCode: change(inviteCodeSchema.nullable()).optional(),
    }),
  })
  .superRefine((data, ctx) => {
    const entries = Object.entries(data.changes).filter(([, c]) => c !== undefined);
    if (entries.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['changes'], message: 'at least one changed field is required' });
    }
    for (const [key, c] of entries) {
      if (JSON.stringify(c.old) === JSON.stringify(c.new)) {
        ctx.addIssue({
          code: 'custom',
          path: ['changes', key],
          message: 'old and new are equal: not a change',
        });
      }
    }
  });
/** Data of `GUILD_UPDATE`. */
export type GuildUpdateEventData = z.infer<typeof guildUpdateEventDataSchema>;
