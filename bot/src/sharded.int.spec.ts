import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { guildStream } from '@guildscope/contracts';
import { botCredentialsFromTokens, type RunningGateway, startGateway } from '@guildscope/gateway';
import { type SimGuild, Simulator, shardForGuild } from '@guildscope/simulator';
import {
  createWriteSide,
  type RecordedEvent,
  SqliteEventStore,
  type WriteSide,
} from '@guildscope/write-side';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import { type BotProcess, type ReadyLine, spawnBot } from './testing/bot-process.js';

const BOT_TOKEN = 'bot-secret-for-shards';
const logger = pino({ level: process.env.BOT_LOG_LEVEL ?? 'silent' });
const SHARDS = 2;

/**
 * `sharded.ts` (discord.js ShardingManager, one child process per shard) against the simulator and the
 * real gateway: TOTAL_SHARDS=auto reads the simulator's GET /gateway/bot; each shard syncs only the guilds
 * `(id >> 22) % count` routes to it, and a guild's events reach the store through its own shard's
 * connection (the gateway refuses events of guilds a connection did not declare).
 */
describe('sharded bot (ShardingManager)', () => {
  const sim = new Simulator({ logger, recommendedShards: SHARDS });
  const dir = mkdtempSync(join(tmpdir(), 'bot-shards-'));
  let store: SqliteEventStore;
  let writeSide: WriteSide;
  let gateway: RunningGateway;
  let manager: BotProcess;
  const guilds: SimGuild[] = [];

  const readGuild = async (guildId: string) => {
    const out: RecordedEvent[] = [];
    for await (const e of store.readStream(guildStream(guildId))) out.push(e);
    return out;
  };
  const until = async (check: () => Promise<boolean> | boolean, ms = 30_000) => {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end)
        throw new Error(`condition not met in time; manager log:\n${manager.stderr().slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const shardOf = (g: SimGuild) => shardForGuild(g.id, SHARDS);

  beforeAll(async () => {
    // Guild ids are snowflakes: guilds made in the same millisecond share a shard, so space them out.
    while ([0, 1].some((s) => guilds.filter((g) => shardOf(g) === s).length < 2)) {
      guilds.push(sim.createGuild({ name: `sharded-${guilds.length}` }));
      sim.populate(guilds.at(-1)!.id, 3);
      await new Promise((r) => setTimeout(r, 2));
    }
    store = new SqliteEventStore({ path: join(dir, 'events.db'), logger });
    writeSide = await createWriteSide({ eventStore: store });
    gateway = await startGateway({
      port: 0,
      eventStore: store,
      writeSide,
      credentials: botCredentialsFromTokens({ 'sharded-bot': BOT_TOKEN }),
      logger,
    });
    const urls = await sim.start();
    manager = spawnBot(
      {
        DISCORD_TOKEN: sim.token,
        DISCORD_API_BASE: urls.restBase,
        GATEWAY_URL: gateway.url,
        GATEWAY_BOT_ID: 'sharded-bot',
        GATEWAY_BOT_TOKEN: BOT_TOKEN,
        TOTAL_SHARDS: 'auto',
        SHARD_SPAWN_DELAY_MS: '0',
        AUDIT_HOLD_MS: '100',
        OUTBOX_PATH: join(dir, 'outbox-{shard}.db'),
      },
      'sharded',
    );
    await until(() => manager.stdout.length >= SHARDS, 60_000);
  }, 90_000);

  afterAll(async () => {
    if (manager && manager.child.exitCode === null) manager.child.kill('SIGTERM');
    await manager?.exited;
    await gateway?.close();
    await writeSide?.close();
    await store?.close();
    await sim.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts the recommended number of shards, each serving only its own guilds', async () => {
    const ready = manager.stdout.map((l) => JSON.parse(l) as ReadyLine);
    expect(ready.map((r) => r.shards).sort()).toEqual([[0], [1]]);
    for (const r of ready) {
      expect(r.guilds).toBe(guilds.filter((g) => shardOf(g) === r.shards[0]).length);
    }
  });

  it("routes each guild's events through its own shard and gateway connection", async () => {
    for (const g of guilds) {
      const victim = [...sim.world.guild(g.id).members.keys()].find(
        (u) => u !== g.ownerId && u !== sim.botUser.id,
      )!;
      sim.ban(g.id, victim, { moderatorId: g.ownerId, reason: 'sharded' });
    }
    for (const g of guilds) {
      await until(async () => (await readGuild(g.id)).some((e) => e.type === 'GUILD_BAN_ADD'));
      const events = await readGuild(g.id);
      const shardIds = new Set(events.map((e) => (e.metadata as { shardId?: number }).shardId));
      expect({ guild: g.name, shardIds: [...shardIds] }).toEqual({ guild: g.name, shardIds: [shardOf(g)] });
      expect(new Set(events.map((e) => (e.metadata as { botId?: string }).botId))).toEqual(
        new Set(['sharded-bot']),
      );
      const syncs = events.filter((e) => e.type === 'GUILD_SYNC');
      expect(syncs).toHaveLength(1);
      // The shard's sync names only the guilds of that shard.
      expect((syncs[0]!.data as { data: { guildCount: number } }).data.guildCount).toBe(
        guilds.filter((x) => shardOf(x) === shardOf(g)).length,
      );
    }
  }, 60_000);
});
