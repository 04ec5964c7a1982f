import { z } from 'zod';
import { MAX_INVITE_MAX_USES } from '../../limits.js';
import { countSchema, inviteCodeSchema, snowflakeSchema, usernameSchema } from '../../primitives.js';

/**
 * How a join was attributed. `invite`: a normal invite whose uses went up; `vanity`: the vanity URL;
 * `unknown`: nothing matched, or several joins raced between two invite fetches (the bot never guesses);
 * `no-permission`: the bot lacks Manage Server and cannot read invites; `bot`: a bot account (added via
 * OAuth, never through an invite).
 */
export const inviteClassSchema = z.enum(['invite', 'vanity', 'unknown', 'no-permission', 'bot']);
/** How a join was attributed. */
export type InviteClass = z.infer<typeof inviteClassSchema>;

/** Invite uses and limit (`maxUses` 0 = unlimited); uses cannot exceed a non-zero limit. */
const invitedUses = {
  uses: countSchema.optional(),
  maxUses: countSchema
    .max(MAX_INVITE_MAX_USES, { error: `maxUses above Discord's ${MAX_INVITE_MAX_USES}` })
    .optional(),
};

/** The `invite` of `GUILD_MEMBER_ADD`: the class, and for `invite`/`vanity` the code and its inviter. */
export const inviteAttributionSchema = z.discriminatedUnion(
  'class',
  [
    z.strictObject({
      class: z.literal('invite'),
      code: inviteCodeSchema,
      inviterId: snowflakeSchema.optional(),
      inviterUsername: usernameSchema.optional(),
      ...invitedUses,
    }),
    z.strictObject({ class: z.literal('vanity'), code: inviteCodeSchema, uses: countSchema.optional() }),
    z.strictObject({ class: z.literal('unknown') }),
    z.strictObject({ class: z.literal('no-permission') }),
    z.strictObject({ class: z.literal('bot') }),
  ],
  { error: `expected class to be one of ${inviteClassSchema.options.map((o) => `"${o}"`).join(', ')}` },
);
/** Invite attribution of a join. */
export type InviteAttribution = z.infer<typeof inviteAttributionSchema>;
