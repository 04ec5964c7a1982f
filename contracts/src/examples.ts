import type { BotEvent, BotEventOf } from './events/bot-event.schema.js';
import type { MemberActivitySnapshotEventData } from './events/metrics/member-activity-snapshot.schema.js';
import type { MetricsSnapshotEventData } from './events/metrics/metrics-snapshot.schema.js';
import type { AutomodConfig } from './modules/automod-config.schema.js';
import type { ModuleChangeEvent } from './modules/module-change-event.schema.js';
import type { WelcomeConfig } from './modules/welcome-config.schema.js';
import { snowflakeFromTimestamp } from './snowflake.js';

/**
 * Realistic, valid example payloads (the seed's examples as full DTOs) for tests, benchmarks, the
 * simulator and docs. Ids are snowflakes minted at plausible creation times; everything is
 * deterministic. The contracts' own tests prove every example parses.
 */

const sf = (iso: string, increment = 0) => snowflakeFromTimestamp(Date.parse(iso), increment);
const round2 = (x: number) => Math.round(x * 100) / 100;
/** A valid UUID v4 numbered `n` (deterministic, for examples). */
export const exampleUuid = (n: number): string =>
  `7c0e9a52-3b1d-4f6e-9a2c-${n.toString(16).padStart(12, '0')}`;

/** Start of the examples' minute: 2025-10-01T12:00:00.000Z. */
export const EXAMPLE_TIME = Date.UTC(2025, 9, 1, 12, 0, 0);

/** Ids used across the examples. */
export const exampleIds = {
  guild: sf('2019-05-12T18:31:07.412Z', 1),
  owner: sf('2016-11-04T08:12:40.001Z', 3),
  moderator: sf('2017-03-02T09:14:55.120Z', 7),
  spammer: sf('2025-09-30T22:03:11.005Z', 2),
  inviter: sf('2018-07-21T15:40:02.300Z', 5),
  newcomer: sf('2021-02-14T10:00:00.000Z', 9),
  leaver: sf('2020-08-09T19:25:33.707Z', 4),
  generalChannel: sf('2019-05-12T18:31:08.000Z', 1),
  modLogChannel: sf('2019-05-12T18:35:10.000Z', 2),
  mutedRole: sf('2019-06-01T11:00:00.000Z', 1),
  memberRole: sf('2019-05-12T18:40:00.000Z', 3),
  syncId: exampleUuid(0xabc),
} as const;

const ids = exampleIds;
const T = EXAMPLE_TIME;

/** `GUILD_BAN_ADD`: the seed's ban, with its moderator and reason. */
export const exampleBan: BotEventOf<'GUILD_BAN_ADD'> = {
  id: exampleUuid(1),
  type: 'GUILD_BAN_ADD',
  guildId: ids.guild,
  userId: ids.spammer,
  timestamp: T + 1_250,
  data: {
    targetUserId: ids.spammer,
    targetUsername: 'free_nitro_4821',
    targetDiscriminator: '0',
    targetAvatar: null,
    moderatorId: ids.moderator,
    moderatorUsername: 'mira.mod',
    reason: 'Scam links in #general',
  },
};

/** `GUILD_BAN_REMOVE`. */
export const exampleUnban: BotEventOf<'GUILD_BAN_REMOVE'> = {
  id: exampleUuid(2),
  type: 'GUILD_BAN_REMOVE',
  guildId: ids.guild,
  userId: ids.spammer,
  timestamp: T + 86_400_000,
  data: {
    targetUserId: ids.spammer,
    targetUsername: 'free_nitro_4821',
    moderatorId: ids.moderator,
    moderatorUsername: 'mira.mod',
    reason: 'Appeal accepted',
  },
};

/** `GUILD_MEMBER_REMOVE`: a kick known from its audit-log entry. */
export const exampleKick: BotEventOf<'GUILD_MEMBER_REMOVE'> = {
  id: exampleUuid(3),
  type: 'GUILD_MEMBER_REMOVE',
  guildId: ids.guild,
  userId: ids.leaver,
  timestamp: T + 2_400,
  data: {
    userId: ids.leaver,
    username: 'grumpy_cat',
    avatar: 'a_1f3c5e7a9b2d4f6081a3c5e7f9b1d3f5',
    wasKicked: true,
    moderatorId: ids.moderator,
    moderatorUsername: 'mira.mod',
    reason: 'Repeated harassment after warnings',
    joinedAt: '2021-06-03T17:22:05.318Z',
    roles: [ids.memberRole],
  },
};

/** `GUILD_MEMBER_REMOVE`: a plain leave of an uncached member. */
export const exampleLeave: BotEventOf<'GUILD_MEMBER_REMOVE'> = {
  id: exampleUuid(4),
  type: 'GUILD_MEMBER_REMOVE',
  guildId: ids.guild,
  userId: ids.leaver,
  timestamp: T + 3_600,
  data: { userId: ids.leaver, username: 'grumpy_cat', wasKicked: false, joinedAt: null, roles: [] },
};

/** `GUILD_MEMBER_ADD`: a join attributed to a normal invite. */
export const exampleJoinViaInvite: BotEventOf<'GUILD_MEMBER_ADD'> = {
  id: exampleUuid(5),
  type: 'GUILD_MEMBER_ADD',
  guildId: ids.guild,
  userId: ids.newcomer,
  timestamp: T + 5_000,
  data: {
    userId: ids.newcomer,
    username: 'lena.codes',
    discriminator: '0',
    avatar: null,
    bot: false,
    joinedAt: new Date(T + 5_000).toISOString(),
    accountCreatedAt: '2021-02-14T10:00:00.000Z',
    invite: {
      class: 'invite',
      code: 'x7Kp2Qa',
      inviterId: ids.inviter,
      inviterUsername: 'tomas_h',
      uses: 4,
      maxUses: 10,
    },
  },
};

/** `GUILD_MEMBER_ADD`: two joins raced between invite fetches, so the bot did not guess. */
export const exampleJoinUnknown: BotEventOf<'GUILD_MEMBER_ADD'> = {
  ...exampleJoinViaInvite,
  id: exampleUuid(6),
  timestamp: T + 5_010,
  data: {
    ...exampleJoinViaInvite.data,
    joinedAt: new Date(T + 5_010).toISOString(),
    invite: { class: 'unknown' },
  },
};

/** `INVITE_CREATE`: a 10-use invite valid one day. */
export const exampleInviteCreate: BotEventOf<'INVITE_CREATE'> = {
  id: exampleUuid(7),
  type: 'INVITE_CREATE',
  guildId: ids.guild,
  userId: ids.inviter,
  channelId: ids.generalChannel,
  timestamp: T - 3_600_000,
  data: {
    code: 'x7Kp2Qa',
    channelId: ids.generalChannel,
    inviterId: ids.inviter,
    inviterUsername: 'tomas_h',
    maxUses: 10,
    maxAge: 86_400,
    temporary: false,
    createdAt: new Date(T - 3_600_000).toISOString(),
    expiresAt: new Date(T - 3_600_000 + 86_400_000).toISOString(),
  },
};

/** `INVITE_DELETE`. */
export const exampleInviteDelete: BotEventOf<'INVITE_DELETE'> = {
  id: exampleUuid(8),
  type: 'INVITE_DELETE',
  guildId: ids.guild,
  channelId: ids.generalChannel,
  timestamp: T + 7_200_000,
  data: { code: 'x7Kp2Qa', channelId: ids.generalChannel, inviterId: ids.inviter, uses: 4 },
};

/** `INVITE_SYNC`: the invites the bot found when it loaded the guild (one made before it arrived). */
export const exampleInviteSync: BotEventOf<'INVITE_SYNC'> = {
  id: exampleUuid(22),
  type: 'INVITE_SYNC',
  guildId: ids.guild,
  timestamp: T - 60_000,
  data: {
    invites: [
      {
        code: 'x7Kp2Qa',
        channelId: ids.generalChannel,
        inviterId: ids.inviter,
        inviterUsername: 'tomas_h',
        uses: 3,
        maxUses: 10,
        maxAge: 86_400,
        temporary: false,
        createdAt: new Date(T - 3_600_000).toISOString(),
        expiresAt: new Date(T - 3_600_000 + 86_400_000).toISOString(),
      },
      {
        code: 'welcome',
        channelId: ids.generalChannel,
        inviterId: ids.owner,
        inviterUsername: 'founder',
        uses: 412,
        maxUses: 0,
        maxAge: 0,
        temporary: false,
        createdAt: '2019-05-12T18:45:00.000Z',
        expiresAt: null,
      },
    ],
    complete: true,
    vanity: null,
  },
};

/** `INVITE_USE`: who invited whom (the seed's example, A invites B). */
export const exampleInviteUse: BotEventOf<'INVITE_USE'> = {
  id: exampleUuid(9),
  type: 'INVITE_USE',
  guildId: ids.guild,
  userId: ids.newcomer,
  timestamp: T + 5_000,
  data: {
    code: 'x7Kp2Qa',
    inviteClass: 'invite',
    inviterId: ids.inviter,
    inviterUsername: 'tomas_h',
    newMemberId: ids.newcomer,
    newMemberUsername: 'lena.codes',
    uses: 4,
    maxUses: 10,
  },
};

/** `INVITE_USE` through the vanity URL (no inviter). */
export const exampleVanityInviteUse: BotEventOf<'INVITE_USE'> = {
  ...exampleInviteUse,
  id: exampleUuid(10),
  data: {
    ...exampleInviteUse.data,
    code: 'guildscope',
    inviteClass: 'vanity',
    inviterId: null,
    inviterUsername: null,
    uses: 1312,
    maxUses: 0,
  },
};

/** `MESSAGE_DELETE`: a moderator removed a cached message (certain: audit-log entry). */
export const exampleMessageDelete: BotEventOf<'MESSAGE_DELETE'> = {
  id: exampleUuid(11),
  type: 'MESSAGE_DELETE',
  guildId: ids.guild,
  userId: ids.spammer,
  channelId: ids.generalChannel,
  messageId: sf('2025-10-01T11:59:58.000Z', 17),
  timestamp: T + 900,
  data: {
    messageId: sf('2025-10-01T11:59:58.000Z', 17),
    channelId: ids.generalChannel,
    authorId: ids.spammer,
    authorUsername: 'free_nitro_4821',
    content: 'FREE NITRO for everyone!! claim here: hxxp://disc0rd-gift.example',
    hasAttachments: false,
    attachmentCount: 0,
    deletedBy: { userId: ids.moderator, username: 'mira.mod', certainty: 'certain' },
    deletedByCertainty: 'certain',
  },
};

/** `MESSAGE_DELETE_BULK`: a purge of 3 messages by a moderator. */
export const exampleMessageDeleteBulk: BotEventOf<'MESSAGE_DELETE_BULK'> = {
  id: exampleUuid(12),
  type: 'MESSAGE_DELETE_BULK',
  guildId: ids.guild,
  channelId: ids.generalChannel,
  timestamp: T + 1_100,
  data: {
    channelId: ids.generalChannel,
    messageIds: [1, 2, 3].map((i) => sf('2025-10-01T11:59:40.000Z', i)),
    count: 3,
    moderatorId: ids.moderator,
    moderatorUsername: 'mira.mod',
  },
};

/** `GUILD_AUDIT_LOG_ENTRY_CREATE`: a one-hour timeout. */
export const exampleAuditLogTimeout: BotEventOf<'GUILD_AUDIT_LOG_ENTRY_CREATE'> = {
  id: exampleUuid(13),
  type: 'GUILD_AUDIT_LOG_ENTRY_CREATE',
  guildId: ids.guild,
  userId: ids.spammer,
  timestamp: T + 600,
  data: {
    entryId: sf('2025-10-01T12:00:00.600Z', 1),
    action: 'MEMBER_TIMEOUT_ADD',
    actionType: 24,
    executorId: ids.moderator,
    executorUsername: 'mira.mod',
    targetId: ids.spammer,
    targetUsername: 'free_nitro_4821',
    targetType: 'user',
    changes: [
      {
        key: 'communication_disabled_until',
        oldValue: null,
        newValue: new Date(T + 3_600_600).toISOString(),
      },
    ],
    reason: 'Cool down',
  },
};

/** `AUTO_MODERATION_ACTION_EXECUTION`: Discord AutoMod blocked a keyword. */
export const exampleAutoModerationAction: BotEventOf<'AUTO_MODERATION_ACTION_EXECUTION'> = {
  id: exampleUuid(14),
  type: 'AUTO_MODERATION_ACTION_EXECUTION',
  guildId: ids.guild,
  userId: ids.spammer,
  channelId: ids.generalChannel,
  timestamp: T + 300,
  data: {
    ruleId: sf('2023-01-10T10:00:00.000Z', 1),
    ruleName: 'Block scam keywords',
    ruleTriggerType: 'keyword',
    action: { type: 'block_message' },
    userId: ids.spammer,
    username: 'free_nitro_4821',
    channelId: ids.generalChannel,
    content: 'get free nitro here',
    matchedKeyword: 'free nitro',
    matchedContent: 'free nitro',
  },
};

/** `BOT_AUTOMOD_ACTION`: our automod deleted a message and timed its author out. */
export const exampleBotAutomodAction: BotEventOf<'BOT_AUTOMOD_ACTION'> = {
  id: exampleUuid(15),
  type: 'BOT_AUTOMOD_ACTION',
  guildId: ids.guild,
  userId: ids.spammer,
  channelId: ids.generalChannel,
  messageId: sf('2025-10-01T12:00:00.200Z', 3),
  timestamp: T + 210,
  data: {
    ruleId: 'no-invites',
    ruleType: 'invite_links',
    userId: ids.spammer,
    username: 'free_nitro_4821',
    channelId: ids.generalChannel,
    messageId: sf('2025-10-01T12:00:00.200Z', 3),
    actions: ['delete', 'timeout'],
    timeoutSeconds: 600,
    matched: 'discord.gg/fr33n1tro',
    reason: 'Invite links are not allowed',
  },
};

const guildInfo = {
  id: ids.guild,
  name: 'Guildscope Community',
  icon: '3f8a1c2b9d7e4f60a1b2c3d4e5f60718',
  ownerId: ids.owner,
  memberCount: 1342,
  features: ['COMMUNITY', 'NEWS', 'VANITY_URL'],
  premiumTier: 2,
  premiumSubscriptionCount: 9,
};

/** `GUILD_SYNC`: this guild's part of the sync the bot ran at ready (one guild of 3). */
export const exampleGuildSync: BotEventOf<'GUILD_SYNC'> = {
  id: exampleUuid(16),
  type: 'GUILD_SYNC',
  guildId: ids.guild,
  timestamp: T - 60_000,
  data: { syncId: ids.syncId, guildCount: 3, guild: guildInfo },
};

/** `GUILD_CREATE`: the bot joined the guild. */
export const exampleGuildCreate: BotEventOf<'GUILD_CREATE'> = {
  id: exampleUuid(17),
  type: 'GUILD_CREATE',
  guildId: ids.guild,
  timestamp: Date.parse('2024-03-18T14:02:11.000Z'),
  data: { ...guildInfo, memberCount: 1100, joinedAt: '2024-03-18T14:02:11.000Z' },
};

/** `GUILD_DELETE`: a Discord outage (the guild will come back). */
export const exampleGuildDelete: BotEventOf<'GUILD_DELETE'> = {
  id: exampleUuid(18),
  type: 'GUILD_DELETE',
  guildId: ids.guild,
  timestamp: T + 9_000_000,
  data: { id: ids.guild, unavailable: true, name: 'Guildscope Community' },
};

/** `GUILD_UPDATE`: renamed and boosted. */
export const exampleGuildUpdate: BotEventOf<'GUILD_UPDATE'> = {
  id: exampleUuid(19),
  type: 'GUILD_UPDATE',
  guildId: ids.guild,
  timestamp: T + 10_000,
  data: {
    id: ids.guild,
    changes: {
      name: { old: 'Guildscope Community', new: 'Guildscope HQ' },
      premiumTier: { old: 2, new: 3 },
    },
  },
};

/**
 * `GUILD_MEMBERS_SYNC`: the member list the bot fetched right after the sync at ready (one chunk: the
 * whole list), with the join dates of members who were there before the bot.
 */
export const exampleGuildMembersSync: BotEventOf<'GUILD_MEMBERS_SYNC'> = {
  id: exampleUuid(23),
  type: 'GUILD_MEMBERS_SYNC',
  guildId: ids.guild,
  timestamp: T - 55_000,
  data: {
    syncId: exampleUuid(0xabd),
    chunkIndex: 0,
    chunkCount: 1,
    members: [
      {
        userId: ids.owner,
        username: 'founder',
        globalName: 'The Founder',
        avatar: null,
        bot: false,
        joinedAt: '2019-05-12T18:31:07.412Z',
        roles: [],
      },
      {
        userId: ids.moderator,
        username: 'mira.mod',
        globalName: null,
        discriminator: '0',
        avatar: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
        bot: false,
        joinedAt: '2019-06-02T10:00:00.000Z',
        roles: [ids.memberRole],
      },
      {
        userId: ids.leaver,
        username: 'grumpy_cat',
        bot: false,
        joinedAt: '2021-06-03T17:22:05.318Z',
        roles: [ids.memberRole],
      },
    ],
  },
};

/** Deterministic pseudo-random integers (a tiny LCG) so generated snapshots are reproducible. */
function rng(seed: number): (max: number) => number {
  let state = seed >>> 0 || 1;
  return (max) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % max;
  };
}

const CHANNEL_NAMES = ['general', 'memes', 'dev-talk', 'support', 'off-topic', 'showcase', 'announcements'];
const EMOJIS = ['👍', '😂', '🔥', '❤️', '🎉'];

/** Options of the snapshot builders. */
export interface ExampleSnapshotOptions {
  /** Active members (default 20). */
  members?: number;
  /** Text channels (default 5); two voice channels are added. */
  channels?: number;
  /** Period start, ms (default {@link EXAMPLE_TIME}). */
  periodStart?: number;
  /** Period length, seconds (default 60). */
  periodSeconds?: number;
  /** Seed of the pseudo-random counts (default 1). */
  seed?: number;
}

function exampleGuildActivity(options: ExampleSnapshotOptions) {
  const { members = 20, channels = 5, periodStart = EXAMPLE_TIME, periodSeconds = 60, seed = 1 } = options;
  const next = rng(seed);
  const text = Array.from({ length: channels }, (_, i) => ({
    id: sf('2019-05-12T18:31:08.000Z', 100 + i),
    name: CHANNEL_NAMES[i] ?? `channel-${i}`,
  }));
  const voice = [
    { id: sf('2019-05-12T18:32:00.000Z', 1), name: 'Lounge' },
    { id: sf('2019-05-12T18:32:00.000Z', 2), name: 'Gaming' },
  ];
  const people = Array.from({ length: members }, (_, i) => {
    const messages = text.map(() => (next(4) === 0 ? 0 : next(12)));
    const inVoice = next(3) === 0;
    const voiceMinutes = voice.map((_, v) =>
      inVoice && v === i % 2 ? round2(((1 + next(100)) / 100) * (periodSeconds / 60)) : 0,
    );
    return {
      userId: snowflakeFromTimestamp(Date.UTC(2018, 0, 1) + i * 86_400_000, i),
      username: `member_${String(i + 1).padStart(2, '0')}`,
      messages,
      voiceMinutes,
      reactions: EMOJIS.map(() => (next(3) === 0 ? next(4) : 0)),
      reactionsReceived: next(6),
    };
  });
  return { text, voice, people, periodStart, periodEnd: periodStart + periodSeconds * 1000, periodSeconds };
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * A `METRICS_SNAPSHOT` data for a guild's minute (by default 20 members x 5 text channels + 2 voice
 * channels), internally consistent: totals equal the sums of the maps.
 */
export function buildExampleMetricsSnapshotData(
  options: ExampleSnapshotOptions = {},
): MetricsSnapshotEventData {
  const g = exampleGuildActivity(options);
  const byChannel: Record<string, number> = {};
  for (const [c, ch] of g.text.entries()) {
    const n = sum(g.people.map((p) => p.messages[c]!));
    if (n > 0) byChannel[ch.id] = n;
  }
  const byMember: Record<string, number> = {};
  const voiceByChannel: Record<string, number> = {};
  const voiceByMember: Record<string, number> = {};
  const reactionsByMember: Record<string, number> = {};
  const byEmoji: Record<string, number> = {};
  for (const p of g.people) {
    const m = sum(p.messages);
    if (m > 0) byMember[p.userId] = m;
    const v = round2(sum(p.voiceMinutes));
    if (v > 0) voiceByMember[p.userId] = v;
    const r = sum(p.reactions);
    if (r > 0) reactionsByMember[p.userId] = r;
    for (const [e, emoji] of EMOJIS.entries())
      if (p.reactions[e]! > 0) byEmoji[emoji] = (byEmoji[emoji] ?? 0) + p.reactions[e]!;
  }
  for (const [v, ch] of g.voice.entries()) {
    const minutes = round2(sum(g.people.map((p) => p.voiceMinutes[v]!)));
    if (minutes > 0) voiceByChannel[ch.id] = minutes;
  }
  const voiceUsers = Object.keys(voiceByMember).length;
  const totalMinutes = round2(sum(Object.values(voiceByMember)));
  const topActiveMembers = g.people
    .map((p) => {
      const messages = sum(p.messages);
      const voiceMinutes = round2(sum(p.voiceMinutes));
      const reactions = sum(p.reactions);
      const channels = [
        ...g.text.map((ch, c) => ({
          channelId: ch.id,
          channelName: ch.name,
          messages: p.messages[c]!,
          voiceMinutes: 0,
        })),
        ...g.voice.map((ch, v) => ({
          channelId: ch.id,
          channelName: ch.name,
          messages: 0,
          voiceMinutes: p.voiceMinutes[v]!,
        })),
      ]
        .filter((c) => c.messages > 0 || c.voiceMinutes > 0)
        .sort((a, b) => b.messages + b.voiceMinutes - (a.messages + a.voiceMinutes))
        .slice(0, 5);
      return {
        userId: p.userId,
        username: p.username,
        avatar: null,
        messages,
        voiceMinutes,
        reactions,
        activityScore: round2(messages + 0.5 * voiceMinutes + 0.2 * reactions),
        topChannels: channels,
      };
    })
    .filter((m) => m.activityScore > 0)
    .sort((a, b) => b.activityScore - a.activityScore)
    .slice(0, 20);
  return {
    periodStart: g.periodStart,
    periodEnd: g.periodEnd,
    periodDuration: g.periodSeconds,
    metrics: {
      messages: {
        total: sum(Object.values(byChannel)),
        byChannel,
        byMember,
        topChannels: g.text
          .map((ch) => ({ channelId: ch.id, channelName: ch.name, count: byChannel[ch.id] ?? 0 }))
          .filter((c) => c.count > 0)
          .sort((a, b) => b.count - a.count)
          .slice(0, 10),
      },
      voice: {
        totalMinutes,
        uniqueUsers: voiceUsers,
        byChannel: voiceByChannel,
        byMember: voiceByMember,
        topChannels: g.voice
          .map((ch, v) => ({
            channelId: ch.id,
            channelName: ch.name,
            minutes: voiceByChannel[ch.id] ?? 0,
            peakUsers: g.people.filter((p) => p.voiceMinutes[v]! > 0).length,
          }))
          .filter((ch) => ch.minutes > 0),
        sessions: {
          count: voiceUsers,
          avgDuration: voiceUsers === 0 ? 0 : round2(totalMinutes / voiceUsers),
        },
      },
      reactions: {
        total: sum(Object.values(byEmoji)),
        byEmoji,
        topEmojis: Object.entries(byEmoji)
          .map(([emoji, count]) => ({ emoji, count }))
          .sort((a, b) => b.count - a.count),
        byMember: reactionsByMember,
      },
      topActiveMembers,
    },
  };
}

/** A `MEMBER_ACTIVITY_SNAPSHOT` data for the same generated guild (default 5-minute period). */
export function buildExampleMemberActivitySnapshotData(
  options: ExampleSnapshotOptions = {},
): MemberActivitySnapshotEventData {
  const g = exampleGuildActivity({ periodSeconds: 300, ...options });
  return {
    periodStart: g.periodStart,
    periodEnd: g.periodEnd,
    periodDuration: g.periodSeconds,
    members: g.people.map((p, i) => {
      const messagesByChannel: Record<string, number> = {};
      for (const [c, ch] of g.text.entries())
        if (p.messages[c]! > 0) messagesByChannel[ch.id] = p.messages[c]!;
      const voiceByChannel: Record<string, number> = {};
      for (const [v, ch] of g.voice.entries())
        if (p.voiceMinutes[v]! > 0) voiceByChannel[ch.id] = p.voiceMinutes[v]!;
      return {
        userId: p.userId,
        username: p.username,
        avatar: null,
        messages: { total: sum(p.messages), byChannel: messagesByChannel },
        voice: {
          totalMinutes: round2(sum(p.voiceMinutes)),
          byChannel: voiceByChannel,
          sessions: Object.keys(voiceByChannel).length,
        },
        reactions: { added: sum(p.reactions), received: p.reactionsReceived },
        isNewMember: i === 0,
        firstSeen: g.periodStart + 1_000 * (i % 30),
        lastSeen: g.periodEnd - 1_000 * (i % 30),
      };
    }),
  };
}

/** `METRICS_SNAPSHOT`: a minute of a guild with 20 active members over 5 text + 2 voice channels. */
export const exampleMetricsSnapshot: BotEventOf<'METRICS_SNAPSHOT'> = {
  id: exampleUuid(20),
  type: 'METRICS_SNAPSHOT',
  guildId: ids.guild,
  timestamp: T + 60_000,
  data: buildExampleMetricsSnapshotData(),
};

/** `MEMBER_ACTIVITY_SNAPSHOT`: five minutes of the same 20 members. */
export const exampleMemberActivitySnapshot: BotEventOf<'MEMBER_ACTIVITY_SNAPSHOT'> = {
  id: exampleUuid(21),
  type: 'MEMBER_ACTIVITY_SNAPSHOT',
  guildId: ids.guild,
  timestamp: T + 300_000,
  data: buildExampleMemberActivitySnapshotData(),
};

/** Every example event, at least one per accepted type. */
export const exampleBotEvents: readonly BotEvent[] = [
  exampleBan,
  exampleUnban,
  exampleKick,
  exampleLeave,
  exampleJoinViaInvite,
  exampleJoinUnknown,
  exampleInviteCreate,
  exampleInviteDelete,
  exampleInviteSync,
  exampleInviteUse,
  exampleVanityInviteUse,
  exampleMessageDelete,
  exampleMessageDeleteBulk,
  exampleAuditLogTimeout,
  exampleAutoModerationAction,
  exampleBotAutomodAction,
  exampleGuildSync,
  exampleGuildCreate,
  exampleGuildDelete,
  exampleGuildUpdate,
  exampleGuildMembersSync,
  exampleMetricsSnapshot,
  exampleMemberActivitySnapshot,
];

/** A `welcome` module config. */
export const exampleWelcomeConfig: WelcomeConfig = {
  channelId: ids.generalChannel,
  message: 'Welcome {user} to {server}! You are member #{memberCount}.',
  mentionUser: true,
};

/** An `automod` module config with one rule of each type. */
export const exampleAutomodConfig: AutomodConfig = {
  rules: [
    {
      id: 'scam-words',
      type: 'banned_words',
      enabled: true,
      words: ['free nitro', 'steam gift', 'claim your prize'],
      actions: ['delete'],
      exemptRoleIds: [ids.memberRole],
    },
    {
      id: 'no-invites',
      type: 'invite_links',
      enabled: true,
      actions: ['delete', 'timeout'],
      timeoutSeconds: 600,
    },
    {
      id: 'mention-spam',
      type: 'mention_spam',
      enabled: false,
      maxMentions: 5,
      actions: ['timeout'],
      timeoutSeconds: 3600,
      exemptChannelIds: [ids.modLogChannel],
    },
  ],
};

/** A `module:change` message enabling the welcome module. */
export const exampleModuleChange: ModuleChangeEvent = {
  guildId: ids.guild,
  moduleId: 'welcome',
  action: 'enabled',
  config: exampleWelcomeConfig,
  timestamp: T,
  position: '4711',
};
