import type { BotEvent } from '@guildscope/contracts';
import type { SqliteEventStore } from '@guildscope/write-side';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { applyRetention } from '../activity/activity.retention.js';
import {
  fakeSnowflake,
  memberActivitySnapshotEvent,
  metricsSnapshotEvent,
  prng,
} from '../activity/activity-snapshot.fixtures.js';
import { migrate } from '../migrations/migrate.js';
import { allProjections } from '../projections.registry.js';
import { PgliteReadDb } from '../read-db/pglite-read-db.adapter.js';
import { freshSchemaName } from '../read-db/read-db.contract.js';
import type { ReadDb } from '../read-db/read-db.port.js';
import {
  appendBotEvents,
  botEvent,
  DAY,
  GUILD_A,
  GUILD_B,
  HOUR,
  MINUTE,
  openTempEventStore,
  SECOND,
  T0,
  userId,
} from '../testing/guild-events.fixture.js';
import { projectAll } from '../testing/read-model.harness.js';
import { buildSchema, rebuild, verify } from './rebuild.js';
import { diffSchemas } from './schema-diff.js';

const MOD = userId(900);

/** Index names and definitions of a schema, the schema name left out. */
async function indexesOf(db: ReadDb): Promise<string[]> {
  const { rows } = await db.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, replace(indexdef, schemaname || '.', '') AS definition
     FROM pg_indexes WHERE schemaname = $1 ORDER BY indexname`,
    [db.schema],
  );
  return rows.flatMap((r) => [r.name, r.definition]);
}

/** A log touching every read model of this workspace. */
function scenario(): BotEvent[] {
  const events: BotEvent[] = [
    botEvent.guildCreate(GUILD_A, T0, 'Alpha'),
    botEvent.guildCreate(GUILD_B, T0, 'Beta'),
    botEvent.inviteCreate(GUILD_A, T0 + MINUTE, 'abc', userId(10)),
  ];
  for (let i = 0; i < 40; i++) {
    const user = userId(100 + i);
    const at = T0 + (i + 2) * MINUTE;
    events.push(
      botEvent.join(GUILD_A, at, user, { class: 'invite', code: 'abc', inviterId: userId(10), uses: i + 1 }),
    );
    if (i % 3 === 0) events.push(botEvent.leave(GUILD_A, at + 30 * SECOND, user, { roles: [] }));
    if (i % 6 === 0) events.push(botEvent.audit(GUILD_A, at + 32 * SECOND, 'MEMBER_KICK', MOD, user));
    if (i % 5 === 0) events.push(botEvent.ban(GUILD_B, at, user, i % 10 === 0 ? null : MOD));
    if (i % 7 === 0) events.push(botEvent.messageDelete(GUILD_B, at, user));
  }
  events.push(botEvent.guildUpdate(GUILD_A, T0 + 3 * MINUTE, { name: { old: 'Alpha', new: 'Alpha 2' } }));
  return events;
}

describe('rebuild and verify', () => {
  let root: ReadDb;
  let store: SqliteEventStore;
  let closeStore: () => Promise<void>;

  beforeAll(async () => {
    root = await PgliteReadDb.open({ dataDir: 'memory' });
    const opened = await openTempEventStore();
    store = opened.store;
    closeStore = opened.close;
    await appendBotEvents(store, scenario());
  }, 60_000);
  afterAll(async () => {
    await closeStore();
    await root.close();
  });

  it('replaying the whole log twice gives identical tables', async () => {
    const a = freshSchemaName('replay_a');
    const b = freshSchemaName('replay_b');
    await buildSchema({
      eventStore: store,
      db: root,
      schema: a,
      projections: allProjections(),
      batchSize: 7,
    });
    await buildSchema({
      eventStore: store,
      db: root,
      schema: b,
      projections: allProjections(),
      batchSize: 500,
    });
    expect(await diffSchemas(root, a, b)).toEqual([]);
    const rows = await root
      .withSchema(a)
      .query<{ n: number }>('SELECT count(*)::int AS n FROM moderation_log');
    expect(rows.rows[0]?.n).toBeGreaterThan(10);
  }, 60_000);

  it('verify passes on a correct live schema and names the table and rows that differ after tampering', async () => {
    const live = root.withSchema(freshSchemaName('live'));
    await migrate(live);
    await projectAll(store, live, allProjections());
    expect((await verify({ eventStore: store, db: live, projections: allProjections() })).ok).toBe(true);

    await live.query(`UPDATE moderation_log SET moderator_id = NULL WHERE action = 'kick'`);
    const result = await verify({ eventStore: store, db: live, projections: allProjections() });
    expect(result.ok).toBe(false);
    expect(result.differences.map((d) => d.table)).toEqual(['moderation_log']);
    expect(result.differences[0]?.onlyInLive).toBeGreaterThan(0);
    expect(result.differences[0]?.samplesOnlyInRebuilt[0]?.moderator_id).toBe(MOD);
    // The scratch schema is gone.
    const schemas = await root.query(`SELECT 1 FROM information_schema.schemata WHERE schema_name LIKE $1`, [
      `${live.schema}_verify_%`,
    ]);
    expect(schemas.rows).toEqual([]);
  }, 60_000);

  it('verify and rebuild apply the retention the live schema went through: raw rows dropped, no difference', async () => {
    const opened = await openTempEventStore();
    try {
      const day0 = Date.UTC(2026, 0, 1);
      const users = Array.from({ length: 5 }, (_, i) => fakeSnowflake(2, 0, i));
      const channels = Array.from({ length: 3 }, (_, i) => fakeSnowflake(3, 0, i));
      const random = prng(3);
      for (let t = day0; t < day0 + 4 * DAY; t += 6 * HOUR) {
        const { event } = metricsSnapshotEvent({
          guildId: GUILD_A,
          periodStart: t,
          userIds: users,
          channelIds: channels,
          random,
        });
        const detail = memberActivitySnapshotEvent(GUILD_A, t, 5 * MINUTE, [
          {
            userId: users[0] as string,
            messagesByChannel: { [channels[0] as string]: 2 },
            voiceByChannel: {},
            sessions: 0,
            added: 1,
            received: 0,
            lastSeen: t + MINUTE,
          },
        ]);
        await opened.store.append(`guild-${GUILD_A}`, [event, detail]);
      }
      const live = root.withSchema(freshSchemaName('retained'));
      await migrate(live);
      await projectAll(opened.store, live, allProjections());
      const outcome = await applyRetention(live, { rawDays: 2, now: new Date(day0 + 4 * DAY + HOUR) });
      expect(outcome.droppedChunks).toBeGreaterThan(0);
      const raw = async () =>
        (
          await live.query<{ n: number }>('SELECT count(*)::int AS n FROM activity_snapshot WHERE ts < $1', [
            outcome.cutoff,
          ])
        ).rows[0]?.n;
      expect(await raw()).toBe(0);

      const verified = await verify({ eventStore: opened.store, db: live, projections: allProjections() });
      expect(verified.differences).toEqual([]);
      await rebuild({ eventStore: opened.store, db: live, projections: allProjections() });
      expect(await raw()).toBe(0);
      expect((await verify({ eventStore: opened.store, db: live, projections: allProjections() })).ok).toBe(
        true,
      );
    } finally {
      await opened.close();
    }
  }, 120_000);

  it('rebuild switches the live schema to freshly built tables, keeping API tokens', async () => {
    const live = root.withSchema(freshSchemaName('live'));
    await migrate(live);
    await projectAll(store, live, allProjections());
    await live.query(`DELETE FROM moderation_log`);
    await live.query(`INSERT INTO api_tokens (id, role, token_hash) VALUES ('t1', 'admin', 'h1')`);
    const progress: string[] = [];
    await rebuild({
      eventStore: store,
      db: live,
      projections: allProjections(),
      onProgress: (p) => progress.push(p.state),
    });
    expect(progress).toContain('caught-up');
    expect((await verify({ eventStore: store, db: live, projections: allProjections() })).ok).toBe(true);
    expect((await live.query('SELECT id FROM api_tokens')).rows).toEqual([{ id: 't1' }]);
    // The read indexes left out during the replay are back, as the migrations define them.
    const migrated = root.withSchema(freshSchemaName('migrated'));
    await migrate(migrated);
    const liveIndexes = await indexesOf(live);
    expect(liveIndexes).toContain('moderation_log_guild_time_idx');
    expect(liveIndexes).toEqual(await indexesOf(migrated));
  }, 60_000);

  it('refuses to defer a read index that does not exist or is a unique constraint', async () => {
    const buildDeclaring = (readIndexes: string[]) =>
      buildSchema({
        eventStore: store,
        db: root,
        schema: freshSchemaName('misdeclared'),
        projections: allProjections().map((p) => (p.name === 'members' ? { ...p, readIndexes } : p)),
      });
    await expect(buildDeclaring(['members_guild_presnt_idx'])).rejects.toThrow(
      /Read index "members_guild_presnt_idx" does not exist/,
    );
    await expect(buildDeclaring(['members_pkey'])).rejects.toThrow(/Read index "members_pkey" is unique/);
  }, 60_000);

  it('rebuild of one projection replays it alone and keeps the others as they are', async () => {
    const live = root.withSchema(freshSchemaName('live'));
    await migrate(live);
    await projectAll(store, live, allProjections());
    await live.query(`DELETE FROM moderation_log`);
    await live.query(`UPDATE guilds SET name = 'tampered'`);
    await rebuild({ eventStore: store, db: live, projections: allProjections(), only: 'moderation-log' });
    expect(
      (await live.query<{ n: number }>('SELECT count(*)::int AS n FROM moderation_log')).rows[0]?.n,
    ).toBeGreaterThan(10);
    expect((await live.query('SELECT DISTINCT name FROM guilds')).rows).toEqual([{ name: 'tampered' }]);
  }, 60_000);

  it('refuses to rebuild an unknown projection', async () => {
    await expect(
      rebuild({ eventStore: store, db: root, projections: allProjections(), only: 'nope' }),
    ).rejects.toThrow(/Unknown projection "nope": expected one of guilds, moderation-log/);
  });
});
