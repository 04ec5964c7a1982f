import { describe, expect, it } from '@jest/globals';
import { AutoModerationActionType } from 'discord-api-types/v10';
import { ManualClock } from '../core/clock.js';
import { Simulator } from '../simulator.js';
import type { GuildTruth, TruthDeparture, TruthJoin } from './truth.types.js';

const START = Date.UTC(2026, 0, 1, 12, 0, 0);
const DAY = 86_400_000;
const iso = (secondsAfterStart: number) => new Date(START + secondsAfterStart * 1000).toISOString();

/**
 * One guild through a scripted sequence: setup members, joins through each kind of invite, messages, reactions,
 * voice sessions crossing minute boundaries, every kind of moderation, and an invite deleted.
 */
function scripted() {
  const clock = new ManualClock(START);
  const at = (seconds: number) => clock.set(START + seconds * 1000);
  const sim = new Simulator({ clock });
  // Account ages in id order: the older the account, the smaller its snowflake.
  const user = (username: string, ageDays: number, bot = false) =>
    sim.createUser({ username, createdAt: START - ageDays * DAY, bot }).id;
  const owner = user('owner', 1000);
  const alice = user('alice', 900);
  const mod = user('mod', 800);
  const bob = user('bob', 700);
  const carol = user('carol', 600);
  const dave = user('dave', 500);
  const erin = user('erin', 400);
  const helperBot = user('helper-bot', 300, true);
  const frank = user('frank', 200);
  const gina = user('gina', 100);
  const guild = sim.createGuild({
    name: 'Truth',
    ownerId: owner,
    vanityCode: 'truth',
    textChannels: ['general', 'spam'],
    voiceChannels: ['Lounge', 'Gaming'],
  });
  const [general, spam] = sim.channels(guild.id).text as [string, string];
  const [lounge, gaming] = sim.channels(guild.id).voice as [string, string];
  sim.addMember(guild.id, alice, { joinedAt: START - 100 * DAY });
  sim.addMember(guild.id, mod, { roles: [sim.guildRoles(guild.id).moderator] });
  sim.addMember(guild.id, gina, { joinedAt: START - 50 * DAY });
  const rule = sim.createAutoModRule(guild.id, {
    name: 'No scams',
    creatorId: owner,
    keywords: ['free nitro'],
    actions: [
      { type: AutoModerationActionType.BlockMessage, metadata: {} },
      { type: AutoModerationActionType.Timeout, metadata: { duration_seconds: 60 } },
    ],
  });

  at(1);
  const inviteA = sim.createInvite(general, { inviterId: alice, maxAge: 0 }).code;
  at(1.5);
  const inviteB = sim.createInvite(general, { inviterId: mod, maxUses: 1, maxAge: 3600 }).code;
  at(2);
  sim.join(guild.id, { userId: bob, via: { invite: inviteA } });
  sim.join(guild.id, { userId: carol, via: { invite: inviteB } });
  sim.join(guild.id, { userId: dave, via: { vanity: true } });
  sim.join(guild.id, { userId: erin, via: { unknown: true } });
  sim.addBotUser(guild.id, helperBot, owner);

  at(10);
  const m1 = sim.sendMessage(general, { authorId: alice, content: 'hello' }).id;
  sim.sendMessage(general, { authorId: alice, content: 'again' });
  const m3 = sim.sendMessage(spam, { authorId: bob, content: 'hi' }).id;
  at(20);
  sim.addReaction(general, m1, bob, { id: null, name: '👍' });
  sim.addReaction(general, m1, carol, { id: '123', name: 'party' });
  at(25);
  sim.removeReaction(general, m1, bob, { id: null, name: '👍' });
  at(30);
  sim.joinVoice(guild.id, alice, lounge);
  at(50);
  sim.removeAllReactions(general, m1);
  at(70);
  sim.setVoiceFlags(guild.id, alice, { selfMute: true });
  at(100);
  sim.joinVoice(guild.id, bob, lounge, { selfDeaf: true });
  at(125);
  sim.moveVoice(guild.id, alice, gaming);

  at(130);
  const m4 = sim.sendMessage(general, { authorId: bob, content: 'spam 1' }).id;
  const m5 = sim.sendMessage(general, { authorId: bob, content: 'spam 2' }).id;
  const m6 = sim.sendMessage(spam, { authorId: alice, content: 'oops' }).id;
  const d1 = sim.sendMessage(spam, { authorId: dave, content: 'x' }).id;
  const d2 = sim.sendMessage(spam, { authorId: dave, content: 'y' }).id;
  at(131);
  const deleteEntry = sim.deleteMessage(general, m4, { by: mod, reason: 'off-topic' }).auditEntry!.id;
  sim.deleteMessage(general, m5, { by: mod, reason: 'off-topic' });
  sim.deleteMessage(spam, m6, { by: alice });
  sim.deleteMessage(spam, m3, { by: helperBot });
  at(132);
  const bulkEntry = sim.bulkDelete(spam, [d1, d2], { by: mod, reason: 'spam' }).id;
  at(133);
  sim.triggerAutoMod(guild.id, {
    ruleId: rule.id,
    userId: dave,
    channelId: spam,
    content: 'free nitro here',
    matchedKeyword: 'free nitro',
  });
  const [blockEntry, timeoutEntry] = guild.auditLog.slice(-2).map((e) => e.id) as [string, string];
  at(140);
  const timeoutSet = sim.timeout(guild.id, erin, {
    moderatorId: mod,
    reason: 'cool down',
    until: START + 740_000,
  }).auditEntry.id;
  at(141);
  const timeoutLifted = sim.timeout(guild.id, erin, { moderatorId: mod, until: null }).auditEntry.id;
  at(150);
  sim.leave(guild.id, dave);
  at(160);
  sim.leave(guild.id, gina);
  at(180);
  const kickEntry = sim.kick(guild.id, bob, { moderatorId: mod, reason: 'rules' }).auditEntry.id;
  at(181);
  const banCarol = sim.ban(guild.id, carol, { moderatorId: mod, reason: 'raid' }).auditEntry.id;
  const banFrank = sim.ban(guild.id, frank, { moderatorId: owner }).auditEntry.id;
  at(182);
  const unbanFrank = sim.unban(guild.id, frank, { moderatorId: owner, reason: 'appeal' }).auditEntry.id;
  at(190);
  sim.deleteInvite(inviteA, { by: mod });
  at(200);
  sim.removeBotFromGuild(guild.id);
  at(205);
  sim.addBotToGuild(guild.id);
  at(210);

  const ids = { owner, alice, mod, bob, carol, dave, erin, helperBot, frank, gina };
  const channels = { general, spam, lounge, gaming };
  const messages = { m3, m4, m5, m6, d1, d2 };
  const audit = {
    deleteEntry,
    bulkEntry,
    blockEntry,
    timeoutEntry,
    timeoutSet,
    timeoutLifted,
    kickEntry,
    banCarol,
    banFrank,
    unbanFrank,
  };
  return { sim, guild, ids, channels, messages, audit, rule, invites: { inviteA, inviteB } };
}

describe('TruthLedger', () => {
  it('records a scripted sequence of actions exactly', () => {
    const { sim, guild, ids, channels, messages, audit, rule, invites } = scripted();
    const { owner, alice, mod, bob, carol, dave, erin, helperBot, gina } = ids;
    const { general, spam, lounge, gaming } = channels;
    const botId = sim.botUser.id;
    const setup = { kind: 'setup' } as const;
    /** A stay; `left`: [when, how, moderator, reason]. */
    const stay = (
      joinedAt: string,
      join: TruthJoin,
      left?: [string, TruthDeparture['kind'], string | null, string | null],
    ) => ({
      joinedAt,
      join,
      leftAt: left ? left[0] : null,
      left: left ? { kind: left[1], moderatorId: left[2], reason: left[3] } : null,
    });
    const gone = { present: false };
    /** Activity rows of the minute `s` seconds after START, from [channel, user, n]. */
    const inMinute = (s: number, ...rows: [string, string, number][]) =>
      rows.map(([channelId, userId, n]) => ({ minute: iso(s), channelId, userId, n }));
    /** An invite of #general used once (by `joinedBy`, 2 s in). */
    const invite = (
      code: string,
      inviterId: string,
      createdAt: string,
      [maxUses, maxAge]: [number, number],
      deleted: { at: string; by: string | null; usedUp: boolean },
      joinedBy: string,
    ) => ({
      code,
      channelId: general,
      inviterId,
      createdAt,
      maxUses,
      maxAge,
      temporary: false,
      uses: 1,
      deleted,
      joins: [{ userId: joinedBy, at: iso(2) }],
    });
    const member = (userId: string, username: string, ageDays: number, stays: unknown[], more = {}) => ({
      userId,
      username,
      bot: false,
      accountCreatedAt: new Date(START - ageDays * DAY).toISOString(),
      present: true,
      stays,
      ...more,
    });
    const none = { audit: 'none', auditEntryId: null } as const;
    const entry = (id: string) => ({ audit: 'entry', auditEntryId: id }) as const;
    const expected: GuildTruth = {
      guildId: guild.id,
      name: 'Truth',
      botUserId: botId,
      botPresent: true,
      at: iso(210),
      window: { from: null, to: null },
      memberCount: 6,
      members: [
        member(owner, 'owner', 1000, [stay(iso(0), setup)]),
        member(alice, 'alice', 900, [stay(new Date(START - 100 * DAY).toISOString(), setup)]),
        member(mod, 'mod', 800, [stay(iso(0), setup)]),
        member(
          botId,
          'Guildscope',
          730,
          [
            stay(iso(0), setup, [iso(200), 'botRemoved', null, null]),
            stay(iso(205), { kind: 'botAdd', addedBy: owner }),
          ],
          { bot: true },
        ),
        member(
          bob,
          'bob',
          700,
          [
            stay(iso(2), { kind: 'invite', code: invites.inviteA, inviterId: alice }, [
              iso(180),
              'kick',
              mod,
              'rules',
            ]),
          ],
          gone,
        ),
        member(
          carol,
          'carol',
          600,
          [
            stay(iso(2), { kind: 'invite', code: invites.inviteB, inviterId: mod }, [
              iso(181),
              'ban',
              mod,
              'raid',
            ]),
          ],
          gone,
        ),
        member(
          dave,
          'dave',
          500,
          [stay(iso(2), { kind: 'vanity', code: 'truth' }, [iso(150), 'leave', null, null])],
          gone,
        ),
        member(erin, 'erin', 400, [stay(iso(2), { kind: 'unknown' })]),
        member(helperBot, 'helper-bot', 300, [stay(iso(2), { kind: 'botAdd', addedBy: owner })], {
          bot: true,
        }),
        member(
          gina,
          'gina',
          100,
          [stay(new Date(START - 50 * DAY).toISOString(), setup, [iso(160), 'leave', null, null])],
          gone,
        ),
      ] as GuildTruth['members'],
      moderation: [
        {
          at: iso(131),
          kind: 'messageDelete',
          channelId: general,
          messageId: messages.m4,
          authorId: bob,
          moderatorId: mod,
          reason: 'off-topic',
          ...entry(audit.deleteEntry),
        },
        {
          at: iso(131),
          kind: 'messageDelete',
          channelId: general,
          messageId: messages.m5,
          authorId: bob,
          moderatorId: mod,
          reason: 'off-topic',
          audit: 'merged',
          auditEntryId: audit.deleteEntry,
        },
        {
          at: iso(131),
          kind: 'selfDelete',
          channelId: spam,
          messageId: messages.m6,
          authorId: alice,
          moderatorId: null,
          reason: null,
          ...none,
        },
        {
          at: iso(131),
          kind: 'messageDelete',
          channelId: spam,
          messageId: messages.m3,
          authorId: bob,
          moderatorId: helperBot,
          reason: null,
          ...none,
        },
        {
          at: iso(132),
          kind: 'bulkDelete',
          channelId: spam,
          messageIds: [messages.d1, messages.d2],
          count: 2,
          moderatorId: mod,
          reason: 'spam',
          ...entry(audit.bulkEntry),
        },
        ...(['blockMessage', 'timeout'] as const).map((action) => ({
          at: iso(133),
          kind: 'automod' as const,
          userId: dave,
          channelId: spam,
          ruleId: rule.id,
          ruleName: 'No scams',
          action,
          keyword: 'free nitro',
          until: action === 'timeout' ? iso(193) : null,
          moderatorId: null,
          reason: null,
          ...entry(action === 'timeout' ? audit.timeoutEntry : audit.blockEntry),
        })),
        {
          at: iso(140),
          kind: 'timeout',
          userId: erin,
          until: iso(740),
          moderatorId: mod,
          reason: 'cool down',
          ...entry(audit.timeoutSet),
        },
        {
          at: iso(141),
          kind: 'timeoutRemoved',
          userId: erin,
          moderatorId: mod,
          reason: null,
          ...entry(audit.timeoutLifted),
        },
        { at: iso(150), kind: 'leave', userId: dave, moderatorId: null, reason: null, ...none },
        { at: iso(160), kind: 'leave', userId: gina, moderatorId: null, reason: null, ...none },
        {
          at: iso(180),
          kind: 'kick',
          userId: bob,
          moderatorId: mod,
          reason: 'rules',
          ...entry(audit.kickEntry),
        },
        {
          at: iso(181),
          kind: 'ban',
          userId: carol,
          wasMember: true,
          moderatorId: mod,
          reason: 'raid',
          ...entry(audit.banCarol),
        },
        {
          at: iso(181),
          kind: 'ban',
          userId: ids.frank,
          wasMember: false,
          moderatorId: owner,
          reason: null,
          ...entry(audit.banFrank),
        },
        {
          at: iso(182),
          kind: 'unban',
          userId: ids.frank,
          moderatorId: owner,
          reason: 'appeal',
          ...entry(audit.unbanFrank),
        },
      ],
      invites: [
        invite(invites.inviteA, alice, iso(1), [0, 0], { at: iso(190), by: mod, usedUp: false }, bob),
        // Used up by its one join.
        invite(invites.inviteB, mod, iso(1.5), [1, 3600], { at: iso(2), by: null, usedUp: true }, carol),
      ],
      vanity: { code: 'truth', uses: 1, joins: [{ userId: dave, at: iso(2), code: 'truth' }] },
      activity: {
        messages: [
          ...inMinute(0, [general, alice, 2], [spam, bob, 1]),
          ...inMinute(120, [general, bob, 2], [spam, alice, 1], [spam, dave, 2]),
        ].map(({ n, ...row }) => ({ ...row, count: n })),
        reactionsAdded: [
          { minute: iso(0), channelId: general, userId: bob, emoji: '👍', count: 1 },
          { minute: iso(0), channelId: general, userId: carol, emoji: 'party:123', count: 1 },
        ],
        reactionsRemoved: [
          { minute: iso(0), channelId: general, userId: bob, emoji: '👍', count: 1 },
          { minute: iso(0), channelId: general, userId: carol, emoji: 'party:123', count: 1 },
        ],
        voiceSegments: [
          {
            userId: alice,
            channelId: lounge,
            from: iso(30),
            to: iso(70),
            open: false,
            muted: false,
            deafened: false,
            startedBy: 'join',
            endedBy: 'flags',
          },
          {
            userId: alice,
            channelId: lounge,
            from: iso(70),
            to: iso(125),
            open: false,
            muted: true,
            deafened: false,
            startedBy: 'flags',
            endedBy: 'move',
          },
          {
            userId: bob,
            channelId: lounge,
            from: iso(100),
            to: iso(180),
            open: false,
            muted: false,
            deafened: true,
            startedBy: 'join',
            endedBy: 'memberRemoved',
          },
          {
            userId: alice,
            channelId: gaming,
            from: iso(125),
            to: iso(210),
            open: true,
            // Still self-muted after the move.
            muted: true,
            deafened: false,
            startedBy: 'move',
            endedBy: null,
          },
        ],
        // alice: 30-70 s, muted 70-125 s, in Gaming from 125 s; bob: 100-180 s (kicked).
        voice: [
          ...inMinute(0, [lounge, alice, 30_000]),
          ...inMinute(60, [lounge, alice, 60_000], [lounge, bob, 20_000]),
          ...inMinute(120, [lounge, alice, 5_000], [lounge, bob, 60_000], [gaming, alice, 55_000]),
          ...inMinute(180, [gaming, alice, 30_000]),
        ].map(({ n, ...row }) => ({ ...row, ms: n })),
      },
      botEffects: [],
    };

    const truth = sim.truth.exportGuild(guild.id);
    expect(truth).toEqual(expected);
    // The same figures the world shows.
    expect(truth.memberCount).toBe(guild.members.size);
    expect(sim.truth.membersAt(guild.id)).toEqual([...guild.members.keys()].sort(numeric));
    expect(sim.truth.memberCount(guild.id, START + 179_999)).toBe(8);
    expect(sim.truth.membersAt(guild.id, START + 1000)).toEqual(
      [owner, alice, mod, botId, gina].sort(numeric),
    );
    expect(sim.truth.memberCount(guild.id, START + 202_000)).toBe(5);
  });

  it('cuts the time-stamped lists to a window, and later actions do not change an export taken', () => {
    const { sim, guild, ids, channels } = scripted();
    const all = sim.truth.exportGuild(guild.id);
    const truth = sim.truth.exportGuild(guild.id, START + 210_000, {
      from: START + 60_000,
      to: START + 150_000,
    });
    expect(truth.window).toEqual({ from: iso(60), to: iso(150) });
    expect(truth.moderation.map((f) => f.kind)).toEqual([
      'messageDelete',
      'messageDelete',
      'selfDelete',
      'messageDelete',
      'bulkDelete',
      'automod',
      'automod',
      'timeout',
      'timeoutRemoved',
    ]);
    expect(truth.activity.messages.map((r) => r.minute)).toEqual([iso(120), iso(120), iso(120)]);
    // Voice time is cut at the window's edges, not by whole minutes.
    expect(truth.activity.voice).toEqual([
      { minute: iso(60), channelId: channels.lounge, userId: ids.alice, ms: 60_000 },
      { minute: iso(60), channelId: channels.lounge, userId: ids.bob, ms: 20_000 },
      { minute: iso(120), channelId: channels.lounge, userId: ids.alice, ms: 5_000 },
      { minute: iso(120), channelId: channels.lounge, userId: ids.bob, ms: 30_000 },
      { minute: iso(120), channelId: channels.gaming, userId: ids.alice, ms: 25_000 },
    ]);
    // Presence at the window's end: bob, carol and gina were still there; dave left at that very moment.
    expect(truth.memberCount).toBe(9);
    expect(truth.members).toHaveLength(all.members.length);

    sim.sendMessage(channels.general, { authorId: ids.erin, content: 'later' });
    sim.truth.exportGuild(guild.id).invites[0]!.joins.push({ userId: 'x', at: 'y' });
    expect(all.activity.messages).toHaveLength(5);
    expect(sim.truth.exportGuild(guild.id).invites).toEqual(all.invites);
  });

  it('summarises every guild in numbers', () => {
    const { sim, guild } = scripted();
    expect(sim.truth.summary().guilds).toEqual([
      {
        guildId: guild.id,
        name: 'Truth',
        botPresent: true,
        memberCount: 6,
        joins: 6,
        departures: 5,
        moderation: {
          automod: 2,
          ban: 2,
          bulkDelete: 1,
          kick: 1,
          leave: 2,
          messageDelete: 3,
          selfDelete: 1,
          timeout: 1,
          timeoutRemoved: 1,
          unban: 1,
        },
        invites: { created: 2, deleted: 2, uses: 2 },
        messages: 8,
        reactionsAdded: 2,
        reactionsRemoved: 2,
        voiceMs: 40_000 + 55_000 + 80_000 + 85_000,
        botEffects: 0,
      },
    ]);
  });
});

const numeric = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : 1);
