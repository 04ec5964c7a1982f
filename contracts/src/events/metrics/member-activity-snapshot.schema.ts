import { z } from 'zod';
import { MAX_ACTIVITY_MEMBERS, MAX_SNAPSHOT_CHANNELS } from '../../limits.js';
import {
  boundedArray,
  boundedRecord,
  countSchema,
  discriminatorSchema,
  hashSchema,
  minutesSchema,
  snowflakeSchema,
  timestampMsSchema,
  usernameSchema,
} from '../../primitives.js';
import { checkPeriod, checkUnique, periodShape } from './period.js';

/**
 * `MEMBER_ACTIVITY_SNAPSHOT`: every active member's activity over one period (usually 5 min), the
 * seed's fields. A period with more than `MAX_ACTIVITY_MEMBERS` active members is split by the bot into
 * several events with the same period; a member appears once per period.
 */
export const memberActivitySnapshotEventDataSchema = z
  .strictObject({
    ...periodShape,
    members: boundedArray(
      z
        .strictObject({
          userId: snowflakeSchema,
          username: usernameSchema,
          discriminator: discriminatorSchema.optional(),
          avatar: hashSchema.nullable().optional(),
          messages: z.strictObject({
            total: countSchema,
            byChannel: boundedRecord(snowflakeSchema, countSchema, MAX_SNAPSHOT_CHANNELS, 'channels'),
          }),
          voice: z.strictObject({
            totalMinutes: minutesSchema,
            byChannel: boundedRecord(snowflakeSchema, minutesSchema, MAX_SNAPSHOT_CHANNELS, 'channels'),
            sessions: countSchema,
          }),
          reactions: z.strictObject({ added: countSchema, received: countSchema }),
          isNewMember: z.boolean().optional(),
          firstSeen: timestampMsSchema.optional(),
          lastSeen: timestampMsSchema,
        })
        .superRefine((member, ctx) => {
          if (member.firstSeen !== undefined && member.firstSeen > member.lastSeen) {
            ctx.addIssue({ code: 'custom', path: ['firstSeen'], message: 'after lastSeen' });
          }
        }),
      MAX_ACTIVITY_MEMBERS,
      'members',
    ),
  })
  .superRefine((data, ctx) => {
    checkPeriod(data, ctx);
    checkUnique(data.members, 'userId', ['members'], ctx);
  });
/** Data of `MEMBER_ACTIVITY_SNAPSHOT`. */
export type MemberActivitySnapshotEventData = z.infer<typeof memberActivitySnapshotEventDataSchema>;
