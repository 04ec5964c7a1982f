import type { SimMember, SimVoiceState } from '../world/world.types.js';
import { IdIndex, MinuteCounts, packKey, unpackKey } from './minute-counts.js';
import type {
  TruthBotEffect,
  TruthDeparture,
  TruthInvite,
  TruthJoin,
  TruthModerationFact,
  TruthVoiceSegment,
} from './truth.types.js';

/** A stay with times in ms (the export turns them into ISO strings), linked to the member's previous one. */
export interface StayRecord {
  joinedAt: number;
  join: TruthJoin;
  leftAt: number | null;
  left: TruthDeparture | null;
  previous: StayRecord | null;
}

/** A member's stays, oldest first. */
export function staysOf(latest: StayRecord): StayRecord[] {
  const stays: StayRecord[] = [];
  for (let s: StayRecord | null = latest; s !== null; s = s.previous) stays.unshift(s);
  return stays;
}

/** Whether one of the stays up to `latest` covers `atMs` (joined at or before, not yet gone). */
export function presentAt(latest: StayRecord, atMs: number): boolean {
  for (let s: StayRecord | null = latest; s !== null; s = s.previous) {
    if (s.joinedAt <= atMs && (s.leftAt === null || s.leftAt > atMs)) return true;
  }
  return false;
}

/** Shared by every member added without an event (most of a large world): never mutated. */
export const SETUP_JOIN: TruthJoin = Object.freeze({ kind: 'setup' });

const setupStay = (member: SimMember): StayRecord => ({
  joinedAt: Date.parse(member.joinedAt),
  join: SETUP_JOIN,
  leftAt: null,
  left: null,
  previous: null,
});

/** A fact or effect with its time in ms for window filters (its own `at` is the ISO form). */
export interface Timed<T> {
  atMs: number;
  value: T;
}

export interface InviteRecord {
  createdAtMs: number;
  truth: TruthInvite;
}

export interface SegmentRecord {
  userId: string;
  channelId: string;
  from: number;
  /** null while connected. */
  to: number | null;
  muted: boolean;
  deafened: boolean;
  startedBy: TruthVoiceSegment['startedBy'];
  endedBy: TruthVoiceSegment['endedBy'];
}

/** Everything that happened in one guild, as the simulator's actions record it. */
export class GuildLedger {
  /**
   * user id -> latest stay (earlier ones linked from it). A member added without an event gets a stay here
   * only once something happens to them (`stays()` adds the others from the world): large worlds stay small.
   */
  readonly members = new Map<string, StayRecord>();
  readonly moderation: Timed<TruthModerationFact>[] = [];
  /** Every invite ever created, in creation order; `liveInvites` the ones not deleted, by code. */
  readonly invites: InviteRecord[] = [];
  readonly liveInvites = new Map<string, InviteRecord>();
  readonly vanityJoins: { userId: string; at: string; code: string }[] = [];
  /** Users and emojis numbered for the activity counters' keys. */
  private readonly users = new IdIndex();
  private readonly emojis = new IdIndex();
  /** Keyed by user number. */
  readonly messages = new MinuteCounts(true);
  /** Keyed by (emoji number, user number). */
  readonly reactionsAdded = new MinuteCounts(false);
  readonly reactionsRemoved = new MinuteCounts(false);
  /** Closed and open segments in start order; `openVoice` the open one per user. */
  readonly segments: SegmentRecord[] = [];
  readonly openVoice = new Map<string, SegmentRecord>();
  readonly botEffects: Timed<TruthBotEffect>[] = [];

  joined(userId: string, atMs: number, join: TruthJoin): void {
    const latest = this.members.get(userId);
    if (latest === undefined && join.kind === 'setup') return;
    // Re-adding a present member replaces their member object in the world: the stay is re-dated, not doubled.
    if (latest && latest.leftAt === null) {
      latest.joinedAt = atMs;
      latest.join = join;
    } else
      this.members.set(userId, { joinedAt: atMs, join, leftAt: null, left: null, previous: latest ?? null });
    if (join.kind === 'invite') {
      const invite = this.liveInvites.get(join.code)?.truth;
      if (invite) {
        invite.uses++;
        invite.joins.push({ userId, at: new Date(atMs).toISOString() });
      }
    }
    if (join.kind === 'vanity')
      this.vanityJoins.push({ userId, at: new Date(atMs).toISOString(), code: join.code });
  }

  /** `member`: the world's member object, still there (a setup stay is recorded from it if needed). */
  departed(userId: string, atMs: number, departure: TruthDeparture, member: SimMember | undefined): void {
    let open = this.members.get(userId);
    if (open === undefined && member !== undefined) {
      open = setupStay(member);
      this.members.set(userId, open);
    }
    if (!open || open.leftAt !== null) return;
    open.leftAt = atMs;
    open.left = departure;
  }

  countMessage(atMs: number, channelId: string, userId: string): void {
    this.messages.add(atMs, channelId, this.users.of(userId));
  }

  countReaction(counts: MinuteCounts, atMs: number, channelId: string, userId: string, emoji: string): void {
    counts.add(atMs, channelId, packKey(this.emojis.of(emoji), this.users.of(userId)));
  }

  *messageRows(): Generator<[minute: number, channelId: string, userId: string, n: number]> {
    for (const [minute, channelId, key, n] of this.messages.rows())
      yield [minute, channelId, this.users.ids[key]!, n];
  }

  /** Rows of `reactionsAdded` or `reactionsRemoved`. */
  *reactionRows(
    counts: MinuteCounts,
  ): Generator<[minute: number, channelId: string, emoji: string, userId: string, n: number]> {
    for (const [minute, channelId, key, n] of counts.rows()) {
      const [emoji, user] = unpackKey(key);
      yield [minute, channelId, this.emojis.ids[emoji]!, this.users.ids[user]!, n];
    }
  }

  /** Opens a segment for the user's new voice state, closing the previous one. */
  voiceState(state: SimVoiceState, atMs: number, cause: SegmentRecord['startedBy']): void {
    this.voiceLeft(state.userId, atMs, cause === 'join' ? 'leave' : cause);
    const segment: SegmentRecord = {
      userId: state.userId,
      channelId: state.channelId,
      from: atMs,
      to: null,
      muted: state.selfMute || state.mute,
      deafened: state.selfDeaf || state.deaf,
      startedBy: cause,
      endedBy: null,
    };
    this.segments.push(segment);
    this.openVoice.set(state.userId, segment);
  }

  voiceLeft(userId: string, atMs: number, cause: NonNullable<SegmentRecord['endedBy']>): void {
    const open = this.openVoice.get(userId);
    if (!open) return;
    this.openVoice.delete(userId);
    open.to = atMs;
    open.endedBy = cause;
  }

  /** Every member's latest stay: the recorded ones, and a setup stay for the world's members without one. */
  stays(worldMembers: ReadonlyMap<string, SimMember>): Map<string, StayRecord> {
    const all = new Map(this.members);
    for (const [userId, member] of worldMembers) if (!all.has(userId)) all.set(userId, setupStay(member));
    return all;
  }

  /** Members present at `atMs` (joined at or before, not yet gone), given the world's current members. */
  membersAt(atMs: number, worldMembers: ReadonlyMap<string, SimMember>): string[] {
    const present: string[] = [];
    for (const [userId, latest] of this.stays(worldMembers))
      if (presentAt(latest, atMs)) present.push(userId);
    return present;
  }
}
