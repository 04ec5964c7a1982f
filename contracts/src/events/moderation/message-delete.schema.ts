import { z } from 'zod';
import { contentSchema, countSchema, snowflakeSchema, usernameSchema } from '../../primitives.js';

/**
 * How sure the bot is about who deleted a message. `certain`: a matching audit-log entry;
 * `likely`: inferred (e.g. an audit entry whose count went up for that author and channel);
 * `unknown`: no evidence, which includes the author deleting their own message (Discord logs nothing).
 */
export const deletionCertaintySchema = z.enum(['certain', 'likely', 'unknown']);
/** How sure the bot is about who deleted a message. */
export type DeletionCertainty = z.infer<typeof deletionCertaintySchema>;

/**
 * `MESSAGE_DELETE`. Author and content are null/absent when the message was not in the bot's cache.
 * `deletedBy` is present exactly when `deletedByCertainty` is not `unknown`, with the same certainty.
 */
export const messageDeleteEventDataSchema = z
  .strictObject({
    messageId: snowflakeSchema,
    channelId: snowflakeSchema,
    authorId: snowflakeSchema.nullable(),
    authorUsername: usernameSchema.nullable(),
    content: contentSchema.optional(),
    hasAttachments: z.boolean(),
    attachmentCount: countSchema,
    deletedBy: z
      .strictObject({
        userId: snowflakeSchema,
        username: usernameSchema,
        certainty: deletionCertaintySchema.exclude(['unknown']),
      })
      .optional(),
    deletedByCertainty: deletionCertaintySchema,
  })
  .superRefine((data, ctx) => {
    if (data.hasAttachments !== data.attachmentCount > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['hasAttachments'],
        message: 'must be true exactly when attachmentCount > 0',
      });
    }
    if ((data.authorId === null) !== (data.authorUsername === null)) {
      ctx.addIssue({
        code: 'custom',
        path: ['authorUsername'],
        message: 'must be null exactly when authorId is null',
      });
    }
    if (data.deletedBy === undefined && data.deletedByCertainty !== 'unknown') {
      ctx.addIssue({
        code: 'custom',
        path: ['deletedBy'],
        message: `required when deletedByCertainty is "${data.deletedByCertainty}"`,
      });
    }
    if (data.deletedBy !== undefined && data.deletedBy.certainty !== data.deletedByCertainty) {
      ctx.addIssue({
        code: 'custom',
        path: ['deletedByCertainty'],
        message: `must equal deletedBy.certainty ("${data.deletedBy.certainty}")`,
      });
    }
  });
/** Data of `MESSAGE_DELETE`. */
export type MessageDeleteEventData = z.infer<typeof messageDeleteEventDataSchema>;
