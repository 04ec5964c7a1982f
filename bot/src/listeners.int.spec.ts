import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BotEvent, type BotEventOf, parseBotEvent } from '@guildscope/contracts';
import { type SimGuild, Simulator } from '@guildscope/simulator';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { DEFAULT_METRICS_CONFIG } from './activity/metrics-config.js';
import { Bot } from './bot.js';
import { DEFAULT_ENABLED_LISTENERS } from './config/listeners.config.js';
import { EventRecorder } from './testing/event-recorder.js';

/**
 * One simulator and one real bot (discord.js logged in to the simulator) for every listener: logins are
 * throttled (identify), so the client is shared. Events are read as the bot stores them in its outbox.
 */
describe('bot listeners against the simulator', () => {
  const sim = new Simulator();
  const rec = new EventRecorder();
  const dir = mkdtempSync(join(tmpdir(), 'bot-listeners-'));
  let bot: Bot;
  let alpha: SimGuild;
  let beta: SimGuild;
  let noPerm: SimGuild;
  let members: string[];
  let mod: string;
  let preexisting: string;

  const valid = (e: BotEvent) => {
    const r = parseBotEvent(e);
    if (!r.ok) throw new Error(`${e.type} refused by the contracts: ${JSON.stringify(r.errors)}`);
    return e;
  };
  const next = (type: string, match: (e: BotEvent) => boolean = () => true) =>
    rec.next((e) => e.type === type && match(e)).then(valid);
  const data = (e: BotEvent) => e.data as Record<string, unknown>;
  /** Every chunk of the guild's first member list, once all are in. */
  async function memberList(guildId: string): Promise<BotEventOf<'GUILD_MEMBERS_SYNC'>[]> {
    const first = await next('GUILD_MEMBERS_SYNC', (e) => e.guildId === guildId);
    const { syncId, chunkCount } = (first as BotEventOf<'GUILD_MEMBERS_SYNC'>).data;
    const chunks = () =>
      rec
        .ofType('GUILD_MEMBERS_SYNC', guildId)
        .map((e) => valid(e) as BotEventOf<'GUILD_MEMBERS_SYNC'>)
        .filter((e) => e.data.syncId === syncId);
    while (chunks().length < chunkCount) await new Promise((r) => setTimeout(r, 50));
    return chunks().sort((a, b) => a.data.chunkIndex - b.data.chunkIndex);
  }
  /** The simulator's world: member id -> Discord's joined_at. */
  const worldMembers = (guildId: string) =>
    Object.fromEntries([...sim.world.guild(guildId).members.values()].map((m) => [m.userId, m.joinedAt]));

  beforeAll(async () => {
    alpha = sim.createGuild({ name: 'Alpha', vanityCode: 'alpha-vanity' });
    beta = sim.createGuild({ name: 'Beta' });
    noPerm = sim.createGuild({ name: 'NoPerm', botPermissions: 0n });
    members = sim.populate(alpha.id, 30).map((u) => u.id);
    sim.populate(beta.id, 3);
    mod = alpha.ownerId;
    // Made before the bot arrives: only INVITE_SYNC can tell the read models about it.
    preexisting = sim.createInvite(sim.channels(alpha.id).text[0]!, { inviterId: members[6]! }).code;
    const urls = await sim.start();
    bot = new Bot({
      discordToken: sim.token,
      apiBase: urls.restBase,
      gateway: null,
      outboxPath: join(dir, 'outbox.db'),
      outboxMaxEvents: 100_000,
      metrics: { ...DEFAULT_METRICS_CONFIG, snapshotInterval: 3_600_000, memberActivityInterval: 3_600_000 },
      enabled: DEFAULT_ENABLED_LISTENERS,
      correlation: { holdMs: 2_000, entryTtlMs: 30_000 },
      logger: pino({ level: process.env.BOT_LOG_LEVEL ?? 'silent' }),
      onEvent: rec.record,
    });
    await bot.start();
  });

  afterAll(async () => {
    await bot?.stop();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends GUILD_SYNC at ready, one event per guild sharing a sync id', async () => {
    const syncs = rec.ofType('GUILD_SYNC').map(valid);
    expect(syncs.map((e) => e.guildId).sort()).toEqual([alpha.id, beta.id, noPerm.id].sort());
    const ids = new Set(syncs.map((e) => data(e).syncId));
    expect(ids.size).toBe(1);
    const a = syncs.find((e) => e.guildId === alpha.id)!;
    expect(data(a)).toMatchObject({
      guildCount: 3,
      guild: { id: alpha.id, name: 'Alpha', ownerId: alpha.ownerId },
    });
  });

  it('sends INVITE_SYNC at ready with the invites made before it arrived, for the guilds it may read', async () => {
    const sync = await next('INVITE_SYNC', (e) => e.guildId === alpha.id);
    expect(data(sync)).toMatchObject({
      complete: true,
      vanity: { code: 'alpha-vanity', uses: expect.any(Number) },
      invites: [expect.objectContaining({ code: preexisting, inviterId: members[6], uses: 0, maxUses: 0 })],
    });
    expect(rec.ofType('INVITE_SYNC').map((e) => e.guildId)).not.toContain(noPerm.id);
  });

  it("sends each guild's member list at ready, with Discord's join dates and bot flags", async () => {
    const [chunk] = await memberList(alpha.id);
    expect(chunk?.data).toMatchObject({ chunkIndex: 0, chunkCount: 1 });
    const listed = chunk?.data.members ?? [];
    expect(Object.fromEntries(listed.map((m) => [m.userId, m.joinedAt]))).toEqual(worldMembers(alpha.id));
    expect(listed.filter((m) => m.bot).map((m) => m.userId)).toEqual([sim.world.botUser.id]);
    // Timed when the load started: after the sync at ready, before any later event.
    expect(chunk?.timestamp).toBeGreaterThanOrEqual(
      (rec.ofType('GUILD_SYNC', alpha.id)[0] as BotEvent).timestamp,
    );
    expect((await memberList(beta.id)).flatMap((c) => c.data.members)).toHaveLength(
      Object.keys(worldMembers(beta.id)).length,
    );
  });

  it('splits the member list of a large guild the bot is added to into chunks of one sync', async () => {
    const later = sim.createGuild({ name: 'Crowded', botPresent: false });
    sim.populate(later.id, 1_050);
    const robot = sim.createUser({ username: 'helper-bot', bot: true }).id;
    sim.addMember(later.id, robot, { joinedAt: Date.parse('2023-05-01T08:00:00.000Z') });
    sim.addBotToGuild(later.id);
    const created = await next('GUILD_CREATE', (e) => e.guildId === later.id);
    const chunks = await memberList(later.id);
    expect(chunks.map((c) => [c.data.chunkIndex, c.data.chunkCount])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const listed = chunks.flatMap((c) => c.data.members);
    expect(Object.fromEntries(listed.map((m) => [m.userId, m.joinedAt]))).toEqual(worldMembers(later.id));
    expect(listed.find((m) => m.userId === robot)).toMatchObject({
      username: 'helper-bot',
      bot: true,
      joinedAt: '2023-05-01T08:00:00.000Z',
    });
    expect(new Set(chunks.map((c) => c.timestamp))).toEqual(new Set([chunks[0]?.timestamp]));
    expect(chunks[0]?.timestamp).toBeGreaterThanOrEqual(created.timestamp);
  }, 30_000);

  it('reports a ban with its moderator and reason', async () => {
    sim.ban(alpha.id, members[0]!, { moderatorId: mod, reason: 'spam' });
    const e = await next('GUILD_BAN_ADD', (x) => x.userId === members[0]);
    expect(data(e)).toMatchObject({ targetUserId: members[0], moderatorId: mod, reason: 'spam' });
    sim.unban(alpha.id, members[0]!, { moderatorId: mod, reason: 'appeal' });
    const u = await next('GUILD_BAN_REMOVE', (x) => x.userId === members[0]);
    expect(data(u)).toMatchObject({ targetUserId: members[0], moderatorId: mod, reason: 'appeal' });
  });

  it('tells a kick from a leave even when the audit entry arrives after the removal', async () => {
    sim.kick(alpha.id, members[1]!, {
      moderatorId: mod,
      reason: 'rude',
      audit: { position: 'after', delayMs: 600 },
    });
    sim.leave(alpha.id, members[2]!);
    const kicked = await next('GUILD_MEMBER_REMOVE', (x) => x.userId === members[1]);
    expect(data(kicked)).toMatchObject({
      userId: members[1],
      wasKicked: true,
      moderatorId: mod,
      reason: 'rude',
    });
    expect(Array.isArray(data(kicked).roles)).toBe(true);
    expect(typeof data(kicked).joinedAt).toBe('string');
    const left = await next('GUILD_MEMBER_REMOVE', (x) => x.userId === members[2]);
    expect(data(left)).toMatchObject({ userId: members[2], wasKicked: false });
    expect(data(left).moderatorId).toBeUndefined();
    const entry = await next('GUILD_AUDIT_LOG_ENTRY_CREATE', (x) => data(x).action === 'MEMBER_KICK');
    expect(data(entry)).toMatchObject({ targetId: members[1], executorId: mod, reason: 'rude' });
  });

  it('reports a removal by ban as not a kick', async () => {
    sim.ban(alpha.id, members[3]!, { moderatorId: mod, reason: 'raid' });
    const e = await next('GUILD_MEMBER_REMOVE', (x) => x.userId === members[3]);
    expect(data(e).wasKicked).toBe(false);
  });

  describe('invite attribution', () => {
    const newUser = (name: string, bot = false) => sim.createUser({ username: name, bot }).id;
    const joinEvent = (userId: string) => next('GUILD_MEMBER_ADD', (x) => x.userId === userId);

    it('credits a normal invite and its inviter, with INVITE_CREATE and INVITE_USE', async () => {
      const channel = sim.channels(alpha.id).text[0]!;
      const inv = sim.createInvite(channel, { inviterId: members[4]! });
      const created = await next('INVITE_CREATE', (x) => data(x).code === inv.code);
      expect(data(created)).toMatchObject({ inviterId: members[4], maxUses: 0 });
      const u = newUser('joiner-normal');
      sim.join(alpha.id, { userId: u, via: { invite: inv.code } });
      expect(data(await joinEvent(u)).invite).toEqual({
        class: 'invite',
        code: inv.code,
        inviterId: members[4],
        inviterUsername: expect.any(String),
        uses: 1,
        maxUses: 0,
      });
      const use = await next('INVITE_USE', (x) => data(x).newMemberId === u);
      expect(data(use)).toMatchObject({
        code: inv.code,
        inviteClass: 'invite',
        inviterId: members[4],
        uses: 1,
      });
    });

    it('credits the vanity URL', async () => {
      const u = newUser('joiner-vanity');
      sim.join(alpha.id, { userId: u, via: { vanity: true } });
      expect(data(await joinEvent(u)).invite).toMatchObject({ class: 'vanity', code: 'alpha-vanity' });
    });

    it('credits a single-use invite that vanished once used', async () => {
      const channel = sim.channels(alpha.id).text[0]!;
      const inv = sim.createInvite(channel, { inviterId: members[5]!, maxUses: 1 });
      await next('INVITE_CREATE', (x) => data(x).code === inv.code);
      const u = newUser('joiner-once');
      sim.join(alpha.id, { userId: u, via: { invite: inv.code } });
      expect(data(await joinEvent(u)).invite).toMatchObject({
        class: 'invite',
        code: inv.code,
        inviterId: members[5],
      });
      await next('INVITE_DELETE', (x) => data(x).code === inv.code);
    });

    it('marks two joins folded into one diff as unknown rather than guessing', async () => {
      const channel = sim.channels(alpha.id).text[0]!;
      const a = sim.createInvite(channel, { inviterId: members[6]! });
      const b = sim.createInvite(channel, { inviterId: members[7]! });
      await next('INVITE_CREATE', (x) => data(x).code === b.code);
      const u1 = newUser('together-1');
      const u2 = newUser('together-2');
      sim.joinTogether(alpha.id, [
        { userId: u1, via: { invite: a.code } },
        { userId: u2, via: { invite: b.code } },
      ]);
      expect(data(await joinEvent(u1)).invite).toEqual({ class: 'unknown' });
      expect(data(await joinEvent(u2)).invite).toEqual({ class: 'unknown' });
      expect(rec.ofType('INVITE_USE').some((e) => [u1, u2].includes(String(data(e).newMemberId)))).toBe(
        false,
      );
    });

    it('classes bots as bot and joins without Manage Server as no-permission', async () => {
      const botUser = newUser('some-bot', true);
      sim.addBotUser(alpha.id, botUser, mod);
      expect(data(await joinEvent(botUser)).invite).toEqual({ class: 'bot' });
      const u = newUser('joiner-noperm');
      sim.join(noPerm.id, { userId: u, via: { unknown: true } });
      expect(data(await joinEvent(u)).invite).toEqual({ class: 'no-permission' });
    });
  });

  it('reports who deleted a message: certain for a moderator, unknown for the author', async () => {
    const channel = sim.channels(alpha.id).text[0]!;
    const m1 = sim.sendMessage(channel, { authorId: members[8]!, content: 'to be removed' });
    const m2 = sim.sendMessage(channel, { authorId: members[9]!, content: 'my own' });
    await new Promise((r) => setTimeout(r, 100));
    sim.deleteMessage(channel, m1.id, { by: mod, reason: 'off-topic' });
    sim.deleteMessage(channel, m2.id);
    const byMod = await next('MESSAGE_DELETE', (x) => x.messageId === m1.id);
    expect(data(byMod)).toMatchObject({
      authorId: members[8],
      content: 'to be removed',
      deletedBy: { userId: mod, certainty: 'certain' },
      deletedByCertainty: 'certain',
    });
    const self = await next('MESSAGE_DELETE', (x) => x.messageId === m2.id);
    expect(data(self)).toMatchObject({ authorId: members[9], deletedByCertainty: 'unknown' });
    expect(data(self).deletedBy).toBeUndefined();
  });

  it('reports a second delete folded into the same audit entry as likely', async () => {
    const channel = sim.channels(alpha.id).text[0]!;
    const author = members[13]!;
    const m1 = sim.sendMessage(channel, { authorId: author, content: 'first' });
    const m2 = sim.sendMessage(channel, { authorId: author, content: 'second' });
    // No wait: the gateway sends MESSAGE_CREATE before MESSAGE_DELETE on one socket, handled in order.
    expect(sim.deleteMessage(channel, m1.id, { by: mod }).merged).toBe(false);
    const first = await next('MESSAGE_DELETE', (x) => x.messageId === m1.id);
    expect(data(first).deletedByCertainty).toBe('certain');
    // Discord only bumps the entry's count: no new audit event, the fetched audit log still shows it.
    expect(sim.deleteMessage(channel, m2.id, { by: mod }).merged).toBe(true);
    const second = await next('MESSAGE_DELETE', (x) => x.messageId === m2.id);
    expect(data(second)).toMatchObject({
      authorId: author,
      content: 'second',
      deletedBy: { userId: mod, certainty: 'likely' },
      deletedByCertainty: 'likely',
    });
  });

  it('reports an invite deletion with the inviter and uses the cache knew', async () => {
    const channel = sim.channels(alpha.id).text[0]!;
    const inv = sim.createInvite(channel, { inviterId: members[14]! });
    await next('INVITE_CREATE', (x) => data(x).code === inv.code);
    sim.join(alpha.id, {
      userId: sim.createUser({ username: 'joiner-before-delete' }).id,
      via: { invite: inv.code },
    });
    await next('INVITE_USE', (x) => data(x).code === inv.code);
    sim.deleteInvite(inv.code, { by: mod });
    const e = await next('INVITE_DELETE', (x) => data(x).code === inv.code);
    expect(e).toMatchObject({ guildId: alpha.id, channelId: channel });
    expect(data(e)).toEqual({ code: inv.code, channelId: channel, inviterId: members[14], uses: 1 });
  });

  it('reports a bulk delete with its moderator', async () => {
    const channel = sim.channels(alpha.id).text[1] ?? sim.channels(alpha.id).text[0]!;
    const ids = [1, 2, 3].map(
      (i) => sim.sendMessage(channel, { authorId: members[10]!, content: `bulk ${i}` }).id,
    );
    sim.bulkDelete(channel, ids, { by: mod });
    const e = await next('MESSAGE_DELETE_BULK', (x) => x.channelId === channel);
    expect(data(e)).toMatchObject({ channelId: channel, count: 3, moderatorId: mod });
    expect([...(data(e).messageIds as string[])].sort()).toEqual([...ids].sort());
  });

  it('reports timeouts from audit-log entries', async () => {
    sim.timeout(alpha.id, members[11]!, {
      moderatorId: mod,
      until: Date.now() + 60_000,
      reason: 'cool down',
    });
    const e = await next('GUILD_AUDIT_LOG_ENTRY_CREATE', (x) => data(x).action === 'MEMBER_TIMEOUT_ADD');
    expect(data(e)).toMatchObject({ targetId: members[11], executorId: mod, reason: 'cool down' });
  });

  it('reports Discord AutoMod executions', async () => {
    const channel = sim.channels(alpha.id).text[0]!;
    const rule = sim.createAutoModRule(alpha.id, { name: 'no-spam', creatorId: mod, keywords: ['buy'] });
    sim.triggerAutoMod(alpha.id, {
      ruleId: rule.id,
      userId: members[12]!,
      channelId: channel,
      content: 'buy now',
      matchedKeyword: 'buy',
    });
    const e = await next('AUTO_MODERATION_ACTION_EXECUTION', (x) => x.userId === members[12]);
    expect(data(e)).toMatchObject({ ruleId: rule.id, userId: members[12] });
  });

  it('names the executor of an audit entry in a large guild whose member list GUILD_CREATE left out', async () => {
    const big = sim.createGuild({ name: 'Big', botPresent: false });
    const people = sim.populate(big.id, 80).map((u) => u.id);
    sim.addBotToGuild(big.id);
    const [moderator, target] = [people[70]!, people[75]!];
    await next('GUILD_CREATE', (e) => e.guildId === big.id);
    // The member list arrives through gateway op 8 after the GUILD_CREATE.
    for (let i = 0; i < 100 && !bot.client.guilds.cache.get(big.id)?.members.cache.has(moderator); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(bot.client.guilds.cache.get(big.id)?.members.cache.has(moderator)).toBe(true);
    sim.timeout(big.id, target, { moderatorId: moderator, until: Date.now() + 60_000, reason: 'calm down' });
    const entry = await next('GUILD_AUDIT_LOG_ENTRY_CREATE', (e) => e.guildId === big.id);
    expect(data(entry)).toMatchObject({
      action: 'MEMBER_TIMEOUT_ADD',
      executorId: moderator,
      executorUsername: sim.world.users.get(moderator)?.username,
    });
  });

  it('reports only the changed fields of a guild update', async () => {
    sim.updateGuild(beta.id, { name: 'Beta Renamed' });
    const e = await next('GUILD_UPDATE', (x) => x.guildId === beta.id);
    expect(data(e)).toEqual({ id: beta.id, changes: { name: { old: 'Beta', new: 'Beta Renamed' } } });
  });
});
