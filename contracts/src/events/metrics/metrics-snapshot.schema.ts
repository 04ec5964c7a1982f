import { z } from 'zod';
import {
  MAX_MEMBER_TOP_CHANNELS,
  MAX_SNAPSHOT_CHANNELS,
  MAX_SNAPSHOT_EMOJIS,
  MAX_SNAPSHOT_MEMBERS,
  MAX_TOP_ACTIVE_MEMBERS,
  MAX_TOP_ENTRIES,
  MAX_USERNAME_LENGTH,
} from '../../limits.js';
import {
  boundedArray,
  boundedRecord,
  countSchema,
  emojiSchema,
  hashSchema,
  minutesSchema,
  nameSchema,
  scoreSchema,
  snowflakeSchema,
  usernameSchema,
} from '../../primitives.js';
import { checkPeriod, checkUnique, periodShape } from './period.js';

const byChannelCounts = boundedRecord(snowflakeSchema, countSchema, MAX_SNAPSHOT_CHANNELS, 'channels');
const byMemberCounts = boundedRecord(snowflakeSchema, countSchema, MAX_SNAPSHOT_MEMBERS, 'members');
const byChannelMinutes = boundedRecord(snowflakeSchema, minutesSchema, MAX_SNAPSHOT_CHANNELS, 'channels');
const byMemberMinutes = boundedRecord(snowflakeSchema, minutesSchema, MAX_SNAPSHOT_MEMBERS, 'members');

/**
 * `METRICS_SNAPSHOT`: a guild's activity over one collector period (usually 60 s), exactly the seed's
 * fields. Maps are keyed by snowflake (channel or user id) or by emoji; counts are non-negative
 * integers; voice minutes are non-negative with at most 2 decimals; `activityScore` is
 * `messages + 0.5 * voiceMinutes + 0.2 * reactions` (any precision).
 */
export const metricsSnapshotEventDataSchema = z
  .strictObject({
    ...periodShape,
    metrics: z.strictObject({
      messages: z.strictObject({
        total: countSchema,
        byChannel: byChannelCounts,
        byMember: byMemberCounts,
        topChannels: boundedArray(
          z.strictObject({ channelId: snowflakeSchema, channelName: nameSchema, count: countSchema }),
          MAX_TOP_ENTRIES,
          'top channels',
        ),
      }),
      voice: z.strictObject({
        totalMinutes: minutesSchema,
        uniqueUsers: countSchema,
        byChannel: byChannelMinutes,
        byMember: byMemberMinutes,
        topChannels: boundedArray(
          z.strictObject({
            channelId: snowflakeSchema,
            channelName: nameSchema,
            minutes: minutesSchema,
            peakUsers: countSchema,
          }),
          MAX_TOP_ENTRIES,
          'top channels',
        ),
        sessions: z.strictObject({ count: countSchema, avgDuration: minutesSchema }),
      }),
      reactions: z.strictObject({
        total: countSchema,
        byEmoji: boundedRecord(emojiSchema, countSchema, MAX_SNAPSHOT_EMOJIS, 'emojis'),
        topEmojis: boundedArray(
          z.strictObject({
            emoji: emojiSchema,
            emojiId: snowflakeSchema.optional(),
            emojiName: z.string().min(1).max(MAX_USERNAME_LENGTH).optional(),
            count: countSchema,
          }),
          MAX_TOP_ENTRIES,
          'top emojis',
        ),
        byMember: byMemberCounts,
      }),
      topActiveMembers: boundedArray(
        z.strictObject({
          userId: snowflakeSchema,
          username: usernameSchema,
          avatar: hashSchema.nullable().optional(),
          messages: countSchema,
          voiceMinutes: minutesSchema,
          reactions: countSchema,
          activityScore: scoreSchema,
          topChannels: boundedArray(
            z.strictObject({
              channelId: snowflakeSchema,
              channelName: nameSchema,
              messages: countSchema,
              voiceMinutes: minutesSchema,
            }),
            MAX_MEMBER_TOP_CHANNELS,
            'top channels',
          ),
        }),
        MAX_TOP_ACTIVE_MEMBERS,
        'top active members',
      ),
    }),
  })
  .superRefine((data, ctx) => {
    checkPeriod(data, ctx);
    const m = data.metrics;
    checkUnique(m.messages.topChannels, 'channelId', ['metrics', 'messages', 'topChannels'], ctx);
    checkUnique(m.voice.topChannels, 'channelId', ['metrics', 'voice', 'topChannels'], ctx);
    checkUnique(m.reactions.topEmojis, 'emoji', ['metrics', 'reactions', 'topEmojis'], ctx);
    checkUnique(m.topActiveMembers, 'userId', ['metrics', 'topActiveMembers'], ctx);
    for (const [i, member] of m.topActiveMembers.entries()) {
      checkUnique(member.topChannels, 'channelId', ['metrics', 'topActiveMembers', i, 'topChannels'], ctx);
    }
  });
/** Data of `METRICS_SNAPSHOT`. */
export type MetricsSnapshotEventData = z.infer<typeof metricsSnapshotEventDataSchema>;
