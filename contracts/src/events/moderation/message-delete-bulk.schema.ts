import { z } from 'zod';
import { MAX_BULK_DELETE_IDS } from '../../limits.js';
import { boundedArray, countSchema, snowflakeSchema, usernameSchema } from '../../primitives.js';

/**
 * `MESSAGE_DELETE_BULK` (the seed leaves it out): messages purged at once in one channel. `count`
 * equals `messageIds.length`; the moderator is present when an audit-log entry named them.
 */
export const messageDeleteBulkEventDataSchema = z
  .strictObject({
    channelId: snowflakeSchema,
    messageIds: boundedArray(snowflakeSchema, MAX_BULK_DELETE_IDS, 'message ids', 1),
    count: countSchema,
    moderatorId: snowflakeSchema.optional(),
    moderatorUsername: usernameSchema.optional(),
  })
  .superRefine((data, ctx) => {
    if (data.count !== data.messageIds.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['count'],
        message: `must equal messageIds.length (${data.messageIds.length})`,
      });
    }
    if (data.moderatorUsername !== undefined && data.moderatorId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['moderatorId'],
        message: 'required when moderatorUsername is given',
      });
    }
  });
/** Data of `MESSAGE_DELETE_BULK`. */
export type MessageDeleteBulkEventData = z.infer<typeof messageDeleteBulkEventDataSchema>;
