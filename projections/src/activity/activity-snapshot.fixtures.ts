import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '@guildscope/write-side';

/**
 * Builds realistic METRICS_SNAPSHOT / MEMBER_ACTIVITY_SNAPSHOT / member-flow events (the stored form: the
 * whole BotEventDto as data) for the integration tests and the benchmark. Deterministic for a given
 * seed; voice minutes have at most 2 decimals, as the contract requires.
 */

/** Small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A snowflake-looking id, stable for (kind, guild index, n). */
export function fakeSnowflake(kind: 1 | 2 | 3, guild: number, n: number): string {
  return `${kind}${String(guild).padStart(6, '0')}${String(n).padStart(10, '0')}`;
}

export interface MetricsSnapshotOptions {
  readonly guildId: string;
  readonly periodStart: number;
  readonly periodMs?: number;
  readonly userIds: readonly string[];
  readonly channelIds: readonly string[];
  readonly random: () => number;
  /** Members active in this period (default: all). */
  readonly activeMembers?: number;
}

/** What a test checks against: the per-member figures of one snapshot. */
export interface SnapshotTruth {
  readonly guildId: string;
  readonly periodStart: number;
  readonly messages: number;
  readonly voiceMinutes: number;
  readonly reactions: number;
  readonly members: ReadonlyMap<string, { messages: number; voiceMinutes: number; reactions: number }>;
  readonly channels: ReadonlyMap<string, { messages: number; voiceMinutes: number }>;
}

const EMOJIS = ['👍', '❤️', '😂', '🎉', '🔥', 'pepe:112233445566778899'];

export function metricsSnapshotEvent(options: MetricsSnapshotOptions): {
  event: EventToAppend;
  truth: SnapshotTruth;
} {
  const { guildId, periodStart, userIds, channelIds, random } = options;
  const periodEnd = periodStart + (options.periodMs ?? 60_000);
  const active = userIds.slice(0, options.activeMembers ?? userIds.length);
  const msgByChannel: Record<string, number> = {};
  const voiceByChannel: Record<string, number> = {};
  const msgByMember: Record<string, number> = {};
  const voiceByMember: Record<string, number> = {};
  const reactByMember: Record<string, number> = {};
  const byEmoji: Record<string, number> = {};
  const members = new Map<string, { messages: number; voiceMinutes: number; reactions: number }>();
  const channels = new Map<string, { messages: number; voiceMinutes: number }>();
  const voiceChannels = channelIds.slice(0, Math.max(1, Math.floor(channelIds.length / 3)));
  let messages = 0;
  let voiceCentis = 0;
  let reactions = 0;
  active.forEach((userId, i) => {
    const m = Math.floor(random() * 6);
    // Some members in voice, with minutes in hundredths (the contract's 2 decimals).
    const vc = i % 3 === 0 ? Math.floor(random() * 100) : 0;
    const r = Math.floor(random() * 3);
    if (m + vc + r === 0) return;
    const text = channelIds[Math.floor(random() * channelIds.length)] as string;
    const voiceChannel = voiceChannels[i % voiceChannels.length] as string;
    if (m > 0) {
      msgByMember[userId] = m;
      msgByChannel[text] = (msgByChannel[text] ?? 0) + m;
    }
    if (vc > 0) {
      voiceByMember[userId] = vc / 100;
      voiceByChannel[voiceChannel] = ((voiceByChannel[voiceChannel] ?? 0) * 100 + vc) / 100;
    }
    if (r > 0) {
      reactByMember[userId] = r;
      const emoji = EMOJIS[Math.floor(random() * EMOJIS.length)] as string;
      byEmoji[emoji] = (byEmoji[emoji] ?? 0) + r;
    }
    messages += m;
    voiceCentis += vc;
    reactions += r;
    members.set(userId, { messages: m, voiceMinutes: vc / 100, reactions: r });
  });
  for (const c of new Set([...Object.keys(msgByChannel), ...Object.keys(voiceByChannel)])) {
    channels.set(c, { messages: msgByChannel[c] ?? 0, voiceMinutes: voiceByChannel[c] ?? 0 });
  }
  const score = (m: { messages: number; voiceMinutes: number; reactions: number }) =>
    m.messages + 0.5 * m.voiceMinutes + 0.2 * m.reactions;
  const top = [...members].sort(([, a], [, b]) => score(b) - score(a)).slice(0, 20);
  const data = {
    periodStart,
    periodEnd,
    periodDuration: Math.floor((periodEnd - periodStart) / 1000),
    metrics: {
      messages: {
        total: messages,
        byChannel: msgByChannel,
        byMember: msgByMember,
        topChannels: Object.entries(msgByChannel)
          .slice(0, 10)
          .map(([channelId, count]) => ({ channelId, channelName: `chan-${channelId.slice(-3)}`, count })),
      },
      voice: {
        totalMinutes: voiceCentis / 100,
        uniqueUsers: Object.keys(voiceByMember).length,
        byChannel: voiceByChannel,
        byMember: voiceByMember,
        topChannels: Object.entries(voiceByChannel).map(([channelId, minutes]) => ({
          channelId,
          channelName: `voice-${channelId.slice(-3)}`,
          minutes,
          peakUsers: 1 + Math.floor(random() * 5),
        })),
        sessions: { count: Object.keys(voiceByMember).length, avgDuration: 1 },
      },
      reactions: {
        total: reactions,
        byEmoji,
        topEmojis: Object.entries(byEmoji).map(([emoji, count]) => ({ emoji, count })),
        byMember: reactByMember,
      },
      topActiveMembers: top.map(([userId, m]) => ({
        userId,
        username: `user-${userId.slice(-4)}`,
        avatar: null,
        messages: m.messages,
        voiceMinutes: m.voiceMinutes,
        reactions: m.reactions,
        activityScore: score(m),
        topChannels: [],
      })),
    },
  };
  const id = randomUUID();
  return {
    event: {
      id,
      type: 'METRICS_SNAPSHOT',
      data: { id, type: 'METRICS_SNAPSHOT', guildId, timestamp: periodEnd, data },
    },
    truth: { guildId, periodStart, messages, voiceMinutes: voiceCentis / 100, reactions, members, channels },
  };
}

export interface MemberDetail {
  readonly userId: string;
  readonly messagesByChannel: Record<string, number>;
  readonly voiceByChannel: Record<string, number>;
  readonly sessions: number;
  readonly added: number;
  readonly received: number;
  readonly firstSeen?: number;
  readonly lastSeen: number;
}

export function memberActivitySnapshotEvent(
  guildId: string,
  periodStart: number,
  periodMs: number,
  details: readonly MemberDetail[],
): EventToAppend {
  const periodEnd = periodStart + periodMs;
  const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  const data = {
    periodStart,
    periodEnd,
    periodDuration: Math.floor(periodMs / 1000),
    members: details.map((d) => ({
      userId: d.userId,
      username: `user-${d.userId.slice(-4)}`,
      messages: { total: sum(d.messagesByChannel), byChannel: d.messagesByChannel },
      voice: { totalMinutes: sum(d.voiceByChannel), byChannel: d.voiceByChannel, sessions: d.sessions },
      reactions: { added: d.added, received: d.received },
      ...(d.firstSeen === undefined ? {} : { firstSeen: d.firstSeen }),
      lastSeen: d.lastSeen,
    })),
  };
  const id = randomUUID();
  return {
    id,
    type: 'MEMBER_ACTIVITY_SNAPSHOT',
    data: { id, type: 'MEMBER_ACTIVITY_SNAPSHOT', guildId, timestamp: periodEnd, data },
  };
}

export function memberFlowEvent(
  type: 'GUILD_MEMBER_ADD' | 'GUILD_MEMBER_REMOVE' | 'GUILD_BAN_ADD',
  guildId: string,
  userId: string,
  timestamp: number,
): EventToAppend {
  const id = randomUUID();
  const data =
    type === 'GUILD_MEMBER_ADD'
      ? { userId, username: `user-${userId.slice(-4)}`, bot: false }
      : type === 'GUILD_MEMBER_REMOVE'
        ? {
            userId,
            username: `user-${userId.slice(-4)}`,
            wasKicked: false,
            joinedAt: new Date(0).toISOString(),
            roles: [],
          }
        : { targetUserId: userId, targetUsername: `user-${userId.slice(-4)}`, moderatorId: null };
  return { id, type, data: { id, type, guildId, timestamp, data } };
}
