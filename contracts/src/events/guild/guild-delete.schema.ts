import { z } from 'zod';
import { nameSchema, snowflakeSchema } from '../../primitives.js';

/**
 * `GUILD_DELETE` (the seed leaves it out). `unavailable: true` is a Discord outage (the guild comes
 * back); `false` means the bot was removed or the guild deleted. `id` must equal the event's `guildId`.
 */
export const guildDeleteEventDataSchema = z.strictObject({
  id: snowflakeSchema,
  unavailable: z.boolean(),
  name: nameSchema.optional(),
});
/** Data of `GUILD_DELETE`. */
export type GuildDeleteEventData = z.infer<typeof guildDeleteEventDataSchema>;
