import { randomUUID } from 'node:crypto';
import { type BotEvent, type BotEventOf, exampleMessageDelete } from '@guildscope/contracts';
import { describe, expect, it } from '@jest/globals';
import { ADMIN_TOKEN, useApiHarness } from '../testing/api-harness.js';
import { botEvent, DAY, GUILD_A, GUILD_B, HOUR, T0, user } from '../testing/bot-events.fixture.js';

/**
 * Member profiles and member counts through the API, on the real stack: events go in through the write
 * side, the projections build the read models, GraphQL answers.
 */

const mod = user(1);
const inviter = user(2);
const [joined, leaver, target, author] = [user(3), user(4), user(6), user(8)];
const [oldTimer, botAccount, goneUnseen, newcomer] = [user(10), user(11), user(12), user(13)];

/** A deletion of `authorId`'s message whose deleter Discord did not report. */
function messageDelete(guildId: string, at: number, authorId: string): BotEventOf<'MESSAGE_DELETE'> {
  const { deletedBy: _deleter, ...data } = exampleMessageDelete.data;
  return {
    ...exampleMessageDelete,
    id: randomUUID(),
    guildId,
    userId: authorId,
    timestamp: at,
    data: { ...data, authorId, authorUsername: 'chatty', deletedByCertainty: 'unknown' },
  };
}

/** Discord's member list of GUILD_B, fetched at `at`, in one chunk. */
function memberList(at: number): BotEventOf<'GUILD_MEMBERS_SYNC'> {
  const listed = (userId: string, bot: boolean, joinedAt: string) => ({
    userId,
    username: `listed-${userId.slice(-4)}`,
    bot,
    joinedAt,
  });
  return {
    id: randomUUID(),
    type: 'GUILD_MEMBERS_SYNC',
    guildId: GUILD_B,
    timestamp: at,
    data: {
      syncId: randomUUID(),
      chunkIndex: 0,
      chunkCount: 1,
      members: [
        listed(oldTimer, false, '2024-01-01T09:30:00.000Z'),
        listed(botAccount, true, '2024-02-01T00:00:00.000Z'),
      ],
    },
  };
}

const history: BotEvent[] = [
  // Discord reports 42 members when the bot arrives.
  botEvent.guildCreate(GUILD_A, T0 - 10 * DAY, 'Alpha'),
  botEvent.join(GUILD_A, T0 - 5 * DAY, joined),
  botEvent.join(GUILD_A, T0 - 4 * DAY, leaver),
  botEvent.leave(GUILD_A, T0 - 3 * DAY, leaver),
  // Happened before the report, delivered after it: already in Discord's 42.
  botEvent.join(GUILD_A, T0 - 11 * DAY, user(5)),
  botEvent.ban(GUILD_A, T0 - 2 * DAY, target, mod, 'spam'),
  botEvent.inviteCreate(GUILD_A, T0 - 2 * DAY, 'alpha1', inviter),
  messageDelete(GUILD_A, T0 - DAY, author),

  botEvent.guildCreate(GUILD_B, T0 - 10 * DAY, 'Beta'),
  botEvent.join(GUILD_B, T0 - 3 * DAY, goneUnseen),
  memberList(T0 - 2 * DAY),
  botEvent.join(GUILD_B, T0 - DAY, newcomer),
];

const PROFILE = `query($id: ID!, $m: ID!) { guild(id: $id) { member(id: $m) {
  id username bot joinedAt leftAt present presence } } }`;

const harness = useApiHarness(history, T0);

async function profile(guildId: string, userId: string) {
  const res = await harness().gql<{ guild: { member: Record<string, unknown> } }>(ADMIN_TOKEN, PROFILE, {
    id: guildId,
    m: userId,
  });
  return { member: res.data?.guild.member, code: res.errors?.[0]?.extensions?.code };
}

describe('member profiles', () => {
  it('given users the guild events name but never as members, then each has a profile with presence unknown', async () => {
    const unknown = { bot: null, joinedAt: null, leftAt: null, present: false, presence: 'UNKNOWN' };
    expect(await profile(GUILD_A, mod)).toEqual({
      member: { id: mod, username: `mod-${mod.slice(-4)}`, ...unknown },
      code: undefined,
    });
    expect((await profile(GUILD_A, inviter)).member).toEqual({
      id: inviter,
      username: `user-${inviter.slice(-4)}`,
      ...unknown,
    });
    expect((await profile(GUILD_A, author)).member).toEqual({ id: author, username: 'chatty', ...unknown });
    expect((await profile(GUILD_A, target)).member).toEqual({
      id: target,
      username: `user-${target.slice(-4)}`,
      ...unknown,
    });
  });

  it('given an id no event of the guild names, then NOT_FOUND', async () => {
    expect(await profile(GUILD_A, user(99))).toEqual({ member: undefined, code: 'NOT_FOUND' });
    // Named in another guild only.
    expect((await profile(GUILD_B, mod)).code).toBe('NOT_FOUND');
  });

  it('given members who were there before the bot, then the member list gives their join date and bot flag', async () => {
    expect((await profile(GUILD_B, oldTimer)).member).toEqual({
      id: oldTimer,
      username: `listed-${oldTimer.slice(-4)}`,
      bot: false,
      joinedAt: '2024-01-01T09:30:00.000Z',
      leftAt: null,
      present: true,
      presence: 'PRESENT',
    });
    expect((await profile(GUILD_B, botAccount)).member).toMatchObject({ bot: true, present: true });
  });

  it('given a member the complete member list does not name, then it left at an unknown time; a later join is present', async () => {
    expect((await profile(GUILD_B, goneUnseen)).member).toMatchObject({
      joinedAt: new Date(T0 - 3 * DAY).toISOString(),
      leftAt: null,
      present: false,
      presence: 'LEFT',
    });
    expect((await profile(GUILD_B, newcomer)).member).toMatchObject({ present: true, presence: 'PRESENT' });
    expect((await profile(GUILD_A, leaver)).member).toMatchObject({
      leftAt: new Date(T0 - 3 * DAY).toISOString(),
      presence: 'LEFT',
    });
  });
});

describe('guild member count', () => {
  const counts = async () => {
    const res = await harness().gql<{ guilds: { id: string; memberCount: number }[] }>(
      ADMIN_TOKEN,
      '{ guilds { id memberCount } }',
    );
    return Object.fromEntries((res.data?.guilds ?? []).map((g) => [g.id, g.memberCount]));
  };

  it('follows the joins and leaves after Discord last reported it, and is exact after a member list', async () => {
    // Alpha: 42 reported, then +2 joins -1 leave (the join from before the report is in the 42).
    // Beta: the list names 2 members, the unseen leaver is gone, one joined after: 3.
    expect(await counts()).toEqual({ [GUILD_A]: 43, [GUILD_B]: 3 });

    await harness().record([
      botEvent.join(GUILD_A, T0 - HOUR, user(20)),
      botEvent.leave(GUILD_B, T0 - HOUR, newcomer),
    ]);
    expect(await counts()).toEqual({ [GUILD_A]: 44, [GUILD_B]: 2 });
  });
});
