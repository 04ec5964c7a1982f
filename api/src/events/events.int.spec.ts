import { eventTypeSchema, snowflakeFromTimestamp } from '@guildscope/contracts';
import { ADMIN_TOKEN, useApiHarness } from '../testing/api-harness.js';
import { botEvent, DAY, GUILD_A, HOUR, MINUTE, T0, user } from '../testing/bot-events.fixture.js';

/**
 * `Guild.events` input and reach: an event-type filter is checked like the replay CLI's `--type`, and a
 * guild with stored events that the bot never announced is still reachable with a token covering it.
 */

/** Events recorded for this guild, but never a GUILD_CREATE or GUILD_SYNC. */
const UNANNOUNCED = snowflakeFromTimestamp(T0 - 1000 * DAY, 9);
const ban = botEvent.ban(UNANNOUNCED, T0 - 2 * HOUR, user(3), user(1), 'spam');
const snapshot = botEvent.metrics(UNANNOUNCED, T0 - HOUR, 4, 3);
const { messages, voice, reactions } = snapshot.data.metrics;
const snapshotMembers = new Set(
  [messages.byMember, voice.byMember, reactions.byMember].flatMap((byMember) => Object.keys(byMember)),
).size;

const eventsQuery = `query($id: ID!, $types: [String!]) { guild(id: $id) {
  events(types: $types) { nodes { id type } } } }`;
type EventsAnswer = { guild: { events: { nodes: { id: string; type: string }[] } } };
const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  res.errors?.[0]?.extensions?.code;

const harness = useApiHarness(
  [
    botEvent.guildCreate(GUILD_A, T0 - 10 * DAY, 'Alpha'),
    botEvent.ban(GUILD_A, T0 - DAY, user(4), user(1)),
    ban,
    snapshot,
  ],
  T0,
);

describe('Guild.events', () => {
  describe('given a type filter', () => {
    it('refuses an unknown type as BAD_USER_INPUT naming it and listing the catalogue', async () => {
      const h = harness();
      const res = await h.gql(ADMIN_TOKEN, eventsQuery, {
        id: GUILD_A,
        types: ['GUILD_BAN_ADD', 'GUILD_BAN'],
      });
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      expect(res.data).toBeNull();
      const message = res.errors?.[0]?.message ?? '';
      expect(message).toContain(
        'unknown event type "GUILD_BAN" (did you mean GUILD_BAN_ADD or GUILD_BAN_REMOVE?)',
      );
      expect(message).toContain(eventTypeSchema.options.join(', '));
      expect(res.errors?.[0]?.extensions?.fields).toEqual({
        'types[1]': expect.stringContaining('"GUILD_BAN"'),
      });
    });

    it('keeps the events of the catalogue types it names', async () => {
      const h = harness();
      const res = await h.gql<EventsAnswer>(ADMIN_TOKEN, eventsQuery, {
        id: GUILD_A,
        types: ['GUILD_BAN_ADD'],
      });
      expect(res.errors).toBeUndefined();
      expect(res.data?.guild.events.nodes.map((n) => n.type)).toEqual(['GUILD_BAN_ADD']);
    });
  });

  describe('of a guild never announced (no GUILD_CREATE or GUILD_SYNC)', () => {
    it('answers the all-guilds admin token: events, read models, and registry fields unknown', async () => {
      const h = harness();
      const res = await h.gql<
        EventsAnswer & { guild: { id: string; name: string; status: string; memberCount: number | null } }
      >(
        ADMIN_TOKEN,
        `query($id: ID!) { guild(id: $id) {
          id name status active memberCount ownerId joinedAt
          events { nodes { id type } }
          overview(period: { preset: LAST_24_HOURS }) { messages { current } activeMembers { current } }
          moderationLog { edges { node { action target { id } } } }
        } }`,
        { id: UNANNOUNCED },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.guild).toMatchObject({
        id: UNANNOUNCED,
        name: UNANNOUNCED,
        status: 'UNKNOWN',
        active: false,
        memberCount: null,
        ownerId: null,
        joinedAt: null,
        events: {
          nodes: [
            { id: ban.id, type: 'GUILD_BAN_ADD' },
            { id: snapshot.id, type: 'METRICS_SNAPSHOT' },
          ],
        },
        overview: {
          messages: { current: messages.total },
          activeMembers: { current: snapshotMembers },
        },
        moderationLog: { edges: [{ node: { action: 'BAN', target: { id: user(3) } } }] },
      });
    });

    it('stays FORBIDDEN, like any unknown guild, when no event was ever stored for it', async () => {
      const h = harness();
      const nothing = snowflakeFromTimestamp(T0 - 1000 * DAY + MINUTE, 9);
      expect(codeOf(await h.gql(ADMIN_TOKEN, eventsQuery, { id: nothing }))).toBe('FORBIDDEN');
      expect(codeOf(await h.gql(ADMIN_TOKEN, eventsQuery, { id: 'not-a-snowflake' }))).toBe('FORBIDDEN');
    });
  });
});
