import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '../core/clock.js';
import { Simulator } from '../simulator.js';
import { controlCall } from '../testing/control-client.js';
import type { GuildTruth, TruthSummary } from './truth.types.js';

const START = Date.UTC(2026, 3, 1, 9, 0, 0);

describe('the truth over HTTP (/_sim/truth) and the bot effects of REST calls', () => {
  const clock = new ManualClock(START);
  const sim = new Simulator({ clock });
  beforeAll(() => sim.start());
  afterAll(() => sim.stop());

  const control = (method: string, path: string, body?: unknown) =>
    controlCall(sim.urls.controlBase, method, path, body);
  /** A REST call as the bot, the way its modules make them. */
  const rest = async (method: string, path: string, body?: unknown, reason?: string) => {
    const res = await fetch(`${sim.urls.restBase}/v10${path}`, {
      method,
      headers: {
        authorization: `Bot ${sim.token}`,
        'content-type': 'application/json',
        ...(reason ? { 'x-audit-log-reason': encodeURIComponent(reason) } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(res.status).toBeLessThan(300);
    return res.status === 204 ? null : ((await res.json()) as { id: string });
  };

  it('serves what the ledger exports, and records what the bot did through REST', async () => {
    const created = await control('POST', '/guilds', { name: 'Over HTTP', members: 3, vanityCode: 'http' });
    const guildId = created.body.id as string;
    const general = (created.body.channels as { id: string }[])[0]!.id;
    const ownerId = created.body.ownerId as string;
    const newcomer = (await control('POST', '/actions/createUser', { username: 'newcomer' })).body
      .id as string;
    const shy = (await control('POST', '/actions/createUser', { username: 'shy-one' })).body.id as string;
    const invite = (
      await control('POST', '/actions/createInvite', { channelId: general, inviterId: ownerId })
    ).body.code as string;
    clock.advance(1000);
    await control('POST', '/actions/join', { guildId, userId: newcomer, invite });
    await control('POST', '/actions/join', { guildId, userId: shy, vanity: true });
    const spam = (
      await control('POST', '/actions/sendMessage', {
        channelId: general,
        authorId: newcomer,
        content: 'buy',
      })
    ).body.id as string;

    clock.advance(1000);
    const welcome = (await rest('POST', `/channels/${general}/messages`, {
      content: `Welcome <@${newcomer}>!`,
    }))!;
    const quiet = (await rest('POST', `/channels/${general}/messages`, { content: 'Welcome shy-one!' }))!;
    await rest('DELETE', `/channels/${general}/messages/${spam}`, undefined, 'automod: banned word');
    const until = new Date(START + 600_000).toISOString();
    await rest(
      'PATCH',
      `/guilds/${guildId}/members/${newcomer}`,
      { communication_disabled_until: until },
      'spam',
    );
    await rest('PATCH', `/guilds/${guildId}/members/${newcomer}`, { communication_disabled_until: null });
    await rest('DELETE', `/guilds/${guildId}/members/${shy}`, undefined, 'raid');
    await rest('PUT', `/guilds/${guildId}/bans/${newcomer}`, {}, 'scam links');

    const at = new Date(START + 2000).toISOString();
    expect(sim.truth.exportGuild(guildId).botEffects).toEqual([
      {
        at,
        kind: 'message',
        channelId: general,
        messageId: welcome.id,
        content: `Welcome <@${newcomer}>!`,
        greetsUserId: newcomer,
      },
      {
        at,
        kind: 'message',
        channelId: general,
        messageId: quiet.id,
        content: 'Welcome shy-one!',
        greetsUserId: shy,
      },
      {
        at,
        kind: 'messageDelete',
        channelId: general,
        messageId: spam,
        authorId: newcomer,
        reason: 'automod: banned word',
      },
      { at, kind: 'timeout', userId: newcomer, until, reason: 'spam' },
      { at, kind: 'timeoutRemoved', userId: newcomer, reason: null },
      { at, kind: 'kick', userId: shy, reason: 'raid' },
      { at, kind: 'ban', userId: newcomer, reason: 'scam links' },
    ]);
    // The bot's own single delete is not audited: Discord names no deleter for it.
    expect(sim.truth.exportGuild(guildId).moderation.find((f) => f.kind === 'messageDelete')).toMatchObject({
      moderatorId: sim.botUser.id,
      audit: 'none',
    });

    const served = await control('GET', `/truth/guilds/${guildId}`);
    expect(served.status).toBe(200);
    expect(served.body as unknown as GuildTruth).toEqual(sim.truth.exportGuild(guildId));

    // `from` in ms, `to` as an ISO date: the minute of START, up to (not including) the bot's actions.
    const window = await control('GET', `/truth/guilds/${guildId}?from=${START}&to=${at}&at=${START + 5000}`);
    expect(window.body as unknown as GuildTruth).toEqual(
      sim.truth.exportGuild(guildId, START + 5000, { from: START, to: START + 2000 }),
    );
    expect((window.body as unknown as GuildTruth).moderation).toEqual([]);
    expect((window.body as unknown as GuildTruth).activity.messages.map((r) => r.userId)).toEqual([
      sim.botUser.id,
      newcomer,
    ]);

    const summary = (await control('GET', '/truth')).body as unknown as TruthSummary;
    expect(summary).toEqual(sim.truth.summary());
    expect(summary.guilds.find((g) => g.guildId === guildId)).toMatchObject({
      memberCount: 5,
      joins: 2,
      departures: 2,
      messages: 3,
      botEffects: 7,
      moderation: { ban: 1, kick: 1, messageDelete: 1, timeout: 1, timeoutRemoved: 1 },
    });
  });

  it('answers bad parameters and unknown guilds clearly', async () => {
    const guildId = sim.world.botGuilds()[0]!.id;
    expect(await control('GET', `/truth/guilds/${guildId}?from=yesterday`)).toEqual({
      status: 400,
      body: { message: '"from" must be an ISO date or ms since the epoch: "yesterday"' },
    });
    expect(await control('GET', '/truth/guilds/1')).toEqual({
      status: 404,
      body: { message: 'Unknown Guild', code: 10004 },
    });
  });
});
