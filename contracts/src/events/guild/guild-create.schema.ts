import { z } from 'zod';
import { isoDateTimeSchema } from '../../primitives.js';
import { guildInfoShape } from './guild-info.schema.js';

/** `GUILD_CREATE`: the bot was added to a guild (`joinedAt`: when). `id` must equal the event's `guildId`. */
export const guildCreateEventDataSchema = z.strictObject({ ...guildInfoShape, joinedAt: isoDateTimeSchema });
/** Data of `GUILD_CREATE`. */
export type GuildCreateEventData = z.infer<typeof guildCreateEventDataSchema>;
