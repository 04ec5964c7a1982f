import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Actor,
  exampleBan,
  exampleIds,
  exampleKick,
  exampleUnban,
  exampleUuid,
  exampleWelcomeConfig,
  type GatewayErrorMessage,
  guildStream,
  type ModuleChangeMessage,
  type ModuleConfigsSnapshot,
  type ToBackendAck,
} from '@guildscope/contracts';
import {
  createWriteSide,
  DisableModule,
  EnableModule,
  type RecordedEvent,
  SqliteEventStore,
  UpdateModuleConfig,
  type WriteSide,
} from '@guildscope/write-side';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { pino } from 'pino';
import type { Socket } from 'socket.io-client';
import { botCredentialsFromTokens } from './auth/bot-credentials.js';
import { type RunningGateway, startGateway } from './gateway.server.js';
import { connected, nextMessage, openBotSocket, recorder } from './testing/gateway-test.client.js';

const guildA = exampleIds.guild;
const guildB = '1234567890123456789';
const guildC = '1234567890123456790';
const actor: Actor = { type: 'system', id: 'gateway-test' };
const TOKENS = { 'bot-a': 'secret-token-a', 'bot-b': 'secret-token-b' };

async function collect(iterable: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const e of iterable) out.push(e);
  return out;
}

describe('gateway on loopback with real Socket.IO clients', () => {
  let dir: string;
  let store: SqliteEventStore;
  let writeSide: WriteSide;
  let gateway: RunningGateway;
  const sockets: Socket[] = [];

  const bot = (auth: Record<string, unknown>) => {
    const socket = openBotSocket(gateway.url, auth);
    sockets.push(socket);
    return socket;
  };
  const botA = (extra: Record<string, unknown> = {}) =>
    bot({ token: TOKENS['bot-a'], botId: 'bot-a', shardId: 0, guildIds: [guildA], ...extra });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gateway-int-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
    writeSide = await createWriteSide({ eventStore: store });
    gateway = await startGateway({
      port: 0,
      eventStore: store,
      writeSide,
      credentials: botCredentialsFromTokens(TOKENS),
      logger: pino({ level: 'silent' }),
    });
  });

  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });

  afterAll(async () => {
    await gateway?.close();
    await writeSide?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('handshake', () => {
    it('refuses a wrong token with a clear reason', async () => {
      const error = await connected(botA({ token: 'not-the-token' })).catch((e: unknown) => e);
      expect(error).toMatchObject({
        message: 'unauthorized: unknown bot "bot-a" or wrong token',
        data: { code: 'UNAUTHORIZED' },
      });
    });

    it('refuses an unknown bot exactly like a wrong token', async () => {
      const error = await connected(
        bot({ token: TOKENS['bot-a'], botId: 'bot-z', shardId: 0, guildIds: [guildA] }),
      ).catch((e: unknown) => e);
      expect(error).toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    });

    it('refuses a missing token', async () => {
      const error = await connected(bot({ botId: 'bot-a', shardId: 0, guildIds: [guildA] })).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({
        message: 'invalid handshake: auth.token is missing',
        data: { code: 'INVALID_HANDSHAKE' },
      });
    });

    it('refuses malformed guildIds, naming the entry', async () => {
      const error = await connected(botA({ guildIds: [guildA, 123456789012345680] })).catch(
        (e: unknown) => e,
      );
      expect((error as Error).message).toBe(
        'invalid handshake: auth.guildIds[1] is not a Discord snowflake (a string of 17-20 digits): number',
      );
    });

    it('accepts a valid bot and sends it the config snapshot of its guilds', async () => {
      const socket = botA();
      const snapshot = nextMessage<ModuleConfigsSnapshot>(socket, 'module:config-snapshot');
      await connected(socket);
      expect((await snapshot).guilds).toEqual([{ guildId: guildA, version: 0, modules: [] }]);
    });
  });

  describe('to-backend', () => {
    const undeclared = { ...exampleKick, id: exampleUuid(7001), guildId: guildB };
    const { guildId: _dropped, ...noGuild } = { ...exampleKick, id: exampleUuid(7002) };
    const batch: unknown[] = [exampleBan, noGuild, undeclared, 'not an event', exampleUnban];

    it('records the valid events of a mixed batch and reports the others by index', async () => {
      const socket = await connected(botA());
      const ack = (await socket.timeout(5000).emitWithAck('to-backend', batch)) as ToBackendAck;
      expect(ack).toEqual({
        ok: true,
        accepted: 2,
        duplicates: 0,
        rejected: [
          { index: 1, reason: 'guildId: required' },
          {
            index: 2,
            reason: `guildId: guild ${guildB} is not served by this connection (declare it in the handshake auth.guildIds or with guilds:add)`,
          },
          { index: 3, reason: 'expected an event object, got string' },
        ],
      });
      const stored = await collect(store.readStream(guildStream(guildA)));
      expect(stored.map((e) => e.id)).toEqual([exampleBan.id, exampleUnban.id]);
      expect(stored[0]?.metadata).toMatchObject({ eventId: exampleBan.id, botId: 'bot-a', shardId: 0 });
      expect(await store.streamRevision(guildStream(guildB))).toBeNull();
    });

    it('stores nothing twice when the same batch is sent again', async () => {
      const socket = await connected(botA());
      const ack = (await socket.timeout(5000).emitWithAck('to-backend', batch)) as ToBackendAck;
      expect(ack).toMatchObject({ ok: true, accepted: 0, duplicates: 2 });
      expect((await collect(store.readStream(guildStream(guildA)))).map((e) => e.id)).toEqual([
        exampleBan.id,
        exampleUnban.id,
      ]);
    });

    it('refuses a batch over the event limit whole, quoting the limit', async () => {
      const socket = await connected(botA());
      const head = await store.headPosition();
      const big = Array.from({ length: 501 }, (_, i) => ({ ...exampleBan, id: exampleUuid(10_000 + i) }));
      const ack = (await socket.timeout(5000).emitWithAck('to-backend', big)) as ToBackendAck;
      expect(ack).toEqual({
        ok: false,
        error: {
          code: 'BATCH_TOO_LARGE',
          message: 'batch of 501 events exceeds the limit of 500 events per batch: split it',
          retryable: false,
        },
      });
      expect(await store.headPosition()).toEqual(head);
    });

    it('refuses a batch over the byte limit whole, quoting the limit', async () => {
      const socket = await connected(botA());
      const head = await store.headPosition();
      const padded = {
        ...exampleBan,
        id: exampleUuid(20_000),
        data: { ...exampleBan.data, reason: 'x'.repeat(1_200_000) },
      };
      const ack = (await socket.timeout(5000).emitWithAck('to-backend', [padded])) as ToBackendAck;
      expect(ack.ok).toBe(false);
      expect(ack.ok === false && ack.error.code).toBe('BATCH_TOO_LARGE');
      expect(ack.ok === false && ack.error.message).toMatch(
        /^batch of 1200\d{3} bytes exceeds the limit of 1048576 bytes per batch/,
      );
      expect(await store.headPosition()).toEqual(head);
    });

    it('answers a batch without ack callback, and a non-array, with a gateway:error and records nothing', async () => {
      const socket = await connected(botA());
      const head = await store.headPosition();
      const errors = recorder<GatewayErrorMessage>(socket, 'gateway:error');
      socket.emit('to-backend', [{ ...exampleBan, id: exampleUuid(30_000) }]);
      const ack = (await socket.timeout(5000).emitWithAck('to-backend', { events: [] })) as ToBackendAck;
      expect(ack).toEqual({
        ok: false,
        error: {
          code: 'INVALID_BATCH',
          message: 'expected an array of events (BotEventDto[]), got object',
          retryable: false,
        },
      });
      expect(await errors.waitFor(2)).toEqual([
        {
          code: 'ACK_REQUIRED',
          event: 'to-backend',
          message:
            'to-backend needs an ack callback: emit("to-backend", events, (ack) => ...); nothing was recorded',
        },
        {
          code: 'INVALID_BATCH',
          event: 'to-backend',
          message: 'expected an array of events (BotEventDto[]), got object; nothing was recorded',
        },
      ]);
      expect(await store.headPosition()).toEqual(head);
    });
  });

  describe('config streaming', () => {
    it('sends a snapshot, live changes, and after a disconnect exactly the changes missed, then live again', async () => {
      await writeSide.commandBus.execute(
        new EnableModule({ guildId: guildC, moduleId: 'welcome', actor, config: exampleWelcomeConfig }),
      );
      const auth = { token: TOKENS['bot-a'], botId: 'bot-a', shardId: 1, guildIds: [guildC] };
      const first = bot(auth);
      const snapshot = nextMessage<ModuleConfigsSnapshot>(first, 'module:config-snapshot');
      const changes = recorder<ModuleChangeMessage>(first, 'module:change');
      await connected(first);
      expect((await snapshot).guilds).toEqual([
        {
          guildId: guildC,
          version: 1,
          modules: [{ moduleId: 'welcome', enabled: true, config: exampleWelcomeConfig }],
        },
      ]);

      const live = { ...exampleWelcomeConfig, message: 'Hello {user}' };
      await writeSide.commandBus.execute(
        new UpdateModuleConfig({ guildId: guildC, moduleId: 'welcome', actor, config: live }),
      );
      const [change] = await changes.waitFor(1);
      expect(change).toEqual({
        guildId: guildC,
        moduleId: 'welcome',
        action: 'config_updated',
        config: live,
        timestamp: expect.any(Number),
        position: expect.stringMatching(/^\d+$/),
      });
      first.emit('module:ack', { position: change?.position });
      first.disconnect();

      // Offline: three changes happen.
      const missed = [
        new DisableModule({ guildId: guildC, moduleId: 'welcome', actor }),
        new EnableModule({ guildId: guildC, moduleId: 'welcome', actor }),
        new UpdateModuleConfig({ guildId: guildC, moduleId: 'welcome', actor, config: exampleWelcomeConfig }),
      ];
      for (const command of missed) await writeSide.commandBus.execute(command);

      const second = bot({ ...auth, configPosition: change?.position });
      const snapshots = recorder<ModuleConfigsSnapshot>(second, 'module:config-snapshot');
      const resumed = recorder<ModuleChangeMessage>(second, 'module:change');
      await connected(second);
      const caughtUp = await resumed.waitFor(3);
      expect(caughtUp.map((c) => c.action)).toEqual(['disabled', 'enabled', 'config_updated']);
      expect(caughtUp[1]?.config).toEqual(live);
      await writeSide.commandBus.execute(new DisableModule({ guildId: guildC, moduleId: 'welcome', actor }));
      expect((await resumed.waitFor(4))[3]?.action).toBe('disabled');
      expect(snapshots.items).toEqual([]);
      const positions = resumed.items.map((c) => BigInt(c.position));
      expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    });

    it('sends each bot only the changes of its own guilds', async () => {
      const g1 = '1234567890123456801';
      const g2 = '1234567890123456802';
      const a = bot({ token: TOKENS['bot-a'], botId: 'bot-a', shardId: 2, guildIds: [g1] });
      const b = bot({ token: TOKENS['bot-b'], botId: 'bot-b', shardId: 0, guildIds: [g2] });
      const aChanges = recorder<ModuleChangeMessage>(a, 'module:change');
      const bChanges = recorder<ModuleChangeMessage>(b, 'module:change');
      const ready = Promise.all([
        nextMessage(a, 'module:config-snapshot'),
        nextMessage(b, 'module:config-snapshot'),
      ]);
      await Promise.all([connected(a), connected(b)]);
      await ready;
      const enable = (guildId: string) =>
        new EnableModule({ guildId, moduleId: 'welcome', actor, config: exampleWelcomeConfig });
      const disable = (guildId: string) => new DisableModule({ guildId, moduleId: 'welcome', actor });
      for (const command of [enable(g1), enable(g2), disable(g1)])
        await writeSide.commandBus.execute(command);
      expect((await aChanges.waitFor(2)).map((c) => [c.guildId, c.action])).toEqual([
        [g1, 'enabled'],
        [g1, 'disabled'],
      ]);
      expect((await bChanges.waitFor(1)).map((c) => [c.guildId, c.action])).toEqual([[g2, 'enabled']]);
      // A later change of g2 arrives after anything of g1 would have: b still saw only g2.
      await writeSide.commandBus.execute(disable(g2));
      expect((await bChanges.waitFor(2)).map((c) => c.guildId)).toEqual([g2, g2]);
      expect(aChanges.items).toHaveLength(2);
    });
  });

  describe('guilds:add', () => {
    it('adds a guild to a running connection: its snapshot in the ack, then its events and changes', async () => {
      const joined = '1234567890123456811';
      const socket = await connected(botA());
      const changes = recorder<ModuleChangeMessage>(socket, 'module:change');
      const kick = { ...exampleKick, id: exampleUuid(8001), guildId: joined };
      const before = (await socket.timeout(5000).emitWithAck('to-backend', [kick])) as ToBackendAck;
      expect(before).toMatchObject({ ok: true, accepted: 0, rejected: [{ index: 0 }] });
      await writeSide.commandBus.execute(
        new EnableModule({ guildId: joined, moduleId: 'welcome', actor, config: exampleWelcomeConfig }),
      );

      const added = await socket.timeout(5000).emitWithAck('guilds:add', [joined]);
      expect(added).toMatchObject({
        ok: true,
        guildIds: [guildA, joined],
        snapshot: {
          guilds: [{ guildId: joined, version: 1, modules: [{ moduleId: 'welcome', enabled: true }] }],
        },
      });
      expect(await socket.timeout(5000).emitWithAck('to-backend', [kick])).toEqual({
        ok: true,
        accepted: 1,
        duplicates: 0,
        rejected: [],
      });
      await writeSide.commandBus.execute(new DisableModule({ guildId: joined, moduleId: 'welcome', actor }));
      // The enable may or may not be streamed too (it is in the snapshot either way); the disable must be.
      let seen = await changes.waitFor(1);
      if (seen.at(-1)?.action !== 'disabled') seen = await changes.waitFor(2);
      expect(seen.map((c) => [c.guildId, c.action]).at(-1)).toEqual([joined, 'disabled']);
      expect(await socket.timeout(5000).emitWithAck('guilds:add', ['nope'])).toEqual({
        ok: false,
        error: {
          code: 'INVALID_GUILDS',
          message: 'guilds:add expects an array of guild ids (snowflake strings) and an ack callback',
        },
      });
    });
  });

  describe('startGateway', () => {
    it('rejects when the port is taken', async () => {
      await expect(
        startGateway({
          port: gateway.port,
          eventStore: store,
          credentials: botCredentialsFromTokens(TOKENS),
          logger: pino({ level: 'silent' }),
        }),
      ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    });
  });

  describe('HTTP endpoints', () => {
    it('reports health and Prometheus metrics', async () => {
      const health = await fetch(`${gateway.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', eventStore: 'reachable' });
      const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
      expect(metrics).toContain('gateway_events_accepted_total{type="GUILD_BAN_ADD"} 1');
      expect(metrics).toContain('gateway_events_duplicate_total{type="GUILD_BAN_ADD"} 1');
      expect(metrics).toMatch(/gateway_events_rejected_total\{type="invalid"\} [1-9]/);
      expect(metrics).toContain('gateway_append_duration_seconds_count');
      expect(metrics).toMatch(/gateway_connected_bots \d/);
      expect((await fetch(`${gateway.url}/nope`)).status).toBe(404);
    });
  });
});
