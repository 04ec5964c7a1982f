import { randomUUID } from 'node:crypto';
import type { BotEvent } from '@guildscope/contracts';
import type { RecordedEvent } from '@guildscope/write-side';
import { describe, expect, it } from '@jest/globals';
import type { ReadDb } from '../read-db/read-db.port.js';
import {
  appendBotEvents,
  botEvent,
  DAY,
  GUILD_A,
  MINUTE,
  T0,
  userId,
} from '../testing/guild-events.fixture.js';
import { applyBatch, useReadModelTestbed } from '../testing/read-model.harness.js';
import { activity, membersSync, metrics } from './member-events.fixture.js';
import { membersProjection } from './members.projection.js';

const TABLES = {
  members: 'guild_id, user_id',
  member_presence_events: 'event_id',
  guild_member_counts: 'guild_id',
  member_list_chunks: 'sync_id, chunk_index',
} as const;

/** Every table of the members projection, rows in key order. */
async function dump(db: ReadDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, key] of Object.entries(TABLES))
    out[table] = (await db.query(`SELECT * FROM ${table} ORDER BY ${key}`)).rows;
  return out;
}

/** Every way to cut `events` into consecutive batches (2^(n-1) of them). */
function* splits<T>(events: readonly T[]): Generator<T[][]> {
  for (let mask = 0; mask < 2 ** (events.length - 1); mask++) {
    const batches: T[][] = [[]];
    events.forEach((e, i) => {
      (batches.at(-1) as T[]).push(e);
      if (i < events.length - 1 && mask & (2 ** i)) batches.push([]);
    });
    yield batches;
  }
}

const [u1, u2, u3, u4] = [userId(1), userId(2), userId(3), userId(4)];

/** A join whose event says the account is not a bot and gives its discriminator and avatar. */
function joinWithIdentity(at: number, user: string, username: string): BotEvent {
  const join = botEvent.join(GUILD_A, at, user, { class: 'unknown' }, username);
  return { ...join, data: { ...join.data, discriminator: '0', avatar: `av-${username}` } };
}

describe('members read model and batch boundaries', () => {
  const bed = useReadModelTestbed('mb');

  async function recorded(events: readonly BotEvent[]): Promise<RecordedEvent[]> {
    await appendBotEvents(bed.store, events);
    const out: RecordedEvent[] = [];
    for await (const e of bed.store.readAll()) out.push(e);
    return out;
  }

  /** Projects `events` in every split into batches; each result must equal the one-batch result. */
  async function expectSameInEverySplit(events: readonly RecordedEvent[]) {
    const projection = membersProjection();
    const results: string[] = [];
    let first: Record<string, unknown[]> | undefined;
    for (const batches of splits(events)) {
      await bed.db.exec(`TRUNCATE ${Object.keys(TABLES).join(', ')}`);
      for (const batch of batches) await applyBatch(bed.db, projection, batch);
      const tables = await dump(bed.db);
      first ??= tables;
      results.push(JSON.stringify(tables));
      expect({ split: batches.map((b) => b.length), tables }).toEqual({
        split: batches.map((b) => b.length),
        tables: first,
      });
    }
    expect(new Set(results).size).toBe(1);
    return first as Record<string, unknown[]>;
  }

  it('given a join and a later leave, then bot and discriminator are what the join said, in one batch or two', async () => {
    const events = await recorded([
      joinWithIdentity(T0, u1, 'one'),
      botEvent.leave(GUILD_A, T0 + 10 * MINUTE, u1),
    ]);
    const tables = await expectSameInEverySplit(events);
    expect(tables.members).toEqual([
      expect.objectContaining({ user_id: u1, is_bot: false, discriminator: '0', avatar: 'av-one' }),
    ]);
  });

  it('given renames, late snapshots, a ban and a rejoin, then every split gives the same members', async () => {
    const events = await recorded([
      joinWithIdentity(T0, u1, 'one'),
      metrics(T0 + 5 * MINUTE, [
        { userId: u1, username: 'one-active' },
        { userId: u2, username: 'old-timer', avatar: 'b1' },
      ]),
      botEvent.leave(GUILD_A, T0 + 10 * MINUTE, u1),
      botEvent.ban(GUILD_A, T0 + 12 * MINUTE, u3, u4),
      activity(T0 + 20 * MINUTE, [
        { userId: u2, username: 'renamed', discriminator: '0042' },
        { userId: u1, username: 'one-late' },
      ]),
      // Delivered late: older than the snapshot above, it must not undo the rename.
      metrics(T0 + 8 * MINUTE, [{ userId: u2, username: 'older-name', avatar: null }]),
      { ...botEvent.join(GUILD_A, T0 + 30 * MINUTE, u1, { class: 'unknown' }, 'one-back') },
    ]);
    const tables = await expectSameInEverySplit(events);
    expect(
      tables.members?.map((m) => {
        const r = m as Record<string, unknown>;
        return [r.user_id, r.username, r.discriminator, r.avatar, r.is_bot, r.presence];
      }),
    ).toEqual([
      [u1, 'one-back', '0', null, false, 'present'],
      [u2, 'renamed', '0042', null, null, 'present'],
      [u3, `user-${u3.slice(-4)}`, null, null, null, 'unknown'],
    ]);
  });

  it('given reports, joins, leaves and a member list in two chunks, then every split gives the same counts and presence', async () => {
    const syncId = randomUUID();
    const events = await recorded([
      botEvent.guildCreate(GUILD_A, T0, 'Alpha'),
      botEvent.join(GUILD_A, T0 + MINUTE, u1),
      // Happened before the report, delivered after it (the bot was still attributing the invite).
      botEvent.join(GUILD_A, T0 - MINUTE, u2),
      membersSync(GUILD_A, T0 + 10 * MINUTE, syncId, { index: 0, count: 2 }, [
        { userId: u1 },
        { userId: u3, bot: true, joinedAt: T0 - 100 * DAY },
      ]),
      botEvent.leave(GUILD_A, T0 + 12 * MINUTE, u1),
      membersSync(GUILD_A, T0 + 10 * MINUTE, syncId, { index: 1, count: 2 }, [{ userId: u4 }]),
      botEvent.guildUpdate(GUILD_A, T0 + 5 * MINUTE, { memberCount: { old: 10, new: 12 } }),
    ]);
    const tables = await expectSameInEverySplit(events);
    expect(
      tables.members?.map((m) => {
        const r = m as Record<string, unknown>;
        return [r.user_id, r.presence, r.is_bot];
      }),
    ).toEqual([
      [u1, 'left', false],
      [u2, 'left', false],
      [u3, 'present', true],
      [u4, 'present', false],
    ]);
    expect(tables.guild_member_counts).toEqual([
      {
        guild_id: GUILD_A,
        reported_count: 12,
        reported_at: new Date(T0 + 5 * MINUTE),
        reported_revision: 6,
        joins_after: 0,
        leaves_after: 1,
        list_synced_at: new Date(T0 + 10 * MINUTE),
      },
    ]);
  });
});
