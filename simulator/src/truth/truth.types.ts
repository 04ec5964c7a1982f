/**
 * The simulator's ground truth for one guild, as `GET /_sim/truth/guilds/:id` and `sim.truth.exportGuild`
 * give it. Times are ISO 8601 (UTC, ms); `minute` is the start of a UTC minute. Every list is sorted
 * deterministically (ids in numeric order); the same world and clock give the same JSON.
 */
export interface GuildTruth {
  guildId: string;
  name: string;
  botUserId: string;
  /** Whether the bot is in the guild at `at`. */
  botPresent: boolean;
  /** When the export was taken: open voice segments end here. */
  at: string;
  /**
   * The window the time-stamped lists were cut to (null: unbounded): facts and effects by their time, activity
   * rows by their minute's start (give whole minutes), voice milliseconds exactly. Members and invites are
   * always whole.
   */
  window: { from: string | null; to: string | null };
  /** Members present at `to` (or `at`), the bot included, as Discord's member count has it. */
  memberCount: number;
  /** Everyone who was ever a member, with every stay (join and departure), by user id. */
  members: TruthMember[];
  /** Moderation facts in the window, oldest first. */
  moderation: TruthModerationFact[];
  /** Every invite ever created in the guild, by creation time then code. */
  invites: TruthInvite[];
  vanity: TruthVanity;
  activity: TruthActivity;
  /** What the bot did through REST in the window, oldest first. */
  botEffects: TruthBotEffect[];
}

export interface TruthMember {
  userId: string;
  username: string;
  bot: boolean;
  /** The account's creation time (what its snowflake encodes). */
  accountCreatedAt: string;
  /** A member at `to` (or `at`). */
  present: boolean;
  /** Oldest first; only the last can be open (`leftAt` null). */
  stays: TruthStay[];
}

export interface TruthStay {
  joinedAt: string;
  join: TruthJoin;
  leftAt: string | null;
  left: TruthDeparture | null;
}

/**
 * How a member arrived. `setup`: added without any event (world setup, present before the bot, or added
 * silently), with Discord's `joined_at`; `botAdd`: a bot user added through OAuth2.
 */
export type TruthJoin =
  | { kind: 'setup' }
  | { kind: 'invite'; code: string; inviterId: string | null }
  | { kind: 'vanity'; code: string }
  | { kind: 'unknown' }
  | { kind: 'botAdd'; addedBy: string };

/** How a member left: by themself, kicked, banned, or (the bot) removed from the guild. */
export interface TruthDeparture {
  kind: 'leave' | 'kick' | 'ban' | 'botRemoved';
  moderatorId: string | null;
  reason: string | null;
}

/**
 * What Discord's audit log says about a fact: `entry` an entry names the moderator (possibly late, or only in
 * GET audit-logs); `merged` an existing MESSAGE_DELETE entry's count went up, no new entry or event; `none`
 * nothing (self-deletes, bots' single deletes, plain leaves): a bot cannot know who did it, so an oracle
 * expects "unknown" there, never a guess.
 */
export type TruthAudit = 'entry' | 'merged' | 'none';

interface FactBase {
  at: string;
  /** Who did it; null when no one did (a leave, a self-delete, AutoMod). */
  moderatorId: string | null;
  reason: string | null;
  audit: TruthAudit;
  auditEntryId: string | null;
}

export type TruthModerationFact = FactBase &
  (
    | { kind: 'ban'; userId: string; wasMember: boolean }
    | { kind: 'unban' | 'kick' | 'leave' | 'timeoutRemoved'; userId: string }
    | { kind: 'timeout'; userId: string; until: string }
    /** Deleted by someone else than its author: a moderator (audited) or a bot (not audited). */
    | { kind: 'messageDelete'; channelId: string; messageId: string; authorId: string }
    | { kind: 'selfDelete'; channelId: string; messageId: string; authorId: string }
    | { kind: 'bulkDelete'; channelId: string; messageIds: string[]; count: number }
    /** One per AutoMod rule action (Discord sends one execution each); `until` for a timeout action. */
    | {
        kind: 'automod';
        userId: string;
        channelId: string;
        ruleId: string;
        ruleName: string;
        action: 'blockMessage' | 'sendAlertMessage' | 'timeout' | 'blockMemberInteraction';
        keyword: string;
        until: string | null;
      }
  );

export interface TruthInvite {
  code: string;
  channelId: string;
  inviterId: string | null;
  createdAt: string;
  maxUses: number;
  /** Seconds; 0 = never expires. */
  maxAge: number;
  temporary: boolean;
  uses: number;
  /** `usedUp`: a limited invite deleted by the join that used its last use (`by` null). */
  deleted: { at: string; by: string | null; usedUp: boolean } | null;
  joins: { userId: string; at: string }[];
}

export interface TruthVanity {
  /** The guild's vanity code at `at` (null: none). */
  code: string | null;
  uses: number;
  joins: { userId: string; at: string; code: string }[];
}

/**
 * Activity by UTC minute. Messages count at their creation (deleted ones included); reactions at the add or
 * the removal; `emoji` is the contracts' key (the Unicode sequence, or `name:id` for a custom emoji). Voice:
 * one segment per voice state (a move, a mute/deafen change or any flag change starts a new one), and the
 * milliseconds each segment spends in each minute.
 */
export interface TruthActivity {
  messages: { minute: string; channelId: string; userId: string; count: number }[];
  reactionsAdded: TruthReactionRow[];
  reactionsRemoved: TruthReactionRow[];
  voiceSegments: TruthVoiceSegment[];
  voice: { minute: string; channelId: string; userId: string; ms: number }[];
}

export interface TruthReactionRow {
  minute: string;
  channelId: string;
  userId: string;
  emoji: string;
  count: number;
}

export interface TruthVoiceSegment {
  userId: string;
  channelId: string;
  from: string;
  /** The export's `at` while still connected (`open`). */
  to: string;
  open: boolean;
  /** Self or server muted / deafened. */
  muted: boolean;
  deafened: boolean;
  startedBy: 'join' | 'move' | 'flags';
  endedBy: 'leave' | 'move' | 'flags' | 'memberRemoved' | null;
}

/** What the bot did through Discord's REST API (its modules' visible effects). */
export type TruthBotEffect = { at: string } & (
  | {
      kind: 'message';
      channelId: string;
      messageId: string;
      content: string;
      /** The member it greets: the first mention who was ever a member, else the latest joiner named in it. */
      greetsUserId: string | null;
    }
  | { kind: 'messageDelete'; channelId: string; messageId: string; authorId: string; reason: string | null }
  | { kind: 'bulkDelete'; channelId: string; messageIds: string[]; reason: string | null }
  | { kind: 'timeout'; userId: string; until: string; reason: string | null }
  | { kind: 'timeoutRemoved' | 'ban' | 'unban' | 'kick'; userId: string; reason: string | null }
);

/** `GET /_sim/truth`: every guild in a few numbers. */
export interface TruthSummary {
  at: string;
  botUserId: string;
  guilds: TruthGuildSummary[];
}

export interface TruthGuildSummary {
  guildId: string;
  name: string;
  botPresent: boolean;
  memberCount: number;
  /** Stays begun by a join event (not `setup`), and stays ended. */
  joins: number;
  departures: number;
  /** Moderation facts by kind (kinds that happened). */
  moderation: Record<string, number>;
  invites: { created: number; deleted: number; uses: number };
  messages: number;
  reactionsAdded: number;
  reactionsRemoved: number;
  voiceMs: number;
  botEffects: number;
}

/** A time window (ms since epoch): `from` inclusive, `to` exclusive. */
export interface TruthWindow {
  from?: number;
  to?: number;
}
