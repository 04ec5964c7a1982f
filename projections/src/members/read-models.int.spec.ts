import { describe, expect, it } from '@jest/globals';
import { guildsProjection } from '../guilds/guilds.projection.js';
import { invitesProjection } from '../invites/invites.projection.js';
import {
  appendBotEvents,
  botEvent,
  DAY,
  GUILD_A,
  GUILD_B,
  HOUR,
  T0,
  userId,
} from '../testing/guild-events.fixture.js';
import { projectAll, useReadModelTestbed } from '../testing/read-model.harness.js';
import { membersProjection } from './members.projection.js';

const INVITER = userId(10);

describe('guilds, members and invites read models', () => {
  const bed = useReadModelTestbed('rm');

  describe('members', () => {
    it('given join, leave and rejoin, then the member is present with first/last join, last roles and latest name', async () => {
      const u = userId(1);
      await appendBotEvents(bed.store, [
        botEvent.join(GUILD_A, T0, u, { class: 'unknown' }, 'alice'),
        botEvent.leave(GUILD_A, T0 + HOUR, u, { roles: [userId(50)], username: 'alice2' }),
        botEvent.join(GUILD_A, T0 + 2 * HOUR, u, { class: 'unknown' }, 'alice3'),
      ]);
      await projectAll(bed.store, bed.db, [membersProjection()], { batchSize: 1 });
      const { rows } = await bed.db.query('SELECT * FROM members WHERE guild_id = $1', [GUILD_A]);
      expect(rows).toEqual([
        expect.objectContaining({
          user_id: u,
          username: 'alice3',
          first_joined_at: new Date(T0),
          last_joined_at: new Date(T0 + 2 * HOUR),
          left_at: new Date(T0 + HOUR),
          is_present: true,
          join_count: 2,
          leave_count: 1,
          roles_at_leave: [userId(50)],
          account_created_at: new Date(T0 - 400 * DAY),
        }),
      ]);
    });

    it('given a leave that is older than the last join but arrives later in the log, the member stays present', async () => {
      const u = userId(2);
      await appendBotEvents(bed.store, [
        botEvent.join(GUILD_A, T0 + 2 * HOUR, u),
        botEvent.leave(GUILD_A, T0 + HOUR, u),
      ]);
      await projectAll(bed.store, bed.db, [membersProjection()]);
      expect((await bed.db.query('SELECT is_present FROM members')).rows).toEqual([{ is_present: true }]);
    });

    it('given a batch whose first join and leave were already applied, then only the new join counts', async () => {
      const u = userId(3);
      await appendBotEvents(bed.store, [
        botEvent.join(GUILD_A, T0, u),
        botEvent.leave(GUILD_A, T0 + HOUR, u),
      ]);
      await projectAll(bed.store, bed.db, [membersProjection()]);
      // As after a crash between the writes and the checkpoint, with one more event since.
      await bed.db.query(`DELETE FROM projection_checkpoints WHERE projection = 'members'`);
      await appendBotEvents(bed.store, [botEvent.join(GUILD_A, T0 + 2 * HOUR, u)]);
      await projectAll(bed.store, bed.db, [membersProjection()], { batchSize: 10 });
      const { rows } = await bed.db.query(
        'SELECT join_count, leave_count, is_present, last_joined_at FROM members WHERE user_id = $1',
        [u],
      );
      expect(rows).toEqual([
        { join_count: 2, leave_count: 1, is_present: true, last_joined_at: new Date(T0 + 2 * HOUR) },
      ]);
      const history = await bed.db.query('SELECT count(*)::int AS n FROM member_presence_events');
      expect(history.rows).toEqual([{ n: 3 }]);
    });
  });

  describe('invites', () => {
    it('given joins through an invite, then inviter stats count joins, still present, left and fake', async () => {
      const stay = userId(20);
      const quick = userId(21); // leaves after 2 h: fake
      const young = userId(22, T0 - DAY); // account 1 day old: fake
      const later = userId(23); // leaves after 3 days: left, not fake
      const invite = { class: 'invite' as const, code: 'abc', inviterId: INVITER, inviterUsername: 'inv' };
      await appendBotEvents(bed.store, [
        botEvent.inviteCreate(GUILD_A, T0 - HOUR, 'abc', INVITER, 10),
        botEvent.join(GUILD_A, T0, stay, { ...invite, uses: 1 }),
        botEvent.join(GUILD_A, T0, quick, { ...invite, uses: 2 }),
        botEvent.join(GUILD_A, T0, young, { ...invite, uses: 3 }),
        botEvent.join(GUILD_A, T0, later, { ...invite, uses: 4 }),
        botEvent.join(GUILD_A, T0, userId(24), { class: 'vanity', code: 'cool' }),
        botEvent.join(GUILD_A, T0, userId(25), { class: 'no-permission' }),
        botEvent.leave(GUILD_A, T0 + 2 * HOUR, quick),
        botEvent.leave(GUILD_A, T0 + 3 * DAY, later),
        botEvent.inviteDelete(GUILD_A, T0 + 4 * DAY, 'abc'),
      ]);
      await projectAll(bed.store, bed.db, [invitesProjection()]);
      expect(
        (await bed.db.query('SELECT inviter_id, joins, still_present, left_count, fake FROM inviter_stats'))
          .rows,
      ).toEqual([{ inviter_id: INVITER, joins: 4, still_present: 2, left_count: 2, fake: 2 }]);
      expect(
        (
          await bed.db.query(
            'SELECT code, uses, max_uses, deleted_at IS NOT NULL AS deleted FROM invites ORDER BY code',
          )
        ).rows,
      ).toEqual([
        { code: 'abc', uses: 4, max_uses: 10, deleted: true },
        { code: 'cool', uses: 0, max_uses: null, deleted: false },
      ]);
      expect(
        (await bed.db.query('SELECT join_class, count(*)::int AS n FROM invite_joins GROUP BY 1 ORDER BY 1'))
          .rows,
      ).toEqual([
        { join_class: 'invite', n: 4 },
        { join_class: 'no-permission', n: 1 },
        { join_class: 'vanity', n: 1 },
      ]);
      const edges = await bed.db.query(
        'SELECT source_user_id, target_user_id FROM invite_graph_edges ORDER BY target_user_id',
      );
      expect(edges.rows.map((e) => e.target_user_id)).toEqual([stay, quick, young, later].sort());
      const nodes = await bed.db.query('SELECT user_id, is_inviter FROM invite_graph_nodes WHERE is_inviter');
      expect(nodes.rows).toEqual([{ user_id: INVITER, is_inviter: true }]);
    });
  });

  describe('guilds', () => {
    it('given a complete sync by a bot, then guilds of that bot missing from it are marked absent, with history', async () => {
      const gone = GUILD_B;
      await appendBotEvents(bed.store, [
        botEvent.guildCreate(GUILD_A, T0, 'Alpha'),
        botEvent.guildCreate(gone, T0, 'Beta'),
        botEvent.guildUpdate(GUILD_A, T0 + HOUR, { name: { old: 'Alpha', new: 'Alpha 2' } }),
        botEvent.guildSync(GUILD_A, T0 + DAY, 'Alpha 2', '3f1e6f3c-0000-4000-8000-000000000001', 1),
      ]);
      await projectAll(bed.store, bed.db, [guildsProjection()]);
      expect(
        (await bed.db.query('SELECT guild_id, name, status, is_active FROM guilds ORDER BY guild_id')).rows,
      ).toEqual(
        [
          { guild_id: GUILD_A, name: 'Alpha 2', status: 'active', is_active: true },
          { guild_id: gone, name: 'Beta', status: 'absent', is_active: false },
        ].sort((a, b) => a.guild_id.localeCompare(b.guild_id)),
      );
      const history = await bed.db.query(
        'SELECT change FROM guild_history WHERE guild_id = $1 ORDER BY occurred_at',
        [gone],
      );
      expect(history.rows.map((r) => r.change)).toEqual(['create', 'absent']);
    });

    it('given a delete, then an outage is "unavailable" (still active) and a removal is "removed"', async () => {
      await appendBotEvents(bed.store, [
        botEvent.guildCreate(GUILD_A, T0, 'Alpha'),
        botEvent.guildCreate(GUILD_B, T0, 'Beta'),
        botEvent.guildDelete(GUILD_A, T0 + HOUR, true),
        botEvent.guildDelete(GUILD_B, T0 + HOUR, false),
      ]);
      await projectAll(bed.store, bed.db, [guildsProjection()]);
      const rows = await bed.db.query<{ guild_id: string; status: string; is_active: boolean }>(
        'SELECT guild_id, status, is_active FROM guilds',
      );
      expect(Object.fromEntries(rows.rows.map((r) => [r.guild_id, [r.status, r.is_active]]))).toEqual({
        [GUILD_A]: ['unavailable', true],
        [GUILD_B]: ['removed', false],
      });
    });
  });
});
