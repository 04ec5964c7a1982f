import { z } from 'zod';
import { MAX_SYNCED_INVITES } from '../../limits.js';
import {
  countSchema,
  inviteCodeSchema,
  inviteMaxAgeSchema,
  inviteMaxUsesSchema,
  isoDateTimeSchema,
  refuseDuplicates,
  snowflakeSchema,
  usernameSchema,
} from '../../primitives.js';

/** One invite as Discord lists it (fields Discord may omit are null). */
export const syncedInviteSchema = z.strictObject({
  code: inviteCodeSchema,
  channelId: snowflakeSchema.nullable(),
  inviterId: snowflakeSchema.nullable(),
  inviterUsername: usernameSchema.nullable(),
  uses: countSchema,
  maxUses: inviteMaxUsesSchema,
  maxAge: inviteMaxAgeSchema.nullable(),
  temporary: z.boolean().nullable(),
  createdAt: isoDateTimeSchema.nullable(),
  expiresAt: isoDateTimeSchema.nullable(),
});
/** One invite of an `INVITE_SYNC`. */
export type SyncedInvite = z.infer<typeof syncedInviteSchema>;

/**
 * `INVITE_SYNC`: the guild's invites as the bot found them when it loaded its invite cache (at ready, and
 * when added to a guild). Invites created before the bot arrived, or while it was offline, exist in the
 * read models only through it; an invite the read models hold as active but absent from a complete sync
 * was deleted (or expired) while the bot was away. `complete` is false when the guild has more invites
 * than one event carries ({@link MAX_SYNCED_INVITES}): absent ones then prove nothing. `vanity`: the
 * vanity URL and its uses, when the guild has one. Sent only when the bot may read invites.
 */
export const inviteSyncEventDataSchema = z
  .strictObject({
    invites: z
      .array(syncedInviteSchema)
      .max(MAX_SYNCED_INVITES, { error: `at most ${MAX_SYNCED_INVITES} invites (set complete: false)` }),
    complete: z.boolean(),
    vanity: z.strictObject({ code: inviteCodeSchema, uses: countSchema }).nullable(),
  })
  .superRefine((data, ctx) =>
    refuseDuplicates(ctx, 'invites', data.invites, 'code', 'duplicate invite code'),
  );
/** Data of `INVITE_SYNC`. */
export type InviteSyncEventData = z.infer<typeof inviteSyncEventDataSchema>;
