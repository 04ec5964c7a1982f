import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BotEvent, type BotEventOf, parseBotEvent } from '@guildscope/contracts';
import { type SimGuild, Simulator } from '@guildscope/simulator';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { DEFAULT_METRICS_CONFIG } from '../activity/metrics-config.js';
import { Bot } from '../bot.js';
import { DEFAULT_ENABLED_LISTENERS } from '../config/listeners.config.js';
import { EventRecorder } from '../testing/event-recorder.js';

type Sync = BotEventOf<'GUILD_MEMBERS_SYNC'>;

/** A real bot (discord.js) logged in to the simulator; events read as the bot stores them in its outbox. */
describe('member lists reported when the bot loads a guild', () => {
  const sim = new Simulator();
  const rec = new EventRecorder();
  const dir = mkdtempSync(join(tmpdir(), 'bot-member-lists-'));
  let bot: Bot;
  let big: SimGuild;
  let small: SimGuild;
  let robot: string;
  let named: string;

  const valid = (e: BotEvent): Sync => {
    const r = parseBotEvent(JSON.parse(JSON.stringify(e)));
    if (!r.ok) throw new Error(`${e.type} refused by the contracts: ${JSON.stringify(r.errors)}`);
    return e as Sync;
  };
  /** Every chunk of the guild's first member list, once all are in. */
  async function memberList(guildId: string): Promise<Sync[]> {
    const first = valid(
      await rec.next((e) => e.type === 'GUILD_MEMBERS_SYNC' && e.guildId === guildId, 30_000),
    );
    const { syncId, chunkCount } = first.data;
    const chunks = () =>
      rec
        .ofType('GUILD_MEMBERS_SYNC', guildId)
        .map(valid)
        .filter((e) => e.data.syncId === syncId);
    while (chunks().length < chunkCount) await new Promise((r) => setTimeout(r, 50));
    return chunks().sort((a, b) => a.data.chunkIndex - b.data.chunkIndex);
  }
  /** What the simulator's world holds: member id -> Discord's joined_at. */
  const worldMembers = (guildId: string) =>
    Object.fromEntries([...sim.world.guild(guildId).members.values()].map((m) => [m.userId, m.joinedAt]));

  beforeAll(async () => {
    big = sim.createGuild({ name: 'Big' });
    small = sim.createGuild({ name: 'Small' });
    // More members than one chunk carries, and than GUILD_CREATE carries (gateway op 8 fetches them).
    sim.populate(big.id, 1_050);
    robot = sim.createUser({ username: 'helper-bot', bot: true }).id;
    sim.addMember(big.id, robot, { joinedAt: Date.parse('2023-05-01T08:00:00.000Z') });
    named = sim.createUser({ username: 'named', globalName: 'The Named' }).id;
    sim.addMember(small.id, named, { joinedAt: Date.parse('2022-02-02T02:02:02.000Z') });
    sim.populate(small.id, 2);
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
  }, 60_000);

  afterAll(async () => {
    await bot?.stop();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a large guild at ready, then its whole list in chunks of one sync, timed when the fetch started', async () => {
    const chunks = await memberList(big.id);
    expect(chunks.map((c) => [c.data.chunkIndex, c.data.chunkCount])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const listed = chunks.flatMap((c) => c.data.members);
    expect(Object.fromEntries(listed.map((m) => [m.userId, m.joinedAt]))).toEqual(worldMembers(big.id));
    expect(
      listed
        .filter((m) => m.bot)
        .map((m) => m.userId)
        .sort(),
    ).toEqual([robot, sim.world.botUser.id].sort());
    expect(new Set(chunks.map((c) => c.timestamp)).size).toBe(1);
    const sync = rec.ofType('GUILD_SYNC', big.id)[0] as BotEvent;
    expect(chunks[0]?.timestamp).toBeGreaterThanOrEqual(sync.timestamp);
  }, 60_000);

  it('given a small guild whose member list came with it, then one chunk with names and join dates', async () => {
    const [chunk] = await memberList(small.id);
    expect(chunk?.data.chunkCount).toBe(1);
    expect(Object.fromEntries((chunk?.data.members ?? []).map((m) => [m.userId, m.joinedAt]))).toEqual(
      worldMembers(small.id),
    );
    expect(chunk?.data.members.find((m) => m.userId === named)).toMatchObject({
      username: 'named',
      globalName: 'The Named',
      bot: false,
      joinedAt: '2022-02-02T02:02:02.000Z',
    });
  }, 30_000);

  it('given a guild the bot is added to after ready, then its member list follows its GUILD_CREATE', async () => {
    const later = sim.createGuild({ name: 'Later', botPresent: false });
    sim.populate(later.id, 60);
    sim.addBotToGuild(later.id);
    const created = await rec.next((e) => e.type === 'GUILD_CREATE' && e.guildId === later.id, 15_000);
    const chunks = await memberList(later.id);
    expect(chunks.flatMap((c) => c.data.members.map((m) => m.userId)).sort()).toEqual(
      Object.keys(worldMembers(later.id)).sort(),
    );
    expect(chunks[0]?.timestamp).toBeGreaterThanOrEqual(created.timestamp);
  }, 60_000);
});
