import { z } from 'zod';
import { MAX_INVITE_MAX_USES } from '../../limits.js';
import { countSchema, inviteCodeSchema, snowflakeSchema, usernameSchema } from '../../primitives.js';
import { inviteClassSchema } from './invite-class.schema.js';

/**
 * `INVITE_USE`: a join attributed to a code (who invited whom). Only `invite` and `vanity` joins have
 * a code to record; the other classes are stated on `GUILD_MEMBER_ADD` alone. The inviter is null for
 * the vanity URL (and for the rare invite without a creator).
 */
export const inviteUseEventDataSchema = z
  .strictObject({
    code: inviteCodeSchema,
    inviteClass: inviteClassSchema.extract(['invite', 'vanity'], {
      error: 'expected "invite" or "vanity" (unattributed joins are only reported by GUILD_MEMBER_ADD)',
    }),
    inviterId: snowflakeSchema.nullable(),
    inviterUsername: usernameSchema.nullable(),
    newMemberId: snowflakeSchema,
    newMemberUsername: usernameSchema,
    uses: countSchema,
    maxUses: countSchema.max(MAX_INVITE_MAX_USES, {
      error: `at most ${MAX_INVITE_MAX_USES} (0 = unlimited)`,
    }),
  })
  .superRefine((data, ctx) => {
    if (data.inviteClass === 'vanity' && data.inviterId !== null) {
      ctx.addIssue({ code: 'custom', path: ['inviterId'], message: 'must be null for the vanity URL' });
    }
    if ((data.inviterId === null) !== (data.inviterUsername === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['inviterUsername'],
        message: 'must be null exactly when inviterId is null',
      });
    }
    if (data.maxUses > 0 && data.uses > data.maxUses) {
      ctx.addIssue({ code: 'custom', path: ['uses'], message: `exceeds maxUses (${data.maxUses})` });
    }
  });
/** Data of `INVITE_USE`. */
export type InviteUseEventData = z.infer<typeof inviteUseEventDataSchema>;
