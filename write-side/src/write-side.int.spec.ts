import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Actor,
  ConflictError,
  exampleAutomodConfig,
  exampleBan,
  exampleIds,
  exampleKick,
  exampleUuid,
  exampleWelcomeConfig,
  guildStream,
  moduleConfigStream,
  RuleViolationError,
  SCHEMA_VERSION,
  ValidationError,
} from '@guildscope/contracts';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BotEventRecorder } from './bot-events/bot-event.recorder.js';
import { RecordBotEvents } from './bot-events/record-bot-events.command.js';
import { parsePosition } from './event-store/event-store.port.js';
import { SqliteEventStore } from './event-store/sqlite/sqlite-event-store.adapter.js';
import {
  DisableModule,
  EnableModule,
  ResetModule,
  UpdateModuleConfig,
} from './module-config/module-config.commands.js';
import type { ModuleConfigChange } from './module-config/module-config.feed.js';
import { GetModuleConfigs } from './module-config/module-configs.query.js';
import { createWriteSide, type WriteSide } from './write-side.context.js';

const actor: Actor = { type: 'api-token', id: 'tok_admin' };
const otherGuild = '1234567890123456789';
const thirdGuild = '1234567890123456790';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function take(feed: AsyncIterable<ModuleConfigChange>, n: number): Promise<ModuleConfigChange[]> {
  const out: ModuleConfigChange[] = [];
  if (n === 0) return out;
  for await (const change of feed) {
    out.push(change);
    if (out.length === n) break;
  }
  return out;
}

describe('write side on the SQLite event store', () => {
  let dir: string;
  let store: SqliteEventStore;
  let writeSide: WriteSide;
  const now = new Date('2025-10-01T12:30:00.000Z');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'write-side-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db') });
    writeSide = await createWriteSide({ eventStore: store, clock: () => now });
  });

  afterAll(async () => {
    await writeSide?.close();
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('RecordBotEvents', () => {
    it('appends each event to its guild stream with the metadata, and a retry stores nothing twice', async () => {
      const other = { ...exampleKick, id: exampleUuid(901), guildId: otherGuild };
      const batch = [exampleBan, other, exampleKick];
      const first = await writeSide.commandBus.execute(new RecordBotEvents('bot-a', 3, batch));
      expect(first).toEqual({ outcomes: ['accepted', 'accepted', 'accepted'], accepted: 3, duplicates: 0 });

      const stored = await collect(store.readStream(guildStream(exampleIds.guild)));
      expect(stored.map((e) => [e.id, e.type])).toEqual([
        [exampleBan.id, 'GUILD_BAN_ADD'],
        [exampleKick.id, 'GUILD_MEMBER_REMOVE'],
      ]);
      expect(stored[0]?.data).toEqual(exampleBan);
      expect(stored[0]?.metadata).toEqual({
        eventId: exampleBan.id,
        botId: 'bot-a',
        shardId: 3,
        occurredAt: exampleBan.timestamp,
        receivedAt: now.getTime(),
        schemaVersion: SCHEMA_VERSION,
      });
      expect((await collect(store.readStream(guildStream(otherGuild)))).map((e) => e.id)).toEqual([other.id]);

      // The bot did not get the ack and sends the batch again, with one new event and one repeated twice.
      const fresh = { ...exampleBan, id: exampleUuid(902) };
      const retry = await writeSide.commandBus.execute(
        new RecordBotEvents('bot-a', 3, [exampleBan, fresh, other, fresh]),
      );
      expect(retry).toEqual({
        outcomes: ['duplicate', 'accepted', 'duplicate', 'duplicate'],
        accepted: 1,
        duplicates: 3,
      });
      expect(await store.streamRevision(guildStream(exampleIds.guild))).toBe(2);
      expect(await store.streamRevision(guildStream(otherGuild))).toBe(0);
    });
  });

  describe('BotEventRecorder (group commit)', () => {
    it('records batches handed in together, in order, each with its own outcomes', async () => {
      const recorder = new BotEventRecorder(store, () => now);
      const shared = { ...exampleBan, id: exampleUuid(950) };
      const fromA = { ...exampleKick, id: exampleUuid(951) };
      const fromB = { ...exampleKick, id: exampleUuid(952), guildId: otherGuild };
      const before = await store.headPosition();
      const [a, b] = await Promise.all([
        recorder.record({ botId: 'bot-a', shardId: 0, events: [shared, fromA] }),
        recorder.record({ botId: 'bot-b', shardId: 1, events: [fromB, shared] }),
      ]);
      expect(a).toEqual({ outcomes: ['accepted', 'accepted'], accepted: 2, duplicates: 0 });
      // The same event id sent by two connections at once is stored once.
      expect(b).toEqual({ outcomes: ['accepted', 'duplicate'], accepted: 1, duplicates: 1 });
      const after = await store.headPosition();
      expect(Number(after?.commit) - Number(before?.commit)).toBe(3);
      const stored = await collect(store.readAll({ after: before ?? undefined }));
      expect(stored.map((e) => [e.id, e.metadata.botId])).toEqual([
        [shared.id, 'bot-a'],
        [fromA.id, 'bot-a'],
        [fromB.id, 'bot-b'],
      ]);
    });
  });

  describe('module configuration', () => {
    it('enables, updates, disables and resets a module through the command bus, versioned', async () => {
      const g = thirdGuild;
      const enabled = await writeSide.commandBus.execute(
        new EnableModule({
          guildId: g,
          moduleId: 'welcome',
          actor,
          config: exampleWelcomeConfig,
          expectedVersion: 0,
        }),
      );
      expect(enabled).toMatchObject({ guildId: g, version: 1, events: ['ModuleEnabled'] });
      const changed = { ...exampleWelcomeConfig, message: 'Bienvenue {user} !' };
      const updated = await writeSide.commandBus.execute(
        new UpdateModuleConfig({
          guildId: g,
          moduleId: 'welcome',
          actor,
          config: changed,
          expectedVersion: 1,
        }),
      );
      expect(updated).toMatchObject({ version: 2, events: ['ModuleConfigUpdated'] });
      const same = await writeSide.commandBus.execute(
        new UpdateModuleConfig({ guildId: g, moduleId: 'welcome', actor, config: changed }),
      );
      expect(same).toEqual({ guildId: g, version: 2, events: [], position: null });

      const snapshot = await writeSide.queryBus.execute(new GetModuleConfigs([g]));
      expect(snapshot.guilds).toEqual([
        { guildId: g, version: 2, modules: [{ moduleId: 'welcome', enabled: true, config: changed }] },
      ]);
      expect(snapshot.position).toBe(updated.position);

      await writeSide.commandBus.execute(new DisableModule({ guildId: g, moduleId: 'welcome', actor }));
      await expect(
        writeSide.commandBus.execute(new DisableModule({ guildId: g, moduleId: 'welcome', actor })),
      ).rejects.toBeInstanceOf(RuleViolationError);
      await writeSide.commandBus.execute(new ResetModule({ guildId: g, moduleId: 'welcome', actor }));
      const stored = await collect(store.readStream(moduleConfigStream(g)));
      expect(stored.map((e) => e.type)).toEqual([
        'ModuleEnabled',
        'ModuleConfigUpdated',
        'ModuleDisabled',
        'ModuleReset',
      ]);
      expect(stored[0]?.data).toEqual({
        guildId: g,
        moduleId: 'welcome',
        actor,
        at: now.toISOString(),
        config: exampleWelcomeConfig,
      });
    });

    it('refuses an invalid config with the schema messages and writes nothing', async () => {
      const before = await store.headPosition();
      const error = await writeSide.commandBus
        .execute(
          new EnableModule({ guildId: otherGuild, moduleId: 'automod', actor, config: { rules: 'all' } }),
        )
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.path).toBe('config.rules');
      expect(await store.headPosition()).toEqual(before);
    });

    it('lets one of two concurrent writers with the same expected version win; the other gets the current version', async () => {
      const g = otherGuild;
      await writeSide.commandBus.execute(
        new EnableModule({ guildId: g, moduleId: 'automod', actor, config: exampleAutomodConfig }),
      );
      const version = (await writeSide.queryBus.execute(new GetModuleConfigs([g]))).guilds[0]?.version ?? -1;
      expect(version).toBe(1);
      const configA = { rules: exampleAutomodConfig.rules.slice(0, 1) };
      const configB = { rules: exampleAutomodConfig.rules.slice(1, 2) };
      const results = await Promise.allSettled([
        writeSide.commandBus.execute(
          new UpdateModuleConfig({
            guildId: g,
            moduleId: 'automod',
            actor,
            config: configA,
            expectedVersion: version,
          }),
        ),
        writeSide.commandBus.execute(
          new UpdateModuleConfig({
            guildId: g,
            moduleId: 'automod',
            actor,
            config: configB,
            expectedVersion: version,
          }),
        ),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]?.reason).toBeInstanceOf(ConflictError);
      expect(lost[0]?.reason).toMatchObject({
        category: 'conflict',
        streamId: moduleConfigStream(g),
        expectedVersion: 1,
        currentVersion: 2,
      });
      expect(await store.streamRevision(moduleConfigStream(g))).toBe(1);
    });
  });

  describe('the change feed', () => {
    it('catches up from a position, then delivers live changes of the chosen guilds only', async () => {
      const feedGuild = '1234567890123456791';
      const start = await writeSide.queryBus.execute(new GetModuleConfigs([feedGuild]));
      const feed = writeSide.configChanges({
        after: start.position === null ? undefined : parsePosition(start.position),
        guildIds: new Set([feedGuild]),
      });
      await writeSide.commandBus.execute(
        new EnableModule({ guildId: feedGuild, moduleId: 'welcome', actor, config: exampleWelcomeConfig }),
      );
      await writeSide.commandBus.execute(new ResetModule({ guildId: feedGuild, moduleId: 'welcome', actor }));
      const caughtUp = take(feed, 3);
      // A live change made while the feed waits, and another guild's change it must not see.
      await writeSide.commandBus.execute(
        new EnableModule({ guildId: otherGuild, moduleId: 'welcome', actor, config: exampleWelcomeConfig }),
      );
      const live = await writeSide.commandBus.execute(
        new UpdateModuleConfig({
          guildId: feedGuild,
          moduleId: 'welcome',
          actor,
          config: exampleWelcomeConfig,
          enable: true,
        }),
      );
      const changes = await caughtUp;
      feed.stop();
      expect(changes.map((c) => [c.change.guildId, c.change.action, c.version])).toEqual([
        [feedGuild, 'enabled', 1],
        [feedGuild, 'reset', 2],
        [feedGuild, 'enabled', 3],
      ]);
      expect(changes[0]?.change).toEqual({
        guildId: feedGuild,
        moduleId: 'welcome',
        action: 'enabled',
        config: exampleWelcomeConfig,
        timestamp: now.getTime(),
        position: changes[0]?.change.position,
      });
      expect(changes[2]?.change.position).toBe(live.position);
    });

    it('shares one watch of the log between feeds: changes from another process reach each feed, and the log is scanned once per poll, not once per feed', async () => {
      // This process: a write side whose store counts the log reads; the other process: its own store
      // and write side on the same file (its commands do not wake our feeds: they are found by polling).
      let reads = 0;
      const counted = new Proxy(store, {
        get(target, property) {
          if (property === 'readAll') reads++;
          const value = Reflect.get(target, property, target) as unknown;
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const here = await createWriteSide({ eventStore: counted, clock: () => now });
      const otherStore = new SqliteEventStore({ path: join(dir, 'events.db') });
      const other = await createWriteSide({ eventStore: otherStore, clock: () => now });
      const guilds = ['1234567890123456801', '1234567890123456802', '1234567890123456803'];
      const head = await store.headPosition();
      const feeds = guilds.map((g) =>
        here.configChanges({ ...(head ? { after: head } : {}), guildIds: new Set([g]) }),
      );
      try {
        const received = feeds.map((feed) => take(feed, 1));
        // Let every feed catch up and start waiting on the watch, then measure the reads while bot events flow.
        await new Promise((resolve) => setTimeout(resolve, 300));
        const readsBefore = reads;
        const pollsStarted = Date.now();
        for (let i = 0; i < 10; i++) {
          await other.commandBus.execute(
            new RecordBotEvents('bot-2', 0, [
              { ...exampleBan, id: exampleUuid(900 + i), guildId: otherGuild },
            ]),
          );
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        for (const g of guilds)
          await other.commandBus.execute(
            new EnableModule({ guildId: g, moduleId: 'welcome', actor, config: exampleWelcomeConfig }),
          );
        const changes = await Promise.all(received);
        const polls = (Date.now() - pollsStarted) / 100; // the watch polls every 100 ms
        expect(changes.map(([c]) => [c?.change.guildId, c?.change.action])).toEqual(
          guilds.map((g) => [g, 'enabled']),
        );
        // One scan per poll for the 3 feeds (plus a read by each feed once the change is seen), where
        // each feed scanning by itself would read 3 times per poll.
        expect(reads - readsBefore).toBeLessThanOrEqual(Math.ceil(polls) + 2 + guilds.length);
      } finally {
        for (const feed of feeds) feed.stop();
        await here.close();
        await other.close();
        await otherStore.close();
      }
    });
  });
});
