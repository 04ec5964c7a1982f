import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ChannelType, type Client, PermissionFlagsBits } from 'discord.js';
import { Simulator } from '../simulator.js';
import { loginClient } from '../testing/discord-client.js';
import type { SimGuild } from '../world/world.types.js';

describe('a plain discord.js client logging in to the simulator', () => {
  const sim = new Simulator();
  let client: Client<true>;
  let guilds: SimGuild[];

  beforeAll(async () => {
    guilds = [sim.createGuild({ name: 'Alpha' }), sim.createGuild({ name: 'Beta', vanityCode: 'beta' })];
    sim.populate(guilds[0]!.id, 5);
    const urls = await sim.start({ port: 0 });
    client = await loginClient(urls, sim.token);
  });

  afterAll(async () => {
    await client?.destroy();
    await sim.stop();
  });

  it('becomes ready as the bot user and sees every guild with its channels and members', () => {
    expect(client.user.id).toBe(sim.botUser.id);
    expect([...client.guilds.cache.keys()].sort()).toEqual(guilds.map((g) => g.id).sort());
    const alpha = client.guilds.cache.get(guilds[0]!.id)!;
    expect(alpha.name).toBe('Alpha');
    expect(alpha.memberCount).toBe(7); // owner + bot + 5
    expect(alpha.members.cache.size).toBe(7);
    expect(alpha.channels.cache.filter((c) => c.type === ChannelType.GuildVoice).size).toBe(2);
    expect(alpha.members.me?.permissions.has(PermissionFlagsBits.ManageGuild)).toBe(true);
  });

  it('derives account creation dates from the snowflakes', async () => {
    const [user] = sim.populate(guilds[1]!.id, 1, { accountAgeDays: 3 });
    const fetched = await client.users.fetch(user!.id);
    const ageDays = (Date.now() - fetched.createdTimestamp) / 86_400_000;
    expect(ageDays).toBeGreaterThan(2.9);
    expect(ageDays).toBeLessThan(3.1);
  });

  it('answers 401 to a wrong token, so login fails with TokenInvalid', async () => {
    const { Client: DjsClient } = await import('discord.js');
    const bad = new DjsClient({ intents: [], rest: { api: sim.urls.restBase } });
    await expect(bad.login('wrong-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    await bad.destroy();
    const res = await fetch(`${sim.urls.restBase}/v10/users/@me`, { headers: { authorization: 'Bot nope' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: '401: Unauthorized', code: 0 });
  });
});
