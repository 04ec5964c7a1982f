import type { RecordedEvent, SqliteEventStore } from '@guildscope/write-side';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { moderationLogProjection } from '../moderation/moderation-log.projection.js';
import { PgliteReadDb } from '../read-db/pglite-read-db.adapter.js';
import { type ReadDb, type SqlExecutor, sendLast } from '../read-db/read-db.port.js';
import {
  appendBotEvents,
  botEvent,
  GUILD_A,
  GUILD_B,
  openTempEventStore,
  SECOND,
  T0,
  userId,
} from '../testing/guild-events.fixture.js';
import { freshReadModel } from '../testing/read-model.harness.js';
import type { Projection } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';

const MOD = userId(900);

/** Where {@link recorder} fails on the poisoned ban: each step of a batch, or a statement it sends last. */
type FailingStep = 'prepare' | 'read' | 'apply' | 'statement';

/**
 * A projection that records what it applied (in memory, and in a `recorded_events` table, committed with
 * the batch) and refuses bans of `poisoned` in `failIn`.
 */
function recorder(
  poisoned?: string,
  failIn: FailingStep = 'apply',
): Projection<void, void> & { seen: string[] } {
  const seen: string[] = [];
  const poisonedIn = (events: readonly RecordedEvent[], step: FailingStep) =>
    step === failIn && events.some((e) => (e.data as { userId?: string }).userId === poisoned);
  const refuse = (events: readonly RecordedEvent[], step: FailingStep) => {
    if (poisonedIn(events, step)) throw new Error('cannot project this ban');
  };
  return {
    name: 'recorder',
    handles: ['GUILD_BAN_ADD'],
    seen,
    prepare: (events) => refuse(events, 'prepare'),
    read: async (_db, events) => refuse(events, 'read'),
    async apply(trx: SqlExecutor, events: readonly RecordedEvent[]) {
      refuse(events, 'apply');
      sendLast(trx, [
        { sql: 'INSERT INTO recorded_events SELECT unnest($1::text[])', params: [events.map((e) => e.id)] },
        ...(poisonedIn(events, 'statement') ? [{ sql: 'SELECT 1 / 0', params: [] }] : []),
      ]);
      seen.push(...events.map((e) => e.id));
    },
  };
}

describe('ProjectionRunner', () => {
  let root: ReadDb;
  let db: ReadDb;
  let store: SqliteEventStore;
  let closeStore: (() => Promise<void>) | undefined;
  let runner: ProjectionRunner | undefined;

  beforeAll(async () => {
    root = await PgliteReadDb.open({ dataDir: 'memory' });
  });
  afterAll(async () => {
    await runner?.stop();
    await closeStore?.();
    await root.close();
  });
  beforeEach(async () => {
    await runner?.stop();
    runner = undefined;
    await closeStore?.();
    const opened = await openTempEventStore();
    store = opened.store;
    closeStore = opened.close;
    db = await freshReadModel(root, 'runner');
    await db.exec('CREATE TABLE recorded_events (event_id text PRIMARY KEY)');
  });

  const recorded = async () =>
    (await db.query<{ event_id: string }>('SELECT event_id FROM recorded_events ORDER BY event_id')).rows.map(
      (r) => r.event_id,
    );

  it('catches up, goes live, and notifies subscribers after each commit', async () => {
    await appendBotEvents(store, [botEvent.ban(GUILD_A, T0, userId(1), MOD)]);
    const added: Array<{ guildId: string; entryId: string; action: string }> = [];
    const commits: Array<{ projection: string; guildIds: string[] }> = [];
    await db.listen('moderation_entry_added', (p) => added.push(JSON.parse(p)));
    await db.listen('guildscope_projection', (p) => commits.push(JSON.parse(p)));
    runner = new ProjectionRunner({ eventStore: store, db, projections: [moderationLogProjection()] });
    runner.start();
    await runner.waitForCatchUp();
    const live = botEvent.ban(GUILD_B, T0 + SECOND, userId(2), MOD);
    await appendBotEvents(store, [live]);
    const [status] = await runner.waitForCatchUp();
    expect(status).toEqual(
      expect.objectContaining({
        name: 'moderation-log',
        state: 'live',
        lag: 0,
        checkpoint: '2',
        error: null,
      }),
    );
    await new Promise((r) => setImmediate(r));
    expect(added.map((a) => [a.guildId, a.action])).toEqual([
      [GUILD_A, 'ban'],
      [GUILD_B, 'ban'],
    ]);
    expect(added[1]?.entryId).toBe(live.id);
    expect(commits.map((c) => c.guildIds)).toEqual([[GUILD_A], [GUILD_B]]);
  });

  it.each<FailingStep>(['apply', 'prepare', 'read', 'statement'])(
    'stops a projection failing in %s at the event, names it, keeps the others running, and shows lag',
    async (step) => {
      const good = botEvent.ban(GUILD_A, T0, userId(1), MOD);
      const bad = botEvent.ban(GUILD_A, T0 + SECOND, userId(66), MOD);
      const after = botEvent.ban(GUILD_A, T0 + 2 * SECOND, userId(3), MOD);
      await appendBotEvents(store, [good, bad, after]);
      const failing = recorder(userId(66), step);
      runner = new ProjectionRunner({
        eventStore: store,
        db,
        projections: [failing, moderationLogProjection()],
      });
      runner.start();
      const status = await runner.waitForCatchUp();
      const rec = status.find((s) => s.name === 'recorder');
      expect(rec?.state).toBe('failed');
      expect(rec?.error?.event).toEqual({
        streamId: `guild-${GUILD_A}`,
        revision: 1,
        id: bad.id,
        type: 'GUILD_BAN_ADD',
        position: '2',
      });
      expect(rec?.error?.message).toMatch(
        /Projection "recorder" stopped at event .* \(GUILD_BAN_ADD, stream guild-\d+ revision 1, position 2\): (cannot project this ban|division by zero)/,
      );
      expect(rec?.checkpoint).toBe('1');
      expect(rec?.lag).toBe(2);
      expect(await recorded()).toEqual([good.id]);
      expect(status.find((s) => s.name === 'moderation-log')).toEqual(
        expect.objectContaining({ state: 'live', lag: 0 }),
      );
    },
  );

  it('resumes from the stored checkpoint after a restart without applying anything twice', async () => {
    await appendBotEvents(store, [botEvent.ban(GUILD_A, T0, userId(1), MOD)]);
    const first = recorder();
    await new ProjectionRunner({ eventStore: store, db, projections: [first], mode: 'catch-up' }).run();
    await appendBotEvents(store, [botEvent.ban(GUILD_A, T0 + SECOND, userId(2), MOD)]);
    const second = recorder();
    await new ProjectionRunner({ eventStore: store, db, projections: [second], mode: 'catch-up' }).run();
    expect(first.seen).toHaveLength(1);
    expect(second.seen).toHaveLength(1);
    expect(second.seen[0]).not.toBe(first.seen[0]);
  });

  it("catches up in batches of the projection's own size unless the runner is given one", async () => {
    await appendBotEvents(
      store,
      Array.from({ length: 7 }, (_, i) => botEvent.ban(GUILD_A, T0 + i * SECOND, userId(i + 1), MOD)),
    );
    const batchesOf = async (options: { batchSize?: number; catchUpBatchSize?: number }) => {
      const sizes: number[] = [];
      const projection: Projection = {
        name: 'sizes',
        handles: ['GUILD_BAN_ADD'],
        catchUpBatchSize: 3,
        async apply(_trx, events) {
          sizes.push(events.length);
        },
      };
      const target = await freshReadModel(root, 'runner');
      await new ProjectionRunner({
        eventStore: store,
        db: target,
        projections: [projection],
        mode: 'catch-up',
        ...options,
      }).run();
      return sizes;
    };
    expect(await batchesOf({})).toEqual([3, 3, 1]);
    expect(await batchesOf({ batchSize: 2 })).toEqual([2, 2, 2, 1]);
    expect(await batchesOf({ batchSize: 2, catchUpBatchSize: 5 })).toEqual([5, 2]);
  });

  it('rolls a batch back when its checkpoint moved after the projection read, and resumes from the stored one', async () => {
    const first = botEvent.ban(GUILD_A, T0, userId(1), MOD);
    const second = botEvent.ban(GUILD_A, T0 + SECOND, userId(2), MOD);
    await appendBotEvents(store, [first, second]);
    let reads = 0;
    const projection: Projection<void, void> = {
      name: 'mover',
      handles: ['GUILD_BAN_ADD'],
      async read(readDb) {
        reads += 1;
        // Meanwhile, another runner applies the first event (its own rows are not ours to write).
        if (reads === 1)
          await readDb.query(
            `INSERT INTO projection_checkpoints (projection, position, events_applied, updated_at)
             VALUES ('mover', '1', 1, now())`,
          );
      },
      async apply(trx, events) {
        sendLast(trx, [
          { sql: 'INSERT INTO recorded_events SELECT unnest($1::text[])', params: [events.map((e) => e.id)] },
        ]);
      },
    };
    const [status] = await new ProjectionRunner({
      eventStore: store,
      db,
      projections: [projection],
      mode: 'catch-up',
    }).run();
    expect(status).toEqual(expect.objectContaining({ state: 'caught-up', checkpoint: '2', error: null }));
    // The batch read before the move wrote nothing; the resumed one applied only what was left.
    expect(await recorded()).toEqual([second.id]);
    expect(reads).toBe(2);
  });

  it('refuses two projections with the same name', () => {
    expect(
      () => new ProjectionRunner({ eventStore: store, db, projections: [recorder(), recorder()] }),
    ).toThrow(/Two projections are named "recorder"/);
  });
});
