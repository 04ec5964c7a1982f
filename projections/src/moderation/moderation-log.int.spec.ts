import type { RecordedEvent, SqliteEventStore } from '@guildscope/write-side';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { PgliteReadDb } from '../read-db/pglite-read-db.adapter.js';
import type { ReadDb } from '../read-db/read-db.port.js';
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
import { freshReadModel, projectAll } from '../testing/read-model.harness.js';
import { moderationLogProjection } from './moderation-log.projection.js';

const MOD = userId(900);
const ALICE = userId(1);
const BOB = userId(2);

describe('moderation-log projection', () => {
  let root: ReadDb;
  let db: ReadDb;
  let store: SqliteEventStore;
  let closeStore: () => Promise<void>;

  beforeAll(async () => {
    root = await PgliteReadDb.open({ dataDir: 'memory' });
  });
  afterAll(async () => {
    await root.close();
  });
  beforeEach(async () => {
    await closeStore?.();
    const opened = await openTempEventStore();
    store = opened.store;
    closeStore = opened.close;
    db = await freshReadModel(root, 'mod');
  });
  afterAll(async () => {
    await closeStore?.();
  });

  const log = async (guildId = GUILD_A) =>
    (
      await db.query<Record<string, unknown>>(
        `SELECT entry_id, action, target_user_id, moderator_id, reason, deleted_by_certainty, message_count, event_id,
           stream_id, revision, position, matched_event_id, audit_log_action
         FROM moderation_log WHERE guild_id = $1 ORDER BY occurred_at, entry_id`,
        [guildId],
      )
    ).rows;

  describe('given a ban with its moderator', () => {
    it('then the log has one ban row pointing back to its event (stream, revision, id, position)', async () => {
      const ban = botEvent.ban(GUILD_A, T0, ALICE, MOD, 'spam');
      await appendBotEvents(store, [ban]);
      await projectAll(store, db, [moderationLogProjection()]);
      expect(await log()).toEqual([
        expect.objectContaining({
          entry_id: ban.id,
          action: 'ban',
          target_user_id: ALICE,
          moderator_id: MOD,
          reason: 'spam',
          event_id: ban.id,
          stream_id: `guild-${GUILD_A}`,
          revision: 0,
          position: '1',
          matched_event_id: null,
        }),
      ]);
    });
  });

  describe('given a member removal without kick info', () => {
    it('when an audit-log MEMBER_KICK for the same member follows within 10 s, then it becomes a kick by that moderator', async () => {
      const leave = botEvent.leave(GUILD_A, T0, ALICE);
      const kick = botEvent.audit(GUILD_A, T0 + 3 * SECOND, 'MEMBER_KICK', MOD, ALICE, { reason: 'rude' });
      await appendBotEvents(store, [leave, kick]);
      await projectAll(store, db, [moderationLogProjection()]);
      expect(await log()).toEqual([
        expect.objectContaining({
          entry_id: leave.id,
          action: 'kick',
          moderator_id: MOD,
          reason: 'rude',
          matched_event_id: kick.id,
          audit_log_action: 'MEMBER_KICK',
        }),
      ]);
    });

    it('when the audit-log entry arrives first (earlier in the log), the removal still merges into one kick', async () => {
      const kick = botEvent.audit(GUILD_A, T0 - 2 * SECOND, 'MEMBER_KICK', MOD, ALICE);
      const leave = botEvent.leave(GUILD_A, T0, ALICE);
      await appendBotEvents(store, [kick, leave]);
      await projectAll(store, db, [moderationLogProjection()]);
      expect(await log()).toEqual([
        expect.objectContaining({
          entry_id: kick.id,
          action: 'kick',
          moderator_id: MOD,
          matched_event_id: leave.id,
        }),
      ]);
    });

    it('when the two arrive in different batches, the result is the same kick', async () => {
      const leave = botEvent.leave(GUILD_A, T0, ALICE);
      const other = botEvent.leave(GUILD_A, T0 + SECOND, BOB);
      const kick = botEvent.audit(GUILD_A, T0 + 4 * SECOND, 'MEMBER_KICK', MOD, ALICE);
      await appendBotEvents(store, [leave, other, kick]);
      await projectAll(store, db, [moderationLogProjection()], { batchSize: 1 });
      const rows = await log();
      expect(rows).toEqual([
        expect.objectContaining({
          entry_id: leave.id,
          action: 'kick',
          moderator_id: MOD,
          matched_event_id: kick.id,
        }),
        expect.objectContaining({ entry_id: other.id, action: 'leave', moderator_id: null }),
      ]);
    });

    it('when no audit-log entry comes within the window, it stays a leave and a late entry is a separate kick', async () => {
      const leave = botEvent.leave(GUILD_A, T0, ALICE);
      const lateKick = botEvent.audit(GUILD_A, T0 + 60 * SECOND, 'MEMBER_KICK', MOD, ALICE);
      await appendBotEvents(store, [leave, lateKick]);
      await projectAll(store, db, [moderationLogProjection()]);
      expect((await log()).map((r) => [r.entry_id, r.action])).toEqual([
        [leave.id, 'leave'],
        [lateKick.id, 'kick'],
      ]);
    });
  });

  describe('given a ban without moderator', () => {
    it('when the MEMBER_BAN_ADD audit entry follows, then the ban gets its moderator and no second row', async () => {
      const ban = botEvent.ban(GUILD_A, T0, ALICE, null);
      const entry = botEvent.audit(GUILD_A, T0 + SECOND, 'MEMBER_BAN_ADD', MOD, ALICE, { reason: 'raid' });
      await appendBotEvents(store, [ban, entry]);
      await projectAll(store, db, [moderationLogProjection()]);
      expect(await log()).toEqual([
        expect.objectContaining({
          entry_id: ban.id,
          action: 'ban',
          moderator_id: MOD,
          reason: 'raid',
          matched_event_id: entry.id,
        }),
      ]);
    });
  });

  describe('given the other moderation events', () => {
    it('then each becomes a row with its action, certainty and counts, per guild', async () => {
      const events = [
        botEvent.unban(GUILD_A, T0, ALICE, MOD),
        botEvent.audit(GUILD_A, T0 + 1 * SECOND, 'MEMBER_TIMEOUT_ADD', MOD, BOB),
        botEvent.audit(GUILD_A, T0 + 2 * SECOND, 'MEMBER_UPDATE', MOD, BOB, {
          changes: [
            { key: 'communication_disabled_until', oldValue: '2026-03-02T00:00:00.000Z', newValue: null },
          ],
        }),
        botEvent.messageDelete(GUILD_A, T0 + 3 * SECOND, BOB, { userId: MOD, certainty: 'likely' }),
        botEvent.messageDelete(GUILD_A, T0 + 4 * SECOND, BOB),
        botEvent.bulkDelete(GUILD_A, T0 + 5 * SECOND, 3, MOD),
        botEvent.discordAutomod(GUILD_A, T0 + 6 * SECOND, BOB),
        botEvent.botAutomod(GUILD_A, T0 + 7 * SECOND, BOB),
        botEvent.audit(GUILD_A, T0 + 8 * SECOND, 'CHANNEL_CREATE', MOD),
        botEvent.ban(GUILD_B, T0, ALICE, MOD),
      ];
      await appendBotEvents(store, events);
      await projectAll(store, db, [moderationLogProjection()]);
      expect(
        (await log()).map((r) => [r.action, r.moderator_id, r.deleted_by_certainty, r.message_count]),
      ).toEqual([
        ['unban', MOD, null, null],
        ['timeout_add', MOD, null, null],
        ['timeout_remove', MOD, null, null],
        ['message_delete', MOD, 'likely', 1],
        ['message_delete', null, 'unknown', 1],
        ['message_bulk_delete', MOD, null, 3],
        ['automod_discord', null, null, null],
        ['automod_bot', null, null, null],
        ['audit_log', MOD, null, null],
      ]);
      expect((await log(GUILD_B)).map((r) => r.action)).toEqual(['ban']);
    });

    it('then the same audit-log entry reported twice (two bots) gives one row', async () => {
      const entry = botEvent.audit(GUILD_A, T0, 'MEMBER_TIMEOUT_ADD', MOD, BOB);
      const again = { ...entry, id: botEvent.ban(GUILD_A, T0, ALICE, null).id };
      await appendBotEvents(store, [entry, again]);
      await projectAll(store, db, [moderationLogProjection()]);
      expect((await log()).map((r) => r.entry_id)).toEqual([entry.id]);
    });
  });

  describe('when a batch is applied twice', () => {
    it('then nothing changes (replay-safe)', async () => {
      await appendBotEvents(store, [
        botEvent.leave(GUILD_A, T0, ALICE),
        botEvent.audit(GUILD_A, T0 + SECOND, 'MEMBER_KICK', MOD, ALICE),
        botEvent.messageDelete(GUILD_A, T0 + 2 * SECOND, BOB),
      ]);
      await projectAll(store, db, [moderationLogProjection()]);
      const before = await log();
      const events: RecordedEvent[] = [];
      for await (const e of store.readAll()) events.push(e);
      await db.transaction((trx) => moderationLogProjection().apply(trx, events));
      expect(await log()).toEqual(before);
    });
  });
});
