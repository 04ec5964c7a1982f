import { describe, expect, it } from '@jest/globals';
import { botEvent, CHANNEL, GUILD_A, SECOND, T0, userId } from '../testing/guild-events.fixture.js';
import { rowFor } from './moderation-entry.js';
import { recordedGuildEvent, rowsOf } from './moderation-rows.fixture.js';

const MOD = userId(900);
const ALICE = userId(1);
const BOB = userId(2);
const OTHER_CHANNEL = userId(555);

describe('moderation entry (the row an event makes on its own)', () => {
  describe('given a ban with its moderator', () => {
    it('then the row is a ban of that member by that moderator, pointing back to its event', () => {
      const ban = botEvent.ban(GUILD_A, T0, ALICE, MOD, 'spam');
      const event = recordedGuildEvent(ban);
      expect(rowFor(event)).toEqual(
        expect.objectContaining({
          entry_id: ban.id,
          guild_id: GUILD_A,
          action: 'ban',
          occurred_at: new Date(T0).toISOString(),
          target_user_id: ALICE,
          target_username: ban.data.targetUsername,
          moderator_id: MOD,
          reason: 'spam',
          match_key: 'ban',
          source: 'gateway',
          event_type: 'GUILD_BAN_ADD',
          stream_id: `guild-${GUILD_A}`,
          revision: event.recorded.revision,
          event_id: ban.id,
          position: String(event.recorded.position.commit),
          matched_event_id: null,
          superseded_by: null,
        }),
      );
    });
  });

  describe('given an unban', () => {
    it('then the row is an unban, waiting for its MEMBER_BAN_REMOVE entry', () => {
      const [row] = rowsOf(botEvent.unban(GUILD_A, T0, ALICE, null));
      expect(row).toEqual(
        expect.objectContaining({
          action: 'unban',
          match_key: 'unban',
          target_user_id: ALICE,
          moderator_id: null,
        }),
      );
    });
  });

  describe('given a member removal', () => {
    it('when the bot saw no kick, then the row is a leave with the member roles, waiting for a MEMBER_KICK entry', () => {
      const [row] = rowsOf(botEvent.leave(GUILD_A, T0, ALICE, { roles: ['r1'] }));
      expect(row).toEqual(
        expect.objectContaining({
          action: 'leave',
          match_key: 'member_remove',
          moderator_id: null,
          details: { roles: ['r1'], joinedAt: null },
        }),
      );
    });

    it('when the bot saw the kick, then the row is a kick by that moderator', () => {
      const [row] = rowsOf(botEvent.leave(GUILD_A, T0, ALICE, { kickedBy: MOD }));
      expect(row).toEqual(
        expect.objectContaining({ action: 'kick', match_key: 'member_remove', moderator_id: MOD }),
      );
    });
  });

  describe('given a message deletion', () => {
    it('when its author is known, then the row is one deleted message with the bot certainty, waiting for an entry in that channel', () => {
      const deletion = botEvent.messageDelete(GUILD_A, T0, BOB, { userId: MOD, certainty: 'likely' });
      const [row] = rowsOf(deletion);
      expect(row).toEqual(
        expect.objectContaining({
          action: 'message_delete',
          match_key: `message_delete:${CHANNEL}`,
          target_user_id: BOB,
          moderator_id: MOD,
          deleted_by_certainty: 'likely',
          channel_id: CHANNEL,
          message_id: deletion.data.messageId,
          message_count: 1,
          details: { hasAttachments: false, attachmentCount: 0 },
        }),
      );
    });

    it('when its author was not cached, then the row waits for no entry (it could be anyone’s)', () => {
      const deletion = botEvent.messageDelete(GUILD_A, T0, BOB);
      const [row] = rowsOf({ ...deletion, data: { ...deletion.data, authorId: null, authorUsername: null } });
      expect(row).toEqual(
        expect.objectContaining({ action: 'message_delete', target_user_id: null, match_key: null }),
      );
    });

    it('when messages were deleted in bulk, then the row counts them and waits for an entry in that channel', () => {
      const [row] = rowsOf(botEvent.bulkDelete(GUILD_A, T0, 3, MOD));
      expect(row).toEqual(
        expect.objectContaining({
          action: 'message_bulk_delete',
          match_key: `message_bulk_delete:${CHANNEL}`,
          target_user_id: null,
          moderator_id: MOD,
          channel_id: CHANNEL,
          message_count: 3,
        }),
      );
    });
  });

  describe('given an audit-log entry', () => {
    it('then the row names its executor as moderator and keeps the entry id (one row per entry)', () => {
      const entry = botEvent.audit(GUILD_A, T0, 'MEMBER_ROLE_UPDATE', MOD, ALICE, { reason: 'promoted' });
      const [row] = rowsOf(entry);
      expect(row).toEqual(
        expect.objectContaining({
          source: 'audit_log',
          action: 'audit_log',
          target_user_id: ALICE,
          moderator_id: MOD,
          moderator_username: entry.data.executorUsername,
          reason: 'promoted',
          audit_log_action: 'MEMBER_ROLE_UPDATE',
          audit_log_entry_id: entry.data.entryId,
          match_key: null,
        }),
      );
    });

    it.each([
      ['MEMBER_KICK', 'kick', 'member_remove'],
      ['MEMBER_BAN_ADD', 'ban', 'ban'],
      ['MEMBER_BAN_REMOVE', 'unban', 'unban'],
      ['MEMBER_TIMEOUT_ADD', 'timeout_add', null],
      ['MEMBER_TIMEOUT_REMOVE', 'timeout_remove', null],
      ['AUTO_MODERATION_USER_COMMUNICATION_DISABLED', 'timeout_add', 'automod:timeout'],
      ['AUTO_MODERATION_BLOCK_MESSAGE', 'audit_log', 'automod:block_message'],
      ['AUTO_MODERATION_FLAG_TO_CHANNEL', 'audit_log', 'automod:send_alert_message'],
      ['CHANNEL_CREATE', 'audit_log', null],
    ] as const)('when its action is %s, then the row is a %s waiting for %s', (action, expected, key) => {
      const [row] = rowsOf(botEvent.audit(GUILD_A, T0, action, MOD, ALICE));
      expect([row?.action, row?.match_key]).toEqual([expected, key]);
    });

    it.each([
      ['set', '2026-03-02T00:00:00.000Z', 'timeout_add'],
      ['cleared', null, 'timeout_remove'],
    ])(
      'when a member update has communication_disabled_until %s, then the row is a %s',
      (_, newValue, action) => {
        const [row] = rowsOf(
          botEvent.audit(GUILD_A, T0, 'MEMBER_UPDATE', MOD, ALICE, {
            changes: [{ key: 'communication_disabled_until', oldValue: null, newValue }],
          }),
        );
        expect(row?.action).toBe(action);
      },
    );

    it('when a member update changes something else, then the row stays an audit_log row', () => {
      const [row] = rowsOf(
        botEvent.audit(GUILD_A, T0, 'MEMBER_UPDATE', MOD, ALICE, {
          changes: [{ key: 'nick', oldValue: 'a', newValue: 'b' }],
        }),
      );
      expect(row?.action).toBe('audit_log');
    });

    it('when a MESSAGE_DELETE entry is labelled "message" by discord.js, then its target is still the author and it waits for a deletion in its channel', () => {
      const [row] = rowsOf(
        botEvent.audit(GUILD_A, T0, 'MESSAGE_DELETE', MOD, undefined, {
          actionType: 72,
          targetType: 'message',
          targetId: BOB,
          options: { channelId: OTHER_CHANNEL, count: 1 },
        }),
      );
      expect(row).toEqual(
        expect.objectContaining({
          action: 'audit_log',
          target_user_id: BOB,
          channel_id: OTHER_CHANNEL,
          message_count: 1,
          match_key: `message_delete:${OTHER_CHANNEL}`,
        }),
      );
    });

    it.each(['channel', 'message'] as const)(
      'when a MESSAGE_BULK_DELETE entry targets the channel (labelled "%s"), then the row has that channel and no target member',
      (targetType) => {
        const [row] = rowsOf(
          botEvent.audit(GUILD_A, T0, 'MESSAGE_BULK_DELETE', MOD, undefined, {
            actionType: 73,
            targetType,
            targetId: CHANNEL,
            options: { count: 4 },
          }),
        );
        expect(row).toEqual(
          expect.objectContaining({
            target_user_id: null,
            channel_id: CHANNEL,
            message_count: 4,
            match_key: `message_bulk_delete:${CHANNEL}`,
          }),
        );
      },
    );
  });

  describe('given AutoMod actions', () => {
    it('when Discord AutoMod acted, then the row is automod_discord waiting for its entry of the same kind', () => {
      const [row] = rowsOf(botEvent.discordAutomod(GUILD_A, T0 + SECOND, BOB));
      expect(row).toEqual(
        expect.objectContaining({
          action: 'automod_discord',
          match_key: 'automod:block_message',
          target_user_id: BOB,
          channel_id: CHANNEL,
        }),
      );
    });

    it('when the bot automod acted, then the row is automod_bot with its reason and waits for nothing', () => {
      const [row] = rowsOf(botEvent.botAutomod(GUILD_A, T0, BOB));
      expect(row).toEqual(
        expect.objectContaining({
          action: 'automod_bot',
          match_key: null,
          target_user_id: BOB,
          reason: 'invite link posted',
          details: { ruleId: 'no-invites', ruleType: 'invite_links', actions: ['delete'] },
        }),
      );
    });
  });
});
