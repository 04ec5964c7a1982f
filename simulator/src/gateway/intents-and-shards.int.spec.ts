import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Client, GatewayIntentBits, type Message } from 'discord.js';
import { GatewayCloseCodes, GatewayOpcodes } from 'discord-api-types/v10';
import { WebSocket } from 'ws';
import { shardForGuild } from '../core/snowflake.js';
import { Simulator } from '../simulator.js';
import { loginClient, nextEvent } from '../testing/discord-client.js';

describe('intent filtering', () => {
  const sim = new Simulator();
  let withoutModeration: Client<true>;
  let withoutContent: Client<true>;

  beforeAll(async () => {
    sim.createGuild({ name: 'Intents' });
    const urls = await sim.start();
    // Two clients identify at once: each has its own identify throttle, so neither waits.
    [withoutModeration, withoutContent] = await Promise.all([
      loginClient(urls, sim.token, {
        intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMembers, GatewayIntentBits.GuildMessages],
      }),
      loginClient(urls, sim.token, {
        intents: [
          GatewayIntentBits.Guilds,
          GatewayIntentBits.GuildMembers,
          GatewayIntentBits.GuildModeration,
          GatewayIntentBits.GuildMessages,
        ],
      }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([withoutModeration?.destroy(), withoutContent?.destroy()]);
    await sim.stop();
  });

  it('a client without GUILD_MODERATION receives no ban and no audit entry, only the member removal', async () => {
    const g = sim.world.botGuilds()[0]!;
    const [user] = sim.populate(g.id, 1);
    const seen: string[] = [];
    withoutModeration.on('raw', (p: { t?: string }) => p.t && seen.push(p.t));
    const reference = nextEvent(withoutContent, 'guildAuditLogEntryCreate');
    const removed = nextEvent(withoutModeration, 'guildMemberRemove');
    sim.ban(g.id, user!.id, { moderatorId: g.ownerId });
    await Promise.all([reference, removed]);
    // The other client got the audit entry, so this one would have had it by now too.
    await new Promise((r) => setTimeout(r, 30));
    expect(seen).toEqual(['GUILD_MEMBER_REMOVE']);
  });

  it('a client without MESSAGE_CONTENT gets messages with empty content', async () => {
    const g = sim.world.botGuilds()[0]!;
    const text = sim.channels(g.id).text[0]!;
    const got = nextEvent<[Message]>(withoutContent, 'messageCreate');
    sim.sendMessage(text, { authorId: g.ownerId, content: 'secret words' });
    const [message] = await got;
    expect(message.content).toBe('');
    expect(message.author.id).toBe(g.ownerId);
  });
});

describe('sharding', () => {
  const sim = new Simulator({ recommendedShards: 2, maxConcurrency: 2 });
  const clients: Client<true>[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 6; i++) sim.createGuild({ name: `Shard guild ${i}` });
    const urls = await sim.start();
    // One client per shard, as ShardingManager runs them (one process each).
    clients.push(
      ...(await Promise.all(
        [0, 1].map((shard) => loginClient(urls, sim.token, { shards: shard, shardCount: 2 })),
      )),
    );
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.destroy()));
    await sim.stop();
  });

  it('routes each guild to shard (guild_id >> 22) % 2 and its events to that shard only', async () => {
    const guilds = sim.world.botGuilds();
    for (const shard of [0, 1]) {
      const expected = guilds
        .filter((g) => shardForGuild(g.id, 2) === shard)
        .map((g) => g.id)
        .sort();
      expect([...clients[shard]!.guilds.cache.keys()].sort()).toEqual(expected);
    }
    const target = guilds.find((g) => shardForGuild(g.id, 2) === 1) ?? guilds[0]!;
    const owner = shardForGuild(target.id, 2);
    const got = nextEvent<[Message]>(clients[owner]!, 'messageCreate');
    sim.sendMessage(sim.channels(target.id).text[0]!, { authorId: target.ownerId, content: 'sharded' });
    expect((await got)[0].guildId).toBe(target.id);
  });
});

describe('raw gateway protocol', () => {
  const sim = new Simulator();
  beforeAll(() => sim.start());
  afterAll(() => sim.stop());

  function connect(): Promise<{ ws: WebSocket; hello: { op: number; d: { heartbeat_interval: number } } }> {
    const ws = new WebSocket(`${sim.urls.gatewayUrl}?v=10&encoding=json`);
    return new Promise((resolve) =>
      ws.once('message', (data) => resolve({ ws, hello: JSON.parse(data.toString()) })),
    );
  }

  it('says HELLO, ACKs heartbeats and closes 4004 on IDENTIFY with a bad token', async () => {
    const { ws, hello } = await connect();
    expect(hello.op).toBe(GatewayOpcodes.Hello);
    expect(hello.d.heartbeat_interval).toBeGreaterThan(0);
    const ack = new Promise((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()))));
    ws.send(JSON.stringify({ op: GatewayOpcodes.Heartbeat, d: null }));
    expect(await ack).toEqual({ op: GatewayOpcodes.HeartbeatAck });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ op: GatewayOpcodes.Identify, d: { token: 'bad', intents: 0, properties: {} } }));
    expect(await closed).toBe(GatewayCloseCodes.AuthenticationFailed);
  });

  it('answers op 8 with GUILD_MEMBERS_CHUNK', async () => {
    const g = sim.createGuild({ name: 'Chunks' });
    sim.populate(g.id, 1500);
    const { ws } = await connect();
    const frames: { t?: string; d: { members?: unknown[]; chunk_count?: number } }[] = [];
    const done = new Promise<void>((resolve) =>
      ws.on('message', (data) => {
        const frame = JSON.parse(data.toString());
        frames.push(frame);
        if (frame.t === 'GUILD_MEMBERS_CHUNK' && frame.d.chunk_index === frame.d.chunk_count - 1) resolve();
      }),
    );
    ws.send(
      JSON.stringify({ op: GatewayOpcodes.Identify, d: { token: sim.token, intents: 1, properties: {} } }),
    );
    ws.send(
      JSON.stringify({ op: GatewayOpcodes.RequestGuildMembers, d: { guild_id: g.id, query: '', limit: 0 } }),
    );
    await done;
    const chunks = frames.filter((f) => f.t === 'GUILD_MEMBERS_CHUNK');
    expect(chunks.map((c) => c.d.members?.length)).toEqual([1000, 502]);
    ws.close();
  });
});
