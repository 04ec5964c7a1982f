import {
  type BotEventOf,
  MAX_ACTIVITY_MEMBERS,
  MAX_MEMBER_TOP_CHANNELS,
  MAX_TOP_ACTIVE_MEMBERS,
  MAX_TOP_ENTRIES,
  MAX_USERNAME_LENGTH,
  type MemberActivitySnapshotEventData,
  type MetricsSnapshotEventData,
} from '@guildscope/contracts';
import type { MetricsConfig } from './metrics-config.js';

/** Names shown in snapshots; resolved from the discord.js caches in production. */
export interface NameResolver {
  channelName(guildId: string, channelId: string): string;
  member(
    guildId: string,
    userId: string,
  ): { username: string; avatar?: string | null; discriminator?: string };
}

type Built<T extends 'METRICS_SNAPSHOT' | 'MEMBER_ACTIVITY_SNAPSHOT'> = Pick<
  BotEventOf<T>,
  'type' | 'guildId' | 'timestamp' | 'data'
>;
/** A snapshot the collector built: the contracts' event without its id (the bot assigns it). */
export type SnapshotEmission = Built<'METRICS_SNAPSHOT'> | Built<'MEMBER_ACTIVITY_SNAPSHOT'>;

export interface VoiceFlags {
  selfMute: boolean;
  selfDeaf: boolean;
  serverMute: boolean;
  serverDeaf: boolean;
}

export interface ReactionInput {
  guildId: string;
  channelId: string;
  userId: string;
  /** Author of the reacted message when known (for "reactions received"). */
  messageAuthorId?: string | null;
  emojiId?: string | null;
  emojiName?: string | null;
}

interface MemberPeriod {
  messages: number;
  messagesByChannel: Map<string, number>;
  voiceMs: number;
  voiceByChannel: Map<string, number>;
  voiceJoins: number;
  reactionsAdded: number;
  reactionsReceived: number;
  isNew: boolean;
  firstSeen?: number;
  lastSeen: number;
}

interface GuildPeriod {
  messages: number;
  messagesByChannel: Map<string, number>;
  voiceMs: number;
  voiceByChannel: Map<string, number>;
  peakUsers: Map<string, number>;
  /** Voice sessions that had time in this period (key userId:sessionStart). */
  voiceSegments: Set<string>;
  reactions: number;
  byEmoji: Map<string, { count: number; emojiId?: string; emojiName?: string }>;
  members: Map<string, MemberPeriod>;
}

interface VoiceSession extends VoiceFlags {
  channelId: string;
  startedAt: number;
  /** Time up to which this session's minutes were already credited to the open periods. */
  creditedUntil: number;
}

type PeriodKind = 'metrics' | 'activity';

const round3 = (n: number) => Math.round(n * 1000) / 1000;
// Contracts: minutes are rounded to 2 decimals, once, from the exact milliseconds.
const msToMinutes = (ms: number) => Math.round(ms / 600) / 100;

/**
 * In-memory per guild/channel/member activity counters (seed 000, MetricsCollector, with its TODOs done).
 *
 * Two independent periods run side by side: the METRICS_SNAPSHOT period and the longer
 * MEMBER_ACTIVITY_SNAPSHOT period; every observation is added to both. Voice time is credited to the open
 * periods whenever a session changes or a period is flushed, so a member who stays in voice across three
 * periods contributes to each of them, and nothing is counted twice. Time comes in as an argument (`at`)
 * so the collector stays pure and testable; the caller owns the timers (see `startTimers`).
 */
export class MetricsCollector {
  private readonly periods: Record<PeriodKind, Map<string, GuildPeriod>> = {
    metrics: new Map(),
    activity: new Map(),
  };
  private readonly periodStart: Record<PeriodKind, number>;
  private readonly voice = new Map<string, Map<string, VoiceSession>>();
  private timers: NodeJS.Timeout[] = [];
  private readonly flagTotals = new Map<string, { mutedMs: number; deafenedMs: number }>();

  constructor(
    private readonly config: MetricsConfig,
    private readonly names: NameResolver,
    private readonly emit: (snapshot: SnapshotEmission) => void,
    startedAt: number,
  ) {
    this.periodStart = { metrics: startedAt, activity: startedAt };
  }

  /** Counts one message. Each call is counted in exactly one period of each kind. */
  recordMessage(guildId: string, channelId: string, userId: string, at: number): void {
    if (!this.config.trackMessages) return;
    for (const kind of this.kinds()) {
      const p = this.period(kind, guildId);
      p.messages++;
      inc(p.messagesByChannel, channelId, 1);
      const m = this.member(p, userId, at);
      m.messages++;
      inc(m.messagesByChannel, channelId, 1);
    }
  }

  recordReaction(r: ReactionInput, at: number): void {
    if (!this.config.trackReactions) return;
    // Contracts' emoji key: the Unicode sequence, or `name:id` for a custom emoji.
    const key = r.emojiId ? `${r.emojiName ?? ''}:${r.emojiId}` : (r.emojiName ?? 'unknown');
    for (const kind of this.kinds()) {
      const p = this.period(kind, r.guildId);
      p.reactions++;
      const e = p.byEmoji.get(key) ?? {
        count: 0,
        ...(r.emojiId ? { emojiId: r.emojiId } : {}),
        ...(r.emojiName ? { emojiName: r.emojiName } : {}),
      };
      e.count++;
      p.byEmoji.set(key, e);
      this.member(p, r.userId, at).reactionsAdded++;
      if (r.messageAuthorId && r.messageAuthorId !== r.userId) {
        this.member(p, r.messageAuthorId, at, false).reactionsReceived++;
      }
    }
  }

  /** Marks a member as having joined the guild in the current periods (MEMBER_ACTIVITY isNewMember). */
  recordMemberJoin(guildId: string, userId: string, at: number): void {
    const p = this.period('activity', guildId);
    this.member(p, userId, at, false).isNew = true;
  }

  /**
   * Applies a voice state change: join (no session before), leave (channelId null), move (other channel),
   * or a mute/deaf change (same channel). Based on the collector's own session table, so partial or
   * missing `oldState` data cannot double-count.
   */
  voiceStateUpdate(
    guildId: string,
    userId: string,
    channelId: string | null,
    flags: VoiceFlags,
    at: number,
    opts: { countJoin?: boolean } = {},
  ): void {
    if (!this.config.trackVoice) return;
    const sessions = this.voiceSessions(guildId);
    const current = sessions.get(userId);
    if (current) this.credit(guildId, userId, current, at);
    if (!channelId) {
      sessions.delete(userId);
      return;
    }
    if (!current) {
      const s: VoiceSession = { channelId, startedAt: at, creditedUntil: at, ...flags };
      sessions.set(userId, s);
      if (opts.countJoin !== false) {
        for (const kind of this.kinds()) this.member(this.period(kind, guildId), userId, at).voiceJoins++;
      }
      this.touchSegment(guildId, userId, s);
    } else {
      current.channelId = channelId;
      Object.assign(current, flags);
      this.touchSegment(guildId, userId, current);
    }
    this.updatePeaks(guildId);
  }

  /** Emits one METRICS_SNAPSHOT per guild with activity since the last flush and starts a new period. */
  flushMetrics(at: number): void {
    this.creditAllVoice(at);
    const start = this.periodStart.metrics;
    const periods = this.periods.metrics;
    this.periods.metrics = new Map();
    this.periodStart.metrics = at;
    for (const [guildId, p] of periods) {
      if (isEmpty(p)) continue;
      this.emit({
        type: 'METRICS_SNAPSHOT',
        guildId,
        timestamp: at,
        data: this.metricsSnapshot(guildId, p, start, at),
      });
    }
    this.reopenVoicePeriods('metrics', at);
  }

  /** Emits one MEMBER_ACTIVITY_SNAPSHOT per guild with member activity since the last flush. */
  flushMemberActivity(at: number): void {
    if (!this.config.trackDetailedMembers) return;
    this.creditAllVoice(at);
    const start = this.periodStart.activity;
    const periods = this.periods.activity;
    this.periods.activity = new Map();
    this.periodStart.activity = at;
    for (const [guildId, p] of periods) {
      if (p.members.size === 0) continue;
      const data = this.memberActivitySnapshot(guildId, p, start, at);
      // Contracts: at most MAX_ACTIVITY_MEMBERS per event; a bigger period is split, same period bounds.
      for (let i = 0; i < data.members.length; i += MAX_ACTIVITY_MEMBERS) {
        this.emit({
          type: 'MEMBER_ACTIVITY_SNAPSHOT',
          guildId,
          timestamp: at,
          data: { ...data, members: data.members.slice(i, i + MAX_ACTIVITY_MEMBERS) },
        });
      }
    }
    this.reopenVoicePeriods('activity', at);
  }

  /** Flushes both periods (shutdown): no counted activity stays in memory. */
  flushAll(at: number): void {
    this.flushMetrics(at);
    this.flushMemberActivity(at);
  }

  /** Drops a guild's live voice sessions (bot removed from the guild), crediting their time first. */
  forgetGuild(guildId: string, at: number): void {
    const sessions = this.voice.get(guildId);
    if (!sessions) return;
    for (const [userId, s] of sessions) this.credit(guildId, userId, s, at);
    this.voice.delete(guildId);
  }

  startTimers(now: () => number): void {
    this.stopTimers();
    this.timers.push(setInterval(() => this.flushMetrics(now()), this.config.snapshotInterval));
    if (this.config.trackDetailedMembers) {
      this.timers.push(
        setInterval(() => this.flushMemberActivity(now()), this.config.memberActivityInterval),
      );
    }
    for (const t of this.timers) t.unref();
  }

  stopTimers(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  /** Members currently in a voice channel of a guild (for tests and diagnostics). */
  /**
   * Minutes spent muted / deafened in a guild since start (the contracts' snapshot has no field for
   * them; kept for diagnostics and a future contract version).
   */
  voiceFlagMinutes(guildId: string): { muted: number; deafened: number } {
    const t = this.flagTotals.get(guildId);
    return { muted: msToMinutes(t?.mutedMs ?? 0), deafened: msToMinutes(t?.deafenedMs ?? 0) };
  }

  openVoiceSessions(guildId: string): number {
    return this.voice.get(guildId)?.size ?? 0;
  }

  // ---------------------------------------------------------------------------------------------

  private kinds(): PeriodKind[] {
    return this.config.trackDetailedMembers ? ['metrics', 'activity'] : ['metrics'];
  }

  private period(kind: PeriodKind, guildId: string): GuildPeriod {
    let p = this.periods[kind].get(guildId);
    if (!p) {
      p = {
        messages: 0,
        messagesByChannel: new Map(),
        voiceMs: 0,
        voiceByChannel: new Map(),
        peakUsers: new Map(),
        voiceSegments: new Set(),
        reactions: 0,
        byEmoji: new Map(),
        members: new Map(),
      };
      this.periods[kind].set(guildId, p);
    }
    return p;
  }

  private member(p: GuildPeriod, userId: string, at: number, active = true): MemberPeriod {
    let m = p.members.get(userId);
    if (!m) {
      m = {
        messages: 0,
        messagesByChannel: new Map(),
        voiceMs: 0,
        voiceByChannel: new Map(),
        voiceJoins: 0,
        reactionsAdded: 0,
        reactionsReceived: 0,
        isNew: false,
        lastSeen: at,
      };
      p.members.set(userId, m);
    }
    if (active) {
      m.firstSeen ??= at;
      m.lastSeen = at;
    }
    return m;
  }

  private voiceSessions(guildId: string): Map<string, VoiceSession> {
    let s = this.voice.get(guildId);
    if (!s) {
      s = new Map();
      this.voice.set(guildId, s);
    }
    return s;
  }

  private credit(guildId: string, userId: string, s: VoiceSession, at: number): void {
    const ms = at - s.creditedUntil;
    if (ms <= 0) return;
    s.creditedUntil = at;
    let flags = this.flagTotals.get(guildId);
    if (!flags) {
      flags = { mutedMs: 0, deafenedMs: 0 };
      this.flagTotals.set(guildId, flags);
    }
    if (s.selfMute || s.serverMute) flags.mutedMs += ms;
    if (s.selfDeaf || s.serverDeaf) flags.deafenedMs += ms;
    for (const kind of this.kinds()) {
      const p = this.period(kind, guildId);
      p.voiceMs += ms;
      inc(p.voiceByChannel, s.channelId, ms);
      p.voiceSegments.add(`${userId}:${s.startedAt}`);
      const m = this.member(p, userId, at);
      m.voiceMs += ms;
      inc(m.voiceByChannel, s.channelId, ms);
    }
  }

  private touchSegment(guildId: string, userId: string, s: VoiceSession): void {
    for (const kind of this.kinds()) this.period(kind, guildId).voiceSegments.add(`${userId}:${s.startedAt}`);
  }

  private creditAllVoice(at: number): void {
    for (const [guildId, sessions] of this.voice) {
      for (const [userId, s] of sessions) this.credit(guildId, userId, s, at);
    }
  }

  /** Sessions still open when a period closes belong to the new period as well. */
  private reopenVoicePeriods(kind: PeriodKind, at: number): void {
    if (kind === 'activity' && !this.config.trackDetailedMembers) return;
    for (const [guildId, sessions] of this.voice) {
      if (sessions.size === 0) continue;
      const p = this.period(kind, guildId);
      for (const [userId, s] of sessions) {
        p.voiceSegments.add(`${userId}:${s.startedAt}`);
        this.member(p, userId, at);
      }
      this.updatePeaks(guildId);
    }
  }

  private updatePeaks(guildId: string): void {
    const occupancy = new Map<string, number>();
    for (const s of this.voiceSessions(guildId).values()) inc(occupancy, s.channelId, 1);
    for (const kind of this.kinds()) {
      const p = this.period(kind, guildId);
      for (const [channelId, n] of occupancy) {
        if ((p.peakUsers.get(channelId) ?? 0) < n) p.peakUsers.set(channelId, n);
      }
    }
  }

  private metricsSnapshot(
    guildId: string,
    p: GuildPeriod,
    start: number,
    end: number,
  ): MetricsSnapshotEventData {
    const c = this.config;
    const voiceByMember: Record<string, number> = {};
    const messagesByMember: Record<string, number> = {};
    const reactionsByMember: Record<string, number> = {};
    for (const [userId, m] of p.members) {
      if (m.messages) messagesByMember[userId] = m.messages;
      if (m.voiceMs) voiceByMember[userId] = msToMinutes(m.voiceMs);
      if (m.reactionsAdded) reactionsByMember[userId] = m.reactionsAdded;
    }
    const segments = p.voiceSegments.size;
    const topActiveMembers = [...p.members.entries()]
      .filter(([, m]) => m.messages || m.voiceMs || m.reactionsAdded)
      .map(([userId, m]) => {
        const voiceMinutes = msToMinutes(m.voiceMs);
        const info = this.names.member(guildId, userId);
        const channels = new Set([...m.messagesByChannel.keys(), ...m.voiceByChannel.keys()]);
        return {
          userId,
          username: info.username,
          avatar: info.avatar ?? null,
          messages: m.messages,
          voiceMinutes,
          reactions: m.reactionsAdded,
          activityScore: round3(m.messages + 0.5 * voiceMinutes + 0.2 * m.reactionsAdded),
          topChannels: [...channels]
            .map((channelId) => ({
              channelId,
              channelName: this.names.channelName(guildId, channelId),
              messages: m.messagesByChannel.get(channelId) ?? 0,
              voiceMinutes: msToMinutes(m.voiceByChannel.get(channelId) ?? 0),
            }))
            .sort((a, b) => b.messages + 0.5 * b.voiceMinutes - (a.messages + 0.5 * a.voiceMinutes))
            .slice(0, Math.min(c.maxTopChannels, MAX_MEMBER_TOP_CHANNELS)),
        };
      })
      .sort((a, b) => b.activityScore - a.activityScore || a.userId.localeCompare(b.userId))
      .slice(0, Math.min(c.maxTopMembers, MAX_TOP_ACTIVE_MEMBERS));

    return {
      periodStart: start,
      periodEnd: end,
      periodDuration: Math.floor((end - start) / 1000),
      metrics: {
        messages: {
          total: p.messages,
          byChannel: Object.fromEntries(p.messagesByChannel),
          byMember: messagesByMember,
          topChannels: top(p.messagesByChannel, Math.min(c.maxTopChannels, MAX_TOP_ENTRIES)).map(
            ([channelId, count]) => ({
              channelId,
              channelName: this.names.channelName(guildId, channelId),
              count,
            }),
          ),
        },
        voice: {
          totalMinutes: msToMinutes(p.voiceMs),
          uniqueUsers: Object.keys(voiceByMember).length,
          byChannel: mapValues(p.voiceByChannel, msToMinutes),
          byMember: voiceByMember,
          topChannels: top(p.voiceByChannel, Math.min(c.maxTopChannels, MAX_TOP_ENTRIES)).map(
            ([channelId, ms]) => ({
              channelId,
              channelName: this.names.channelName(guildId, channelId),
              minutes: msToMinutes(ms),
              peakUsers: p.peakUsers.get(channelId) ?? 0,
            }),
          ),
          sessions: { count: segments, avgDuration: segments ? msToMinutes(p.voiceMs / segments) : 0 },
        },
        reactions: {
          total: p.reactions,
          byEmoji: Object.fromEntries([...p.byEmoji].map(([k, v]) => [k, v.count])),
          topEmojis: [...p.byEmoji]
            .sort(([ka, a], [kb, b]) => b.count - a.count || ka.localeCompare(kb))
            .slice(0, Math.min(c.maxTopEmojis, MAX_TOP_ENTRIES))
            .map(([emoji, v]) => ({
              emoji,
              ...(v.emojiId ? { emojiId: v.emojiId } : {}),
              ...(v.emojiName ? { emojiName: v.emojiName.slice(0, MAX_USERNAME_LENGTH) } : {}),
              count: v.count,
            })),
          byMember: reactionsByMember,
        },
        topActiveMembers,
      },
    };
  }

  private memberActivitySnapshot(
    guildId: string,
    p: GuildPeriod,
    start: number,
    end: number,
  ): MemberActivitySnapshotEventData {
    return {
      periodStart: start,
      periodEnd: end,
      periodDuration: Math.floor((end - start) / 1000),
      members: [...p.members.entries()].map(([userId, m]) => {
        const info = this.names.member(guildId, userId);
        return {
          userId,
          username: info.username,
          ...(info.discriminator ? { discriminator: info.discriminator } : {}),
          avatar: info.avatar ?? null,
          messages: { total: m.messages, byChannel: Object.fromEntries(m.messagesByChannel) },
          voice: {
            totalMinutes: msToMinutes(m.voiceMs),
            byChannel: mapValues(m.voiceByChannel, msToMinutes),
            sessions: m.voiceJoins,
          },
          reactions: { added: m.reactionsAdded, received: m.reactionsReceived },
          isNewMember: m.isNew,
          ...(m.firstSeen !== undefined ? { firstSeen: m.firstSeen } : {}),
          lastSeen: m.lastSeen,
        };
      }),
    };
  }
}

function inc(map: Map<string, number>, key: string, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function top(map: Map<string, number>, n: number): Array<[string, number]> {
  return [...map].sort(([ka, a], [kb, b]) => b - a || ka.localeCompare(kb)).slice(0, n);
}

function mapValues(map: Map<string, number>, f: (v: number) => number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of map) out[k] = f(v);
  return out;
}

function isEmpty(p: GuildPeriod): boolean {
  return p.messages === 0 && p.voiceMs === 0 && p.reactions === 0 && p.voiceSegments.size === 0;
}
