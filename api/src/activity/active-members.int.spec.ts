import { ADMIN_TOKEN, useApiHarness } from '../testing/api-harness.js';
import { botEvent, DAY, GUILD_A, HOUR, T0 } from '../testing/bot-events.fixture.js';

/**
 * Active members through GraphQL: the series gives distinct members per bucket, says that its `total`
 * adds buckets up, and gives the distinct figure of the range, equal to the overview's card.
 */

/** Six hours, one snapshot each: 3, 5, 3, 5... of the same members (ids do not change between snapshots). */
const snapshots = Array.from({ length: 6 }, (_, i) =>
  botEvent.metrics(GUILD_A, T0 - 6 * HOUR + i * HOUR + 7 * 60_000, 10 + i, i % 2 === 0 ? 3 : 5),
);
const membersOf = (s: (typeof snapshots)[number]) => {
  const { messages, voice, reactions } = s.data.metrics;
  return [messages.byMember, voice.byMember, reactions.byMember].flatMap((m) => Object.keys(m));
};
const perHour = snapshots.map((s) => new Set(membersOf(s)).size);
const distinct = new Set(snapshots.flatMap(membersOf)).size;

type SeriesAnswer = {
  guild: { activitySeries: { values: number[]; total: number; distinctMembers: number | null } };
};
const seriesQuery = `query($id: ID!, $metric: ActivityMetric!, $from: DateTime!, $to: DateTime!) { guild(id: $id) {
  activitySeries(metric: $metric, bucket: HOUR, range: { from: $from, to: $to }) { values total distinctMembers } } }`;
const range = { from: new Date(T0 - 6 * HOUR).toISOString(), to: new Date(T0).toISOString() };

const harness = useApiHarness([botEvent.guildCreate(GUILD_A, T0 - 10 * DAY, 'Alpha'), ...snapshots], T0);
const seriesOf = (metric: string) =>
  harness().gql<SeriesAnswer>(ADMIN_TOKEN, seriesQuery, { id: GUILD_A, metric, ...range });

describe('Active members over GraphQL', () => {
  it('counts distinct members per bucket, and once each over the range in distinctMembers', async () => {
    const res = await seriesOf('ACTIVE_MEMBERS');
    expect(res.errors).toBeUndefined();
    const series = res.data?.guild.activitySeries;
    expect(series?.values).toEqual(perHour);
    expect(series?.total).toBe(perHour.reduce((a, b) => a + b, 0));
    expect(series?.distinctMembers).toBe(distinct);
    expect(distinct).toBeLessThan(series?.total ?? 0);

    const overview = await harness().gql<{ guild: { overview: { activeMembers: { current: number } } } }>(
      ADMIN_TOKEN,
      `query($id: ID!, $from: DateTime!, $to: DateTime!) { guild(id: $id) {
        overview(period: { from: $from, to: $to }) { activeMembers { current } } } }`,
      { id: GUILD_A, ...range },
    );
    expect(overview.data?.guild.overview.activeMembers.current).toBe(distinct);
  });

  it('has no distinct figure for additive metrics', async () => {
    const res = await seriesOf('MESSAGES');
    expect(res.data?.guild.activitySeries.distinctMembers).toBeNull();
  });
});
