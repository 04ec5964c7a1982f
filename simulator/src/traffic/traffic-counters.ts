import type { Clock } from '../core/clock.js';
import { type GuildLedger, staysOf } from '../truth/guild-ledger.js';
import type { TruthLedger } from '../truth/truth-ledger.js';

/** Adds `n` to `map[key]`. */
function bump(map: Map<string, number>, key: string, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

const NUMBERS = [
  'messages',
  'reactions',
  'voiceJoins',
  'voiceMoves',
  'voiceLeaves',
  'voiceFlagChanges',
  'joins',
  'leaves',
  'bans',
  'kicks',
  'timeouts',
  'moderatorDeletes',
] as const;
const MAPS = [
  'messagesByGuild',
  'messagesByChannel',
  'messagesByMember',
  'reactionsByGuild',
  'reactionsByEmoji',
  'reactionsByMember',
  'voiceMsByMember',
  'voiceMsByChannel',
  'mutedMsByMember',
] as const;

/** Everything the counters report, at one moment (maps keyed `guildId/x`, voice in ms). */
type Tally = { [K in (typeof NUMBERS)[number]]: number } & {
  [K in (typeof MAPS)[number]]: Map<string, number>;
};

/** Reads one guild's ledger into `t` (open voice segments count up to `atMs`). */
function tallyGuild(t: Tally, guildId: string, ledger: GuildLedger, atMs: number): void {
  for (const [, channelId, userId, n] of ledger.messageRows()) {
    t.messages += n;
    bump(t.messagesByGuild, guildId, n);
    bump(t.messagesByChannel, `${guildId}/${channelId}`, n);
    bump(t.messagesByMember, `${guildId}/${userId}`, n);
  }
  for (const [, , emoji, userId, n] of ledger.reactionRows(ledger.reactionsAdded)) {
    t.reactions += n;
    bump(t.reactionsByGuild, guildId, n);
    bump(t.reactionsByEmoji, `${guildId}/${emoji}`, n);
    bump(t.reactionsByMember, `${guildId}/${userId}`, n);
  }
  for (const s of ledger.segments) {
    if (s.startedBy === 'join') t.voiceJoins++;
    else if (s.startedBy === 'move') t.voiceMoves++;
    else t.voiceFlagChanges++;
    if (s.endedBy === 'leave') t.voiceLeaves++;
    const ms = Math.max(0, (s.to ?? atMs) - s.from);
    bump(t.voiceMsByMember, `${guildId}/${s.userId}`, ms);
    bump(t.voiceMsByChannel, `${guildId}/${s.channelId}`, ms);
    if (s.muted) bump(t.mutedMsByMember, `${guildId}/${s.userId}`, ms);
  }
  for (const latest of ledger.members.values()) {
    for (const stay of staysOf(latest)) if (stay.join.kind !== 'setup') t.joins++;
  }
  for (const { value } of ledger.moderation) {
    if (value.kind === 'leave') t.leaves++;
    else if (value.kind === 'ban') t.bans++;
    else if (value.kind === 'kick') t.kicks++;
    else if (value.kind === 'timeout') t.timeouts++;
    else if (value.kind === 'messageDelete') t.moderatorDeletes++;
  }
}

function emptyTally(): Tally {
  const t = {} as Record<keyof Tally, unknown>;
  for (const k of NUMBERS) t[k] = 0;
  for (const k of MAPS) t[k] = new Map();
  return t as Tally;
}

/** `now - before`, key by key (keys that did not change are left out). */
function minus(now: Tally, before: Tally): Tally {
  const t = emptyTally();
  for (const k of NUMBERS) t[k] = now[k] - before[k];
  for (const k of MAPS) {
    for (const [key, n] of now[k]) {
      const d = n - (before[k].get(key) ?? 0);
      if (d !== 0) t[k].set(key, d);
    }
  }
  return t;
}

/** The generator's figures at one moment; `events` = every action that happened (the sum of the counts). */
export interface TrafficTally extends Tally {
  events: number;
}

const toSeconds = (m: Map<string, number>) => new Map([...m].map(([k, v]) => [k, v / 1000]));

interface VoiceSeconds {
  byMember: Map<string, number>;
  byChannel: Map<string, number>;
  mutedByMember: Map<string, number>;
  total: number;
}

function voiceSeconds(t: Tally): VoiceSeconds {
  return {
    byMember: toSeconds(t.voiceMsByMember),
    byChannel: toSeconds(t.voiceMsByChannel),
    mutedByMember: toSeconds(t.mutedMsByMember),
    total: [...t.voiceMsByMember.values()].reduce((a, b) => a + b, 0) / 1000,
  };
}

/** Actions that happened: messages, reactions, voice state changes, joins, leaves and moderation. */
function eventCount(t: Tally): number {
  let sum = 0;
  for (const k of NUMBERS) sum += t[k];
  return sum;
}

/**
 * The traffic generator's ground truth, read from the simulator's truth ledger (one way to count): what
 * happened in the generator's guilds since it was set up. Keys: guild id; `guildId/channelId`;
 * `guildId/userId`; `guildId/emoji`. Every read tallies the ledger afresh.
 */
export class TrafficCounters {
  private readonly before: Tally;

  constructor(
    private readonly truth: TruthLedger,
    private readonly guildIds: readonly string[],
    private readonly clock: Clock,
  ) {
    this.before = this.tallyAll(clock.now());
  }

  private tallyAll(atMs: number): Tally {
    const t = emptyTally();
    for (const guildId of this.guildIds) {
      const ledger = this.truth.ledgerOf(guildId);
      if (ledger) tallyGuild(t, guildId, ledger, atMs);
    }
    return t;
  }

  /** Everything since setup (tallied afresh), open voice segments counted up to `atMs`. */
  read(atMs = this.clock.now()): TrafficTally {
    const t = minus(this.tallyAll(atMs), this.before);
    return { ...t, events: eventCount(t) };
  }

  /** Voice seconds (closed sessions plus open ones up to `at`), per member, per channel, muted per member. */
  voiceSeconds(at: number = this.clock.now()): VoiceSeconds {
    return voiceSeconds(this.read(at));
  }

  /** A JSON-friendly summary (maps as objects), from one tally. */
  toJSON(at: number = this.clock.now()): Record<string, unknown> {
    const t = this.read(at);
    const obj = (m: Map<string, number>) => Object.fromEntries(m);
    const voice = voiceSeconds(t);
    return {
      events: t.events,
      messages: t.messages,
      messagesByGuild: obj(t.messagesByGuild),
      messagesByChannel: obj(t.messagesByChannel),
      messagesByMember: obj(t.messagesByMember),
      reactions: t.reactions,
      reactionsByEmoji: obj(t.reactionsByEmoji),
      reactionsByMember: obj(t.reactionsByMember),
      voiceSeconds: { total: voice.total, byMember: obj(voice.byMember), byChannel: obj(voice.byChannel) },
      voice: {
        joins: t.voiceJoins,
        moves: t.voiceMoves,
        leaves: t.voiceLeaves,
        flagChanges: t.voiceFlagChanges,
      },
      joins: t.joins,
      leaves: t.leaves,
      bans: t.bans,
      kicks: t.kicks,
      timeouts: t.timeouts,
      moderatorDeletes: t.moderatorDeletes,
    };
  }
}
