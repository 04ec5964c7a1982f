import type { RecordedEvent } from '@guildscope/write-side';
import { describe, expect, it } from '@jest/globals';
import type { ReadDb } from '../read-db/read-db.port.js';
import {
  appendBotEvents,
  botEvent,
  CHANNEL,
  GUILD_A,
  GUILD_B,
  SECOND,
  T0,
  userId,
} from '../testing/guild-events.fixture.js';
import {
  applyBatch,
  freshReadModel,
  projectAll,
  useReadModelTestbed,
} from '../testing/read-model.harness.js';
import { moderationLogProjection } from './moderation-log.projection.js';

const MOD = userId(900);
const ALICE = userId(1);
const BOB = userId(2);

describe('moderation-log projection', () => {
  const bed = useReadModelTestbed('mod');

  const log = async (guildId = GUILD_A) =>
    (
      await bed.db.query<Record<string, unknown>>(
        `SELECT entry_id, action, target_user_id, moderator_id, reason, deleted_by_certainty, message_count, event_id,
           stream_id, revision, position, matched_event_id, audit_log_action
         FROM moderation_log WHERE guild_id = $1 ORDER BY occurred_at, entry_id`,
        [guildId],
      )
    ).rows;

  describe('given a ban with its moderator', () => {
    it('then the log has one ban row pointing back to its event (stream, revision, id, position)', async () => {
      const ban = botEvent.ban(GUILD_A, T0, ALICE, MOD, 'spam');
      await appendBotEvents(bed.store, [ban]);
      await projectAll(bed.store, bed.db, [moderationLogProjection()]);
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
      await appendBotEvents(bed.store, [leave, kick]);
      await projectAll(bed.store, bed.db, [moderationLogProjection()]);
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
      await appendBotEvents(bed.store, [kick, leave]);
      await projectAll(bed.store, bed.db, [moderationLogProjection()]);
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
      await appendBotEvents(bed.store, [leave, other, kick]);
      await projectAll(bed.store, bed.db, [moderationLogProjection()], { batchSize: 1 });
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

    it('when the entry comes batches later but dated before newer rows (a bot catching up), it still merges', async () => {
      const leave = botEvent.leave(GUILD_A, T0, ALICE);
      const later = [1, 2, 3].map((n) => botEvent.leave(GUILD_B, T0 + n * 30 * SECOND, userId(10 + n)));
      const kick = botEvent.audit(GUILD_A, T0 + 2 * SECOND, 'MEMBER_KICK', MOD, ALICE);
      await appendBotEvents(bed.store, [leave, ...later, kick]);
      await projectAll(bed.store, bed.db, [moderationLogProjection()], { batchSize: 2 });
      expect(await log()).toEqual([
        expect.objectContaining({ entry_id: leave.id, action: 'kick', matched_event_id: kick.id }),
      ]);
    });

    it('when no audit-log entry comes within the window, it stays a leave and a late entry is a separate kick', async () => {
      const leave = botEvent.leave(GUILD_A, T0, ALICE);
      const lateKick = botEvent.audit(GUILD_A, T0 + 60 * SECOND, 'MEMBER_KICK', MOD, ALICE);
      await appendBotEvents(bed.store, [leave, lateKick]);
      await projectAll(bed.store, bed.db, [moderationLogProjection()]);
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
      await appendBotEvents(bed.store, [ban, entry]);
      await projectAll(bed.store, bed.db, [moderationLogProjection()]);
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
      await appendBotEvents(bed.store, events);
      await projectAll(bed.store, bed.db, [moderationLogProjection()]);
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
      await appendBotEvents(bed.store, [entry, again]);
      await projectAll(bed.store, bed.db, [moderationLogProjection()]);
      expect((await log()).map((r) => r.entry_id)).toEqual([entry.id]);
    });
  });

  /** What the dashboard lists: rows that duplicate no other one. */
  const listed = async (guildId = GUILD_A) =>
    (
      await bed.db.query<Record<string, unknown>>(
        `SELECT entry_id, action, target_user_id, moderator_id, reason, channel_id, deleted_by_certainty,
           message_count, matched_event_id, audit_log_action
         FROM moderation_log WHERE guild_id = $1 AND superseded_by IS NULL ORDER BY occurred_at, entry_id`,
        [guildId],
      )
    ).rows;
  const supersededRows = async () =>
    (
      await bed.db.query<{ entry_id: string; action: string; superseded_by: string }>(
        `SELECT entry_id, action, superseded_by FROM moderation_log WHERE superseded_by IS NOT NULL
         ORDER BY occurred_at, entry_id`,
      )
    ).rows;

  describe('given a ban and the member removal Discord sends with it', () => {
    it.each([
      ['the removal after the ban, one batch', 1, undefined],
      ['the removal before the ban, one batch', -1, undefined],
      ['the removal after the ban, one event per batch', 1, 1],
      ['the removal before the ban, one event per batch', -1, 1],
    ])('when %s, then the log lists one ban row and the removal points to it', async (_, sign, batchSize) => {
      const ban = botEvent.ban(GUILD_A, T0, ALICE, MOD, 'raid');
      const leave = botEvent.leave(GUILD_A, T0 + sign * SECOND, ALICE);
      const other = botEvent.leave(GUILD_A, T0, BOB);
      await appendBotEvents(bed.store, sign > 0 ? [ban, other, leave] : [leave, other, ban]);
      await projectAll(bed.store, bed.db, [moderationLogProjection()], { batchSize });
      expect((await listed()).map((r) => [r.entry_id, r.action, r.moderator_id])).toEqual(
        [
          [ban.id, 'ban', MOD],
          [other.id, 'leave', null],
        ].sort((a, b) => (a[0] as string).localeCompare(b[0] as string)),
      );
      expect(await supersededRows()).toEqual([
        { entry_id: leave.id, action: 'leave', superseded_by: ban.id },
      ]);
    });

    it('when the ban only comes as its audit entry and then the gateway event, the removal points to that one ban row', async () => {
      const leave = botEvent.leave(GUILD_A, T0, ALICE);
      const entry = botEvent.audit(GUILD_A, T0 + SECOND, 'MEMBER_BAN_ADD', MOD, ALICE, { reason: 'raid' });
      const ban = botEvent.ban(GUILD_A, T0 + 2 * SECOND, ALICE, null);
      await appendBotEvents(bed.store, [leave, entry, ban]);
      await projectAll(bed.store, bed.db, [moderationLogProjection()], { batchSize: 1 });
      expect(await listed()).toEqual([
        expect.objectContaining({
          entry_id: entry.id,
          action: 'ban',
          moderator_id: MOD,
          matched_event_id: ban.id,
        }),
      ]);
      expect(await supersededRows()).toEqual([
        { entry_id: leave.id, action: 'leave', superseded_by: entry.id },
      ]);
    });

    it('when the removal is 11 s away from the ban, it stays a separate leave', async () => {
      const ban = botEvent.ban(GUILD_A, T0, ALICE, MOD);
      const leave = botEvent.leave(GUILD_A, T0 + 11 * SECOND, ALICE);
      await appendBotEvents(bed.store, [ban, leave]);
      await projectAll(bed.store, bed.db, [moderationLogProjection()]);
      expect((await listed()).map((r) => r.action)).toEqual(['ban', 'leave']);
    });

    it('then the batch that writes a superseded removal announces only the ban', async () => {
      await appendBotEvents(bed.store, [
        botEvent.ban(GUILD_A, T0, ALICE, MOD),
        botEvent.leave(GUILD_A, T0, ALICE),
      ]);
      const events: RecordedEvent[] = [];
      for await (const e of bed.store.readAll()) events.push(e);
      const notes = await applyBatch(bed.db, moderationLogProjection(), events);
      expect((notes ?? []).map((n) => [n.channel, (n.payload as { action: string }).action])).toEqual([
        ['moderation_entry_added', 'ban'],
      ]);
    });
  });

  describe('given audit-log entries describing an action already logged from its own event', () => {
    it('when a removal and its MEMBER_KICK entry arrive, then one kick row and no audit_log row', async () => {
      await appendBotEvents(bed.store, [
        botEvent.audit(GUILD_A, T0, 'MEMBER_KICK', MOD, ALICE),
        botEvent.leave(GUILD_A, T0 + SECOND, ALICE),
      ]);
      await projectAll(bed.store, bed.db, [moderationLogProjection()]);
      expect((await listed()).map((r) => [r.action, r.moderator_id])).toEqual([['kick', MOD]]);
    });

    it.each([
      ['after', 2],
      ['before', -2],
    ])(
      'when a MESSAGE_DELETE entry for that author and channel comes %s the deletion, then one message_delete row with its moderator, certain',
      async (_, offset) => {
        const deletion = botEvent.messageDelete(GUILD_A, T0, BOB);
        const entry = botEvent.audit(GUILD_A, T0 + offset * SECOND, 'MESSAGE_DELETE', MOD, BOB, {
          actionType: 72,
          options: { channelId: CHANNEL, count: 1 },
        });
        await appendBotEvents(bed.store, offset > 0 ? [deletion, entry] : [entry, deletion]);
        await projectAll(bed.store, bed.db, [moderationLogProjection()], { batchSize: 1 });
        expect(await listed()).toEqual([
          expect.objectContaining({
            entry_id: offset > 0 ? deletion.id : entry.id,
            action: 'message_delete',
            target_user_id: BOB,
            moderator_id: MOD,
            deleted_by_certainty: 'certain',
            channel_id: CHANNEL,
            message_count: 1,
            audit_log_action: 'MESSAGE_DELETE',
            matched_event_id: offset > 0 ? entry.id : deletion.id,
          }),
        ]);
      },
    );

    it('when a MESSAGE_DELETE entry is for another channel, both stay', async () => {
      await appendBotEvents(bed.store, [
        botEvent.messageDelete(GUILD_A, T0, BOB),
        botEvent.audit(GUILD_A, T0 + SECOND, 'MESSAGE_DELETE', MOD, BOB, {
          actionType: 72,
          options: { channelId: userId(555), count: 1 },
        }),
      ]);
      await projectAll(bed.store, bed.db, [moderationLogProjection()]);
      expect((await listed()).map((r) => [r.action, r.moderator_id, r.deleted_by_certainty])).toEqual([
        ['message_delete', null, 'unknown'],
        ['audit_log', MOD, null],
      ]);
    });

    it('when a bulk deletion and its MESSAGE_BULK_DELETE entry arrive, then one bulk row with the moderator', async () => {
      const bulk = botEvent.bulkDelete(GUILD_A, T0, 3);
      const entry = botEvent.audit(GUILD_A, T0 + SECOND, 'MESSAGE_BULK_DELETE', MOD, undefined, {
        actionType: 73,
        targetType: 'channel',
        targetId: CHANNEL,
        options: { count: 3 },
      });
      await appendBotEvents(bed.store, [bulk, entry]);
      await projectAll(bed.store, bed.db, [moderationLogProjection()], { batchSize: 1 });
      expect(await listed()).toEqual([
        expect.objectContaining({
          entry_id: bulk.id,
          action: 'message_bulk_delete',
          moderator_id: MOD,
          channel_id: CHANNEL,
          message_count: 3,
          matched_event_id: entry.id,
        }),
      ]);
    });

    it('when the entries come as the bot reports them (discord.js labels both deletions "message"), they still match', async () => {
      const deletion = botEvent.messageDelete(GUILD_A, T0, BOB);
      const deleteEntry = botEvent.audit(GUILD_A, T0 - SECOND, 'MESSAGE_DELETE', MOD, undefined, {
        actionType: 72,
        targetType: 'message',
        targetId: BOB,
        options: { channelId: CHANNEL, count: 1 },
      });
      const bulk = botEvent.bulkDelete(GUILD_A, T0 + 5 * SECOND, 4);
      const bulkEntry = botEvent.audit(GUILD_A, T0 + 4 * SECOND, 'MESSAGE_BULK_DELETE', MOD, undefined, {
        actionType: 73,
        targetType: 'message',
        targetId: CHANNEL,
        options: { count: 4 },
      });
      await appendBotEvents(bed.store, [deleteEntry, deletion, bulkEntry, bulk]);
      await projectAll(bed.store, bed.db, [moderationLogProjection()]);
      expect((await listed()).map((r) => [r.action, r.moderator_id, r.target_user_id, r.channel_id])).toEqual(
        expect.arrayContaining([
          ['message_delete', MOD, BOB, CHANNEL],
          ['message_bulk_delete', MOD, null, CHANNEL],
        ]),
      );
      expect(await listed()).toHaveLength(2);
    });

    it('when Discord AutoMod acts and logs it, then one automod_discord row', async () => {
      const automod = botEvent.discordAutomod(GUILD_A, T0, BOB);
      const entry = botEvent.audit(GUILD_A, T0 + SECOND, 'AUTO_MODERATION_BLOCK_MESSAGE', MOD, BOB, {
        actionType: 143,
        options: { channelId: CHANNEL, autoModerationRuleName: 'no slurs' },
      });
      await appendBotEvents(bed.store, [entry, automod]);
      await projectAll(bed.store, bed.db, [moderationLogProjection()]);
      expect(await listed()).toEqual([
        expect.objectContaining({
          entry_id: entry.id,
          action: 'automod_discord',
          matched_event_id: automod.id,
        }),
      ]);
    });

    it('when an entry has no action row (a role update, an unmatched deletion entry), then it stays an audit_log row', async () => {
      await appendBotEvents(bed.store, [
        botEvent.audit(GUILD_A, T0, 'MEMBER_ROLE_UPDATE', MOD, ALICE),
        botEvent.audit(GUILD_A, T0 + SECOND, 'MESSAGE_DELETE', MOD, BOB, {
          actionType: 72,
          options: { channelId: CHANNEL, count: 2 },
        }),
      ]);
      await projectAll(bed.store, bed.db, [moderationLogProjection()]);
      expect((await listed()).map((r) => [r.action, r.audit_log_action])).toEqual([
        ['audit_log', 'MEMBER_ROLE_UPDATE'],
        ['audit_log', 'MESSAGE_DELETE'],
      ]);
    });
  });

  describe('given a mixed log replayed twice with different batch sizes', () => {
    it('then both read models are identical, row for row', async () => {
      await appendBotEvents(bed.store, [
        botEvent.leave(GUILD_A, T0, ALICE),
        botEvent.audit(GUILD_A, T0 + SECOND, 'MEMBER_BAN_ADD', MOD, ALICE),
        botEvent.ban(GUILD_A, T0 + 2 * SECOND, ALICE, null),
        botEvent.messageDelete(GUILD_A, T0 + 3 * SECOND, BOB),
        botEvent.audit(GUILD_A, T0 + 4 * SECOND, 'MESSAGE_DELETE', MOD, BOB, {
          actionType: 72,
          options: { channelId: CHANNEL, count: 1 },
        }),
        botEvent.audit(GUILD_A, T0 + 5 * SECOND, 'MEMBER_KICK', MOD, BOB),
        botEvent.leave(GUILD_A, T0 + 6 * SECOND, BOB),
        botEvent.bulkDelete(GUILD_A, T0 + 7 * SECOND, 2),
        botEvent.audit(GUILD_A, T0 + 8 * SECOND, 'MESSAGE_BULK_DELETE', MOD, undefined, {
          actionType: 73,
          targetType: 'channel',
          targetId: CHANNEL,
        }),
        botEvent.audit(GUILD_A, T0 + 9 * SECOND, 'ROLE_UPDATE', MOD),
      ]);
      const table = async (target: ReadDb) =>
        (await target.query<Record<string, unknown>>('SELECT * FROM moderation_log ORDER BY entry_id')).rows;
      await projectAll(bed.store, bed.db, [moderationLogProjection()]);
      const second = await freshReadModel(bed.root, 'mod');
      await projectAll(bed.store, second, [moderationLogProjection()], { batchSize: 1 });
      const first = await table(bed.db);
      expect(await table(second)).toEqual(first);
      expect((await listed()).map((r) => r.action)).toEqual([
        'ban',
        'message_delete',
        'kick',
        'message_bulk_delete',
        'audit_log',
      ]);
    });
  });

  describe('when a batch is applied twice', () => {
    it('then nothing changes (replay-safe)', async () => {
      await appendBotEvents(bed.store, [
        botEvent.leave(GUILD_A, T0, ALICE),
        botEvent.audit(GUILD_A, T0 + SECOND, 'MEMBER_KICK', MOD, ALICE),
        botEvent.messageDelete(GUILD_A, T0 + 2 * SECOND, BOB),
        // A gateway event stored only as the counterpart of an earlier audit-log row.
        botEvent.audit(GUILD_A, T0 + 3 * SECOND, 'MEMBER_BAN_ADD', MOD, BOB),
        botEvent.ban(GUILD_A, T0 + 4 * SECOND, BOB, null),
      ]);
      await projectAll(bed.store, bed.db, [moderationLogProjection()]);
      const before = await log();
      expect(before).toHaveLength(3);
      const events: RecordedEvent[] = [];
      for await (const e of bed.store.readAll()) events.push(e);
      await applyBatch(bed.db, moderationLogProjection(), events);
      expect(await log()).toEqual(before);
    });
  });
});
