import { z } from 'zod';
import { isoDateTimeSchema } from '../../primitives.js';
import { inviteAttributionSchema } from '../invites/invite-class.schema.js';
import { memberIdentityShape } from '../member-identity.shape.js';

/**
 * `GUILD_MEMBER_ADD`: a member joined. The seed's flat `inviterId`/`inviterUsername`/`inviteCode`
 * live in `invite`, together with how sure the attribution is ({@link inviteAttributionSchema}).
 */
export const memberAddEventDataSchema = z
  .strictObject({
    ...memberIdentityShape,
    bot: z.boolean(),
    joinedAt: isoDateTimeSchema,
    accountCreatedAt: isoDateTimeSchema,
    invite: inviteAttributionSchema,
  })
  .superRefine((data, ctx) => {
    if (data.bot !== (data.invite.class === 'bot')) {
      ctx.addIssue({
        code: 'custom',
        path: ['invite', 'class'],
        message: data.bot
          ? 'must be "bot" for a bot account (bots join via OAuth, not invites)'
          : '"bot" is only for bot accounts',
      });
    }
    if (Date.parse(data.accountCreatedAt) > Date.parse(data.joinedAt)) {
      ctx.addIssue({ code: 'custom', path: ['accountCreatedAt'], message: 'after joinedAt' });
    }
  });
/** Data of `GUILD_MEMBER_ADD`. */
export type MemberAddEventData = z.infer<typeof memberAddEventDataSchema>;
