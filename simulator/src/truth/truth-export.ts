import { snowflakeTimestamp } from '../core/snowflake.js';
import type { World } from '../world/world.js';
import type { SimGuild } from '../world/world.types.js';
import { type GuildLedger, presentAt, type SegmentRecord, staysOf } from './guild-ledger.js';
import { MINUTE_MS, type MinuteCounts } from './minute-counts.js';
import type {
  GuildTruth,
  TruthActivity,
  TruthGuildSummary,
  TruthMember,
  TruthReactionRow,
  TruthWindow,
} from './truth.types.js';

const iso = (ms: number): string => new Date(ms).toISOString();

/** Code-unit order (locale-independent, so the JSON is the same everywhere). */
const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Snowflakes in numeric order (shorter is smaller), then as strings. */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || compareStrings(a, b);
}

/** Compares rows by `minute`, `channelId`, `userId`, then `emoji` when present (ISO minutes sort as strings). */
function compareRows(
  a: { minute: string; channelId: string; userId: string; emoji?: string },
  b: { minute: string; channelId: string; userId: string; emoji?: string },
): number {
  return (
    compareStrings(a.minute, b.minute) ||
    compareIds(a.channelId, b.channelId) ||
    compareIds(a.userId, b.userId) ||
    compareStrings(a.emoji ?? '', b.emoji ?? '')
  );
}

/** A segment's end: the export time while it is open (never before its start). */
const segmentEnd = (s: SegmentRecord, atMs: number) => s.to ?? Math.max(atMs, s.from);

export interface ExportScope {
  world: World;
  guild: SimGuild;
  atMs: number;
  window: TruthWindow;
}

/** The JSON-ready truth of one guild (fresh objects: later actions do not change it). */
export function exportGuildTruth(ledger: GuildLedger, scope: ExportScope): GuildTruth {
  const { world, guild, atMs, window } = scope;
  const from = window.from ?? Number.NEGATIVE_INFINITY;
  const to = window.to ?? Number.POSITIVE_INFINITY;
  const inWindow = (ms: number) => ms >= from && ms < to;
  const presentAtMs = Math.min(to, atMs);
  const members: TruthMember[] = [...ledger.stays(guild.members)]
    .sort(([a], [b]) => compareIds(a, b))
    .map(([userId, latest]) => {
      const user = world.users.get(userId);
      return {
        userId,
        username: user?.username ?? '',
        bot: user?.bot === true,
        accountCreatedAt: iso(snowflakeTimestamp(userId)),
        present: presentAt(latest, presentAtMs),
        stays: staysOf(latest).map((s) => ({
          joinedAt: iso(s.joinedAt),
          join: { ...s.join },
          leftAt: s.leftAt === null ? null : iso(s.leftAt),
          left: s.left && { ...s.left },
        })),
      };
    });
  const timed = <T>(list: { atMs: number; value: T }[]): T[] =>
    structuredClone(
      list
        .filter((t) => inWindow(t.atMs))
        .sort((a, b) => a.atMs - b.atMs)
        .map((t) => t.value),
    );
  return {
    guildId: guild.id,
    name: guild.name,
    botUserId: world.botUser.id,
    botPresent: guild.botPresent,
    at: iso(atMs),
    window: {
      from: window.from === undefined ? null : iso(from),
      to: window.to === undefined ? null : iso(to),
    },
    memberCount: members.filter((m) => m.present).length,
    members,
    moderation: timed(ledger.moderation),
    invites: structuredClone(
      [...ledger.invites]
        .sort((a, b) => a.createdAtMs - b.createdAtMs || compareStrings(a.truth.code, b.truth.code))
        .map((i) => i.truth),
    ),
    vanity: {
      code: guild.vanityUrlCode,
      uses: guild.vanityUses,
      joins: ledger.vanityJoins.map((j) => ({ ...j })),
    },
    activity: exportActivity(ledger, atMs, from, to),
    botEffects: timed(ledger.botEffects),
  };
}

function exportActivity(ledger: GuildLedger, atMs: number, from: number, to: number): TruthActivity {
  const minuteInWindow = (minute: number) => minute * MINUTE_MS >= from && minute * MINUTE_MS < to;
  const messages: TruthActivity['messages'] = [];
  for (const [minute, channelId, userId, count] of ledger.messageRows()) {
    if (minuteInWindow(minute)) messages.push({ minute: iso(minute * MINUTE_MS), channelId, userId, count });
  }
  const reactions = (counts: MinuteCounts): TruthReactionRow[] => {
    const rows: TruthReactionRow[] = [];
    for (const [minute, channelId, emoji, userId, count] of ledger.reactionRows(counts)) {
      if (minuteInWindow(minute))
        rows.push({ minute: iso(minute * MINUTE_MS), channelId, userId, emoji, count });
    }
    return rows.sort(compareRows);
  };
  const segments = ledger.segments.filter((s) => s.from < to && segmentEnd(s, atMs) > from);
  return {
    messages: messages.sort(compareRows),
    reactionsAdded: reactions(ledger.reactionsAdded),
    reactionsRemoved: reactions(ledger.reactionsRemoved),
    voiceSegments: segments
      .map((s) => ({
        userId: s.userId,
        channelId: s.channelId,
        from: iso(s.from),
        to: iso(segmentEnd(s, atMs)),
        open: s.to === null,
        muted: s.muted,
        deafened: s.deafened,
        startedBy: s.startedBy,
        endedBy: s.endedBy,
      }))
      .sort((a, b) => compareStrings(a.from, b.from) || compareIds(a.userId, b.userId)),
    voice: voiceByMinute(segments, atMs, from, to),
  };
}

/** Milliseconds per (minute, channel, user) of the segments, cut to [from, to). */
export function voiceByMinute(
  segments: readonly SegmentRecord[],
  atMs: number,
  from: number,
  to: number,
): TruthActivity['voice'] {
  const ms = new Map<string, { minute: number; channelId: string; userId: string; ms: number }>();
  for (const s of segments) {
    const end = Math.min(to, segmentEnd(s, atMs));
    for (let t = Math.max(from, s.from); t < end; ) {
      const minute = Math.floor(t / MINUTE_MS);
      const next = Math.min(end, (minute + 1) * MINUTE_MS);
      const key = `${minute}/${s.channelId}/${s.userId}`;
      const row = ms.get(key);
      if (row) row.ms += next - t;
      else ms.set(key, { minute, channelId: s.channelId, userId: s.userId, ms: next - t });
      t = next;
    }
  }
  return [...ms.values()]
    .map((r) => ({ minute: iso(r.minute * MINUTE_MS), channelId: r.channelId, userId: r.userId, ms: r.ms }))
    .sort(compareRows);
}

/** A guild's truth in a few numbers. */
export function summarizeGuildTruth(ledger: GuildLedger, guild: SimGuild, atMs: number): TruthGuildSummary {
  const stays = [...ledger.members.values()].flatMap(staysOf);
  const moderation: Record<string, number> = {};
  for (const kind of ledger.moderation.map((f) => f.value.kind).sort()) {
    moderation[kind] = (moderation[kind] ?? 0) + 1;
  }
  return {
    guildId: guild.id,
    name: guild.name,
    botPresent: guild.botPresent,
    memberCount: ledger.membersAt(atMs, guild.members).length,
    joins: stays.filter((s) => s.join.kind !== 'setup').length,
    departures: stays.filter((s) => s.leftAt !== null).length,
    moderation,
    invites: {
      created: ledger.invites.length,
      deleted: ledger.invites.filter((i) => i.truth.deleted !== null).length,
      uses: ledger.invites.reduce((sum, i) => sum + i.truth.uses, 0),
    },
    messages: ledger.messages.total(),
    reactionsAdded: ledger.reactionsAdded.total(),
    reactionsRemoved: ledger.reactionsRemoved.total(),
    voiceMs: ledger.segments.reduce((sum, s) => sum + segmentEnd(s, atMs) - s.from, 0),
    botEffects: ledger.botEffects.length,
  };
}
