/**
 * Reads the stored METRICS_SNAPSHOT / MEMBER_ACTIVITY_SNAPSHOT events into the rows the activity
 * projection writes. Stored event data is the whole BotEventDto `{ id, type, guildId, timestamp, data }`.
 * Only the fields the read model uses are checked; a malformed one throws an error naming the field (the
 * runner adds the stream, revision and event id and stops the projection rather than skipping).
 */

/** An event whose stored data the activity projections cannot read. */
export class SnapshotDataError extends Error {
  override readonly name = 'SnapshotDataError';
}

export interface MetricsSnapshotRows {
  readonly eventId: string;
  readonly guildId: string;
  /** periodStart, epoch ms: the whole snapshot belongs to this instant. */
  readonly ts: number;
  readonly periodEnd: number;
  readonly totals: {
    readonly messages: number;
    readonly voiceMs: number;
    readonly reactions: number;
    readonly voiceUsers: number;
    readonly voiceSessions: number;
    readonly voiceSessionMs: number;
    readonly activeMembers: number;
  };
  readonly channels: readonly {
    channelId: string;
    messages: number;
    voiceMs: number;
    peakUsers: number | null;
  }[];
  readonly members: readonly { userId: string; messages: number; voiceMs: number; reactions: number }[];
  readonly emojis: readonly { emoji: string; count: number }[];
}

export interface MemberActivitySnapshotRows {
  readonly eventId: string;
  readonly guildId: string;
  readonly ts: number;
  readonly periodEnd: number;
  readonly members: readonly {
    userId: string;
    messages: number;
    voiceMs: number;
    voiceSessions: number;
    reactionsAdded: number;
    reactionsReceived: number;
    isNewMember: boolean;
    firstSeen: number | null;
    lastSeen: number;
  }[];
  readonly channels: readonly { userId: string; channelId: string; messages: number; voiceMs: number }[];
}

type Obj = Record<string, unknown>;

function fail(path: string, expected: string, value: unknown): never {
  const shown = value === undefined ? 'undefined' : JSON.stringify(value);
  throw new SnapshotDataError(`${path} must be ${expected}, got ${shown?.slice(0, 80)}`);
}

function obj(value: unknown, path: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
  return value as Obj;
}

function str(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0) fail(path, 'a non-empty string', value);
  return value;
}

function count(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    fail(path, 'a non-negative integer', value);
  return value;
}

/** Minutes (possibly fractional) to whole milliseconds, so that every later sum is exact. */
function minutesToMs(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    fail(path, 'a non-negative number', value);
  return Math.round(value * 60_000);
}

function epochMs(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    fail(path, 'a timestamp in epoch milliseconds', value);
  return value;
}

function map<T>(value: unknown, path: string, read: (v: unknown, p: string) => T): Map<string, T> {
  const out = new Map<string, T>();
  if (value === undefined) return out;
  for (const [key, v] of Object.entries(obj(value, path)))
    out.set(key, read(v, `${path}[${JSON.stringify(key)}]`));
  return out;
}

function envelope(
  eventId: string,
  stored: unknown,
  type: string,
): { eventId: string; guildId: string; data: Obj } {
  const dto = obj(stored, type);
  return {
    // The stored event's id (the store's de-duplication key), lower-cased like the store does.
    eventId: eventId.toLowerCase(),
    guildId: str(dto.guildId, `${type}.guildId`),
    data: obj(dto.data, `${type}.data`),
  };
}

function period(data: Obj, type: string): { ts: number; periodEnd: number } {
  const ts = epochMs(data.periodStart, `${type}.data.periodStart`);
  const periodEnd = epochMs(data.periodEnd, `${type}.data.periodEnd`);
  if (periodEnd < ts) fail(`${type}.data.periodEnd`, `>= periodStart (${ts})`, periodEnd);
  return { ts, periodEnd };
}

/**
 * METRICS_SNAPSHOT: the source of truth for totals, series and leaderboards. Members come from the
 * `byMember` maps (every active member), not from `topActiveMembers` (a top-20 convenience copy); a
 * member with nothing counted is not a row.
 */
export function readMetricsSnapshot(id: string, stored: unknown): MetricsSnapshotRows {
  const T = 'METRICS_SNAPSHOT';
  const { eventId, guildId, data } = envelope(id, stored, T);
  const { ts, periodEnd } = period(data, T);
  const metrics = obj(data.metrics, `${T}.data.metrics`);
  const messages = obj(metrics.messages, `${T}.data.metrics.messages`);
  const voice = obj(metrics.voice, `${T}.data.metrics.voice`);
  const reactions = obj(metrics.reactions, `${T}.data.metrics.reactions`);
  const p = `${T}.data.metrics`;

  const sessions = voice.sessions === undefined ? {} : obj(voice.sessions, `${p}.voice.sessions`);
  const sessionCount = sessions.count === undefined ? 0 : count(sessions.count, `${p}.voice.sessions.count`);
  const avgMs =
    sessions.avgDuration === undefined
      ? 0
      : minutesToMs(sessions.avgDuration, `${p}.voice.sessions.avgDuration`);

  const msgByChannel = map(messages.byChannel, `${p}.messages.byChannel`, count);
  const voiceByChannel = map(voice.byChannel, `${p}.voice.byChannel`, minutesToMs);
  const peakByChannel = new Map<string, number>();
  if (voice.topChannels !== undefined) {
    if (!Array.isArray(voice.topChannels)) fail(`${p}.voice.topChannels`, 'an array', voice.topChannels);
    voice.topChannels.forEach((c: unknown, i) => {
      const ch = obj(c, `${p}.voice.topChannels[${i}]`);
      if (ch.peakUsers === undefined) return;
      const id = str(ch.channelId, `${p}.voice.topChannels[${i}].channelId`);
      const peak = count(ch.peakUsers, `${p}.voice.topChannels[${i}].peakUsers`);
      peakByChannel.set(id, Math.max(peak, peakByChannel.get(id) ?? 0));
    });
  }
  const channelIds = new Set([...msgByChannel.keys(), ...voiceByChannel.keys(), ...peakByChannel.keys()]);
  const channels = [...channelIds].map((channelId) => ({
    channelId,
    messages: msgByChannel.get(channelId) ?? 0,
    voiceMs: voiceByChannel.get(channelId) ?? 0,
    peakUsers: peakByChannel.get(channelId) ?? null,
  }));

  const msgByMember = map(messages.byMember, `${p}.messages.byMember`, count);
  const voiceByMember = map(voice.byMember, `${p}.voice.byMember`, minutesToMs);
  const reactByMember = map(reactions.byMember, `${p}.reactions.byMember`, count);
  const members = [...new Set([...msgByMember.keys(), ...voiceByMember.keys(), ...reactByMember.keys()])]
    .map((userId) => ({
      userId,
      messages: msgByMember.get(userId) ?? 0,
      voiceMs: voiceByMember.get(userId) ?? 0,
      reactions: reactByMember.get(userId) ?? 0,
    }))
    .filter((m) => m.messages > 0 || m.voiceMs > 0 || m.reactions > 0);

  const emojis = [...map(reactions.byEmoji, `${p}.reactions.byEmoji`, count)]
    .filter(([, n]) => n > 0)
    .map(([emoji, n]) => ({ emoji, count: n }));

  return {
    eventId,
    guildId,
    ts,
    periodEnd,
    totals: {
      messages: count(messages.total, `${p}.messages.total`),
      voiceMs: minutesToMs(voice.totalMinutes, `${p}.voice.totalMinutes`),
      reactions: count(reactions.total, `${p}.reactions.total`),
      voiceUsers: voice.uniqueUsers === undefined ? 0 : count(voice.uniqueUsers, `${p}.voice.uniqueUsers`),
      voiceSessions: sessionCount,
      voiceSessionMs: sessionCount * avgMs,
      activeMembers: members.length,
    },
    channels,
    members,
    emojis,
  };
}

/** MEMBER_ACTIVITY_SNAPSHOT: per-member detail, never added to the totals (see 500_activity_tables.sql). */
export function readMemberActivitySnapshot(id: string, stored: unknown): MemberActivitySnapshotRows {
  const T = 'MEMBER_ACTIVITY_SNAPSHOT';
  const { eventId, guildId, data } = envelope(id, stored, T);
  const { ts, periodEnd } = period(data, T);
  if (!Array.isArray(data.members)) fail(`${T}.data.members`, 'an array', data.members);
  const members: MemberActivitySnapshotRows['members'][number][] = [];
  const channels: MemberActivitySnapshotRows['channels'][number][] = [];
  const seen = new Set<string>();
  data.members.forEach((m: unknown, i) => {
    const p = `${T}.data.members[${i}]`;
    const member = obj(m, p);
    const userId = str(member.userId, `${p}.userId`);
    // A member listed twice would be counted twice; the bot never does it, so it is an error.
    if (seen.has(userId)) fail(`${p}.userId`, 'unique within the snapshot', userId);
    seen.add(userId);
    const messages = obj(member.messages, `${p}.messages`);
    const voice = obj(member.voice, `${p}.voice`);
    const reactions = obj(member.reactions, `${p}.reactions`);
    members.push({
      userId,
      messages: count(messages.total, `${p}.messages.total`),
      voiceMs: minutesToMs(voice.totalMinutes, `${p}.voice.totalMinutes`),
      voiceSessions: voice.sessions === undefined ? 0 : count(voice.sessions, `${p}.voice.sessions`),
      reactionsAdded: count(reactions.added, `${p}.reactions.added`),
      reactionsReceived: count(reactions.received, `${p}.reactions.received`),
      isNewMember: member.isNewMember === true,
      firstSeen: member.firstSeen === undefined ? null : epochMs(member.firstSeen, `${p}.firstSeen`),
      lastSeen: epochMs(member.lastSeen, `${p}.lastSeen`),
    });
    const msgBy = map(messages.byChannel, `${p}.messages.byChannel`, count);
    const voiceBy = map(voice.byChannel, `${p}.voice.byChannel`, minutesToMs);
    for (const channelId of new Set([...msgBy.keys(), ...voiceBy.keys()])) {
      channels.push({
        userId,
        channelId,
        messages: msgBy.get(channelId) ?? 0,
        voiceMs: voiceBy.get(channelId) ?? 0,
      });
    }
  });
  return { eventId, guildId, ts, periodEnd, members, channels };
}
