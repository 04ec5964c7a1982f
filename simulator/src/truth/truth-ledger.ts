import type { Clock } from '../core/clock.js';
import type { World } from '../world/world.js';
import type { SimEmoji, SimInvite, SimMessage, SimVoiceState } from '../world/world.types.js';
import { GuildLedger, type SegmentRecord } from './guild-ledger.js';
import type {
  GuildTruth,
  TruthBotEffect,
  TruthDeparture,
  TruthJoin,
  TruthModerationFact,
  TruthSummary,
  TruthWindow,
} from './truth.types.js';
import { compareIds, exportGuildTruth, summarizeGuildTruth } from './truth-export.js';

/** `T` without its `at` (the ledger stamps it), for each member of a union. */
export type WithoutAt<T> = T extends unknown ? Omit<T, 'at'> : never;

/** The contracts' emoji key: the Unicode sequence, or `name:id` for a custom emoji. */
export const truthEmojiKey = (emoji: SimEmoji): string =>
  emoji.id === null ? emoji.name : `${emoji.name}:${emoji.id}`;

/**
 * The simulator's ground truth: every action in `actions/` records here what really happened, whichever way it
 * was called (control API, scenarios, traffic generator, REST routes, tests), so an oracle can compare every
 * figure the product shows with it. Activity is counted per minute and channel in arrays and Maps with small-integer
 * keys (a count seen before allocates nothing); facts are appended as they happen.
 */
export class TruthLedger {
  private readonly guilds = new Map<string, GuildLedger>();

  constructor(
    private readonly world: World,
    private readonly clock: Clock,
  ) {}

  private guild(guildId: string): GuildLedger {
    let guild = this.guilds.get(guildId);
    if (guild === undefined) {
      guild = new GuildLedger();
      this.guilds.set(guildId, guild);
    }
    return guild;
  }

  // ---- recording (called by the actions) ----

  /** A member arrives (`setup` joins carry Discord's `joined_at`, which may be in the past). */
  joined(guildId: string, userId: string, join: TruthJoin, atMs = this.clock.now()): void {
    this.guild(guildId).joined(userId, atMs, join);
  }

  /** A member leaves; call it before the world forgets them (a setup member's stay is taken from the world). */
  departed(guildId: string, userId: string, departure: TruthDeparture): void {
    const member = this.world.guilds.get(guildId)?.members.get(userId);
    this.guild(guildId).departed(userId, this.clock.now(), departure, member);
  }

  moderation(guildId: string, fact: WithoutAt<TruthModerationFact>): void {
    const atMs = this.clock.now();
    this.guild(guildId).moderation.push({
      atMs,
      value: { at: new Date(atMs).toISOString(), ...fact } as TruthModerationFact,
    });
  }

  /** Hot path: one message counted at its creation time. */
  message(guildId: string, channelId: string, authorId: string, createdAt: number): void {
    this.guild(guildId).countMessage(createdAt, channelId, authorId);
  }

  reactionAdded(guildId: string, channelId: string, userId: string, emoji: SimEmoji): void {
    const guild = this.guild(guildId);
    guild.countReaction(guild.reactionsAdded, this.clock.now(), channelId, userId, truthEmojiKey(emoji));
  }

  reactionRemoved(guildId: string, channelId: string, userId: string, emoji: SimEmoji): void {
    const guild = this.guild(guildId);
    guild.countReaction(guild.reactionsRemoved, this.clock.now(), channelId, userId, truthEmojiKey(emoji));
  }

  /** The member's voice state changed while connected: a new segment starts. */
  voiceState(guildId: string, state: SimVoiceState, cause: SegmentRecord['startedBy']): void {
    this.guild(guildId).voiceState(state, this.clock.now(), cause);
  }

  voiceLeft(guildId: string, userId: string, cause: 'leave' | 'memberRemoved'): void {
    this.guild(guildId).voiceLeft(userId, this.clock.now(), cause);
  }

  inviteCreated(invite: SimInvite): void {
    const guild = this.guild(invite.guildId);
    const record = {
      createdAtMs: Date.parse(invite.createdAt),
      truth: {
        code: invite.code,
        channelId: invite.channelId,
        inviterId: invite.inviterId,
        createdAt: invite.createdAt,
        maxUses: invite.maxUses,
        maxAge: invite.maxAge,
        temporary: invite.temporary,
        uses: invite.uses,
        deleted: null,
        joins: [],
      },
    };
    guild.invites.push(record);
    guild.liveInvites.set(invite.code, record);
  }

  inviteDeleted(guildId: string, code: string, by: string | null, usedUp: boolean): void {
    const guild = this.guild(guildId);
    const record = guild.liveInvites.get(code);
    if (!record) return;
    guild.liveInvites.delete(code);
    record.truth.deleted = { at: new Date(this.clock.now()).toISOString(), by, usedUp };
  }

  botEffect(guildId: string, effect: WithoutAt<TruthBotEffect>): void {
    const atMs = this.clock.now();
    this.guild(guildId).botEffects.push({
      atMs,
      value: { at: new Date(atMs).toISOString(), ...effect } as TruthBotEffect,
    });
  }

  /** A message the bot posted through REST, with the member it greets when that can be told. */
  botPosted(guildId: string, message: SimMessage): void {
    this.botEffect(guildId, {
      kind: 'message',
      channelId: message.channelId,
      messageId: message.id,
      content: message.content,
      greetsUserId: this.greeted(guildId, message),
    });
  }

  /** The first mention who was ever a member, else the latest joiner (by an event) whose username it names. */
  private greeted(guildId: string, message: SimMessage): string | null {
    const guild = this.guild(guildId);
    const world = this.world.guilds.get(guildId)?.members;
    const mentioned = message.mentionIds.find((id) => guild.members.has(id) || world?.has(id));
    if (mentioned !== undefined) return mentioned;
    let best: { userId: string; at: number } | null = null;
    for (const [userId, last] of guild.members) {
      if (last.join.kind === 'setup' || (best && best.at >= last.joinedAt)) continue;
      const username = this.world.users.get(userId)?.username;
      if (username && message.content.includes(username)) best = { userId, at: last.joinedAt };
    }
    return best?.userId ?? null;
  }

  // ---- queries ----

  /** One guild's records as they stand (read them, never change them), for in-process tallies. */
  ledgerOf(guildId: string): GuildLedger | undefined {
    return this.guilds.get(guildId);
  }

  /** User ids of the members present at `atMs`, in numeric id order. */
  membersAt(guildId: string, atMs: number = this.clock.now()): string[] {
    const { members } = this.world.guild(guildId);
    return this.guild(guildId).membersAt(atMs, members).sort(compareIds);
  }

  memberCount(guildId: string, atMs: number = this.clock.now()): number {
    return this.membersAt(guildId, atMs).length;
  }

  /** The guild's truth at `atMs` (open voice segments end there), time-stamped lists cut to `window`. */
  exportGuild(guildId: string, atMs: number = this.clock.now(), window: TruthWindow = {}): GuildTruth {
    const guild = this.world.guild(guildId);
    return exportGuildTruth(this.guild(guildId), { world: this.world, guild, atMs, window });
  }

  /** Every guild of the world in a few numbers. */
  summary(atMs: number = this.clock.now()): TruthSummary {
    return {
      at: new Date(atMs).toISOString(),
      botUserId: this.world.botUser.id,
      guilds: [...this.world.guilds.values()]
        .sort((a, b) => compareIds(a.id, b.id))
        .map((guild) => summarizeGuildTruth(this.guild(guild.id), guild, atMs)),
    };
  }
}
