import { type EventToAppend, SqliteEventStore } from '@guildscope/write-side';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { growthProjection, memberGrowth } from '../growth/index.js';
import { migrate } from '../migrations/migrate.js';
import { PgliteReadDb } from '../read-db/pglite-read-db.adapter.js';
import type { ReadDb } from '../read-db/read-db.port.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import {
  fakeSnowflake,
  memberActivitySnapshotEvent,
  memberFlowEvent,
  metricsSnapshotEvent,
  prng,
  type SnapshotTruth,
} from './activity-snapshot.fixtures.js';
import {
  activityProjection,
  activitySeries,
  applyRetention,
  guildOverview,
  InvalidActivityQueryError,
  leaderboard,
  memberActivity,
} from './index.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const DAY0 = Date.UTC(2025, 2, 1);
const DAYS = 9;
const STEP = 15 * MIN;
const guildIds = [0, 1, 2].map((g) => fakeSnowflake(1, g, 0));
const usersOf = (g: number) => Array.from({ length: 8 }, (_, i) => fakeSnowflake(2, g, i));
const channelsOf = (g: number) => Array.from({ length: 6 }, (_, i) => fakeSnowflake(3, g, i));
const G0 = guildIds[0] as string;
const G1 = guildIds[1] as string;

/** Everything the test appended, to compute the expected figures directly from the events. */
const truths: SnapshotTruth[] = [];

function sumMembers(guildId: string, from: number, to: number) {
  const out = new Map<string, { messages: number; voiceMinutes: number; reactions: number }>();
  for (const t of truths) {
    if (t.guildId !== guildId || t.periodStart < from || t.periodStart >= to) continue;
    for (const [u, m] of t.members) {
      const acc = out.get(u) ?? { messages: 0, voiceMinutes: 0, reactions: 0 };
      acc.messages += m.messages;
      acc.voiceMinutes += m.voiceMinutes;
      acc.reactions += m.reactions;
      out.set(u, acc);
    }
  }
  return out;
}

function sumGuild(guildId: string, from: number, to: number) {
  let messages = 0;
  let voiceMinutes = 0;
  let reactions = 0;
  for (const t of truths) {
    if (t.guildId !== guildId || t.periodStart < from || t.periodStart >= to) continue;
    messages += t.messages;
    voiceMinutes += t.voiceMinutes;
    reactions += t.reactions;
  }
  return { messages, voiceMinutes, reactions, activeMembers: sumMembers(guildId, from, to).size };
}

function expectedBoard(
  guildId: string,
  from: number,
  to: number,
  metric: 'messages' | 'voice' | 'reactions' | 'score',
) {
  const value = (m: { messages: number; voiceMinutes: number; reactions: number }) =>
    metric === 'messages'
      ? m.messages
      : metric === 'voice'
        ? m.voiceMinutes
        : metric === 'reactions'
          ? m.reactions
          : m.messages + 0.5 * m.voiceMinutes + 0.2 * m.reactions;
  return [...sumMembers(guildId, from, to)]
    .map(([userId, m]) => ({ userId, value: value(m) }))
    .filter((e) => e.value > 1e-9)
    .sort((a, b) => b.value - a.value || (a.userId < b.userId ? -1 : 1));
}

async function project(eventStore: SqliteEventStore, db: ReadDb): Promise<void> {
  const runner = new ProjectionRunner({
    eventStore,
    db,
    projections: [activityProjection, growthProjection],
    mode: 'catch-up',
  });
  const status = await runner.run();
  for (const s of status) expect(s.error).toBeNull();
  for (const s of status) expect(s.afterCommitError).toBeNull();
}

const ACTIVITY_RELATIONS = [
  'activity_snapshot',
  'activity_channel',
  'activity_member',
  'activity_emoji',
  'member_activity_snapshot',
  'member_activity',
  'member_activity_channel',
  'member_flow',
  'activity_guild_hourly',
  'activity_channel_hourly',
  'activity_member_hourly',
  'activity_emoji_hourly',
  'member_activity_hourly',
  'activity_guild_daily',
  'activity_channel_daily',
  'activity_member_daily',
  'activity_emoji_daily',
  'member_activity_daily',
  'member_flow_daily',
];

async function dump(db: ReadDb): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const rel of ACTIVITY_RELATIONS) {
    // Relation names are constants of this test.
    const { rows } = await db.query<{ r: string }>(`SELECT t::text AS r FROM ${rel} t ORDER BY 1`);
    out[rel] = rows.map((r) => r.r);
  }
  return out;
}

describe('Activity read model (SQLite event store -> runner -> PGlite + TimescaleDB)', () => {
  let eventStore: SqliteEventStore;
  let db: ReadDb;

  beforeAll(async () => {
    eventStore = new SqliteEventStore({ path: ':memory:' });
    db = await PgliteReadDb.open({ dataDir: 'memory' });
    await migrate(db);
    // Given nine days of 15-minute snapshots for three guilds, member detail and joins/leaves.
    for (const [g, guildId] of guildIds.entries()) {
      const random = prng(1000 + g);
      const events: EventToAppend[] = [];
      for (let t = DAY0; t < DAY0 + DAYS * DAY; t += STEP) {
        const { event, truth } = metricsSnapshotEvent({
          guildId,
          periodStart: t,
          periodMs: STEP,
          userIds: usersOf(g),
          channelIds: channelsOf(g),
          random,
          activeMembers: 3 + (Math.floor(t / HOUR) % 6),
        });
        events.push(event);
        truths.push(truth);
      }
      await eventStore.append(`guild-${guildId}`, events);
    }
    const u0 = usersOf(0)[0] as string;
    const c0 = channelsOf(0)[0] as string;
    const c1 = channelsOf(0)[1] as string;
    await eventStore.append(`guild-${G0}`, [
      memberActivitySnapshotEvent(G0, DAY0 + 2 * DAY + 10 * HOUR, 5 * MIN, [
        {
          userId: u0,
          messagesByChannel: { [c0]: 3, [c1]: 1 },
          voiceByChannel: { [c1]: 2.5 },
          sessions: 1,
          added: 2,
          received: 7,
          firstSeen: DAY0 + 2 * DAY + 10 * HOUR + 1000,
          lastSeen: DAY0 + 2 * DAY + 10 * HOUR + 200_000,
        },
      ]),
      memberActivitySnapshotEvent(G0, DAY0 + 3 * DAY + 12 * HOUR + 30 * MIN, 5 * MIN, [
        {
          userId: u0,
          messagesByChannel: { [c0]: 2 },
          voiceByChannel: {},
          sessions: 0,
          added: 1,
          received: 4,
          lastSeen: DAY0 + 3 * DAY + 12 * HOUR + 33 * MIN,
        },
      ]),
      memberFlowEvent('GUILD_MEMBER_ADD', G0, fakeSnowflake(2, 0, 100), DAY0 + 4 * DAY + 9 * HOUR),
      memberFlowEvent('GUILD_MEMBER_ADD', G0, fakeSnowflake(2, 0, 101), DAY0 + 4 * DAY + 9 * HOUR + 5 * MIN),
      memberFlowEvent('GUILD_MEMBER_ADD', G0, fakeSnowflake(2, 0, 102), DAY0 + 5 * DAY + 1 * HOUR),
      memberFlowEvent('GUILD_MEMBER_REMOVE', G0, fakeSnowflake(2, 0, 101), DAY0 + 5 * DAY + 2 * HOUR),
      // A ban comes with its own member removal: one leave, one ban.
      memberFlowEvent('GUILD_BAN_ADD', G0, fakeSnowflake(2, 0, 102), DAY0 + 5 * DAY + 3 * HOUR),
      memberFlowEvent('GUILD_MEMBER_REMOVE', G0, fakeSnowflake(2, 0, 102), DAY0 + 5 * DAY + 3 * HOUR),
    ]);
    // When the projections catch up.
    await project(eventStore, db);
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    await eventStore?.close();
  });

  describe('series', () => {
    it('gives the hourly messages of a day as uPlot columns equal to the snapshot sums', async () => {
      const from = DAY0 + 2 * DAY;
      const series = await activitySeries(db, {
        guildId: G0,
        metric: 'messages',
        bucket: 'hour',
        from: new Date(from),
        to: new Date(from + DAY),
      });
      expect(series.timestamps).toHaveLength(24);
      expect(series.timestamps[0]).toBe(from / 1000);
      expect(series.values).toEqual(
        series.timestamps.map((s) => sumGuild(G0, s * 1000, s * 1000 + HOUR).messages),
      );
    });

    it('fills empty buckets with 0 (days before the data)', async () => {
      const series = await activitySeries(db, {
        guildId: G0,
        metric: 'reactions',
        bucket: 'day',
        from: new Date(DAY0 - 2 * DAY),
        to: new Date(DAY0 + DAYS * DAY),
      });
      expect(series.timestamps).toHaveLength(DAYS + 2);
      expect(series.values.slice(0, 2)).toEqual([0, 0]);
      expect(series.values.slice(2)).toEqual(
        Array.from({ length: DAYS }, (_, d) => sumGuild(G0, DAY0 + d * DAY, DAY0 + (d + 1) * DAY).reactions),
      );
    });

    it('gives minute buckets from the raw rows, per channel and per member', async () => {
      const from = DAY0 + 3 * DAY + 5 * HOUR;
      const channelId = [
        ...(truths.find((t) => t.guildId === G0 && t.periodStart === from)?.channels.keys() ?? []),
      ][0] as string;
      const perChannel = await activitySeries(db, {
        guildId: G0,
        metric: 'messages',
        bucket: 'minute',
        from: new Date(from),
        to: new Date(from + HOUR),
        channelId,
      });
      expect(perChannel.values).toHaveLength(60);
      const expected = perChannel.timestamps.map((s) => {
        const t = truths.find((x) => x.guildId === G0 && x.periodStart === s * 1000);
        return t?.channels.get(channelId)?.messages ?? 0;
      });
      expect(perChannel.values).toEqual(expected);
      expect(expected.filter((v) => v > 0).length).toBeGreaterThan(0);

      const userId = usersOf(0)[0] as string;
      const perUser = await activitySeries(db, {
        guildId: G0,
        metric: 'voice_minutes',
        bucket: 'hour',
        from: new Date(DAY0),
        to: new Date(DAY0 + DAY),
        userId,
      });
      const voice = perUser.timestamps.map(
        (s) => sumMembers(G0, s * 1000, s * 1000 + HOUR).get(userId)?.voiceMinutes ?? 0,
      );
      for (const [i, v] of perUser.values.entries()) expect(v).toBeCloseTo(voice[i] as number, 9);
    });

    it('counts distinct active members per day', async () => {
      const series = await activitySeries(db, {
        guildId: G1,
        metric: 'active_members',
        bucket: 'day',
        from: new Date(DAY0),
        to: new Date(DAY0 + 3 * DAY),
      });
      expect(series.values).toEqual(
        [0, 1, 2].map((d) => sumMembers(G1, DAY0 + d * DAY, DAY0 + (d + 1) * DAY).size),
      );
    });

    it('refuses more points than a chart can show, and impossible combinations', async () => {
      await expect(
        activitySeries(db, {
          guildId: G0,
          metric: 'messages',
          bucket: 'minute',
          from: new Date(DAY0),
          to: new Date(DAY0 + 60 * DAY),
        }),
      ).rejects.toThrow(InvalidActivityQueryError);
      await expect(
        activitySeries(db, {
          guildId: G0,
          metric: 'reactions',
          bucket: 'hour',
          from: new Date(DAY0),
          to: new Date(DAY0 + DAY),
          channelId: '1',
        }),
      ).rejects.toThrow(/not recorded per channel/);
      await expect(
        activitySeries(db, {
          guildId: G0,
          metric: 'messages',
          bucket: 'hour',
          from: new Date(DAY0 + DAY),
          to: new Date(DAY0),
        }),
      ).rejects.toThrow(/must be before/);
    });
  });

  describe('overview', () => {
    it('gives totals, active members, joins and leaves for a period beside the previous one', async () => {
      const from = DAY0 + 4 * DAY + 7 * HOUR + 20 * MIN;
      const to = DAY0 + 6 * DAY + 2 * HOUR + 50 * MIN;
      const overview = await guildOverview(db, G0, new Date(from), new Date(to));
      const cur = sumGuild(G0, from, to);
      const prev = sumGuild(G0, from - (to - from), from);
      expect(overview.current).toMatchObject({
        messages: cur.messages,
        reactions: cur.reactions,
        activeMembers: cur.activeMembers,
        joins: 3,
        leaves: 2,
      });
      expect(overview.current.voiceMinutes).toBeCloseTo(cur.voiceMinutes, 9);
      expect(overview.previous).toMatchObject({
        messages: prev.messages,
        reactions: prev.reactions,
        joins: 0,
        leaves: 0,
      });
      expect(overview.previous.to).toEqual(new Date(from));
      expect(overview.change.messages).toBeCloseTo((cur.messages - prev.messages) / prev.messages, 12);
      expect(overview.change.joins).toBeNull();
    });
  });

  describe('leaderboards', () => {
    const now = DAY0 + 8 * DAY + 13 * HOUR + 37 * MIN;
    for (const metric of ['messages', 'voice', 'reactions', 'score'] as const) {
      it(`"last 7 days" by ${metric} equals the sum computed from the raw events`, async () => {
        const from = now - 7 * DAY;
        const board = await leaderboard(db, {
          guildId: G1,
          metric,
          from: new Date(from),
          to: new Date(now),
          limit: 5,
        });
        const expected = expectedBoard(G1, from, now, metric).slice(0, 5);
        expect(board.map((e) => e.userId)).toEqual(expected.map((e) => e.userId));
        board.forEach((e, i) => {
          const value =
            metric === 'messages'
              ? e.messages
              : metric === 'voice'
                ? e.voiceMinutes
                : metric === 'reactions'
                  ? e.reactions
                  : e.score;
          expect(value).toBeCloseTo(expected[i]?.value as number, 9);
          expect(e.rank).toBe(i + 1);
        });
      });
    }

    it('serves "today" (a partial day with a sub-hour edge) exactly', async () => {
      const from = DAY0 + 8 * DAY;
      const board = await leaderboard(db, {
        guildId: G0,
        metric: 'messages',
        from: new Date(from),
        to: new Date(now),
        limit: 100,
      });
      expect(board.map((e) => [e.userId, e.messages])).toEqual(
        expectedBoard(G0, from, now, 'messages').map((e) => [e.userId, e.value]),
      );
    });

    it('refuses a huge limit', async () => {
      await expect(
        leaderboard(db, {
          guildId: G0,
          metric: 'score',
          from: new Date(DAY0),
          to: new Date(now),
          limit: 10_000,
        }),
      ).rejects.toThrow(/limit must be/);
    });
  });

  describe('member activity', () => {
    it('combines the totals of METRICS_SNAPSHOT with the detail of MEMBER_ACTIVITY_SNAPSHOT', async () => {
      const userId = usersOf(0)[0] as string;
      const activity = await memberActivity(
        db,
        G0,
        userId,
        new Date(DAY0 + 2 * DAY),
        new Date(DAY0 + 4 * DAY),
      );
      const expected = sumMembers(G0, DAY0 + 2 * DAY, DAY0 + 4 * DAY).get(userId);
      expect(activity.messages).toBe(expected?.messages);
      expect(activity.detail).toEqual({
        reactionsAdded: 3,
        reactionsReceived: 11,
        voiceSessions: 1,
        firstSeen: new Date(DAY0 + 2 * DAY + 10 * HOUR + 1000),
        lastSeen: new Date(DAY0 + 3 * DAY + 12 * HOUR + 33 * MIN),
      });
      expect(activity.channels).toEqual([
        { channelId: channelsOf(0)[0], messages: 5, voiceMinutes: 0 },
        { channelId: channelsOf(0)[1], messages: 1, voiceMinutes: 2.5 },
      ]);
    });
  });

  describe('growth', () => {
    it('gives joins, leaves and net per day; a ban is not a second leave', async () => {
      const growth = await memberGrowth(db, G0, new Date(DAY0 + 4 * DAY), new Date(DAY0 + 6 * DAY), 'day');
      expect(growth).toEqual({
        timestamps: [(DAY0 + 4 * DAY) / 1000, (DAY0 + 5 * DAY) / 1000],
        joins: [2, 1],
        leaves: [0, 2],
        net: [2, -1],
        bans: [0, 1],
      });
      const hourly = await memberGrowth(
        db,
        G0,
        new Date(DAY0 + 4 * DAY + 9 * HOUR),
        new Date(DAY0 + 4 * DAY + 11 * HOUR),
        'hour',
      );
      expect(hourly.joins).toEqual([2, 0]);
    });
  });

  describe('late data', () => {
    it('shows up in an already-materialized hour and day once the projection has refreshed', async () => {
      const at = DAY0 + 2 * DAY + 10 * HOUR + 7 * MIN;
      const userId = usersOf(1)[7] as string;
      const before = await activitySeries(db, {
        guildId: G1,
        metric: 'messages',
        bucket: 'hour',
        from: new Date(DAY0 + 2 * DAY),
        to: new Date(DAY0 + 3 * DAY),
      });
      const { event, truth } = metricsSnapshotEvent({
        guildId: G1,
        periodStart: at,
        periodMs: MIN,
        userIds: [userId],
        channelIds: channelsOf(1),
        random: () => 0.99,
      });
      truths.push(truth);
      await eventStore.append(`guild-${G1}`, [event]);
      await project(eventStore, db);

      const after = await activitySeries(db, {
        guildId: G1,
        metric: 'messages',
        bucket: 'hour',
        from: new Date(DAY0 + 2 * DAY),
        to: new Date(DAY0 + 3 * DAY),
      });
      expect(after.values[10]).toBe((before.values[10] as number) + truth.messages);
      expect(truth.messages).toBeGreaterThan(0);
      const day = await leaderboard(db, {
        guildId: G1,
        metric: 'messages',
        from: new Date(DAY0 + 2 * DAY),
        to: new Date(DAY0 + 3 * DAY),
        limit: 100,
      });
      expect(day.map((e) => [e.userId, e.messages])).toEqual(
        expectedBoard(G1, DAY0 + 2 * DAY, DAY0 + 3 * DAY, 'messages').map((e) => [e.userId, e.value]),
      );
      // That hour lies below the materialization watermark: without the projection's refresh, real-time
      // aggregation would not have seen the late row.
      const { rows } = await db.query<{ watermark: Date }>(
        `SELECT _timescaledb_functions.to_timestamp(_timescaledb_functions.cagg_watermark(mat_hypertable_id)) AS watermark
         FROM _timescaledb_catalog.continuous_agg WHERE user_view_schema = current_schema() AND user_view_name = 'activity_guild_hourly'`,
      );
      expect(rows[0]?.watermark.getTime()).toBeGreaterThan(at);
    });
  });

  describe('replay', () => {
    it('replaying the whole log twice gives identical tables, equal to the live ones', async () => {
      const scratch = db.withSchema('activity_replay');
      await migrate(scratch);
      await project(eventStore, scratch);
      const first = await dump(scratch);
      await scratch.exec('DELETE FROM projection_checkpoints');
      await project(eventStore, scratch);
      const second = await dump(scratch);
      expect(second).toEqual(first);
      expect(first.activity_member?.length).toBeGreaterThan(1000);
      expect(await dump(db)).toEqual(first);
    });
  });

  describe('retention', () => {
    it('drops raw rows older than rawDays and keeps the aggregates; older late data is not stored', async () => {
      const now = new Date(DAY0 + DAYS * DAY + 6 * HOUR);
      const whole = { guildId: G0, from: new Date(DAY0), to: new Date(DAY0 + DAYS * DAY) };
      const boardBefore = await leaderboard(db, { ...whole, metric: 'score', limit: 100 });
      const hourlyBefore = await activitySeries(db, { ...whole, metric: 'messages', bucket: 'hour' });
      const overviewBefore = await guildOverview(db, G0, whole.from, whole.to);

      const outcome = await applyRetention(db, { rawDays: 3, now });
      expect(outcome.cutoff).toEqual(new Date(DAY0 + (DAYS - 3) * DAY));
      expect(outcome.droppedChunks).toBeGreaterThanOrEqual(6 * 4);
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM activity_member WHERE ts < $1',
        [outcome.cutoff],
      );
      expect(rows[0]?.n).toBe(0);

      expect(await leaderboard(db, { ...whole, metric: 'score', limit: 100 })).toEqual(boardBefore);
      expect(await activitySeries(db, { ...whole, metric: 'messages', bucket: 'hour' })).toEqual(
        hourlyBefore,
      );
      expect(await guildOverview(db, G0, whole.from, whole.to)).toEqual(overviewBefore);

      // A snapshot for a dropped day would wipe that day's aggregates on refresh: it is not stored.
      const { event } = metricsSnapshotEvent({
        guildId: G0,
        periodStart: DAY0 + DAY + 5 * MIN,
        userIds: usersOf(0),
        channelIds: channelsOf(0),
        random: prng(7),
      });
      await eventStore.append(`guild-${G0}`, [event]);
      await project(eventStore, db);
      expect(await leaderboard(db, { ...whole, metric: 'score', limit: 100 })).toEqual(boardBefore);
    });
  });
});
