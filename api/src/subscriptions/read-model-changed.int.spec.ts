import { ADMIN_TOKEN, takeFromSubscription, useApiHarness } from '../testing/api-harness.js';
import { botEvent, DAY, GUILD_A, GUILD_B, HOUR, MINUTE, T0, user } from '../testing/bot-events.fixture.js';

/**
 * `readModelChanged`: pushed when a projection commits a batch touching the guild (nothing polls), so a
 * page re-querying on it shows figures that already include the change.
 */

type Change = { readModelChanged: { guildId: string; readModel: string; position: string } };
const changes =
  'subscription($g: ID!, $m: [ReadModel!]) { readModelChanged(guildId: $g, readModels: $m) { guildId readModel position } }';

const harness = useApiHarness(
  [
    botEvent.guildCreate(GUILD_A, T0 - 10 * DAY, 'Alpha'),
    botEvent.guildCreate(GUILD_B, T0 - 10 * DAY, 'Beta'),
  ],
  T0,
);

describe('readModelChanged', () => {
  it('pushes the activity commit of the guild, after which the overview already counts it', async () => {
    const h = harness();
    const pushed = takeFromSubscription<Change>(h.ws(ADMIN_TOKEN), changes, { g: GUILD_A, m: ['ACTIVITY'] });
    await h.api.live.readModels.whenSubscribed(GUILD_A);
    const snapshot = botEvent.metrics(GUILD_A, T0 - HOUR, 3);
    // A ban first: its moderation commit is not what this subscriber asked for.
    await h.record([botEvent.ban(GUILD_A, T0 - 2 * HOUR, user(5), user(1)), snapshot]);

    const [change] = await pushed.result;
    expect(change?.readModelChanged).toEqual({
      guildId: GUILD_A,
      readModel: 'ACTIVITY',
      position: expect.any(String),
    });
    const overview = await h.gql<{ guild: { overview: { messages: { current: number } } } }>(
      ADMIN_TOKEN,
      'query($id: ID!) { guild(id: $id) { overview(period: { preset: LAST_24_HOURS }) { messages { current } } } }',
      { id: GUILD_A },
    );
    expect(overview.data?.guild.overview.messages.current).toBe(snapshot.data.metrics.messages.total);
  }, 20_000);

  it('names every read model a join changes, for that guild only', async () => {
    const h = harness();
    const seen: Change['readModelChanged'][] = [];
    const wanted = ['INVITES', 'MEMBERS', 'MEMBER_GROWTH'];
    let stop = () => {};
    const allSeen = new Promise<void>((resolve, reject) => {
      stop = h.ws(ADMIN_TOKEN).subscribe<Change>(
        { query: changes, variables: { g: GUILD_B } },
        {
          next: (value) => {
            if (value.data) seen.push(value.data.readModelChanged);
            if (wanted.every((m) => seen.some((c) => c.readModel === m))) resolve();
          },
          error: reject,
          complete: () => {},
        },
      );
    });
    await h.api.live.readModels.whenSubscribed(GUILD_B);
    await h.record([
      botEvent.join(GUILD_A, T0 - 5 * MINUTE, user(30)),
      botEvent.join(GUILD_B, T0 - 4 * MINUTE, user(31), { class: 'vanity', code: 'beta' }),
    ]);
    await allSeen;
    stop();
    expect(new Set(seen.map((c) => c.guildId))).toEqual(new Set([GUILD_B]));
    expect(seen.map((c) => c.readModel)).not.toContain('ACTIVITY');
  }, 20_000);

  it('is FORBIDDEN outside the token scope', async () => {
    const h = harness();
    const created = await h.gql<{ createApiToken: { token: string } }>(
      ADMIN_TOKEN,
      'mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token } }',
      { input: { role: 'VIEWER', guildIds: [GUILD_A] } },
    );
    const viewerA = created.data?.createApiToken.token as string;
    const denied = takeFromSubscription<Change>(h.ws(viewerA), changes, { g: GUILD_B });
    await expect(denied.result).rejects.toThrow(/not in this token's scope/);
  });
});
