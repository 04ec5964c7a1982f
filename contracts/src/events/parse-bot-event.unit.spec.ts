import {
  acceptedEventTypes,
  exampleAuditLogTimeout,
  exampleBan,
  exampleBotAutomodAction,
  exampleGuildCreate,
  exampleGuildMembersSync,
  exampleGuildSync,
  exampleGuildUpdate,
  exampleIds,
  exampleInviteCreate,
  exampleInviteSync,
  exampleInviteUse,
  exampleJoinViaInvite,
  exampleKick,
  exampleLeave,
  exampleMemberActivitySnapshot,
  exampleMessageDelete,
  exampleMessageDeleteBulk,
  exampleMetricsSnapshot,
  formatIssues,
  MAX_EVENT_BYTES,
  MAX_JSON_DEPTH,
  parseBotEvent,
} from '../index.js';
import { variant } from '../testing/variant.js';

const member0 = exampleMetricsSnapshot.data.metrics.topActiveMembers[0]!.userId;
/** One member more than a member-list chunk carries. */
const tooManyMembers = Array.from({ length: 1001 }, (_, i) => ({
  ...exampleGuildMembersSync.data.members[0]!,
  userId: exampleIds.spammer.replace(/\d{4}$/, String(1000 + i)),
}));

// [case, input, expected path, fragment of the expected message]
const malformed: Array<[string, unknown, string, string]> = [
  // envelope
  ['missing guildId', variant(exampleBan, (e) => delete e.guildId), 'guildId', 'required'],
  [
    'numeric guildId',
    variant(exampleBan, (e) => (e.guildId = 81384788765712384)),
    'guildId',
    'snowflake string',
  ],
  ['non-numeric guildId', variant(exampleBan, (e) => (e.guildId = 'my-guild')), 'guildId', 'snowflake'],
  ['16-digit guildId', variant(exampleBan, (e) => (e.guildId = '1234567890123456')), 'guildId', 'snowflake'],
  [
    'guildId above 2^64',
    variant(exampleBan, (e) => (e.guildId = '99999999999999999999')),
    'guildId',
    'snowflake',
  ],
  ['non-snowflake userId', variant(exampleBan, (e) => (e.userId = 'user1')), 'userId', 'snowflake'],
  ['missing id', variant(exampleBan, (e) => delete e.id), 'id', 'required'],
  ['id that is not a UUID', variant(exampleBan, (e) => (e.id = 'evt-1')), 'id', 'UUID'],
  ['missing type', variant(exampleBan, (e) => delete e.type), 'type', 'required'],
  ['numeric type', variant(exampleBan, (e) => (e.type = 7)), 'type', 'expected an event type string'],
  [
    'unknown type',
    variant(exampleBan, (e) => (e.type = 'GUILD_BAN_ADDED')),
    'type',
    'unknown event type "GUILD_BAN_ADDED"',
  ],
  [
    'catalogued but not accepted type',
    variant(exampleBan, (e) => (e.type = 'MESSAGE_CREATE')),
    'type',
    'catalogued but not accepted',
  ],
  ['future type', variant(exampleBan, (e) => (e.type = 'LEVEL_UP')), 'type', 'Phase 2-3'],
  [
    'timestamp in seconds',
    variant(exampleBan, (e) => (e.timestamp = 1_759_320_001)),
    'timestamp',
    'looks like seconds',
  ],
  [
    'timestamp before the Discord epoch',
    variant(exampleBan, (e) => (e.timestamp = 1_000)),
    'timestamp',
    'Discord epoch',
  ],
  ['timestamp after 2100', variant(exampleBan, (e) => (e.timestamp = 5e12)), 'timestamp', '2100'],
  [
    'fractional timestamp',
    variant(exampleBan, (e) => (e.timestamp = 1_759_320_000_000.5)),
    'timestamp',
    'integer',
  ],
  [
    'ISO string timestamp',
    variant(exampleBan, (e) => (e.timestamp = '2025-10-01T12:00:00Z')),
    'timestamp',
    'milliseconds',
  ],
  ['unknown top-level field (strict)', variant(exampleBan, (e) => (e.shard = 0)), 'shard', 'unknown field'],
  ['missing data', variant(exampleBan, (e) => delete e.data), 'data', 'required'],
  ['null data', variant(exampleBan, (e) => (e.data = null)), 'data', 'expected object'],
  // data of the wrong shape for its type
  [
    'ban data under GUILD_MEMBER_ADD',
    variant(exampleBan, (e) => (e.type = 'GUILD_MEMBER_ADD')),
    'data.userId',
    'required',
  ],
  [
    'ban data under GUILD_MEMBER_ADD (stray field)',
    variant(exampleBan, (e) => (e.type = 'GUILD_MEMBER_ADD')),
    'data.targetUserId',
    'unknown field',
  ],
  [
    'unknown data field',
    variant(exampleBan, (e) => (e.data.banReason = 'x')),
    'data.banReason',
    'unknown field',
  ],
  // moderation
  [
    'non-snowflake targetUserId',
    variant(exampleBan, (e) => (e.data.targetUserId = '456')),
    'data.targetUserId',
    'snowflake',
  ],
  [
    'reason over 512',
    variant(exampleBan, (e) => (e.data.reason = 'x'.repeat(513))),
    'data.reason',
    'longer than 512',
  ],
  [
    'username over 32',
    variant(exampleBan, (e) => (e.data.targetUsername = 'u'.repeat(33))),
    'data.targetUsername',
    'longer than 32',
  ],
  [
    'empty username',
    variant(exampleBan, (e) => (e.data.targetUsername = '')),
    'data.targetUsername',
    'empty',
  ],
  [
    'moderatorId missing (null required)',
    variant(exampleBan, (e) => delete e.data.moderatorId),
    'data.moderatorId',
    'required',
  ],
  [
    'kick without moderator',
    variant(exampleKick, (e) => delete e.data.moderatorId),
    'data.moderatorId',
    'wasKicked',
  ],
  ['leave with a reason', variant(exampleLeave, (e) => (e.data.reason = 'bye')), 'data.reason', 'wasKicked'],
  [
    'role that is not a snowflake',
    variant(exampleKick, (e) => (e.data.roles = ['admin'])),
    'data.roles[0]',
    'snowflake',
  ],
  [
    'joinedAt not ISO',
    variant(exampleKick, (e) => (e.data.joinedAt = 'yesterday')),
    'data.joinedAt',
    'ISO 8601',
  ],
  [
    'bot joining through an invite',
    variant(exampleJoinViaInvite, (e) => (e.data.bot = true)),
    'data.invite.class',
    'bot',
  ],
  [
    'unknown invite class',
    variant(exampleJoinViaInvite, (e) => (e.data.invite.class = 'guess')),
    'data.invite.class',
    'expected class',
  ],
  [
    'invite class without code',
    variant(exampleJoinViaInvite, (e) => delete e.data.invite.code),
    'data.invite.code',
    'required',
  ],
  [
    'account created after join',
    variant(exampleJoinViaInvite, (e) => (e.data.accountCreatedAt = '2030-01-01T00:00:00Z')),
    'data.accountCreatedAt',
    'after joinedAt',
  ],
  [
    'content over 4000',
    variant(exampleMessageDelete, (e) => (e.data.content = 'c'.repeat(4001))),
    'data.content',
    'longer than 4000',
  ],
  [
    'deletedBy certainty mismatch',
    variant(exampleMessageDelete, (e) => (e.data.deletedByCertainty = 'likely')),
    'data.deletedByCertainty',
    'deletedBy.certainty',
  ],
  [
    'likely deleter missing',
    variant(exampleMessageDelete, (e) => {
      delete e.data.deletedBy;
      e.data.deletedByCertainty = 'likely';
    }),
    'data.deletedBy',
    'required',
  ],
  [
    'attachments inconsistent',
    variant(exampleMessageDelete, (e) => (e.data.attachmentCount = 2)),
    'data.hasAttachments',
    'attachmentCount',
  ],
  [
    'negative attachment count',
    variant(exampleMessageDelete, (e) => (e.data.attachmentCount = -1)),
    'data.attachmentCount',
    '>= 0',
  ],
  [
    'bulk count mismatch',
    variant(exampleMessageDeleteBulk, (e) => (e.data.count = 4)),
    'data.count',
    'messageIds.length',
  ],
  [
    'bulk with no ids',
    variant(exampleMessageDeleteBulk, (e) => {
      e.data.messageIds = [];
      e.data.count = 0;
    }),
    'data.messageIds',
    'at least one',
  ],
  [
    'unknown audit action',
    variant(exampleAuditLogTimeout, (e) => (e.data.action = 'MEMBER_SMITE')),
    'data.action',
    'Invalid option',
  ],
  [
    'audit change value too deep',
    variant(exampleAuditLogTimeout, (e) => (e.data.changes[0].newValue = { a: { b: 1 } })),
    'data.changes[0].newValue',
    '',
  ],
  [
    'automod timeout without seconds',
    variant(exampleBotAutomodAction, (e) => delete e.data.timeoutSeconds),
    'data.timeoutSeconds',
    'required when actions include "timeout"',
  ],
  [
    'automod unknown rule type',
    variant(exampleBotAutomodAction, (e) => (e.data.ruleType = 'caps_lock')),
    'data.ruleType',
    'Invalid option',
  ],
  [
    'automod empty actions',
    variant(exampleBotAutomodAction, (e) => {
      e.data.actions = [];
      delete e.data.timeoutSeconds;
    }),
    'data.actions',
    'at least one',
  ],
  // invites
  [
    'vanity use with an inviter',
    variant(exampleInviteUse, (e) => (e.data.inviteClass = 'vanity')),
    'data.inviterId',
    'vanity',
  ],
  [
    'unattributed INVITE_USE',
    variant(exampleInviteUse, (e) => (e.data.inviteClass = 'unknown')),
    'data.inviteClass',
    'GUILD_MEMBER_ADD',
  ],
  ['uses above maxUses', variant(exampleInviteUse, (e) => (e.data.uses = 11)), 'data.uses', 'maxUses'],
  [
    'expiring invite without expiresAt',
    variant(exampleInviteCreate, (e) => delete e.data.expiresAt),
    'data.expiresAt',
    'maxAge > 0',
  ],
  [
    'invite listed twice in a sync',
    variant(exampleInviteSync, (e) => e.data.invites.push({ ...e.data.invites[0]! })),
    'data.invites[2].code',
    'duplicate invite code',
  ],
  [
    'sync listing more invites than one event carries',
    variant(exampleInviteSync, (e) => {
      e.data.invites = Array.from({ length: 1001 }, (_, i) => ({ ...e.data.invites[0]!, code: `c${i}` }));
    }),
    'data.invites',
    'at most 1000 invites',
  ],
  [
    'member listed twice in a member list',
    variant(exampleGuildMembersSync, (e) => e.data.members.push({ ...e.data.members[0]! })),
    'data.members[3].userId',
    'duplicate member',
  ],
  [
    'member-list chunk numbered past its count',
    variant(exampleGuildMembersSync, (e) => (e.data.chunkIndex = 1)),
    'data.chunkIndex',
    'less than chunkCount',
  ],
  [
    'member-list chunk with more members than one event carries',
    variant(exampleGuildMembersSync, (e) => (e.data.members = tooManyMembers)),
    'data.members',
    'at most 1000 members',
  ],
  [
    'listed member without the bot flag',
    variant(exampleGuildMembersSync, (e) => delete e.data.members[0].bot),
    'data.members[0].bot',
    'required',
  ],
  [
    'invite code with spaces',
    variant(exampleInviteCreate, (e) => (e.data.code = 'a b')),
    'data.code',
    'invite code',
  ],
  [
    'maxUses above Discord limit',
    variant(exampleInviteCreate, (e) => (e.data.maxUses = 1000)),
    'data.maxUses',
    'at most 100',
  ],
  // guild
  [
    'sync of another guild',
    variant(exampleGuildSync, (e) => (e.guildId = exampleIds.owner)),
    'data.guild.id',
    'must equal guildId',
  ],
  [
    'create of another guild',
    variant(exampleGuildCreate, (e) => (e.data.id = exampleIds.owner)),
    'data.id',
    'must equal guildId',
  ],
  [
    'lower-case feature',
    variant(exampleGuildCreate, (e) => (e.data.features = ['community'])),
    'data.features[0]',
    'feature flag',
  ],
  ['boost tier 4', variant(exampleGuildCreate, (e) => (e.data.premiumTier = 4)), 'data.premiumTier', '0-3'],
  [
    'update without changes',
    variant(exampleGuildUpdate, (e) => (e.data.changes = {})),
    'data.changes',
    'at least one',
  ],
  [
    'update that changes nothing',
    variant(exampleGuildUpdate, (e) => (e.data.changes.name.new = e.data.changes.name.old)),
    'data.changes.name',
    'not a change',
  ],
  [
    'update of an unknown field',
    variant(exampleGuildUpdate, (e) => (e.data.changes.region = { old: 'eu', new: 'us' })),
    'data.changes.region',
    'unknown field',
  ],
  // metrics
  [
    'negative message total',
    variant(exampleMetricsSnapshot, (e) => (e.data.metrics.messages.total = -1)),
    'data.metrics.messages.total',
    '>= 0',
  ],
  [
    'fractional message total',
    variant(exampleMetricsSnapshot, (e) => (e.data.metrics.messages.total = 1.5)),
    'data.metrics.messages.total',
    'integer',
  ],
  [
    'byChannel keyed by name',
    variant(exampleMetricsSnapshot, (e) => (e.data.metrics.messages.byChannel.ch1 = 3)),
    'data.metrics.messages.byChannel.ch1',
    'snowflake',
  ],
  [
    'negative byMember count',
    variant(exampleMetricsSnapshot, (e) => (e.data.metrics.messages.byMember[member0] = -4)),
    `data.metrics.messages.byMember["${member0}"]`,
    '>= 0',
  ],
  [
    'voice minutes with 3 decimals',
    variant(exampleMetricsSnapshot, (e) => (e.data.metrics.voice.totalMinutes = 1.234)),
    'data.metrics.voice.totalMinutes',
    '2 decimals',
  ],
  [
    'negative voice minutes',
    variant(exampleMetricsSnapshot, (e) => (e.data.metrics.voice.sessions.avgDuration = -2)),
    'data.metrics.voice.sessions.avgDuration',
    '>= 0',
  ],
  [
    'periodEnd before periodStart',
    variant(exampleMetricsSnapshot, (e) => (e.data.periodEnd = e.data.periodStart - 1)),
    'data.periodEnd',
    'before periodStart',
  ],
  [
    'periodDuration inconsistent',
    variant(exampleMetricsSnapshot, (e) => (e.data.periodDuration = 61)),
    'data.periodDuration',
    '= 60',
  ],
  [
    'period start in seconds',
    variant(exampleMetricsSnapshot, (e) => (e.data.periodStart = 1_759_320_000)),
    'data.periodStart',
    'looks like seconds',
  ],
  [
    'duplicate top member',
    variant(exampleMetricsSnapshot, (e) => (e.data.metrics.topActiveMembers[1].userId = member0)),
    'data.metrics.topActiveMembers[1].userId',
    'duplicate userId',
  ],
  [
    'missing sessions',
    variant(exampleMetricsSnapshot, (e) => delete e.data.metrics.voice.sessions),
    'data.metrics.voice.sessions',
    'required',
  ],
  [
    'firstSeen after lastSeen',
    variant(
      exampleMemberActivitySnapshot,
      (e) => (e.data.members[3].firstSeen = e.data.members[3].lastSeen + 1),
    ),
    'data.members[3].firstSeen',
    'after lastSeen',
  ],
  [
    'negative reactions received',
    variant(exampleMemberActivitySnapshot, (e) => (e.data.members[0].reactions.received = -1)),
    'data.members[0].reactions.received',
    '>= 0',
  ],
];

describe('parseBotEvent', () => {
  describe('rejects a malformed event with the path of the offending field', () => {
    it.each(malformed)('%s -> %s', (_name, input, path, fragment) => {
      const result = parseBotEvent(input);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const match = result.errors.find((e) => e.path === path && e.message.includes(fragment));
      if (match === undefined)
        throw new Error(`no issue at ${path} containing "${fragment}": ${formatIssues(result.errors)}`);
    });
    it('has more than 30 cases', () => expect(malformed.length).toBeGreaterThan(30));
  });

  describe('refuses input that is not a JSON event, at the root, without throwing', () => {
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 10_000; i++) {
      const child: Record<string, unknown> = {};
      cursor.x = child;
      cursor = child;
    }
    const cyclic: Record<string, unknown> = { ...structuredClone(exampleBan) };
    cyclic.data = cyclic;
    const cases: Array<[string, unknown, string, string]> = [
      ['null', null, '', 'got null'],
      ['a number', 42, '', 'got number'],
      ['a string', 'GUILD_BAN_ADD', '', 'got string'],
      ['an array', [exampleBan], '', 'got an array'],
      ['a Buffer', Buffer.from(JSON.stringify(exampleBan)), '', 'binary data'],
      ['a Uint8Array in data', { ...exampleBan, data: new Uint8Array(8) }, 'data', 'binary data'],
      ['a Date', { ...exampleBan, timestamp: new Date() }, 'timestamp', 'not JSON data: got Date'],
      ['a bigint', { ...exampleBan, timestamp: 10n }, 'timestamp', 'not JSON data: got bigint'],
      ['NaN', { ...exampleBan, timestamp: Number.NaN }, 'timestamp', 'not JSON data'],
      [
        'deep nesting',
        { ...exampleBan, data: deep },
        `data${'.x'.repeat(MAX_JSON_DEPTH - 1)}`,
        'nested deeper',
      ],
      ['a cyclic object', cyclic, Array(MAX_JSON_DEPTH).fill('data').join('.'), 'nested deeper'],
      [
        'a huge string',
        { ...exampleBan, data: { ...exampleBan.data, reason: 'x'.repeat(MAX_EVENT_BYTES) } },
        '',
        `${MAX_EVENT_BYTES} bytes`,
      ],
    ];
    it.each(cases)('%s', (_name, input, path, fragment) => {
      const result = parseBotEvent(input);
      expect(result).toEqual({ ok: false, errors: [{ path, message: expect.stringContaining(fragment) }] });
    });
  });

  it('returns the typed event, narrowed by type', () => {
    const result = parseBotEvent(structuredClone(exampleBan));
    expect(result.ok).toBe(true);
    if (result.ok && result.event.type === 'GUILD_BAN_ADD') {
      expect(result.event.data.moderatorId).toBe(exampleIds.moderator);
    }
  });

  it('reports every missing field of an empty data object, capped', () => {
    const result = parseBotEvent({ ...exampleMetricsSnapshot, data: {} });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => e.path)).toEqual(
        expect.arrayContaining(['data.periodStart', 'data.periodEnd', 'data.periodDuration', 'data.metrics']),
      );
    }
  });

  it('never throws on random input', () => {
    let seed = 42;
    const next = (n: number) => {
      seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0;
      return seed % n;
    };
    const atoms = [null, 0, -1, 1.5, 'x', '', true, [], {}, 'GUILD_BAN_ADD', exampleIds.guild, 1e300];
    const keys = [
      'type',
      'id',
      'guildId',
      'data',
      'timestamp',
      'targetUserId',
      'metrics',
      '__proto__',
      'constructor',
    ];
    const randomValue = (depth: number): unknown => {
      const pick = next(10);
      if (depth > 4 || pick < 5) return atoms[next(atoms.length)];
      if (pick < 7) return Array.from({ length: next(4) }, () => randomValue(depth + 1));
      const o: Record<string, unknown> = {};
      for (let i = next(5); i > 0; i--) o[keys[next(keys.length)]!] = randomValue(depth + 1);
      return o;
    };
    for (let i = 0; i < 3000; i++) {
      const input =
        i % 3 === 0
          ? {
              ...structuredClone(exampleBan),
              type: acceptedEventTypes[next(acceptedEventTypes.length)],
              data: randomValue(0),
            }
          : randomValue(0);
      const result = parseBotEvent(input);
      if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
    }
  });
});
