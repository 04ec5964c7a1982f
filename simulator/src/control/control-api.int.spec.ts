import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Simulator } from '../simulator.js';
import { controlCall } from '../testing/control-client.js';

describe('control API (/_sim)', () => {
  const sim = new Simulator();
  beforeAll(() => sim.start());
  afterAll(() => sim.stop());

  const call = (method: string, path: string, body?: unknown) =>
    controlCall(sim.urls.controlBase, method, path, body);

  it('creates a guild with members, runs an action and shows the resulting world', async () => {
    const created = await call('POST', '/guilds', { name: 'Remote', members: 3 });
    expect(created.status).toBe(200);
    const guildId = created.body.id as string;
    const members = await call('GET', `/guilds/${guildId}/members`);
    const target = (members.body as unknown as { userId: string }[]).find(
      (m) => m.userId !== created.body.ownerId && m.userId !== sim.botUser.id,
    )!;
    const banned = await call('POST', '/actions/ban', {
      guildId,
      userId: target.userId,
      moderatorId: created.body.ownerId,
      reason: 'remote',
    });
    expect(banned.status).toBe(200);
    const guild = await call('GET', `/guilds/${guildId}`);
    expect(guild.body.bans).toEqual([{ userId: target.userId, reason: 'remote' }]);
    const audit = await call('GET', `/guilds/${guildId}/audit-log`);
    expect(audit.body).toEqual([expect.objectContaining({ action_type: 22, target_id: target.userId })]);
  });

  it('rejects bad input with a clear message and changes nothing', async () => {
    const before = sim.world.guilds.size;
    const res = await call('POST', '/guilds', { name: '' });
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/"name"/);
    expect(sim.world.guilds.size).toBe(before);
    const unknown = await call('POST', '/actions/ban', { guildId: '1', userId: '2', moderatorId: '3' });
    expect(unknown).toEqual({ status: 404, body: { message: 'Unknown Guild', code: 10004 } });
  });
});
