import { describe, expect, it } from '@jest/globals';
import { ADMIN_TOKEN, takeFromSubscription, useApiHarness } from '../testing/api-harness.js';
import { botEvent, DAY, GUILD_A, MINUTE, T0, user } from '../testing/bot-events.fixture.js';

/**
 * The moderation log over HTTP and WebSocket on the real stack (SQLite event store, write side, projection
 * runner, PGlite): the member removal Discord sends with a ban is not listed as a second entry.
 */
describe('moderation log: the member removal of a ban', () => {
  const harness = useApiHarness([botEvent.guildCreate(GUILD_A, T0 - 10 * DAY, 'Alpha')], T0);
  const mod = user(1);
  const banned = user(40);

  const list = async (includeSuperseded?: boolean) => {
    const res = await harness().gql<{
      guild: { moderationLog: { nodes: { id: string; action: string; supersededBy: string | null }[] } };
    }>(
      ADMIN_TOKEN,
      `query($id: ID!, $filter: ModerationFilter) { guild(id: $id) {
        moderationLog(filter: $filter) { nodes { id action supersededBy } } } }`,
      {
        id: GUILD_A,
        filter: { targetId: banned, ...(includeSuperseded === undefined ? {} : { includeSuperseded }) },
      },
    );
    expect(res.errors).toBeUndefined();
    return res.data?.guild.moderationLog.nodes;
  };

  it('lists one BAN, shows the removal only on request, and pushes the removal as superseded', async () => {
    const h = harness();
    const client = h.ws(ADMIN_TOKEN);
    const updates = takeFromSubscription<{ moderationEntryUpdated: Record<string, unknown> }>(
      client,
      'subscription($g: ID!) { moderationEntryUpdated(guildId: $g) { id action supersededBy } }',
      { g: GUILD_A },
    );
    await h.api.live.moderationUpdates.whenSubscribed(GUILD_A);
    const leave = botEvent.leave(GUILD_A, T0 + MINUTE, banned);
    const ban = botEvent.ban(GUILD_A, T0 + MINUTE + 1000, banned, mod, 'raid');
    // Two commits: the removal was already announced as a leave when the ban comes.
    await h.record([leave]);
    await h.record([ban]);

    expect((await updates.result)[0]?.moderationEntryUpdated).toEqual({
      id: leave.id,
      action: 'LEAVE',
      supersededBy: ban.id,
    });
    expect(await list()).toEqual([{ id: ban.id, action: 'BAN', supersededBy: null }]);
    expect(await list(false)).toEqual([{ id: ban.id, action: 'BAN', supersededBy: null }]);
    expect(await list(true)).toEqual([
      { id: ban.id, action: 'BAN', supersededBy: null },
      { id: leave.id, action: 'LEAVE', supersededBy: ban.id },
    ]);
  }, 20_000);
});
