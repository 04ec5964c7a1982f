import { z } from 'zod';
import { countSchema } from '../../primitives.js';
import { guildInfoSchema } from './guild-info.schema.js';

/**
 * `GUILD_SYNC`: at ready, the bot reports every guild it serves. The seed sends one event with all
 * guilds; here each guild gets its own event (in its own `guild-<id>` stream, so a guild's history is
 * complete and no event outgrows the size limit), and the events of one sync share `syncId` and say
 * how many guilds the sync has (`guildCount`), so a consumer knows when it has seen all of them and
 * can mark the guilds it did not see as inactive. `guild.id` must equal the event's `guildId`.
 */
export const guildSyncEventDataSchema = z.strictObject({
  syncId: z.uuid({ error: 'expected a UUID shared by every event of this sync' }),
  guildCount: countSchema.min(1, { error: 'a sync has at least this guild' }),
  guild: guildInfoSchema,
});
/** Data of `GUILD_SYNC`. */
export type GuildSyncEventData = z.infer<typeof guildSyncEventDataSchema>;
