import { randomUUID } from 'node:crypto';
import {
  type BotEvent,
  buildExampleMemberActivitySnapshotData,
  buildExampleMetricsSnapshotData,
  snowflakeFromTimestamp,
} from '@guildscope/contracts';

/** Base time of the API fixtures: 2026-03-02T00:00:00Z (a UTC midnight, so hours and days align). */
export const T0 = Date.UTC(2026, 2, 2, 0, 0, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const GUILD_A = snowflakeFromTimestamp(T0 - 1000 * DAY, 1);
export const GUILD_B = snowflakeFromTimestamp(T0 - 1000 * DAY, 2);
export const CHANNEL = snowflakeFromTimestamp(T0 - 900 * DAY, 3);

/** A user whose account was created `ageDays` before T0 (`n` keeps ids distinct). */
export function user(n: number, ageDays = 400): string {
  return snowflakeFromTimestamp(T0 - ageDays * DAY, n);
}

type Of<T extends BotEvent['type']> = Extract<BotEvent, { type: T }>;
type Invite = Of<'GUILD_MEMBER_ADD'>['data']['invite'];

/** The DTO of one `type` of event with a fresh id: its envelope (guild, time, whom it is about) and data. */
function dtoOf<T extends BotEvent['type']>(
  type: T,
  envelope: Pick<BotEvent, 'guildId' | 'timestamp'> & { userId?: string; channelId?: string },
  data: Of<T>['data'],
): Of<T> {
  // The compiler cannot pair `type` with its data inside one generic body; the signature does.
  return { id: randomUUID(), type, ...envelope, data } as Of<T>;
}

/** Valid BotEventDtos (fresh UUIDs); guild and time are arguments. */
export const botEvent = {
  guildCreate(guildId: string, at: number, name: string): Of<'GUILD_CREATE'> {
    return dtoOf(
      'GUILD_CREATE',
      { guildId, timestamp: at },
      {
        id: guildId,
        name,
        icon: null,
        ownerId: user(900),
        memberCount: 42,
        features: [],
        premiumTier: 0,
        premiumSubscriptionCount: 0,
        joinedAt: new Date(at).toISOString(),
      },
    );
  },
  ban(
    guildId: string,
    at: number,
    target: string,
    moderatorId: string,
    reason?: string,
  ): Of<'GUILD_BAN_ADD'> {
    return dtoOf(
      'GUILD_BAN_ADD',
      { guildId, userId: target, timestamp: at },
      {
        targetUserId: target,
        targetUsername: `user-${target.slice(-4)}`,
        moderatorId,
        moderatorUsername: `mod-${moderatorId.slice(-4)}`,
        ...(reason ? { reason } : {}),
      },
    );
  },
  join(
    guildId: string,
    at: number,
    userId: string,
    invite: Invite = { class: 'unknown' },
  ): Of<'GUILD_MEMBER_ADD'> {
    return dtoOf(
      'GUILD_MEMBER_ADD',
      { guildId, userId, timestamp: at },
      {
        userId,
        username: `user-${userId.slice(-4)}`,
        avatar: null,
        bot: invite.class === 'bot',
        joinedAt: new Date(at).toISOString(),
        accountCreatedAt: new Date(Number((BigInt(userId) >> 22n) + 1_420_070_400_000n)).toISOString(),
        invite,
      },
    );
  },
  leave(guildId: string, at: number, userId: string, kickedBy?: string): Of<'GUILD_MEMBER_REMOVE'> {
    return dtoOf(
      'GUILD_MEMBER_REMOVE',
      { guildId, userId, timestamp: at },
      {
        userId,
        username: `user-${userId.slice(-4)}`,
        wasKicked: kickedBy !== undefined,
        ...(kickedBy ? { moderatorId: kickedBy, moderatorUsername: `mod-${kickedBy.slice(-4)}` } : {}),
        joinedAt: null,
        roles: [],
      },
    );
  },
  rename(guildId: string, at: number, from: string, to: string): Of<'GUILD_UPDATE'> {
    return dtoOf(
      'GUILD_UPDATE',
      { guildId, timestamp: at },
      { id: guildId, changes: { name: { old: from, new: to } } },
    );
  },
  /** An audit-log kick entry (matched by the moderation projection with the member removal). */
  auditKick(
    guildId: string,
    at: number,
    executorId: string,
    targetId: string,
  ): Of<'GUILD_AUDIT_LOG_ENTRY_CREATE'> {
    return dtoOf(
      'GUILD_AUDIT_LOG_ENTRY_CREATE',
      { guildId, timestamp: at },
      {
        entryId: snowflakeFromTimestamp(at, 7),
        action: 'MEMBER_KICK',
        actionType: 20,
        executorId,
        executorUsername: `mod-${executorId.slice(-4)}`,
        targetId,
        targetType: 'user',
        reason: 'audit says kick',
      },
    );
  },
  inviteCreate(guildId: string, at: number, code: string, inviterId: string): Of<'INVITE_CREATE'> {
    return dtoOf(
      'INVITE_CREATE',
      { guildId, userId: inviterId, channelId: CHANNEL, timestamp: at },
      {
        code,
        channelId: CHANNEL,
        inviterId,
        inviterUsername: `user-${inviterId.slice(-4)}`,
        maxUses: 0,
        maxAge: 0,
        temporary: false,
        createdAt: new Date(at).toISOString(),
      },
    );
  },
  /** One minute of activity (contracts' generator: `members` members x 5 text + 2 voice channels). */
  metrics(guildId: string, periodStart: number, seed: number, members = 5): Of<'METRICS_SNAPSHOT'> {
    return dtoOf(
      'METRICS_SNAPSHOT',
      { guildId, timestamp: periodStart + MINUTE },
      buildExampleMetricsSnapshotData({ periodStart, seed, members }),
    );
  },
  memberActivity(
    guildId: string,
    periodStart: number,
    seed: number,
    members = 5,
  ): Of<'MEMBER_ACTIVITY_SNAPSHOT'> {
    return dtoOf(
      'MEMBER_ACTIVITY_SNAPSHOT',
      { guildId, timestamp: periodStart + 5 * MINUTE },
      buildExampleMemberActivitySnapshotData({ periodStart, seed, members }),
    );
  },
};
