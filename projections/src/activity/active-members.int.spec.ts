import { type EventToAppend, SqliteEventStore } from '@guildscope/write-side';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ReadDb } from '../read-db/read-db.port.js';
import { describeOnEveryBackend } from '../testing/every-backend.js';
import { freshReadModel, projectAll } from '../testing/read-model.harness.js';
import { fakeSnowflake, metricsSnapshotEvent } from './activity-snapshot.fixtures.js';
import {
  activityProjection,
  activitySeries,
  applyRetention,
  guildOverview,
  InvalidActivityQueryError,
} from './index.js';
import { DAY_MS as DAY, HOUR_MS as HOUR, MINUTE_MS as MIN } from './time-range.js';

/**
 * Distinct active members: each member counted once per range (never summed per bucket), for ranges of
 * any length (raw rows are kept 30 days here, the aggregates for good), on every read-model backend.
 */

/** The clock of the test: 13:25 on a day, so "the last 7 days" has sub-hour edges. */
const NOW = Date.UTC(2026, 5, 20, 13, 25);
const TODAY = NOW - (NOW % DAY);
const OLD = TODAY - 200 * DAY;
const GUILD = fakeSnowflake(1, 7, 0);
const member = (n: number) => fakeSnowflake(2, 7, n);

/** Who was active when: the truth every figure is checked against. */
const activity: { at: number; members: string[] }[] = [];
const snapshot = (at: number, members: string[]): EventToAppend => {
  activity.push({ at, members });
  // random() = 0.5: every listed member has messages, reactions and (one in three) voice.
  return metricsSnapshotEvent({
    guildId: GUILD,
    periodStart: at,
    userIds: members,
    channelIds: ['c1', 'c2', 'c3'],
    random: () => 0.5,
  }).event;
};
const distinctIn = (from: number, to: number) =>
  new Set(activity.filter((a) => a.at >= from && a.at < to).flatMap((a) => a.members)).size;

function history(): EventToAppend[] {
  const events: EventToAppend[] = [];
  // Years ago, then 200 days ago (long past the 30 days of raw rows): members seen nowhere else.
  events.push(snapshot(TODAY - 700 * DAY + 9 * HOUR, [member(20), member(21)]));
  events.push(snapshot(TODAY - 400 * DAY + 9 * HOUR, [member(21), member(22)]));
  events.push(snapshot(OLD + 10 * MIN, [member(25)]));
  events.push(snapshot(OLD + 40 * MIN, [member(26)]));
  events.push(snapshot(OLD + 2 * HOUR + 5 * MIN, [member(27)]));
  events.push(snapshot(OLD + 2 * HOUR + 50 * MIN, [member(28)]));
  // The last 8 days, one snapshot an hour at :10: five of fifteen members, a different five each hour.
  for (let h = 8 * 24; h > 0; h--) {
    const at = TODAY + 14 * HOUR - h * HOUR + 10 * MIN;
    if (at >= NOW) continue;
    const first = h % 15;
    events.push(
      snapshot(
        at,
        [0, 1, 2, 3, 4].map((i) => member((first + i) % 15)),
      ),
    );
  }
  return events;
}

function activeMembersSuite(open: () => Promise<ReadDb>): void {
  let root: ReadDb;
  let db: ReadDb;
  let store: SqliteEventStore;

  beforeAll(async () => {
    root = await open();
    db = await freshReadModel(root, 'active');
    store = new SqliteEventStore({ path: ':memory:' });
    activity.length = 0;
    await store.append(`guild-${GUILD}`, history());
    await projectAll(store, db, [activityProjection]);
  }, 120_000);

  afterAll(async () => {
    await store?.close();
    await root?.close();
  });

  it('counts each member once over the last 7 days; the series counts them per bucket', async () => {
    const from = NOW - 7 * DAY;
    const overview = await guildOverview(db, GUILD, new Date(from), new Date(NOW));
    expect(overview.current.activeMembers).toBe(distinctIn(from, NOW));
    expect(overview.current.activeMembers).toBe(15);
    expect(overview.previous.activeMembers).toBe(distinctIn(from - 7 * DAY, from));

    const series = await activitySeries(db, {
      guildId: GUILD,
      metric: 'active_members',
      bucket: 'hour',
      from: new Date(from),
      to: new Date(NOW),
    });
    expect(series.values).toEqual(series.timestamps.map((t) => distinctIn(t * 1000, t * 1000 + HOUR)));
    const first = (series.timestamps[0] as number) * 1000;
    expect(series.distinctMembers).toBe(distinctIn(first, first + series.timestamps.length * HOUR));
    // Adding the buckets up counts the same members again and again: that is not the figure.
    expect(series.values.reduce((a, b) => a + b, 0)).toBeGreaterThan(10 * (series.distinctMembers ?? 0));

    const daily = await activitySeries(db, {
      guildId: GUILD,
      metric: 'messages',
      bucket: 'day',
      from: new Date(from),
      to: new Date(NOW),
    });
    expect(daily.distinctMembers).toBeNull();
  });

  describe('once raw rows older than 30 days are dropped', () => {
    let before: number;
    beforeAll(async () => {
      before = (await guildOverview(db, GUILD, new Date(NOW - 800 * DAY), new Date(NOW))).current
        .activeMembers;
      await applyRetention(db, { rawDays: 30, now: new Date(NOW) });
    }, 60_000);

    it('still counts every member of a two-year range once, from the aggregates kept for good', async () => {
      const from = NOW - 800 * DAY;
      const overview = await guildOverview(db, GUILD, new Date(from), new Date(NOW));
      expect(overview.from).toEqual(new Date(from - (from % HOUR)));
      expect(overview.current.activeMembers).toBe(distinctIn(overview.from.getTime(), NOW));
      expect(overview.current.activeMembers).toBe(15 + 3 + 4);
      expect(overview.current.activeMembers).toBe(before);
    });

    it('widens edges older than raw retention to the hour and answers for the range it counted', async () => {
      const from = OLD + 30 * MIN;
      const to = OLD + 2 * HOUR + 20 * MIN;
      const overview = await guildOverview(db, GUILD, new Date(from), new Date(to));
      expect({ from: overview.from, to: overview.to }).toEqual({
        from: new Date(OLD),
        to: new Date(OLD + 3 * HOUR),
      });
      // The member seen at :40 is counted (its raw row is gone, its hour is kept), with every member of
      // the widened hours, never a guess about the minutes.
      expect(overview.current.activeMembers).toBe(distinctIn(OLD, OLD + 3 * HOUR));
      expect(overview.current.activeMembers).toBe(4);
      expect(overview.previous.to).toEqual(new Date(OLD));
    });

    it('refuses minute buckets before the raw horizon instead of showing zeros', async () => {
      const series = (from: number) =>
        activitySeries(db, {
          guildId: GUILD,
          metric: 'active_members',
          bucket: 'minute',
          from: new Date(from),
          to: new Date(from + HOUR),
        });
      await expect(series(OLD)).rejects.toThrow(InvalidActivityQueryError);
      await expect(series(OLD)).rejects.toThrow(/minute buckets come from raw rows, kept since .*use hour/);
      const recent = await series(NOW - 2 * HOUR);
      expect(recent.distinctMembers).toBe(distinctIn(NOW - 2 * HOUR, NOW - HOUR));
    });
  });
}

describeOnEveryBackend('Distinct active members', activeMembersSuite);
