import { z } from 'zod';
import { MAX_MEMBER_ROLES, MAX_SYNCED_MEMBERS } from '../../limits.js';
import {
  boundedArray,
  countSchema,
  isoDateTimeSchema,
  refuseDuplicates,
  snowflakeSchema,
  usernameSchema,
} from '../../primitives.js';
import { memberIdentityShape } from '../member-identity.shape.js';

/** One member as Discord's member list gives it (gateway op 8 / `GET /guilds/{id}/members`). */
export const syncedMemberSchema = z.strictObject({
  ...memberIdentityShape,
  /** Display name, when the user set one. */
  globalName: usernameSchema.nullable().optional(),
  bot: z.boolean(),
  /** Discord's `joined_at` of the current membership (null for a guest member Discord gives none for). */
  joinedAt: isoDateTimeSchema.nullable(),
  roles: boundedArray(snowflakeSchema, MAX_MEMBER_ROLES, 'roles').optional(),
});
/** One member of a `GUILD_MEMBERS_SYNC`. */
export type SyncedMember = z.infer<typeof syncedMemberSchema>;

/**
 * `GUILD_MEMBERS_SYNC`: the guild's member list as the bot fetched it when it loaded the guild (at ready,
 * and when added to a guild). Members who were there before the bot, or joined while it was offline,
 * exist in the read models only through it. One list is split into `chunkCount` events (at most
 * {@link MAX_SYNCED_MEMBERS} members each, numbered by `chunkIndex`) sharing `syncId`; the event time is
 * when the fetch started, so a join or leave after it wins over what the list says. Once every chunk is
 * in, the list is complete: a member the read models hold as present and the list does not name has
 * left (at an unknown time).
 */
export const guildMembersSyncEventDataSchema = z
  .strictObject({
    syncId: z.uuid({ error: 'expected a UUID shared by every chunk of this member list' }),
    chunkIndex: countSchema,
    chunkCount: countSchema.min(1, { error: 'a member list has at least one chunk' }),
    members: z
      .array(syncedMemberSchema)
      .max(MAX_SYNCED_MEMBERS, { error: `at most ${MAX_SYNCED_MEMBERS} members (split into chunks)` }),
  })
  .superRefine((data, ctx) => {
    if (data.chunkIndex >= data.chunkCount) {
      ctx.addIssue({ code: 'custom', path: ['chunkIndex'], message: 'must be less than chunkCount' });
    }
    refuseDuplicates(ctx, 'members', data.members, 'userId', 'duplicate member');
  });
/** Data of `GUILD_MEMBERS_SYNC`. */
export type GuildMembersSyncEventData = z.infer<typeof guildMembersSyncEventDataSchema>;
