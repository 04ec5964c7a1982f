import { describe, expect, it } from '@jest/globals';
import {
  appendBotEvents,
  botEvent,
  DAY,
  GUILD_A,
  HOUR,
  MINUTE,
  T0,
  userId,
} from '../testing/guild-events.fixture.js';
import { projectAll, useReadModelTestbed } from '../testing/read-model.harness.js';
import { activity, metrics } from './member-events.fixture.js';
import { membersProjection } from './members.projection.js';

const COLUMNS = `user_id, username, discriminator, avatar, is_present, first_joined_at, last_joined_at,
  left_at, join_count, leave_count, last_seen_at, profile_updated_at`;

describe('members known from activity snapshots (in the guild before the bot)', () => {
  const bed = useReadModelTestbed('ms');
  const members = () => bed.db.query(`SELECT ${COLUMNS} FROM members ORDER BY user_id`).then((r) => r.rows);

  it('given a member only named by a METRICS_SNAPSHOT, then it is present with its name and an unknown join time', async () => {
    const u = userId(1);
    await appendBotEvents(bed.store, [metrics(T0, [{ userId: u, username: 'old-timer', avatar: 'a1' }])]);
    await projectAll(bed.store, bed.db, [membersProjection()]);
    expect(await members()).toEqual([
      {
        user_id: u,
        username: 'old-timer',
        discriminator: null,
        avatar: 'a1',
        is_present: true,
        first_joined_at: null,
        last_joined_at: null,
        left_at: null,
        join_count: 0,
        leave_count: 0,
        last_seen_at: new Date(T0),
        profile_updated_at: new Date(T0),
      },
    ]);
  });

  it('given a rename in a newer snapshot, then the name follows; an older snapshot arriving later does not undo it', async () => {
    const u = userId(2);
    await appendBotEvents(bed.store, [
      metrics(T0, [{ userId: u, username: 'first', avatar: 'a1' }]),
      activity(T0 + HOUR, [{ userId: u, username: 'renamed', avatar: 'a2', discriminator: '0042' }]),
      // The bot delivered this one late: its event time is between the two above.
      metrics(T0 + 10 * MINUTE, [{ userId: u, username: 'first', avatar: 'a1' }]),
    ]);
    await projectAll(bed.store, bed.db, [membersProjection()], { batchSize: 1 });
    expect(await members()).toEqual([
      expect.objectContaining({
        username: 'renamed',
        avatar: 'a2',
        discriminator: '0042',
        is_present: true,
        last_seen_at: new Date(T0 + HOUR - MINUTE),
        profile_updated_at: new Date(T0 + HOUR),
      }),
    ]);
  });

  it('given the same snapshots out of order within one batch, then the newest identity and latest activity win', async () => {
    const u = userId(3);
    await appendBotEvents(bed.store, [
      metrics(T0 + 2 * HOUR, [{ userId: u, username: 'newest' }]),
      metrics(T0, [{ userId: u, username: 'oldest', avatar: 'a0' }]),
      activity(T0 + HOUR, [{ userId: u, username: 'middle' }]),
    ]);
    await projectAll(bed.store, bed.db, [membersProjection()]);
    expect(await members()).toEqual([
      expect.objectContaining({
        username: 'newest',
        // The newest snapshots said nothing about the avatar: the one that did is kept.
        avatar: 'a0',
        last_seen_at: new Date(T0 + 2 * HOUR),
        profile_updated_at: new Date(T0 + 2 * HOUR),
      }),
    ]);
  });

  it('given a joined member, then a snapshot refreshes the name but not the join, and a snapshot after a leave does not bring it back', async () => {
    const stays = userId(4);
    const leaves = userId(5);
    await appendBotEvents(bed.store, [
      botEvent.join(GUILD_A, T0, stays, { class: 'unknown' }, 'stays'),
      botEvent.join(GUILD_A, T0, leaves, { class: 'unknown' }, 'leaves'),
      botEvent.leave(GUILD_A, T0 + 2 * HOUR, leaves, { username: 'leaves' }),
      // Late snapshot: the bot's period ended after the leave (presence belongs to join/leave events).
      metrics(T0 + 3 * HOUR, [
        { userId: stays, username: 'stays-renamed' },
        { userId: leaves, username: 'leaves-renamed' },
      ]),
    ]);
    await projectAll(bed.store, bed.db, [membersProjection()]);
    const rows = await members();
    expect(rows).toEqual([
      expect.objectContaining({
        user_id: stays,
        username: 'stays-renamed',
        is_present: true,
        first_joined_at: new Date(T0),
        last_joined_at: new Date(T0),
        join_count: 1,
      }),
      expect.objectContaining({
        user_id: leaves,
        username: 'leaves-renamed',
        is_present: false,
        left_at: new Date(T0 + 2 * HOUR),
        join_count: 1,
        leave_count: 1,
      }),
    ]);
  });

  it('given a member first seen in a snapshot who then leaves and rejoins, then presence follows the events', async () => {
    const u = userId(6);
    await appendBotEvents(bed.store, [
      activity(T0, [{ userId: u, username: 'veteran' }]),
      botEvent.ban(GUILD_A, T0 + HOUR, u, userId(90)),
    ]);
    await projectAll(bed.store, bed.db, [membersProjection()]);
    // A ban without a leave says nothing about presence: the member seen active stays present.
    expect(await members()).toEqual([expect.objectContaining({ is_present: true, last_joined_at: null })]);

    await appendBotEvents(bed.store, [botEvent.leave(GUILD_A, T0 + HOUR, u)]);
    await projectAll(bed.store, bed.db, [membersProjection()]);
    expect(await members()).toEqual([
      expect.objectContaining({ is_present: false, left_at: new Date(T0 + HOUR), leave_count: 1 }),
    ]);

    await appendBotEvents(bed.store, [botEvent.join(GUILD_A, T0 + DAY, u)]);
    await projectAll(bed.store, bed.db, [membersProjection()]);
    expect(await members()).toEqual([
      expect.objectContaining({ is_present: true, last_joined_at: new Date(T0 + DAY), join_count: 1 }),
    ]);
  });

  it('given the whole log replayed a second time, then the rows are identical', async () => {
    const [a, b] = [userId(7), userId(8)];
    await appendBotEvents(bed.store, [
      metrics(T0, [{ userId: a, username: 'a1' }]),
      botEvent.join(GUILD_A, T0 + MINUTE, b, { class: 'unknown' }, 'b-join'),
      activity(T0 + HOUR, [
        { userId: a, username: 'a2', avatar: null },
        { userId: b, username: 'b2', avatar: 'bb' },
      ]),
      metrics(T0 + 30 * MINUTE, [{ userId: a, username: 'a-late' }]),
    ]);
    await projectAll(bed.store, bed.db, [membersProjection()], { batchSize: 2 });
    const once = await members();
    expect(once.map((r) => r.username)).toEqual(['a2', 'b2']);

    // As after a crash between the writes and the checkpoint: every event is delivered again.
    await bed.db.query(`DELETE FROM projection_checkpoints WHERE projection = 'members'`);
    await projectAll(bed.store, bed.db, [membersProjection()], { batchSize: 3 });
    expect(await members()).toEqual(once);
  });
});
