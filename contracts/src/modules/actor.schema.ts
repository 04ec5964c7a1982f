import { z } from 'zod';
import { MAX_ACTOR_ID_LENGTH, MAX_NAME_LENGTH } from '../limits.js';
import { isSnowflake } from '../snowflake.js';

/**
 * Who made a change: a dashboard `user` (their Discord user id, a snowflake), an `api-token`
 * (the token's id, never the secret) or the `system` (a component name, e.g. `migration`).
 */
export const actorSchema = z
  .strictObject({
    type: z.enum(['user', 'api-token', 'system']),
    id: z.string().min(1).max(MAX_ACTOR_ID_LENGTH),
    name: z.string().min(1).max(MAX_NAME_LENGTH).optional(),
  })
  .superRefine((actor, ctx) => {
    if (actor.type === 'user' && !isSnowflake(actor.id)) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: 'a user actor id must be a Discord snowflake' });
    }
  });
/** Who made a change. */
export type Actor = z.infer<typeof actorSchema>;
