/** Adds `n` to `map[key]`. */
export function bump(map: Map<string, number>, key: string, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

interface VoiceSegment {
  guildId: string;
  channelId: string;
  userId: string;
  since: number;
  muted: boolean;
}

/**
 * Counts keyed by a pair (guild id, then channel/member/emoji id) in nested maps: the hot path looks up
 * existing id strings instead of building a `guildId/x` key per event. `flat()` gives the `guildId/x` view.
 */
export class PairCounter {
  /** Boxed counts: an increment is one lookup, not a get and a set. */
  private readonly byGuild = new Map<string, Map<string, { n: number }>>();

  add(guildId: string, key: string, n = 1): void {
    let inner = this.byGuild.get(guildId);
    if (inner === undefined) {
      inner = new Map();
      this.byGuild.set(guildId, inner);
    }
    const box = inner.get(key);
    if (box === undefined) inner.set(key, { n });
    else box.n += n;
  }

  get(guildId: string, key: string): number {
    return this.byGuild.get(guildId)?.get(key)?.n ?? 0;
  }

  /** A map keyed `guildId/key` (grouped by guild, first seen first). */
  flat(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [g, inner] of this.byGuild) for (const [k, box] of inner) out.set(`${g}/${k}`, box.n);
    return out;
  }
}

/**
 * Exact ground truth of what the generator emitted, for comparison with the bot's snapshots.
 * Keys: guild id; `guildId/channelId`; `guildId/userId`; `guildId/emoji`.
 */
export class TrafficCounters {
  events = 0;
  messages = 0;
  readonly messagesByGuild = new Map<string, number>();
  private readonly messagesByGuildChannel = new PairCounter();
  private readonly messagesByGuildMember = new PairCounter();
  reactions = 0;
  readonly reactionsByGuild = new Map<string, number>();
  private readonly reactionsByGuildEmoji = new PairCounter();
  private readonly reactionsByGuildMember = new PairCounter();
  voiceJoins = 0;
  voiceMoves = 0;
  voiceLeaves = 0;
  voiceFlagChanges = 0;
  joins = 0;
  leaves = 0;
  bans = 0;
  kicks = 0;
  timeouts = 0;
  moderatorDeletes = 0;
  /** Closed voice time in ms, by `guildId/userId` and by `guildId/channelId`. */
  private readonly voiceMsByMember = new Map<string, number>();
  private readonly voiceMsByChannel = new Map<string, number>();
  private readonly mutedMsByMember = new Map<string, number>();
  private readonly open = new Map<string, VoiceSegment>();

  /** Messages by `guildId/channelId` (built on each read). */
  get messagesByChannel(): Map<string, number> {
    return this.messagesByGuildChannel.flat();
  }
  /** Messages by `guildId/userId` (built on each read). */
  get messagesByMember(): Map<string, number> {
    return this.messagesByGuildMember.flat();
  }
  /** Reactions by `guildId/emoji` (built on each read). */
  get reactionsByEmoji(): Map<string, number> {
    return this.reactionsByGuildEmoji.flat();
  }
  /** Reactions by `guildId/userId` (built on each read). */
  get reactionsByMember(): Map<string, number> {
    return this.reactionsByGuildMember.flat();
  }

  message(guildId: string, channelId: string, userId: string): void {
    this.messages++;
    bump(this.messagesByGuild, guildId);
    this.messagesByGuildChannel.add(guildId, channelId);
    this.messagesByGuildMember.add(guildId, userId);
  }

  reaction(guildId: string, userId: string, emoji: string): void {
    this.reactions++;
    bump(this.reactionsByGuild, guildId);
    this.reactionsByGuildEmoji.add(guildId, emoji);
    this.reactionsByGuildMember.add(guildId, userId);
  }

  /** Opens (or re-opens after a move / mute change) a member's voice segment at `at`. */
  voiceOpen(guildId: string, userId: string, channelId: string, muted: boolean, at: number): void {
    this.voiceClose(guildId, userId, at);
    this.open.set(`${guildId}/${userId}`, { guildId, channelId, userId, since: at, muted });
  }

  voiceClose(guildId: string, userId: string, at: number): void {
    const key = `${guildId}/${userId}`;
    const seg = this.open.get(key);
    if (!seg) return;
    this.open.delete(key);
    this.addSegment(seg, at);
  }

  private addSegment(seg: VoiceSegment, at: number): void {
    const ms = Math.max(0, at - seg.since);
    bump(this.voiceMsByMember, `${seg.guildId}/${seg.userId}`, ms);
    bump(this.voiceMsByChannel, `${seg.guildId}/${seg.channelId}`, ms);
    if (seg.muted) bump(this.mutedMsByMember, `${seg.guildId}/${seg.userId}`, ms);
  }

  /** Voice seconds (closed sessions plus open ones up to `at`), per member, per channel, muted per member. */
  voiceSeconds(at: number): {
    byMember: Map<string, number>;
    byChannel: Map<string, number>;
    mutedByMember: Map<string, number>;
    total: number;
  } {
    const byMember = new Map(this.voiceMsByMember);
    const byChannel = new Map(this.voiceMsByChannel);
    const mutedByMember = new Map(this.mutedMsByMember);
    for (const seg of this.open.values()) {
      const ms = Math.max(0, at - seg.since);
      bump(byMember, `${seg.guildId}/${seg.userId}`, ms);
      bump(byChannel, `${seg.guildId}/${seg.channelId}`, ms);
      if (seg.muted) bump(mutedByMember, `${seg.guildId}/${seg.userId}`, ms);
    }
    const toSeconds = (m: Map<string, number>) => new Map([...m].map(([k, v]) => [k, v / 1000]));
    const total = [...byMember.values()].reduce((a, b) => a + b, 0) / 1000;
    return {
      byMember: toSeconds(byMember),
      byChannel: toSeconds(byChannel),
      mutedByMember: toSeconds(mutedByMember),
      total,
    };
  }

  /** A JSON-friendly summary (maps as objects). */
  toJSON(at = Date.now()): Record<string, unknown> {
    const obj = (m: Map<string, number>) => Object.fromEntries(m);
    const voice = this.voiceSeconds(at);
    return {
      events: this.events,
      messages: this.messages,
      messagesByGuild: obj(this.messagesByGuild),
      messagesByChannel: obj(this.messagesByChannel),
      messagesByMember: obj(this.messagesByMember),
      reactions: this.reactions,
      reactionsByEmoji: obj(this.reactionsByEmoji),
      reactionsByMember: obj(this.reactionsByMember),
      voiceSeconds: { total: voice.total, byMember: obj(voice.byMember), byChannel: obj(voice.byChannel) },
      voice: {
        joins: this.voiceJoins,
        moves: this.voiceMoves,
        leaves: this.voiceLeaves,
        flagChanges: this.voiceFlagChanges,
      },
      joins: this.joins,
      leaves: this.leaves,
      bans: this.bans,
      kicks: this.kicks,
      timeouts: this.timeouts,
      moderatorDeletes: this.moderatorDeletes,
    };
  }
}
