import type { BotEvent } from '@guildscope/contracts';
import { ApiTokenStore } from './auth/api-token.store.js';
import { ADMIN_TOKEN, type ApiHarness, openApiHarness, takeFromSubscription } from './testing/api-harness.js';
import {
  botEvent,
  CHANNEL,
  DAY,
  GUILD_A,
  GUILD_B,
  HOUR,
  MINUTE,
  T0,
  user,
} from './testing/bot-events.fixture.js';

/**
 * The API over real HTTP and WebSocket, on the real stack (SQLite event store, write side, projection
 * runner, PGlite read models). Events go in through the write side's RecordBotEvents and come out of the
 * read models; the API's clock is T0 so presets are deterministic.
 */

const mod = user(1);
const inviter = user(2);
const [u3, u4, u5, u6] = [user(3), user(4), user(5), user(6)];
const youngAccount = user(7, 1); // created one day before T0: a fake join

type Metrics = Extract<BotEvent, { type: 'METRICS_SNAPSHOT' }>;
const recentSnapshots: Metrics[] = Array.from({ length: 10 }, (_, i) =>
  botEvent.metrics(GUILD_A, T0 - 3 * HOUR + i * MINUTE, i + 1),
);
const oldSnapshot = botEvent.metrics(GUILD_A, T0 - 8 * DAY, 99);
const sumOf = (snaps: Metrics[], f: (s: Metrics) => number) => snaps.reduce((a, s) => a + f(s), 0);
const ban = botEvent.ban(GUILD_A, T0 - 12 * HOUR, u6, mod, 'spam');
/** What the bot found at a restart: `founders` predates it, `stale` was deleted while it was offline. */
const syncedInvite = (code: string, inviterId: string, uses: number) => ({
  code,
  channelId: null,
  inviterId,
  inviterUsername: null,
  uses,
  maxUses: 0,
  maxAge: 0,
  temporary: false,
  createdAt: null,
  expiresAt: null,
});
const inviteSync: BotEvent = {
  id: '0b7f6d2e-5c1a-4e8b-9f3d-2a6c8e4b1d70',
  type: 'INVITE_SYNC',
  guildId: GUILD_A,
  timestamp: T0 - 4 * DAY,
  data: {
    invites: [syncedInvite('alpha1', inviter, 0), syncedInvite('founders', mod, 40)],
    complete: true,
    vanity: null,
  },
};

const history: BotEvent[] = [
  botEvent.guildCreate(GUILD_A, T0 - 10 * DAY, 'Alpha'),
  botEvent.guildCreate(GUILD_B, T0 - 10 * DAY, 'Beta'),
  botEvent.inviteCreate(GUILD_A, T0 - 5 * DAY, 'alpha1', inviter),
  botEvent.inviteCreate(GUILD_A, T0 - 5 * DAY, 'stale', inviter),
  inviteSync,
  botEvent.join(GUILD_A, T0 - 2 * DAY, u3, { class: 'invite', code: 'alpha1', inviterId: inviter }),
  botEvent.join(GUILD_A, T0 - 2 * DAY + HOUR, u4, { class: 'invite', code: 'alpha1', inviterId: inviter }),
  botEvent.join(GUILD_A, T0 - DAY, youngAccount, { class: 'invite', code: 'alpha1', inviterId: inviter }),
  botEvent.join(GUILD_A, T0 - DAY + MINUTE, u5),
  botEvent.leave(GUILD_A, T0 - DAY + 2 * MINUTE, u4),
  ban,
  botEvent.leave(GUILD_A, T0 - 6 * HOUR, u5, mod),
  oldSnapshot,
  ...recentSnapshots,
  botEvent.memberActivity(GUILD_A, T0 - 3 * HOUR, 1),
  botEvent.ban(GUILD_B, T0 - HOUR, u3, mod, 'other guild'),
  botEvent.metrics(GUILD_B, T0 - 2 * HOUR, 50),
];

let h: ApiHarness;
let viewerA: string;
let viewerAll: string;
let auditorA: string;

async function createToken(role: string, guildIds: string[] | null): Promise<string> {
  const res = await h.gql<{ createApiToken: { token: string } }>(
    ADMIN_TOKEN,
    `mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id role } } }`,
    { input: guildIds ? { role, guildIds } : { role, allGuilds: true } },
  );
  expect(res.errors).toBeUndefined();
  return res.data?.createApiToken.token as string;
}

beforeAll(async () => {
  h = await openApiHarness({ now: () => new Date(T0) });
  await h.record(history);
  viewerA = await createToken('VIEWER', [GUILD_A]);
  viewerAll = await createToken('VIEWER', null);
  auditorA = await createToken('AUDITOR', [GUILD_A]);
}, 60_000);

afterAll(async () => {
  await h?.close();
}, 30_000);

const codeOf = (res: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  res.errors?.[0]?.extensions?.code;

describe('GraphQL API over HTTP', () => {
  describe('guilds and scope', () => {
    it('lists the guilds a token may see', async () => {
      const all = await h.gql(viewerAll, '{ guilds { id name active status } }');
      expect(all.data?.guilds).toEqual([
        { id: GUILD_A, name: 'Alpha', active: true, status: 'ACTIVE' },
        { id: GUILD_B, name: 'Beta', active: true, status: 'ACTIVE' },
      ]);
      const scoped = await h.gql(viewerA, '{ viewer { role allGuilds guildIds } guilds { id } }');
      expect(scoped.data).toEqual({
        viewer: { role: 'VIEWER', allGuilds: false, guildIds: [GUILD_A] },
        guilds: [{ id: GUILD_A }],
      });
    });

    it('answers FORBIDDEN for a guild outside the scope, exactly as for an unknown guild', async () => {
      const other = await h.gql(viewerA, 'query($id: ID!) { guild(id: $id) { name } }', { id: GUILD_B });
      const unknown = await h.gql(viewerA, 'query($id: ID!) { guild(id: $id) { name } }', { id: '1234' });
      expect(codeOf(other)).toBe('FORBIDDEN');
      expect(other.data).toBeNull();
      expect(other.errors?.[0]?.message.replace(GUILD_B, 'X')).toBe(
        unknown.errors?.[0]?.message.replace('1234', 'X'),
      );
    });

    it('shows a renamed guild at once although guild rows are cached', async () => {
      const q = 'query($id: ID!) { guild(id: $id) { name } }';
      expect((await h.gql(viewerAll, q, { id: GUILD_B })).data).toEqual({ guild: { name: 'Beta' } });
      await h.record([botEvent.rename(GUILD_B, T0 - HOUR + 1000, 'Beta', 'Beta 2')]);
      expect((await h.gql(viewerAll, q, { id: GUILD_B })).data).toEqual({ guild: { name: 'Beta 2' } });
      await h.record([botEvent.rename(GUILD_B, T0 - HOUR + 2000, 'Beta 2', 'Beta')]);
    });

    it('refuses requests without a valid token with 401 UNAUTHENTICATED', async () => {
      const none = await h.gql(null, '{ guilds { id } }');
      const wrong = await h.gql('gs_not-a-token', '{ guilds { id } }');
      expect([none.status, codeOf(none)]).toEqual([401, 'UNAUTHENTICATED']);
      expect([wrong.status, codeOf(wrong)]).toEqual([401, 'UNAUTHENTICATED']);
    });
  });

  describe('dashboard queries against known read-model contents', () => {
    it('gives the overview for the last 7 days beside the 7 days before', async () => {
      const res = await h.gql<{ guild: { overview: Record<string, { current: number; previous: number }> } }>(
        viewerA,
        `query($id: ID!) { guild(id: $id) { overview(period: { preset: LAST_7_DAYS }) {
          period { from to } previousPeriod { from }
          messages { current previous change changeRatio } reactions { current previous }
          voiceMinutes { current } joins { current previous } leaves { current } activeMembers { current } } } }`,
        { id: GUILD_A },
      );
      expect(res.errors).toBeUndefined();
      const o = res.data?.guild.overview as Record<string, Record<string, unknown>>;
      const messages = sumOf(recentSnapshots, (s) => s.data.metrics.messages.total);
      const previous = oldSnapshot.data.metrics.messages.total;
      expect(o.period).toEqual({
        from: new Date(T0 - 7 * DAY).toISOString(),
        to: new Date(T0).toISOString(),
      });
      expect(o.previousPeriod).toEqual({ from: new Date(T0 - 14 * DAY).toISOString() });
      expect(o.messages).toEqual({
        current: messages,
        previous,
        change: messages - previous,
        changeRatio: (messages - previous) / previous,
      });
      expect(o.reactions?.current).toBe(sumOf(recentSnapshots, (s) => s.data.metrics.reactions.total));
      expect(o.voiceMinutes?.current).toBeCloseTo(
        sumOf(recentSnapshots, (s) => s.data.metrics.voice.totalMinutes),
        6,
      );
      expect(o.joins).toEqual({ current: 4, previous: 0 });
      expect(o.leaves?.current).toBe(2);
      expect(o.activeMembers?.current).toBe(5);
    });

    it('returns an activity series as uPlot columns, zero-filled', async () => {
      const from = new Date(T0 - 3 * HOUR - 2 * MINUTE).toISOString();
      const to = new Date(T0 - 3 * HOUR + 12 * MINUTE).toISOString();
      const res = await h.gql<{
        guild: {
          activitySeries: { timestamps: number[]; values: number[]; columns: number[][]; total: number };
        };
      }>(
        viewerA,
        `query($id: ID!, $from: DateTime!, $to: DateTime!) { guild(id: $id) {
          activitySeries(metric: MESSAGES, bucket: MINUTE, range: { from: $from, to: $to }) { timestamps values columns total } } }`,
        { id: GUILD_A, from, to },
      );
      const s = res.data?.guild.activitySeries;
      const expected = [0, 0, ...recentSnapshots.map((x) => x.data.metrics.messages.total), 0, 0];
      expect(s?.values).toEqual(expected);
      expect(s?.timestamps[0]).toBe((T0 - 3 * HOUR - 2 * MINUTE) / 1000);
      expect(s?.columns).toEqual([s?.timestamps, s?.values]);
      expect(s?.total).toBe(sumOf(recentSnapshots, (x) => x.data.metrics.messages.total));
    });

    it('returns hourly series for a channel from the aggregates', async () => {
      const res = await h.gql<{ guild: { activitySeries: { values: number[] } } }>(
        viewerA,
        `query($id: ID!, $from: DateTime!, $c: ID!) { guild(id: $id) {
          activitySeries(metric: MESSAGES, bucket: HOUR, range: { from: $from }, channelId: $c) { values } } }`,
        { id: GUILD_A, from: new Date(T0 - 6 * HOUR).toISOString(), c: CHANNEL },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.guild.activitySeries.values).toHaveLength(6);
    });

    it('ranks members on a leaderboard for any period', async () => {
      const byMember = new Map<string, number>();
      for (const s of recentSnapshots) {
        for (const [id, n] of Object.entries(s.data.metrics.messages.byMember)) {
          byMember.set(id, (byMember.get(id) ?? 0) + n);
        }
      }
      const expected = [...byMember.entries()]
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, 3);
      const res = await h.gql<{
        guild: { leaderboard: { rank: number; member: { id: string }; value: number }[] };
      }>(
        viewerA,
        `query($id: ID!) { guild(id: $id) { leaderboard(metric: MESSAGES, period: { preset: LAST_24_HOURS }, limit: 3) {
          rank member { id username } value messages score } } }`,
        { id: GUILD_A },
      );
      expect(res.data?.guild.leaderboard.map((e) => [e.rank, e.member.id, e.value])).toEqual(
        expected.map(([id, n], i) => [i + 1, id, n]),
      );
    });

    it('pages the moderation log newest first with opaque cursors and filters', async () => {
      const q = `query($id: ID!, $after: String, $filter: ModerationFilter) { guild(id: $id) {
        moderationLog(first: 1, after: $after, filter: $filter) {
          edges { cursor node { action target { id } moderator { id username } reason occurredAt source { streamId revision eventId } } }
          pageInfo { hasNextPage endCursor } } } }`;
      type Page = {
        guild: {
          moderationLog: {
            edges: { node: Record<string, unknown> }[];
            pageInfo: { hasNextPage: boolean; endCursor: string };
          };
        };
      };
      const actions: unknown[] = [];
      let after: string | null = null;
      for (let i = 0; i < 10; i++) {
        const page: Awaited<ReturnType<typeof h.gql<Page>>> = await h.gql<Page>(viewerA, q, {
          id: GUILD_A,
          after,
        });
        expect(page.errors).toBeUndefined();
        const log = page.data?.guild.moderationLog;
        actions.push(...(log?.edges.map((e) => e.node.action) ?? []));
        if (!log?.pageInfo.hasNextPage) break;
        after = log.pageInfo.endCursor;
      }
      expect(actions).toEqual(['KICK', 'BAN', 'LEAVE']);

      const bans = await h.gql<Page>(viewerA, q, { id: GUILD_A, after: null, filter: { actions: ['BAN'] } });
      const node = bans.data?.guild.moderationLog.edges[0]?.node;
      expect(node).toMatchObject({
        action: 'BAN',
        target: { id: u6 },
        moderator: { id: mod },
        reason: 'spam',
        occurredAt: new Date(T0 - 12 * HOUR).toISOString(),
        source: { streamId: `guild-${GUILD_A}`, eventId: ban.id },
      });
      expect(bans.data?.guild.moderationLog.pageInfo.hasNextPage).toBe(false);
      const byTarget = await h.gql<Page>(viewerA, q, { id: GUILD_A, after: null, filter: { targetId: u5 } });
      expect(byTarget.data?.guild.moderationLog.edges.map((e) => e.node.action)).toEqual(['KICK']);
    });

    it('reports inviters, join classes, active invites and the invite graph', async () => {
      const res = await h.gql<{ guild: { invites: Record<string, unknown> } }>(
        viewerA,
        `query($id: ID!) { guild(id: $id) { invites {
          topInviters { inviter { id } joins stillPresent left fake }
          joinClasses { joinClass count }
          activeInvites { code inviter { id } uses }
          graph { nodes { id invited present } edges { from to inviteCode left fake } } } } }`,
        { id: GUILD_A },
      );
      expect(res.errors).toBeUndefined();
      const inv = res.data?.guild.invites as Record<string, unknown[]> & {
        graph: { nodes: unknown[]; edges: unknown[] };
      };
      expect(inv.topInviters).toEqual([
        { inviter: { id: inviter }, joins: 3, stillPresent: 2, left: 1, fake: 2 },
      ]);
      expect(inv.joinClasses).toEqual([
        { joinClass: 'INVITE', count: 3 },
        { joinClass: 'UNKNOWN', count: 1 },
      ]);
      // `stale` was missing from the bot's last sync; `founders` is known only from it.
      expect(inv.activeInvites).toEqual([
        { code: 'founders', inviter: { id: mod }, uses: 40 },
        expect.objectContaining({ code: 'alpha1', inviter: { id: inviter } }),
      ]);
      expect(inv.graph.edges).toHaveLength(3);
      expect(inv.graph.nodes).toContainEqual({ id: inviter, invited: 3, present: false });
      expect(inv.graph.nodes).toContainEqual({ id: u4, invited: 0, present: false });
      expect(inv.graph.nodes).toContainEqual({ id: u3, invited: 0, present: true });
    });

    it('gives member growth per day as uPlot columns', async () => {
      const res = await h.gql<{ guild: { memberGrowth: Record<string, unknown> } }>(
        viewerA,
        `query($id: ID!, $from: DateTime!) { guild(id: $id) {
          memberGrowth(range: { from: $from }, bucket: DAY) { timestamps joins leaves net totalJoins totalLeaves columns } } }`,
        { id: GUILD_A, from: new Date(T0 - 3 * DAY).toISOString() },
      );
      expect(res.data?.guild.memberGrowth).toMatchObject({
        joins: [0, 2, 2],
        leaves: [0, 0, 2],
        net: [0, 2, 0],
        totalJoins: 4,
        totalLeaves: 2,
      });
    });

    it("shows a member's profile: stats, history and moderation record", async () => {
      const q = `query($id: ID!, $m: ID!) { guild(id: $id) { member(id: $m) {
        id present joinedAt history { kind joinClass inviter { id } inviteCode }
        moderation { nodes { action reason } } stats { messages reactions score } } } }`;
      const joined = await h.gql<{ guild: { member: Record<string, unknown> } }>(viewerA, q, {
        id: GUILD_A,
        m: u3,
      });
      expect(joined.data?.guild.member).toMatchObject({
        id: u3,
        present: true,
        history: [{ kind: 'JOIN', joinClass: 'INVITE', inviter: { id: inviter }, inviteCode: 'alpha1' }],
        moderation: { nodes: [] },
      });
      const banned = await h.gql<{ guild: { member: Record<string, unknown> } }>(viewerA, q, {
        id: GUILD_A,
        m: u6,
      });
      expect(banned.errors).toBeUndefined();
      expect(banned.data?.guild.member).toMatchObject({
        moderation: { nodes: [{ action: 'BAN', reason: 'spam' }] },
      });

      // A member already in the guild before the bot never joins in the log: the snapshots name it.
      const active = Object.keys(recentSnapshots[0]?.data.metrics.messages.byMember ?? {})[0] as string;
      const namings: { at: number; username: string }[] = [];
      for (const e of history) {
        if (e.guildId !== GUILD_A) continue;
        const named =
          e.type === 'METRICS_SNAPSHOT'
            ? e.data.metrics.topActiveMembers
            : e.type === 'MEMBER_ACTIVITY_SNAPSHOT'
              ? e.data.members
              : [];
        for (const m of named)
          if (m.userId === active) namings.push({ at: e.timestamp, username: m.username });
      }
      const latestName = namings.sort((a, b) => a.at - b.at).at(-1)?.username;
      expect(latestName).toEqual(expect.any(String));
      const stats = await h.gql<{ guild: { member: Record<string, unknown> } }>(
        viewerA,
        `query($id: ID!, $m: ID!) { guild(id: $id) { member(id: $m) {
          id username present joinedAt leftAt history { kind } stats { messages } } } }`,
        { id: GUILD_A, m: active },
      );
      expect(stats.errors).toBeUndefined();
      expect(stats.data?.guild.member).toEqual({
        id: active,
        username: latestName,
        present: true,
        joinedAt: null,
        leftAt: null,
        history: [],
        stats: {
          messages:
            sumOf(recentSnapshots, (s) => s.data.metrics.messages.byMember[active] ?? 0) +
            (oldSnapshot.data.metrics.messages.byMember[active] ?? 0),
        },
      });

      // An id no event ever named is still not a member.
      const never = await h.gql(
        viewerA,
        'query($id: ID!, $m: ID!) { guild(id: $id) { member(id: $m) { id } } }',
        {
          id: GUILD_A,
          m: user(99),
        },
      );
      expect(codeOf(never)).toBe('NOT_FOUND');
      expect(never.data).toBeNull();
    });
  });

  describe('raw events for auditors', () => {
    const q = `query($id: ID!, $types: [String!], $first: Int, $after: String, $fromTime: DateTime) { guild(id: $id) {
      events(types: $types, first: $first, after: $after, fromTime: $fromTime) {
        nodes { streamId revision id type data metadata createdAt } pageInfo { hasNextPage endCursor } } } }`;
    type Events = {
      guild: {
        events: { nodes: Record<string, unknown>[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
      };
    };

    it('returns events exactly as stored, filtered by type', async () => {
      const res = await h.gql<Events>(auditorA, q, { id: GUILD_A, types: ['GUILD_BAN_ADD'] });
      expect(res.errors).toBeUndefined();
      const events = res.data?.guild.events.nodes ?? [];
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        streamId: `guild-${GUILD_A}`,
        id: ban.id,
        type: 'GUILD_BAN_ADD',
        data: ban,
      });
      expect(events[0]?.metadata).toMatchObject({ eventId: ban.id, botId: 'bot-1', shardId: 0 });
    });

    it('pages through the whole stream in revision order', async () => {
      const revisions: number[] = [];
      let after: string | null = null;
      for (let i = 0; i < 20; i++) {
        const page: Awaited<ReturnType<typeof h.gql<Events>>> = await h.gql<Events>(auditorA, q, {
          id: GUILD_A,
          first: 4,
          after,
        });
        revisions.push(...(page.data?.guild.events.nodes.map((n) => n.revision as number) ?? []));
        if (!page.data?.guild.events.pageInfo.hasNextPage) break;
        after = page.data.guild.events.pageInfo.endCursor;
      }
      const count = history.filter((e) => e.guildId === GUILD_A).length;
      expect(revisions).toEqual(Array.from({ length: count }, (_, i) => i));
    });

    it('starts at the first event committed at or after fromTime', async () => {
      const all = await h.gql<Events>(auditorA, q, {
        id: GUILD_A,
        first: 1,
        fromTime: '2000-01-01T00:00:00Z',
      });
      expect(all.data?.guild.events.nodes[0]?.revision).toBe(0);
      const future = new Date(Date.now() + 3_600_000).toISOString();
      const none = await h.gql<Events>(auditorA, q, { id: GUILD_A, fromTime: future });
      expect(none.data?.guild.events).toEqual({
        nodes: [],
        pageInfo: { hasNextPage: false, endCursor: null },
      });
    });

    it('is FORBIDDEN to viewers and outside the auditor scope', async () => {
      expect(codeOf(await h.gql(viewerA, q, { id: GUILD_A }))).toBe('FORBIDDEN');
      expect(codeOf(await h.gql(auditorA, q, { id: GUILD_B }))).toBe('FORBIDDEN');
    });
  });

  describe('module configuration through the write side', () => {
    const enable = `mutation($g: ID!, $v: Int!, $c: JSON) {
      enableModule(guildId: $g, module: "welcome", expectedVersion: $v, config: $c) { module enabled config version } }`;
    const welcome = { channelId: CHANNEL, message: 'Welcome {user} to {server}!' };

    it('lists modules with their version, enables with expectedVersion and reports conflicts', async () => {
      const before = await h.gql<{ guild: { modules: Record<string, unknown>[] } }>(
        viewerA,
        'query($g: ID!) { guild(id: $g) { modules { module enabled config version } } }',
        { g: GUILD_A },
      );
      expect(before.data?.guild.modules).toEqual([
        { module: 'welcome', enabled: false, config: null, version: 0 },
        { module: 'automod', enabled: false, config: null, version: 0 },
      ]);
      const ok = await h.gql<{ enableModule: Record<string, unknown> }>(ADMIN_TOKEN, enable, {
        g: GUILD_A,
        v: 0,
        c: welcome,
      });
      expect(ok.errors).toBeUndefined();
      expect(ok.data?.enableModule).toMatchObject({ module: 'welcome', enabled: true, version: 1 });

      const stale = await h.gql(ADMIN_TOKEN, enable, { g: GUILD_A, v: 0, c: welcome });
      expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1 });
    });

    it('returns validation messages per field for an invalid config, and changes nothing', async () => {
      const res = await h.gql(
        ADMIN_TOKEN,
        `mutation($g: ID!, $c: JSON!) { updateModuleConfig(guildId: $g, module: "welcome", expectedVersion: 1, config: $c) { version } }`,
        { g: GUILD_A, c: { channelId: 'not-a-channel', message: '' } },
      );
      expect(codeOf(res)).toBe('BAD_USER_INPUT');
      const fields = res.errors?.[0]?.extensions?.fields as Record<string, string>;
      expect(Object.keys(fields)).toEqual(expect.arrayContaining(['config.channelId']));
      const after = await h.gql<{ guild: { module: { version: number } } }>(
        ADMIN_TOKEN,
        'query($g: ID!) { guild(id: $g) { module(name: "welcome") { version } } }',
        { g: GUILD_A },
      );
      expect(after.data?.guild.module.version).toBe(1);
    });

    it('lets only admins mutate, within their scope', async () => {
      const res = await h.gql(viewerA, enable, { g: GUILD_A, v: 1, c: welcome });
      expect(codeOf(res)).toBe('FORBIDDEN');
      const token = await h.gql(
        viewerA,
        'mutation { createApiToken(input: { role: ADMIN, allGuilds: true }) { token } }',
      );
      expect(codeOf(token)).toBe('FORBIDDEN');
    });
  });

  describe('tokens', () => {
    it('creates, lists and revokes tokens; a revoked token stops working at once', async () => {
      const created = await h.gql<{
        createApiToken: { token: string; apiToken: { id: string; guildIds: string[] } };
      }>(
        ADMIN_TOKEN,
        `mutation($g: [ID!]) { createApiToken(input: { role: VIEWER, guildIds: $g, label: "ci" }) { token apiToken { id guildIds } } }`,
        { g: [GUILD_B] },
      );
      const { token, apiToken } = created.data?.createApiToken ?? {
        token: '',
        apiToken: { id: '', guildIds: [] },
      };
      expect(apiToken.guildIds).toEqual([GUILD_B]);
      expect((await h.gql(token, '{ guilds { id } }')).data).toEqual({ guilds: [{ id: GUILD_B }] });
      const list = await h.gql<{ apiTokens: { id: string }[] }>(
        ADMIN_TOKEN,
        '{ apiTokens { id label role } }',
      );
      expect(list.data?.apiTokens.map((t) => t.id)).toContain(apiToken.id);
      // Another API process on the same read database caches lookups too; the revocation reaches it.
      const otherProcess = new ApiTokenStore(h.readDb);
      const stopFollowing = await otherProcess.followChanges();
      expect(await otherProcess.authenticate(token)).toMatchObject({ tokenId: apiToken.id, role: 'viewer' });
      await h.gql(ADMIN_TOKEN, 'mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }', {
        id: apiToken.id,
      });
      expect(codeOf(await h.gql(token, '{ guilds { id } }'))).toBe('UNAUTHENTICATED');
      expect(await otherProcess.authenticate(token)).toBeNull();
      await stopFollowing();
    });
  });

  describe('bad requests', () => {
    it('answers malformed queries, huge limits, deep and costly queries with clear errors', async () => {
      const parse = await h.gql(viewerA, '{ guilds { id ');
      expect([parse.status, codeOf(parse)]).toEqual([400, 'GRAPHQL_PARSE_FAILED']);

      const unknownField = await h.gql(viewerA, '{ guilds { nope } }');
      expect(codeOf(unknownField)).toBe('GRAPHQL_VALIDATION_FAILED');

      const huge = await h.gql(
        viewerA,
        `query($id: ID!) { guild(id: $id) { leaderboard(metric: MESSAGES, period: { preset: TODAY }, limit: 1000000) { rank } } }`,
        { id: GUILD_A },
      );
      expect(codeOf(huge)).toBe('BAD_USER_INPUT');
      expect(huge.errors?.[0]?.message).toBe('limit: must be an integer between 1 and 100 (got 1000000)');

      const costly = await h.gql(
        viewerA,
        `{ guilds { moderationLog(first: 200) { edges { node { target { id username avatar } moderator { id username avatar } } } } invites { graph(limit: 2000) { edges { from to } nodes { id } } } } }`,
      );
      expect(codeOf(costly)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(costly.errors?.[0]?.message).toMatch(/estimated cost of \d+; the limit is 20000/);

      const badDate = await h.gql(
        viewerA,
        `query($id: ID!) { guild(id: $id) { memberGrowth(range: { from: "yesterday" }) { totalJoins } } }`,
        { id: GUILD_A },
      );
      expect(codeOf(badDate)).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
      expect(badDate.errors?.[0]?.message).toMatch(/not ISO-8601/);

      const badCursor = await h.gql(
        viewerA,
        `query($id: ID!) { guild(id: $id) { moderationLog(after: "garbage") { nodes { id } } } }`,
        { id: GUILD_A },
      );
      expect(badCursor.errors?.[0]).toMatchObject({
        message: 'after: not a cursor returned by this API',
        extensions: { code: 'BAD_USER_INPUT' },
      });
    });

    it('rejects a query nested past the depth limit before running it', async () => {
      const ofType = (n: number): string => (n === 0 ? 'name' : `ofType { ${ofType(n - 1)} }`);
      const deep = await h.gql(viewerA, `{ __type(name: "Guild") { fields { type { ${ofType(10)} } } } }`);
      expect(deep.status).toBe(400);
      expect(deep.errors?.[0]).toMatchObject({
        message: 'The operation is nested 14 levels deep; the limit is 12.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth' },
      });
      // An IDE's usual introspection depth stays within the limit.
      const ok = await h.gql(viewerA, `{ __type(name: "Guild") { fields { type { ${ofType(4)} } } } }`);
      expect(ok.errors).toBeUndefined();
    });

    it('answers an invalid JSON body with 400 and keeps serving', async () => {
      const res = await fetch(h.api.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${viewerA}` },
        body: '{"query": ',
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(
        /not valid JSON/,
      );
      const health = await fetch(`${h.api.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', readDb: true, eventStore: true });
    });
  });

  describe('operations endpoints', () => {
    it('serves Prometheus metrics and GraphiQL without external assets', async () => {
      const metrics = await (await fetch(`${h.api.url}/metrics`)).text();
      expect(metrics).toMatch(/guildscope_api_graphql_operations_total\{type="query",outcome="ok"\} \d+/);
      const ide = await fetch(`${h.api.url}/`, { headers: { accept: 'text/html' } });
      const html = await ide.text();
      expect(ide.headers.get('content-type')).toMatch(/text\/html/);
      expect(html).toContain('Guildscope GraphQL');
      expect(html).not.toMatch(/<(script|link)[^>]+(src|href)=["']https?:/);
      expect(html).toContain('YogaGraphiQL.renderYogaGraphiQL');
    });
  });
});

describe('GraphQL subscriptions over WebSocket', () => {
  const modQuery = `subscription($g: ID!) { moderationEntryAdded(guildId: $g) { guildId action target { id } reason source { eventId } } }`;

  it('delivers a ban appended through the write side once it is projected', async () => {
    const client = h.ws(viewerA);
    const sub = takeFromSubscription<{ moderationEntryAdded: Record<string, unknown> }>(client, modQuery, {
      g: GUILD_A,
    });
    await h.api.live.moderation.whenSubscribed(GUILD_A);
    const other = botEvent.ban(GUILD_B, T0 + MINUTE, u4, mod, 'in B');
    const mine = botEvent.ban(GUILD_A, T0 + 2 * MINUTE, u3, mod, 'live ban');
    await h.record([other, mine]);
    const [first] = await sub.result;
    // Guild B's ban was committed first and is not in this token's scope: the first item is A's.
    expect(first?.moderationEntryAdded).toEqual({
      guildId: GUILD_A,
      action: 'BAN',
      target: { id: u3 },
      reason: 'live ban',
      source: { eventId: mine.id },
    });
  });

  it('pushes the updated entry when a leave turns out to be a kick', async () => {
    const client = h.ws(viewerA);
    const sub = takeFromSubscription<{ moderationEntryUpdated: Record<string, unknown> }>(
      client,
      'subscription($g: ID!) { moderationEntryUpdated(guildId: $g) { id action moderator { id } matchedSource { eventId } } }',
      { g: GUILD_A },
    );
    await h.api.live.moderationUpdates.whenSubscribed(GUILD_A);
    const leaver = user(30);
    const leave = botEvent.leave(GUILD_A, T0 + 20 * MINUTE, leaver);
    const audit = botEvent.auditKick(GUILD_A, T0 + 20 * MINUTE + 2000, mod, leaver);
    await h.record([leave]);
    await h.record([audit]);
    const [updated] = await sub.result;
    expect(updated?.moderationEntryUpdated).toMatchObject({
      action: 'KICK',
      moderator: { id: mod },
      matchedSource: { eventId: audit.id },
    });
  });

  it("refuses a subscription to another guild's stream and a connection without a token", async () => {
    const client = h.ws(viewerA);
    const sub = takeFromSubscription(client, modQuery, { g: GUILD_B });
    await expect(sub.result).rejects.toMatchObject({
      errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) })],
    });

    const anonymous = h.ws(null);
    const denied = takeFromSubscription(anonymous, modQuery, { g: GUILD_A });
    await expect(denied.result).rejects.toMatchObject({ code: 4401 });
  });

  it('pushes joins, activity ticks and module changes of the guild', async () => {
    const client = h.ws(ADMIN_TOKEN);
    const flow = takeFromSubscription<{ memberFlow: Record<string, unknown> }>(
      client,
      'subscription($g: ID!) { memberFlow(guildId: $g) { kind member { id } joinClass inviter { id } } }',
      { g: GUILD_A },
    );
    const tick = takeFromSubscription<{ activityTick: Record<string, unknown> }>(
      client,
      'subscription($g: ID!) { activityTick(guildId: $g) { messages timestamp periodStart } }',
      { g: GUILD_A },
    );
    const modules = takeFromSubscription<{ moduleChanged: Record<string, unknown> }>(
      client,
      'subscription($g: ID!) { moduleChanged(guildId: $g) { module enabled version } }',
      { g: GUILD_A },
    );
    await Promise.all([
      h.api.live.memberFlow.whenSubscribed(GUILD_A),
      h.api.live.activity.whenSubscribed(GUILD_A),
      h.api.live.modules.whenSubscribed(GUILD_A),
    ]);
    const newcomer = user(20);
    const snapshot = botEvent.metrics(GUILD_A, T0 + 10 * MINUTE, 7);
    await h.record([
      botEvent.join(GUILD_A, T0 + 5 * MINUTE, newcomer, { class: 'vanity', code: 'alpha' }),
      snapshot,
    ]);
    const disabled = await h.gql(
      ADMIN_TOKEN,
      'mutation($g: ID!) { disableModule(guildId: $g, module: "welcome", expectedVersion: 1) { version } }',
      { g: GUILD_A },
    );
    expect(disabled.errors).toBeUndefined();

    expect((await flow.result)[0]?.memberFlow).toMatchObject({ kind: 'JOIN', member: { id: newcomer } });
    expect((await tick.result)[0]?.activityTick).toEqual({
      messages: snapshot.data.metrics.messages.total,
      timestamp: (T0 + 10 * MINUTE) / 1000,
      periodStart: new Date(T0 + 10 * MINUTE).toISOString(),
    });
    expect((await modules.result)[0]?.moduleChanged).toEqual({
      module: 'welcome',
      enabled: false,
      version: 2,
    });
  }, 20_000);
});
