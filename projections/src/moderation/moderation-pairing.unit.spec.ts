import type { BotEvent } from '@guildscope/contracts';
import { describe, expect, it } from '@jest/globals';
import { botEvent, CHANNEL, GUILD_A, GUILD_B, SECOND, T0, userId } from '../testing/guild-events.fixture.js';
import type { ModerationLogRow } from './moderation-entry.js';
import {
  lookupsFor,
  type ModerationPlan,
  pairBatch,
  planNotifications,
  type StoredRows,
} from './moderation-pairing.js';
import { rowsOf } from './moderation-rows.fixture.js';

const MOD = userId(900);
const BOT_MOD = userId(901);
const ALICE = userId(1);
const BOB = userId(2);
const CAROL = userId(3);

/** Pairs a batch; `stored` is what the projection's lookups found (nothing by default). */
function pair(own: ModerationLogRow[], stored: Partial<StoredRows> = {}): ModerationPlan {
  return pairBatch(own, { applied: new Set(), counterparts: [], bansAndLeaves: [], ...stored });
}

/** Entry id, action and moderator of each row, the way the dashboard lists them. */
const summary = (rows: readonly ModerationLogRow[]) =>
  rows.map((r) => [r.entry_id, r.action, r.moderator_id]);

/** Where the second event of a pair stands in the log: after the first (1) or before it (-1). */
const AFTER_OR_BEFORE = [
  ['after', 1],
  ['before', -1],
] as const;

/** The rows of `first` and `second` in log order: `second` after `first` when `side` is 1, else before. */
const inLogOrder = (side: number, first: BotEvent, second: BotEvent) =>
  side > 0 ? rowsOf(first, second) : rowsOf(second, first);

/** Pairs the two events in log order: one row, which keeps the earlier event's id and matched the other. */
function pairedRow(side: number, first: BotEvent, second: BotEvent): ModerationLogRow | undefined {
  const [paired, ...others] = pair(inLogOrder(side, first, second)).inserts;
  expect(others).toEqual([]);
  const [kept, matched] = side > 0 ? [first, second] : [second, first];
  expect([paired?.entry_id, paired?.matched_event_id]).toEqual([kept.id, matched.id]);
  return paired;
}

const deleteEntry = (at: number, author: string, channelId = CHANNEL) =>
  botEvent.audit(GUILD_A, at, 'MESSAGE_DELETE', MOD, author, {
    actionType: 72,
    options: { channelId, count: 1 },
  });

describe('moderation pairing', () => {
  describe('given a member removal without kick info', () => {
    it('when its MEMBER_KICK entry follows within 10 s in the batch, then one kick row keeps the removal id, with the entry moderator and reason', () => {
      const leave = botEvent.leave(GUILD_A, T0, ALICE, { roles: ['r1'] });
      const kick = botEvent.audit(GUILD_A, T0 + 3 * SECOND, 'MEMBER_KICK', MOD, ALICE, { reason: 'rude' });
      const [leaveRow, kickRow] = rowsOf(leave, kick);
      const plan = pair([leaveRow, kickRow] as ModerationLogRow[]);
      expect(plan.inserts).toEqual([
        expect.objectContaining({
          entry_id: leave.id,
          stream_id: leaveRow?.stream_id,
          position: leaveRow?.position,
          action: 'kick',
          moderator_id: MOD,
          reason: 'rude',
          target_username: leave.data.username,
          audit_log_action: 'MEMBER_KICK',
          audit_log_entry_id: kick.data.entryId,
          matched_event_id: kick.id,
          matched_stream_id: kickRow?.stream_id,
          matched_revision: kickRow?.revision,
          matched_position: kickRow?.position,
          details: expect.objectContaining({ roles: ['r1'], actionType: 20 }),
        }),
      ]);
      expect(plan.updates).toEqual([]);
    });

    it('when the entry comes first in the log, then the one kick row keeps the entry id', () => {
      const kick = botEvent.audit(GUILD_A, T0 - 2 * SECOND, 'MEMBER_KICK', MOD, ALICE);
      const leave = botEvent.leave(GUILD_A, T0, ALICE);
      expect(pair(rowsOf(kick, leave)).inserts).toEqual([
        expect.objectContaining({
          entry_id: kick.id,
          action: 'kick',
          moderator_id: MOD,
          matched_event_id: leave.id,
        }),
      ]);
    });

    it('when the entry comes in a later batch, then the stored removal is updated to the kick and nothing is inserted', () => {
      const leave = botEvent.leave(GUILD_A, T0, ALICE);
      const kick = botEvent.audit(GUILD_A, T0 + 4 * SECOND, 'MEMBER_KICK', MOD, ALICE);
      const stored = pair(rowsOf(leave)).inserts;
      const plan = pair(rowsOf(kick), { counterparts: stored });
      expect(plan.inserts).toEqual([]);
      expect(plan.updates).toEqual([
        expect.objectContaining({
          entry_id: leave.id,
          action: 'kick',
          moderator_id: MOD,
          matched_event_id: kick.id,
        }),
      ]);
    });

    it('when the removal comes in a later batch than its entry, then the stored entry row is completed by it', () => {
      const kick = botEvent.audit(GUILD_A, T0, 'MEMBER_KICK', MOD, ALICE);
      const leave = botEvent.leave(GUILD_A, T0 + SECOND, ALICE);
      const plan = pair(rowsOf(leave), { counterparts: pair(rowsOf(kick)).inserts });
      expect(plan.inserts).toEqual([]);
      expect(plan.updates).toEqual([
        expect.objectContaining({
          entry_id: kick.id,
          action: 'kick',
          target_username: leave.data.username,
          matched_event_id: leave.id,
        }),
      ]);
    });

    it.each([
      [10, 'pairs'],
      [11, 'does not pair'],
    ])('when the entry is %i s later, then it %s', (seconds, outcome) => {
      const leave = botEvent.leave(GUILD_A, T0, ALICE);
      const kick = botEvent.audit(GUILD_A, T0 + seconds * SECOND, 'MEMBER_KICK', MOD, ALICE);
      expect(summary(pair(rowsOf(leave, kick)).inserts)).toEqual(
        outcome === 'pairs'
          ? [[leave.id, 'kick', MOD]]
          : [
              [leave.id, 'leave', null],
              [kick.id, 'kick', MOD],
            ],
      );
    });

    it('when two removals of that member are in the window, then the entry pairs with the closer one', () => {
      const far = botEvent.leave(GUILD_A, T0, ALICE);
      const near = botEvent.leave(GUILD_A, T0 + 6 * SECOND, ALICE);
      const kick = botEvent.audit(GUILD_A, T0 + 7 * SECOND, 'MEMBER_KICK', MOD, ALICE);
      expect(summary(pair(rowsOf(far, near, kick)).inserts)).toEqual([
        [far.id, 'leave', null],
        [near.id, 'kick', MOD],
      ]);
    });

    it('when the entry is about another member or another guild, then nothing pairs', () => {
      const leave = botEvent.leave(GUILD_A, T0, ALICE);
      const otherMember = botEvent.audit(GUILD_A, T0 + SECOND, 'MEMBER_KICK', MOD, BOB);
      const otherGuild = botEvent.audit(GUILD_B, T0 + SECOND, 'MEMBER_KICK', MOD, ALICE);
      expect(summary(pair(rowsOf(leave, otherMember, otherGuild)).inserts)).toEqual([
        [leave.id, 'leave', null],
        [otherMember.id, 'kick', MOD],
        [otherGuild.id, 'kick', MOD],
      ]);
    });

    it('when the stored removal is already paired, then a second kick entry stays a row of its own', () => {
      const leave = botEvent.leave(GUILD_A, T0, ALICE);
      const kick = botEvent.audit(GUILD_A, T0 + SECOND, 'MEMBER_KICK', MOD, ALICE);
      const again = botEvent.audit(GUILD_A, T0 + 2 * SECOND, 'MEMBER_KICK', MOD, ALICE);
      const plan = pair(rowsOf(again), { counterparts: pair(rowsOf(leave, kick)).inserts });
      expect(summary(plan.inserts)).toEqual([[again.id, 'kick', MOD]]);
      expect(plan.updates).toEqual([]);
    });

    it('when two audit entries are about the same removal, then they do not pair with each other', () => {
      const first = botEvent.audit(GUILD_A, T0, 'MEMBER_KICK', MOD, ALICE);
      const second = botEvent.audit(GUILD_A, T0 + SECOND, 'MEMBER_KICK', MOD, ALICE);
      expect(summary(pair(rowsOf(first, second)).inserts)).toEqual([
        [first.id, 'kick', MOD],
        [second.id, 'kick', MOD],
      ]);
    });
  });

  describe('given a removal the bot already saw as a kick', () => {
    it('when its MEMBER_KICK entry arrives, then one kick row keeps the bot moderator and gains the entry reason', () => {
      const leave = botEvent.leave(GUILD_A, T0, ALICE, { kickedBy: BOT_MOD });
      const kick = botEvent.audit(GUILD_A, T0 + SECOND, 'MEMBER_KICK', MOD, ALICE, { reason: 'rude' });
      expect(pair(rowsOf(leave, kick)).inserts).toEqual([
        expect.objectContaining({
          entry_id: leave.id,
          action: 'kick',
          moderator_id: BOT_MOD,
          reason: 'rude',
        }),
      ]);
    });
  });

  describe('given a ban without moderator', () => {
    it('when its MEMBER_BAN_ADD entry follows, then the ban gets the moderator and reason, no second row', () => {
      const ban = botEvent.ban(GUILD_A, T0, ALICE, null);
      const entry = botEvent.audit(GUILD_A, T0 + SECOND, 'MEMBER_BAN_ADD', MOD, ALICE, { reason: 'raid' });
      expect(pair(rowsOf(ban, entry)).inserts).toEqual([
        expect.objectContaining({ entry_id: ban.id, action: 'ban', moderator_id: MOD, reason: 'raid' }),
      ]);
    });

    it('when the ban event and its entry both give a reason, then the ban event’s stands', () => {
      const ban = botEvent.ban(GUILD_A, T0, ALICE, MOD, 'spam');
      const entry = botEvent.audit(GUILD_A, T0 - SECOND, 'MEMBER_BAN_ADD', MOD, ALICE, { reason: 'raid' });
      expect(pair(rowsOf(entry, ban)).inserts.map((r) => [r.entry_id, r.reason])).toEqual([
        [entry.id, 'spam'],
      ]);
    });

    it('when an unban and its MEMBER_BAN_REMOVE entry arrive, then one unban row with the moderator', () => {
      const unban = botEvent.unban(GUILD_A, T0, ALICE, null);
      const entry = botEvent.audit(GUILD_A, T0 + SECOND, 'MEMBER_BAN_REMOVE', MOD, ALICE);
      expect(summary(pair(rowsOf(unban, entry)).inserts)).toEqual([[unban.id, 'unban', MOD]]);
    });
  });

  describe('given a ban and the member removal Discord sends with it', () => {
    it.each(AFTER_OR_BEFORE)(
      'when the removal comes %s the ban in the batch, then it is written pointing to the ban and only the ban is announced',
      (_, side) => {
        const ban = botEvent.ban(GUILD_A, T0, ALICE, MOD);
        const leave = botEvent.leave(GUILD_A, T0 + side * SECOND, ALICE);
        const plan = pair(inLogOrder(side, ban, leave));
        expect(plan.inserts.map((r) => [r.entry_id, r.action, r.superseded_by])).toEqual(
          expect.arrayContaining([
            [ban.id, 'ban', null],
            [leave.id, 'leave', ban.id],
          ]),
        );
        expect(plan.updates).toEqual([]);
        expect(planNotifications(plan)).toEqual([
          {
            channel: 'moderation_entry_added',
            payload: {
              guildId: GUILD_A,
              entryId: ban.id,
              action: 'ban',
              occurredAt: new Date(T0).toISOString(),
            },
          },
        ]);
      },
    );

    it('when the ban was stored in an earlier batch, then the removal is inserted pointing to it', () => {
      const ban = botEvent.ban(GUILD_A, T0, ALICE, MOD);
      const leave = botEvent.leave(GUILD_A, T0 + SECOND, ALICE);
      const plan = pair(rowsOf(leave), { bansAndLeaves: pair(rowsOf(ban)).inserts });
      expect(plan.inserts.map((r) => [r.entry_id, r.superseded_by])).toEqual([[leave.id, ban.id]]);
      expect(plan.updates).toEqual([]);
    });

    it('when the removal was stored in an earlier batch, then the ban is inserted and the stored removal updated to point to it', () => {
      const leave = botEvent.leave(GUILD_A, T0, ALICE);
      const ban = botEvent.ban(GUILD_A, T0 + SECOND, ALICE, MOD);
      const plan = pair(rowsOf(ban), { bansAndLeaves: pair(rowsOf(leave)).inserts });
      expect(summary(plan.inserts)).toEqual([[ban.id, 'ban', MOD]]);
      expect(plan.updates.map((r) => [r.entry_id, r.superseded_by])).toEqual([[leave.id, ban.id]]);
      expect(planNotifications(plan)).toEqual([
        {
          channel: 'moderation_entry_added',
          payload: expect.objectContaining({ entryId: ban.id, action: 'ban' }),
        },
        {
          channel: 'moderation_entry_updated',
          payload: expect.objectContaining({ entryId: leave.id, action: 'leave' }),
        },
      ]);
    });

    it('when the removal is 11 s away from the ban, then it stays a leave of its own', () => {
      const ban = botEvent.ban(GUILD_A, T0, ALICE, MOD);
      const leave = botEvent.leave(GUILD_A, T0 + 11 * SECOND, ALICE);
      expect(pair(rowsOf(ban, leave)).inserts.map((r) => r.superseded_by)).toEqual([null, null]);
    });

    it('when the ban comes as its audit entry and then the gateway event, then the removal points to the one ban row', () => {
      const leave = botEvent.leave(GUILD_A, T0, ALICE);
      const entry = botEvent.audit(GUILD_A, T0 + SECOND, 'MEMBER_BAN_ADD', MOD, ALICE, { reason: 'raid' });
      const ban = botEvent.ban(GUILD_A, T0 + 2 * SECOND, ALICE, null);
      const plan = pair(rowsOf(leave, entry, ban));
      expect(
        plan.inserts.map((r) => [r.entry_id, r.action, r.moderator_id, r.matched_event_id, r.superseded_by]),
      ).toEqual([
        [leave.id, 'leave', null, null, entry.id],
        [entry.id, 'ban', MOD, ban.id, null],
      ]);
    });

    it('when a stored ban takes its audit entry, then a stored removal near it that points nowhere yet (a log from before superseded_by) points to it', () => {
      const ban = botEvent.ban(GUILD_A, T0, ALICE, null);
      const leave = botEvent.leave(GUILD_A, T0, ALICE);
      const entry = botEvent.audit(GUILD_A, T0 + SECOND, 'MEMBER_BAN_ADD', MOD, ALICE);
      const plan = pair(rowsOf(entry), {
        counterparts: pair(rowsOf(ban)).inserts,
        bansAndLeaves: pair(rowsOf(leave)).inserts,
      });
      expect(plan.updates.map((r) => [r.entry_id, r.action, r.moderator_id, r.superseded_by])).toEqual([
        [ban.id, 'ban', MOD, null],
        [leave.id, 'leave', null, ban.id],
      ]);
    });

    it('when the stored ban comes among the counterparts only, then a removal in the batch still points to it', () => {
      const ban = botEvent.ban(GUILD_A, T0, ALICE, MOD);
      const leave = botEvent.leave(GUILD_A, T0 + SECOND, ALICE);
      const plan = pair(rowsOf(leave), { counterparts: pair(rowsOf(ban)).inserts });
      expect(plan.inserts.map((r) => [r.entry_id, r.superseded_by])).toEqual([[leave.id, ban.id]]);
    });

    it('when a stored removal already points to a ban, then another ban near it changes nothing', () => {
      const first = botEvent.ban(GUILD_A, T0, ALICE, MOD);
      const leave = botEvent.leave(GUILD_A, T0 + SECOND, ALICE);
      const second = botEvent.ban(GUILD_A, T0 + 2 * SECOND, ALICE, MOD);
      const stored = pair(rowsOf(first, leave)).inserts;
      const plan = pair(rowsOf(second), { bansAndLeaves: stored });
      expect(summary(plan.inserts)).toEqual([[second.id, 'ban', MOD]]);
      expect(plan.updates).toEqual([]);
    });

    it('when two bans are as near, then it points to the one with the smaller entry id (the same on every replay)', () => {
      const earlier = {
        ...botEvent.ban(GUILD_A, T0 - 2 * SECOND, ALICE, MOD),
        id: 'f0000000-0000-4000-8000-000000000000',
      };
      const later = {
        ...botEvent.ban(GUILD_A, T0 + 2 * SECOND, ALICE, MOD),
        id: '00000000-0000-4000-8000-000000000000',
      };
      const leave = botEvent.leave(GUILD_A, T0, ALICE);
      const plan = pair(rowsOf(leave), { bansAndLeaves: pair(rowsOf(earlier, later)).inserts });
      expect(plan.inserts.map((r) => r.superseded_by)).toEqual([later.id]);
    });

    it('when two bans of the member are near the removal, then it points to the closer one', () => {
      const early = botEvent.ban(GUILD_A, T0 - 5 * SECOND, ALICE, MOD);
      const late = botEvent.ban(GUILD_A, T0 + 2 * SECOND, ALICE, MOD);
      const leave = botEvent.leave(GUILD_A, T0, ALICE);
      const plan = pair(rowsOf(leave), { bansAndLeaves: pair(rowsOf(early, late)).inserts });
      expect(plan.inserts.map((r) => r.superseded_by)).toEqual([late.id]);
    });
  });

  describe('given message deletions', () => {
    it.each(AFTER_OR_BEFORE)(
      'when a MESSAGE_DELETE entry for that author and channel comes %s the deletion, then one row with its moderator, certain',
      (_, side) => {
        const deletion = botEvent.messageDelete(GUILD_A, T0, BOB);
        const entry = deleteEntry(T0 + 2 * side * SECOND, BOB);
        expect(pairedRow(side, deletion, entry)).toMatchObject({
          action: 'message_delete',
          moderator_id: MOD,
          deleted_by_certainty: 'certain',
          audit_log_action: 'MESSAGE_DELETE',
          target_user_id: BOB,
          message_id: deletion.data.messageId,
          channel_id: CHANNEL,
          message_count: 1,
        });
      },
    );

    it('when the bot already named the deleter, then its attribution and certainty stand', () => {
      const deletion = botEvent.messageDelete(GUILD_A, T0, BOB, { userId: BOT_MOD, certainty: 'likely' });
      const plan = pair(rowsOf(deletion, deleteEntry(T0 + SECOND, BOB)));
      expect(plan.inserts.map((r) => [r.action, r.moderator_id, r.deleted_by_certainty])).toEqual([
        ['message_delete', BOT_MOD, 'likely'],
      ]);
    });

    it('when the entry is for another channel, then both rows stay', () => {
      const plan = pair(
        rowsOf(botEvent.messageDelete(GUILD_A, T0, BOB), deleteEntry(T0 + SECOND, BOB, userId(555))),
      );
      expect(plan.inserts.map((r) => [r.action, r.moderator_id, r.deleted_by_certainty])).toEqual([
        ['message_delete', null, 'unknown'],
        ['audit_log', MOD, null],
      ]);
    });

    it('when the author was not cached, then no entry pairs with the deletion', () => {
      const deletion = botEvent.messageDelete(GUILD_A, T0, BOB);
      const unknownAuthor = { ...deletion, data: { ...deletion.data, authorId: null, authorUsername: null } };
      const plan = pair(rowsOf(unknownAuthor, deleteEntry(T0 + SECOND, BOB)));
      expect(plan.inserts.map((r) => r.action)).toEqual(['message_delete', 'audit_log']);
    });

    it.each(AFTER_OR_BEFORE)(
      'when a MESSAGE_BULK_DELETE entry without count comes %s the bulk deletion, then one bulk row with the moderator and the deletion count',
      (_, side) => {
        const bulk = botEvent.bulkDelete(GUILD_A, T0, 3);
        const entry = botEvent.audit(GUILD_A, T0 + side * SECOND, 'MESSAGE_BULK_DELETE', MOD, undefined, {
          actionType: 73,
          targetType: 'message',
          targetId: CHANNEL,
        });
        // The moderator from the entry, the count from the deletion (the entry had none).
        const row = pairedRow(side, bulk, entry);
        expect(row).toMatchObject({ action: 'message_bulk_delete', moderator_id: MOD, message_count: 3 });
      },
    );
  });

  describe('given Discord AutoMod actions', () => {
    it('when an action and its AUTO_MODERATION_BLOCK_MESSAGE entry arrive, then one automod_discord row', () => {
      const entry = botEvent.audit(GUILD_A, T0, 'AUTO_MODERATION_BLOCK_MESSAGE', MOD, BOB, {
        actionType: 143,
        options: { channelId: CHANNEL, autoModerationRuleName: 'no slurs' },
      });
      const automod = botEvent.discordAutomod(GUILD_A, T0 + SECOND, BOB);
      expect(pair(rowsOf(entry, automod)).inserts).toEqual([
        expect.objectContaining({
          entry_id: entry.id,
          action: 'automod_discord',
          matched_event_id: automod.id,
          details: expect.objectContaining({ ruleName: 'no slurs', matchedKeyword: 'badword' }),
        }),
      ]);
    });

    it('when an AutoMod timeout entry has its action, then the pair is automod_discord; alone, it is a timeout', () => {
      const entry = botEvent.audit(GUILD_A, T0, 'AUTO_MODERATION_USER_COMMUNICATION_DISABLED', MOD, BOB);
      const action = botEvent.discordAutomod(GUILD_A, T0 + SECOND, BOB);
      const timeout = { ...action, data: { ...action.data, action: { type: 'timeout' as const } } };
      expect(pair(rowsOf(entry, timeout)).inserts.map((r) => r.action)).toEqual(['automod_discord']);
      expect(pair(rowsOf(entry)).inserts.map((r) => r.action)).toEqual(['timeout_add']);
    });

    it('when the entry is of another kind than the action, then both rows stay', () => {
      const entry = botEvent.audit(GUILD_A, T0, 'AUTO_MODERATION_USER_COMMUNICATION_DISABLED', MOD, BOB);
      const blocked = botEvent.discordAutomod(GUILD_A, T0 + SECOND, BOB);
      expect(pair(rowsOf(entry, blocked)).inserts.map((r) => r.action)).toEqual([
        'timeout_add',
        'automod_discord',
      ]);
    });
  });

  describe('given timeouts and bot automod actions', () => {
    it('then each is a row of its own, whatever is near', () => {
      const plan = pair(
        rowsOf(
          botEvent.audit(GUILD_A, T0, 'MEMBER_TIMEOUT_ADD', MOD, BOB),
          botEvent.botAutomod(GUILD_A, T0 + SECOND, BOB),
          botEvent.audit(GUILD_A, T0 + 2 * SECOND, 'MEMBER_TIMEOUT_REMOVE', MOD, BOB),
        ),
      );
      expect(plan.inserts.map((r) => [r.action, r.matched_event_id])).toEqual([
        ['timeout_add', null],
        ['automod_bot', null],
        ['timeout_remove', null],
      ]);
    });
  });

  describe('given a batch already applied (replayed after a crash)', () => {
    it('when every event is in the log, then the plan writes and announces nothing', () => {
      const leave = botEvent.leave(GUILD_A, T0, ALICE);
      const kick = botEvent.audit(GUILD_A, T0 + SECOND, 'MEMBER_KICK', MOD, ALICE);
      const ban = botEvent.ban(GUILD_A, T0 + 2 * SECOND, BOB, MOD);
      const applied = new Set([leave.id, kick.id, kick.data.entryId, ban.id]);
      const plan = pair(rowsOf(leave, kick, ban), { applied });
      expect(plan).toEqual({ inserts: [], updates: [], horizon: null });
      expect(planNotifications(plan)).toEqual([]);
    });

    it('when an audit entry is in the log from another bot, then its second report is skipped', () => {
      const entry = botEvent.audit(GUILD_A, T0, 'MEMBER_TIMEOUT_ADD', MOD, BOB);
      const plan = pair(rowsOf(entry), { applied: new Set([entry.data.entryId]) });
      expect(plan.inserts).toEqual([]);
    });

    it('when the same audit entry is reported twice in the batch (two bots), then one row', () => {
      const entry = botEvent.audit(GUILD_A, T0, 'MEMBER_TIMEOUT_ADD', MOD, BOB);
      const again = { ...entry, id: botEvent.ban(GUILD_A, T0, ALICE, null).id };
      expect(pair(rowsOf(entry, again)).inserts.map((r) => r.entry_id)).toEqual([entry.id]);
    });
  });

  describe('given any batch', () => {
    it('then the horizon moves to the latest inserted row, and stays when nothing is inserted', () => {
      const leave = botEvent.leave(GUILD_A, T0 + 5 * SECOND, ALICE);
      const ban = botEvent.ban(GUILD_B, T0, BOB, MOD);
      expect(pair(rowsOf(ban, leave)).horizon).toBe(new Date(T0 + 5 * SECOND).toISOString());
      const kick = botEvent.audit(GUILD_A, T0 + 6 * SECOND, 'MEMBER_KICK', MOD, ALICE);
      expect(pair(rowsOf(kick), { counterparts: pair(rowsOf(leave)).inserts }).horizon).toBeNull();
    });

    it('then the rows it was given are left as they were', () => {
      const [aliceLeave, bobLeave] = pair(
        rowsOf(botEvent.leave(GUILD_A, T0, ALICE), botEvent.leave(GUILD_A, T0, BOB)),
      ).inserts;
      const stored = { counterparts: [aliceLeave], bansAndLeaves: [bobLeave] } as Partial<StoredRows>;
      const own = rowsOf(
        botEvent.leave(GUILD_A, T0, CAROL),
        botEvent.audit(GUILD_A, T0 + SECOND, 'MEMBER_KICK', MOD, CAROL),
        botEvent.audit(GUILD_A, T0 + SECOND, 'MEMBER_KICK', MOD, ALICE),
        botEvent.ban(GUILD_A, T0 + SECOND, BOB, MOD),
      );
      const before = structuredClone([own, stored]);
      const plan = pair(own, stored);
      expect(summary(plan.inserts)).toEqual([
        [own[0]?.entry_id, 'kick', MOD],
        [own[3]?.entry_id, 'ban', MOD],
      ]);
      expect(plan.updates.map((r) => [r.entry_id, r.action, r.superseded_by])).toEqual([
        [aliceLeave?.entry_id, 'kick', null],
        [bobLeave?.entry_id, 'leave', own[3]?.entry_id],
      ]);
      expect([own, stored]).toEqual(before);
    });
  });
});

describe('moderation lookups (what a batch asks of the stored log)', () => {
  const at = (ms: number) => new Date(ms).toISOString();
  const stored = T0 + 60 * SECOND;

  describe('given an empty log', () => {
    it('then the batch asks for nothing', () => {
      const own = rowsOf(botEvent.leave(GUILD_A, T0, ALICE), botEvent.ban(GUILD_A, T0, ALICE, MOD));
      expect(lookupsFor(own, new Set(), null)).toEqual({ counterparts: [], bansAndLeaves: [] });
    });
  });

  describe('given a log with rows up to a later time', () => {
    it('when a removal comes, then it asks for its kick entry within 10 s and for bans of the member within 20 s', () => {
      const own = rowsOf(botEvent.leave(GUILD_A, T0, ALICE));
      const member = { guild_id: GUILD_A, target_user_id: ALICE };
      const within = (seconds: number) => ({
        from_ts: at(T0 - seconds * SECOND),
        to_ts: at(T0 + seconds * SECOND),
      });
      expect(lookupsFor(own, new Set(), stored)).toEqual({
        counterparts: [{ ...member, key: 'member_remove', ...within(10) }],
        bansAndLeaves: [{ ...member, key: 'ban', ...within(20) }],
      });
    });

    it('when a ban comes, then it asks for its audit entry and for leaves of the member', () => {
      const own = rowsOf(botEvent.ban(GUILD_A, T0, ALICE, MOD));
      const lookups = lookupsFor(own, new Set(), stored);
      expect(lookups.counterparts.map((l) => l.key)).toEqual(['ban']);
      expect(lookups.bansAndLeaves.map((l) => l.key)).toEqual(['leave']);
    });

    it('when a bulk deletion comes, then it asks for its entry in that channel, whoever the target', () => {
      const own = rowsOf(botEvent.bulkDelete(GUILD_A, T0, 2));
      expect(lookupsFor(own, new Set(), stored).counterparts).toEqual([
        expect.objectContaining({ target_user_id: null, key: `message_bulk_delete:${CHANNEL}` }),
      ]);
    });

    it('when rows never pair (timeouts, bot automod, role updates), then they ask for nothing', () => {
      const own = rowsOf(
        botEvent.audit(GUILD_A, T0, 'MEMBER_TIMEOUT_ADD', MOD, BOB),
        botEvent.botAutomod(GUILD_A, T0, BOB),
        botEvent.audit(GUILD_A, T0, 'MEMBER_ROLE_UPDATE', MOD, BOB),
      );
      expect(lookupsFor(own, new Set(), stored)).toEqual({ counterparts: [], bansAndLeaves: [] });
    });

    it('when the batch events are already applied, then they ask for nothing', () => {
      const leave = botEvent.leave(GUILD_A, T0, ALICE);
      expect(lookupsFor(rowsOf(leave), new Set([leave.id]), stored)).toEqual({
        counterparts: [],
        bansAndLeaves: [],
      });
    });
  });

  describe('given a log whose latest row is earlier than the batch', () => {
    it.each([
      [10, 1, 1],
      [15, 0, 1],
      [20, 0, 1],
      [21, 0, 0],
    ])(
      'when a removal comes %i s after it, then it asks for %i counterparts and %i bans',
      (seconds, counterparts, bans) => {
        const own = rowsOf(botEvent.leave(GUILD_A, T0 + seconds * SECOND, ALICE));
        const lookups = lookupsFor(own, new Set(), T0);
        expect([lookups.counterparts.length, lookups.bansAndLeaves.length]).toEqual([counterparts, bans]);
      },
    );
  });
});
