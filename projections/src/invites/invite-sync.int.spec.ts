import type { RecordedEvent } from '@guildscope/write-side';
import { describe, expect, it } from '@jest/globals';
import {
  appendBotEvents,
  botEvent,
  GUILD_A,
  GUILD_B,
  HOUR,
  T0,
  userId,
} from '../testing/guild-events.fixture.js';
import {
  applyBatch,
  freshReadModel,
  projectAll,
  useReadModelTestbed,
} from '../testing/read-model.harness.js';
import { invitesProjection } from './invites.projection.js';

const OWNER = userId(1);
const MOD = userId(2);

describe('invites read model: INVITE_SYNC', () => {
  const bed = useReadModelTestbed('isync');

  const invites = async () =>
    (
      await bed.db.query(
        `SELECT guild_id, code, inviter_id, uses, created_at IS NOT NULL AS has_created_at,
           deleted_at IS NOT NULL AS deleted, missing_since
         FROM invites ORDER BY guild_id, code`,
      )
    ).rows;

  it('given a sync at bot start, then invites made before the bot arrived are listed with their uses', async () => {
    await appendBotEvents(bed.store, [
      botEvent.inviteSync(GUILD_A, T0, [
        { code: 'welcome', inviterId: OWNER, uses: 412 },
        { code: 'staff', inviterId: MOD, uses: 3 },
      ]),
    ]);
    await projectAll(bed.store, bed.db, [invitesProjection()]);
    expect(await invites()).toEqual([
      {
        guild_id: GUILD_A,
        code: 'staff',
        inviter_id: MOD,
        uses: 3,
        has_created_at: true,
        deleted: false,
        missing_since: null,
      },
      {
        guild_id: GUILD_A,
        code: 'welcome',
        inviter_id: OWNER,
        uses: 412,
        has_created_at: true,
        deleted: false,
        missing_since: null,
      },
    ]);
  });

  it('given an invite a later complete sync does not list, then it is missing since that sync; an incomplete sync proves nothing', async () => {
    await appendBotEvents(bed.store, [
      botEvent.inviteCreate(GUILD_A, T0, 'gone', OWNER),
      botEvent.inviteCreate(GUILD_A, T0, 'kept', OWNER),
      botEvent.inviteCreate(GUILD_B, T0, 'gone', OWNER),
      botEvent.inviteSync(GUILD_A, T0 + HOUR, [{ code: 'kept', inviterId: OWNER, uses: 5 }]),
      botEvent.inviteSync(GUILD_B, T0 + HOUR, [], false),
      botEvent.inviteSync(GUILD_A, T0 + 2 * HOUR, [{ code: 'kept', inviterId: OWNER, uses: 6 }]),
    ]);
    await projectAll(bed.store, bed.db, [invitesProjection()]);
    expect((await invites()).map((r) => [r.guild_id, r.code, r.uses, r.missing_since])).toEqual([
      [GUILD_A, 'gone', 0, new Date(T0 + HOUR)],
      [GUILD_A, 'kept', 6, null],
      [GUILD_B, 'gone', 0, null],
    ]);
  });

  it('given the same events in any batching (a create appended after the sync but dated before it), then the same rows', async () => {
    const events = [
      botEvent.inviteSync(GUILD_A, T0 + HOUR, [{ code: 'kept', inviterId: OWNER, uses: 1 }]),
      // Sent late by a bot's outbox after a restart: made before the sync, gone by then.
      botEvent.inviteCreate(GUILD_A, T0, 'late', OWNER),
      // Made after the sync: not concerned by it.
      botEvent.inviteCreate(GUILD_A, T0 + 2 * HOUR, 'fresh', MOD),
      botEvent.join(GUILD_A, T0 + 3 * HOUR, userId(30), {
        class: 'invite',
        code: 'fresh',
        inviterId: MOD,
        uses: 1,
      }),
    ];
    await appendBotEvents(bed.store, events);
    await projectAll(bed.store, bed.db, [invitesProjection()], { batchSize: 1 });
    const oneByOne = await invites();
    const again = await freshReadModel(bed.root, 'isync');
    await projectAll(bed.store, again, [invitesProjection()]);
    expect((await again.query('SELECT * FROM invites ORDER BY code')).rows).toEqual(
      (await bed.db.query('SELECT * FROM invites ORDER BY code')).rows,
    );
    expect(oneByOne.map((r) => [r.code, r.missing_since])).toEqual([
      ['fresh', null],
      ['kept', null],
      ['late', new Date(T0 + HOUR)],
    ]);
  });

  it('given a sync applied twice, then nothing changes', async () => {
    const sync = botEvent.inviteSync(GUILD_A, T0 + HOUR, [{ code: 'kept', inviterId: OWNER, uses: 2 }]);
    await appendBotEvents(bed.store, [botEvent.inviteCreate(GUILD_A, T0, 'gone', OWNER), sync]);
    await projectAll(bed.store, bed.db, [invitesProjection()]);
    const before = (await bed.db.query('SELECT * FROM invites ORDER BY code')).rows;
    const recorded: RecordedEvent[] = [];
    for await (const e of bed.store.readAll()) recorded.push(e);
    await applyBatch(bed.db, invitesProjection(), recorded);
    expect((await bed.db.query('SELECT * FROM invites ORDER BY code')).rows).toEqual(before);
    expect((await bed.db.query('SELECT count(*)::int AS n FROM invite_syncs')).rows).toEqual([{ n: 1 }]);
  });
});
