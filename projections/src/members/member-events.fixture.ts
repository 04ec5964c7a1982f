import { randomUUID } from 'node:crypto';
import type { BotEvent, BotEventOf, SyncedMember } from '@guildscope/contracts';
import { GUILD_A, MINUTE } from '../testing/guild-events.fixture.js';

type Of<T extends BotEvent['type']> = Extract<BotEvent, { type: T }>;
export interface Named {
  userId: string;
  username: string;
  avatar?: string | null;
}

/** A one-minute METRICS_SNAPSHOT ending at `end` whose top active members are `members`. */
export function metrics(end: number, members: Named[]): Of<'METRICS_SNAPSHOT'> {
  const byMember = Object.fromEntries(members.map((m) => [m.userId, 1]));
  return {
    id: randomUUID(),
    type: 'METRICS_SNAPSHOT',
    guildId: GUILD_A,
    timestamp: end,
    data: {
      periodStart: end - MINUTE,
      periodEnd: end,
      periodDuration: 60,
      metrics: {
        messages: { total: members.length, byChannel: {}, byMember, topChannels: [] },
        voice: {
          totalMinutes: 0,
          uniqueUsers: 0,
          byChannel: {},
          byMember: {},
          topChannels: [],
          sessions: { count: 0, avgDuration: 0 },
        },
        reactions: { total: 0, byEmoji: {}, topEmojis: [], byMember: {} },
        topActiveMembers: members.map((m) => ({
          ...m,
          messages: 1,
          voiceMinutes: 0,
          reactions: 0,
          activityScore: 1,
          topChannels: [],
        })),
      },
    },
  };
}

/** A five-minute MEMBER_ACTIVITY_SNAPSHOT ending at `end`; each member last seen one minute before. */
export function activity(
  end: number,
  members: (Named & { discriminator?: string })[],
): Of<'MEMBER_ACTIVITY_SNAPSHOT'> {
  return {
    id: randomUUID(),
    type: 'MEMBER_ACTIVITY_SNAPSHOT',
    guildId: GUILD_A,
    timestamp: end,
    data: {
      periodStart: end - 5 * MINUTE,
      periodEnd: end,
      periodDuration: 300,
      members: members.map((m) => ({
        ...m,
        messages: { total: 1, byChannel: {} },
        voice: { totalMinutes: 0, byChannel: {}, sessions: 0 },
        reactions: { added: 0, received: 0 },
        lastSeen: end - MINUTE,
      })),
    },
  };
}

/** A member as a member list names it (Discord's `joined_at` as an instant, or null). */
export interface Listed {
  userId: string;
  username?: string;
  bot?: boolean;
  joinedAt?: number | null;
}

/** One chunk of a member list fetched at `at` (all chunks of a list share `syncId` and `at`). */
export function membersSync(
  guildId: string,
  at: number,
  syncId: string,
  chunk: { index: number; count: number },
  members: readonly Listed[],
): BotEventOf<'GUILD_MEMBERS_SYNC'> {
  return {
    id: randomUUID(),
    type: 'GUILD_MEMBERS_SYNC',
    guildId,
    timestamp: at,
    data: {
      syncId,
      chunkIndex: chunk.index,
      chunkCount: chunk.count,
      members: members.map(
        (m): SyncedMember => ({
          userId: m.userId,
          username: m.username ?? `user-${m.userId.slice(-4)}`,
          bot: m.bot ?? false,
          joinedAt: m.joinedAt === null ? null : new Date(m.joinedAt ?? at - 1000).toISOString(),
        }),
      ),
    },
  };
}
