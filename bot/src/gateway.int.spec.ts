import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { guildStream } from '@guildscope/contracts';
import { botCredentialsFromTokens, type RunningGateway, startGateway } from '@guildscope/gateway';
import { type SimGuild, Simulator } from '@guildscope/simulator';
import {
  createWriteSide,
  EnableModule,
  SqliteEventStore,
  UpdateModuleConfig,
  type WriteSide,
} from '@guildscope/write-side';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { DEFAULT_METRICS_CONFIG } from './activity/metrics-config.js';
import { Bot } from './bot.js';
import { DEFAULT_ENABLED_LISTENERS } from './config/listeners.config.js';
import { EventRecorder } from './testing/event-recorder.js';

const BOT_TOKEN = 'bot-secret-for-tests';
const logger = pino({ level: process.env.BOT_LOG_LEVEL ?? 'silent' });

/**
 * The real bot, the real gateway (temp SQLite event store) and the simulator on loopback: events reach
 * the store exactly once across a gateway outage, and module config flows from the write side to the bot.
 */
describe('bot + gateway + simulator', () => {
  const sim = new Simulator();
  const dir = mkdtempSync(join(tmpdir(), 'bot-gateway-'));
  let store: SqliteEventStore;
  let writeSide: WriteSide;
  let gateway: RunningGateway;
  let port = 0;
  let guild: SimGuild;
  let members: string[];
  let bot: Bot;
  const rec = new EventRecorder();
  const actor = { type: 'system' as const, id: 'test' };

  const startGw = async () => {
    gateway = await startGateway({
      port,
      eventStore: store,
      writeSide,
      credentials: botCredentialsFromTokens({ 'test-bot': BOT_TOKEN }),
      logger,
    });
    port = gateway.port;
  };
  const newBot = (urls: { restBase: string }) =>
    new Bot({
      discordToken: sim.token,
      apiBase: urls.restBase,
      gateway: { url: gateway.url, token: BOT_TOKEN, botId: 'test-bot', shardId: 0 },
      outboxPath: join(dir, 'outbox.db'),
      outboxMaxEvents: 100_000,
      metrics: { ...DEFAULT_METRICS_CONFIG, snapshotInterval: 3_600_000, memberActivityInterval: 3_600_000 },
      enabled: DEFAULT_ENABLED_LISTENERS,
      correlation: { holdMs: 300, entryTtlMs: 30_000 },
      logger,
      onEvent: rec.record,
    });

  const storedIds = async (guildId: string, type?: string) => {
    const ids: string[] = [];
    for await (const e of store.readStream(guildStream(guildId))) {
      if (!type || e.type === type) ids.push(e.id);
    }
    return ids;
  };
  const until = async (check: () => Promise<boolean>, ms = 15_000, what = 'condition') => {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`${what} not met in time`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  beforeAll(async () => {
    guild = sim.createGuild({ name: 'Gamma' });
    members = sim.populate(guild.id, 80).map((u) => u.id);
    store = new SqliteEventStore({ path: join(dir, 'events.db'), logger });
    writeSide = await createWriteSide({ eventStore: store, configPollIntervalMs: 20 });
    await startGw();
    const urls = await sim.start();
    bot = newBot(urls);
    await bot.start();
  });

  afterAll(async () => {
    await bot?.stop();
    await gateway?.close();
    await writeSide?.close();
    await store?.close();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers every event once, even when the gateway is down for part of the traffic', async () => {
    await bot.gateway!.drained();
    const bans = (from: number, to: number) => {
      for (let i = from; i < to; i++)
        sim.ban(guild.id, members[i]!, { moderatorId: guild.ownerId, reason: `r${i}` });
    };
    bans(0, 10);
    await gateway.close(); // outage: the bot keeps recording into its outbox
    bans(10, 25);
    await until(async () => rec.ofType('GUILD_BAN_ADD', guild.id).length === 25);
    expect(bot.outbox.pending()).toBeGreaterThan(0);
    await startGw();
    bans(25, 30);
    await until(async () => (await storedIds(guild.id, 'GUILD_BAN_ADD')).length >= 30);
    await bot.gateway!.drained();
    const stored = await storedIds(guild.id, 'GUILD_BAN_ADD');
    expect(stored).toHaveLength(30);
    expect(new Set(stored).size).toBe(30);
    expect(new Set(stored)).toEqual(new Set(rec.ofType('GUILD_BAN_ADD', guild.id).map((e) => e.id)));
    expect(bot.outbox.pending()).toBe(0);
    expect(bot.outbox.deadLetters()).toEqual([]);
  });

  it('applies a welcome config enabled from the write side, and the next join posts the message', async () => {
    const channelId = sim.channels(guild.id).text[0]!;
    const applied = bot.configFeed.nextApplied();
    await writeSide.commandBus.execute(
      new EnableModule({
        guildId: guild.id,
        moduleId: 'welcome',
        actor,
        config: { channelId, message: 'Welcome {user} to {server}! Member #{memberCount}' },
      }),
    );
    await applied;
    expect(bot.modules.isEnabled(guild.id, 'welcome')).toBe(true);
    const u = sim.createUser({ username: 'newcomer' }).id;
    sim.join(guild.id, { userId: u, via: { unknown: true } });
    await until(async () => sim.postedMessages(channelId).length > 0);
    const memberCount = sim.world.guild(guild.id).members.size;
    expect(sim.postedMessages(channelId)[0]?.content).toBe(
      `Welcome <@${u}> to Gamma! Member #${memberCount}`,
    );
  });

  it('applies a change made while the bot was offline after it reconnects', async () => {
    const channelId = sim.channels(guild.id).text[0]!;
    await bot.stop();
    await writeSide.commandBus.execute(
      new UpdateModuleConfig({
        guildId: guild.id,
        moduleId: 'welcome',
        actor,
        config: { channelId, message: 'Hello again {user}' },
      }),
    );
    bot = newBot(sim.urls);
    const applied = bot.configFeed.nextApplied();
    expect(bot.configFeed.position()).toBeDefined(); // resumes from the persisted position
    await bot.start();
    await applied;
    const before = sim.postedMessages(channelId).length;
    const u = sim.createUser({ username: 'late-joiner' }).id;
    sim.join(guild.id, { userId: u, via: { unknown: true } });
    await until(async () => sim.postedMessages(channelId).length > before);
    expect(sim.postedMessages(channelId).at(-1)?.content).toBe(`Hello again <@${u}>`);
  });
  it("reports a guild the bot is added to while running, and streams that guild's config to it", async () => {
    const created = rec.next((e) => e.type === 'GUILD_CREATE');
    const added = sim.createGuild({ name: 'Delta' }); // connected clients get its GUILD_CREATE
    const event = await created;
    expect(event.guildId).toBe(added.id);
    expect(event.data).toMatchObject({ id: added.id, name: 'Delta', ownerId: added.ownerId });
    await until(async () => (await storedIds(added.id, 'GUILD_CREATE')).includes(event.id), 15_000, 'stored');
    // The gateway learned the guild through guilds:add: a config change for it reaches this connection.
    const channelId = sim.channels(added.id).text[0]!;
    await writeSide.commandBus.execute(
      new EnableModule({
        guildId: added.id,
        moduleId: 'welcome',
        actor,
        config: { channelId, message: 'Hi {user}, welcome to {server}' },
      }),
    );
    await until(async () => bot.modules.isEnabled(added.id, 'welcome'), 15_000, 'enabled');
    const u = sim.createUser({ username: 'delta-joiner' }).id;
    sim.join(added.id, { userId: u, via: { unknown: true } });
    await until(async () => sim.postedMessages(channelId).length > 0);
    expect(sim.postedMessages(channelId)[0]?.content).toBe(`Hi <@${u}>, welcome to Delta`);
  });
});
