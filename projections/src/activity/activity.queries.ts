import { growthTotals } from '../growth/growth.queries.js';
import type { SqlExecutor } from '../read-db/read-db.port.js';
import { readActivityRawHorizon } from './activity-cagg.refresh.js';
import { InvalidActivityQueryError } from './activity-query.errors.js';
import { requireId, requireOneOf, requireRange } from './query-input.js';
import {
  answerableSpan,
  BUCKET_MS,
  ceilTo,
  floorTo,
  rangeParams,
  type SeriesBucket,
  type Span,
  splitRange,
} from './time-range.js';

/**
 * Read queries over the activity read model, for the API. Every figure for a range [from, to) is the
 * exact sum of the METRICS_SNAPSHOT rows with from <= periodStart < to: whole UTC days come from the daily
 * aggregates, partial days from the hourly ones, sub-hour edges from the raw rows (see splitRange).
 * Active members are counted once per member over the whole range: the per-member rows of all five pieces
 * (raw edges, hourly and daily per-member aggregates) are unioned and counted DISTINCT, never summed per
 * bucket. The hourly and daily aggregates are kept for good; raw rows only `rawDays` (retention). An edge
 * older than the raw horizon is therefore widened to its whole hour (answerableSpan) and the range
 * answered is returned (`from`/`to`), never a silently shorter one; minute buckets there are refused.
 * Voice is stored in milliseconds and returned in minutes; the activity score is
 * messages + 0.5 * voiceMinutes + 0.2 * reactions, ranked on an exact integer form.
 */

interface Levels {
  readonly raw: string;
  readonly hourly: string;
  readonly daily: string;
}

const GUILD: Levels = {
  raw: 'activity_snapshot',
  hourly: 'activity_guild_hourly',
  daily: 'activity_guild_daily',
};
const CHANNEL: Levels = {
  raw: 'activity_channel',
  hourly: 'activity_channel_hourly',
  daily: 'activity_channel_daily',
};
const MEMBER: Levels = {
  raw: 'activity_member',
  hourly: 'activity_member_hourly',
  daily: 'activity_member_daily',
};
const MEMBER_DETAIL: Levels = {
  raw: 'member_activity',
  hourly: 'member_activity_hourly',
  daily: 'member_activity_daily',
};

/**
 * UNION ALL of the five pieces of a range, binding $1 = guild id, $2..$11 = {@link rangeParams}.
 * `columns` and `filter` are constants of this file, never input.
 */
function rangeUnion(levels: Levels, columns: string, filter = ''): string {
  const piece = (table: string, time: string, lo: number, hi: number) =>
    `SELECT ${columns} FROM ${table} WHERE guild_id = $1 AND ${time} >= $${lo} AND ${time} < $${hi} ${filter}`;
  return [
    piece(levels.raw, 'ts', 2, 3),
    piece(levels.raw, 'ts', 4, 5),
    piece(levels.hourly, 'bucket', 6, 7),
    piece(levels.hourly, 'bucket', 8, 9),
    piece(levels.daily, 'bucket', 10, 11),
  ].join('\nUNION ALL\n');
}

/** Integer score in 1/120000 units: 120000 * messages + voice_ms + 24000 * reactions. */
const SCORE_UNITS = 'sum(messages) * 120000 + sum(voice_ms) + sum(reactions) * 24000';
const SCORE_PER_UNIT = 120_000;
const MS_PER_MINUTE = 60_000;

// ---------------------------------------------------------------------------------------------------
// Overview

export interface ActivityTotals {
  readonly messages: number;
  readonly voiceMinutes: number;
  readonly reactions: number;
  /** Distinct members with any message, voice minute or reaction in the period. */
  readonly activeMembers: number;
  readonly voiceSessions: number;
  readonly joins: number;
  readonly leaves: number;
}

export interface GuildOverview {
  readonly guildId: string;
  /** The range counted (see answerableSpan). */
  readonly from: Date;
  readonly to: Date;
  readonly current: ActivityTotals;
  /** The period of the same length just before `from`. */
  readonly previous: ActivityTotals & { readonly from: Date; readonly to: Date };
  /** (current - previous) / previous per figure; null when the previous figure is 0. */
  readonly change: { readonly [K in keyof ActivityTotals]: number | null };
}

/** Members with any message, voice or reaction in [from, to), each counted once (see the file comment). */
async function distinctActiveMembers(db: SqlExecutor, guildId: string, span: Span): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(DISTINCT user_id)::float8 AS n FROM (${rangeUnion(MEMBER, 'user_id')}) p`,
    [guildId, ...rangeParams(splitRange(span.from, span.to))],
  );
  return rows[0]?.n ?? 0;
}

/** [from, to) as the read model can answer it now (see answerableSpan). */
async function answerable(db: SqlExecutor, span: Span): Promise<Span> {
  return answerableSpan(span, await readActivityRawHorizon(db));
}

async function periodTotals(db: SqlExecutor, guildId: string, span: Span): Promise<ActivityTotals> {
  const { from, to } = span;
  const params = [guildId, ...rangeParams(splitRange(from, to))];
  const { rows } = await db.query<{
    messages: number;
    voice_ms: number;
    reactions: number;
    voice_sessions: number;
  }>(
    `SELECT coalesce(sum(messages), 0)::float8 AS messages, coalesce(sum(voice_ms), 0)::float8 AS voice_ms,
            coalesce(sum(reactions), 0)::float8 AS reactions, coalesce(sum(voice_sessions), 0)::float8 AS voice_sessions
     FROM (${rangeUnion(GUILD, 'messages, voice_ms, reactions, voice_sessions')}) p`,
    params,
  );
  const activeMembers = await distinctActiveMembers(db, guildId, span);
  const growth = await growthTotals(db, guildId, new Date(from), new Date(to));
  const t = rows[0];
  return {
    messages: t?.messages ?? 0,
    voiceMinutes: (t?.voice_ms ?? 0) / MS_PER_MINUTE,
    reactions: t?.reactions ?? 0,
    activeMembers,
    voiceSessions: t?.voice_sessions ?? 0,
    joins: growth.joins,
    leaves: growth.leaves,
  };
}

/**
 * A guild's activity over [from, to) beside the previous period of the same length. `from`/`to` of the
 * answer are the range counted (edges older than the raw horizon widened to the hour, see answerableSpan).
 */
export async function guildOverview(
  db: SqlExecutor,
  guildId: string,
  from: Date,
  to: Date,
): Promise<GuildOverview> {
  requireId(guildId, 'guildId');
  const horizon = await readActivityRawHorizon(db);
  const range = answerableSpan(requireRange(from, to), horizon);
  const prev = answerableSpan({ from: range.from - (range.to - range.from), to: range.from }, horizon);
  const prevFrom = prev.from;
  const current = await periodTotals(db, guildId, range);
  const previous = await periodTotals(db, guildId, prev);
  const change = {} as Record<keyof ActivityTotals, number | null>;
  for (const key of Object.keys(current) as (keyof ActivityTotals)[]) {
    change[key] = previous[key] === 0 ? null : (current[key] - previous[key]) / previous[key];
  }
  return {
    guildId,
    from: new Date(range.from),
    to: new Date(range.to),
    current,
    previous: { ...previous, from: new Date(prevFrom), to: new Date(range.from) },
    change,
  };
}

// ---------------------------------------------------------------------------------------------------
// Series

export type SeriesMetric = 'messages' | 'voice_minutes' | 'reactions' | 'active_members';
export const SERIES_METRICS: readonly SeriesMetric[] = [
  'messages',
  'voice_minutes',
  'reactions',
  'active_members',
];
export const SERIES_BUCKETS: readonly SeriesBucket[] = ['minute', 'hour', 'day'];
/** More points than a chart can show is a mistake of the caller (30 days of minutes is 43,200). */
export const MAX_SERIES_POINTS = 50_000;

export interface ActivitySeriesQuery {
  readonly guildId: string;
  readonly metric: SeriesMetric;
  readonly bucket: SeriesBucket;
  readonly from: Date;
  readonly to: Date;
  /** Only this channel (messages, voice_minutes). */
  readonly channelId?: string;
  /** Only this member (messages, voice_minutes, reactions). */
  readonly userId?: string;
}

/** uPlot columns: `timestamps` in Unix seconds (bucket starts), `values` with 0 for empty buckets. */
export interface SeriesColumns {
  readonly timestamps: number[];
  readonly values: number[];
  /**
   * active_members only (null otherwise): members active in any bucket, each counted once over the
   * buckets' span. The sum of `values` counts a member once per bucket instead.
   */
  readonly distinctMembers: number | null;
}

const VALUE_EXPR: Readonly<Record<Exclude<SeriesMetric, 'active_members'>, string>> = {
  messages: 'sum(messages)::float8',
  voice_minutes: '(sum(voice_ms) / 60000.0)::float8',
  reactions: 'sum(reactions)::float8',
};

/**
 * One metric per bucket over the buckets covering [from, to) (`from` rounded down to its bucket). Minute
 * buckets read the raw rows, so they are refused before the raw horizon (retention); hours and days read
 * the continuous aggregates, kept for good.
 */
export async function activitySeries(db: SqlExecutor, query: ActivitySeriesQuery): Promise<SeriesColumns> {
  const guildId = requireId(query.guildId, 'guildId');
  const metric = requireOneOf(query.metric, SERIES_METRICS, 'metric');
  const bucket = requireOneOf(query.bucket, SERIES_BUCKETS, 'bucket');
  const range = requireRange(query.from, query.to);
  if (query.channelId !== undefined && query.userId !== undefined)
    throw new InvalidActivityQueryError('Give channelId or userId, not both');
  const channelId = query.channelId === undefined ? undefined : requireId(query.channelId, 'channelId');
  const userId = query.userId === undefined ? undefined : requireId(query.userId, 'userId');
  if (metric === 'active_members' && (channelId || userId))
    throw new InvalidActivityQueryError(
      'active_members is a guild-wide series: give neither channelId nor userId',
    );
  if (metric === 'reactions' && channelId)
    throw new InvalidActivityQueryError('reactions are not recorded per channel');

  const size = BUCKET_MS[bucket];
  const start = floorTo(range.from, size);
  const end = ceilTo(range.to, size);
  const points = (end - start) / size;
  if (points > MAX_SERIES_POINTS)
    throw new InvalidActivityQueryError(
      `${points} ${bucket} buckets requested; at most ${MAX_SERIES_POINTS} per series (use a larger bucket)`,
    );

  const horizon = bucket === 'minute' ? await readActivityRawHorizon(db) : null;
  if (horizon !== null && start < horizon)
    throw new InvalidActivityQueryError(
      `minute buckets come from raw rows, kept since ${new Date(horizon).toISOString()} (raw retention): use hour or day buckets for older ranges`,
    );

  const levels = metric === 'active_members' || userId ? MEMBER : channelId ? CHANNEL : GUILD;
  const table = bucket === 'minute' ? levels.raw : bucket === 'hour' ? levels.hourly : levels.daily;
  const time = bucket === 'minute' ? "time_bucket(INTERVAL '1 minute', ts)" : 'bucket';
  const timeCol = bucket === 'minute' ? 'ts' : 'bucket';
  const value = metric === 'active_members' ? 'count(DISTINCT user_id)::float8' : VALUE_EXPR[metric];
  const filter = channelId ? 'AND channel_id = $4' : userId ? 'AND user_id = $4' : '';
  const params: unknown[] = [guildId, new Date(start), new Date(end)];
  if (channelId || userId) params.push(channelId ?? userId);
  // Active members: the buckets tile [start, end) exactly at this level, so a grand-total row of the same
  // query (empty grouping set, t NULL) counts each member once over all of them.
  const grouping = metric === 'active_members' ? `GROUPING SETS ((${time}), ())` : '1';
  const { rows } = await db.query<{ t: number | null; v: number }>(
    `SELECT extract(epoch FROM ${time})::float8 AS t, ${value} AS v
     FROM ${table} WHERE guild_id = $1 AND ${timeCol} >= $2 AND ${timeCol} < $3 ${filter}
     GROUP BY ${grouping}`,
    params,
  );
  const byTime = new Map(rows.map((r) => [r.t, r.v]));
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let t = start; t < end; t += size) {
    timestamps.push(t / 1000);
    values.push(byTime.get(t / 1000) ?? 0);
  }
  const distinctMembers = metric === 'active_members' ? (byTime.get(null) ?? 0) : null;
  return { timestamps, values, distinctMembers };
}

// ---------------------------------------------------------------------------------------------------
// Leaderboard

export type LeaderboardMetric = 'messages' | 'voice' | 'reactions' | 'score';
export const LEADERBOARD_METRICS: readonly LeaderboardMetric[] = ['messages', 'voice', 'reactions', 'score'];
export const MAX_LEADERBOARD_LIMIT = 100;

export interface LeaderboardQuery {
  readonly guildId: string;
  readonly metric: LeaderboardMetric;
  readonly from: Date;
  readonly to: Date;
  /** 1..100 */
  readonly limit: number;
}

export interface LeaderboardEntry {
  /** 1-based position; ties are ordered by user id. */
  readonly rank: number;
  readonly userId: string;
  readonly messages: number;
  readonly voiceMinutes: number;
  readonly reactions: number;
  readonly score: number;
}

const ORDER_EXPR: Readonly<Record<LeaderboardMetric, string>> = {
  messages: 'sum(messages)',
  voice: 'sum(voice_ms)',
  reactions: 'sum(reactions)',
  score: SCORE_UNITS,
};

/**
 * Members ranked on a metric over any range [from, to) (edges older than the raw horizon widened to the
 * hour, see answerableSpan); members with 0 for that metric are left out.
 */
export async function leaderboard(db: SqlExecutor, query: LeaderboardQuery): Promise<LeaderboardEntry[]> {
  const guildId = requireId(query.guildId, 'guildId');
  const metric = requireOneOf(query.metric, LEADERBOARD_METRICS, 'metric');
  const asked = requireRange(query.from, query.to);
  if (!Number.isSafeInteger(query.limit) || query.limit < 1 || query.limit > MAX_LEADERBOARD_LIMIT)
    throw new InvalidActivityQueryError(`limit must be an integer from 1 to ${MAX_LEADERBOARD_LIMIT}`);
  const range = await answerable(db, asked);
  const order = ORDER_EXPR[metric];
  const { rows } = await db.query<{
    user_id: string;
    messages: number;
    voice_ms: number;
    reactions: number;
    score_units: number;
  }>(
    `SELECT user_id, sum(messages)::float8 AS messages, sum(voice_ms)::float8 AS voice_ms,
            sum(reactions)::float8 AS reactions, (${SCORE_UNITS})::float8 AS score_units
     FROM (${rangeUnion(MEMBER, 'user_id, messages, voice_ms, reactions')}) p
     GROUP BY user_id
     HAVING ${order} > 0
     ORDER BY ${order} DESC, user_id
     LIMIT $12`,
    [guildId, ...rangeParams(splitRange(range.from, range.to)), query.limit],
  );
  return rows.map((r, i) => ({
    rank: i + 1,
    userId: r.user_id,
    messages: r.messages,
    voiceMinutes: r.voice_ms / MS_PER_MINUTE,
    reactions: r.reactions,
    score: r.score_units / SCORE_PER_UNIT,
  }));
}

// ---------------------------------------------------------------------------------------------------
// One member

export interface MemberActivity {
  readonly guildId: string;
  readonly userId: string;
  readonly from: Date;
  readonly to: Date;
  /** From METRICS_SNAPSHOT, like the leaderboards. */
  readonly messages: number;
  readonly voiceMinutes: number;
  readonly reactions: number;
  readonly score: number;
  /** From MEMBER_ACTIVITY_SNAPSHOT (sent less often; covers what METRICS_SNAPSHOT does not carry). */
  readonly detail: {
    readonly reactionsAdded: number;
    readonly reactionsReceived: number;
    readonly voiceSessions: number;
    readonly firstSeen: Date | null;
    readonly lastSeen: Date | null;
  };
  /** Messages and voice per channel (MEMBER_ACTIVITY_SNAPSHOT, raw rows: within the retention window). */
  readonly channels: readonly { channelId: string; messages: number; voiceMinutes: number }[];
}

export async function memberActivity(
  db: SqlExecutor,
  guildId: string,
  userId: string,
  from: Date,
  to: Date,
): Promise<MemberActivity> {
  requireId(guildId, 'guildId');
  requireId(userId, 'userId');
  const range = await answerable(db, requireRange(from, to));
  const params = [guildId, ...rangeParams(splitRange(range.from, range.to)), userId];
  const { rows: totals } = await db.query<{
    messages: number;
    voice_ms: number;
    reactions: number;
    score_units: number;
  }>(
    `SELECT coalesce(sum(messages), 0)::float8 AS messages, coalesce(sum(voice_ms), 0)::float8 AS voice_ms,
            coalesce(sum(reactions), 0)::float8 AS reactions, coalesce(${SCORE_UNITS}, 0)::float8 AS score_units
     FROM (${rangeUnion(MEMBER, 'messages, voice_ms, reactions', 'AND user_id = $12')}) p`,
    params,
  );
  const { rows: detail } = await db.query<{
    reactions_added: number;
    reactions_received: number;
    voice_sessions: number;
    first_seen: Date | null;
    last_seen: Date | null;
  }>(
    `SELECT coalesce(sum(reactions_added), 0)::float8 AS reactions_added,
            coalesce(sum(reactions_received), 0)::float8 AS reactions_received,
            coalesce(sum(voice_sessions), 0)::float8 AS voice_sessions,
            min(first_seen) AS first_seen, max(last_seen) AS last_seen
     FROM (${rangeUnion(
       MEMBER_DETAIL,
       'reactions_added, reactions_received, voice_sessions, first_seen, last_seen',
       'AND user_id = $12',
     )}) p`,
    params,
  );
  const { rows: channels } = await db.query<{ channel_id: string; messages: number; voice_ms: number }>(
    `SELECT channel_id, sum(messages)::float8 AS messages, sum(voice_ms)::float8 AS voice_ms
     FROM member_activity_channel
     WHERE guild_id = $1 AND user_id = $2 AND ts >= $3 AND ts < $4
     GROUP BY channel_id
     ORDER BY sum(messages) + sum(voice_ms) / 60000.0 DESC, channel_id`,
    [guildId, userId, new Date(range.from), new Date(range.to)],
  );
  const t = totals[0];
  const d = detail[0];
  return {
    guildId,
    userId,
    from: new Date(range.from),
    to: new Date(range.to),
    messages: t?.messages ?? 0,
    voiceMinutes: (t?.voice_ms ?? 0) / MS_PER_MINUTE,
    reactions: t?.reactions ?? 0,
    score: (t?.score_units ?? 0) / SCORE_PER_UNIT,
    detail: {
      reactionsAdded: d?.reactions_added ?? 0,
      reactionsReceived: d?.reactions_received ?? 0,
      voiceSessions: d?.voice_sessions ?? 0,
      firstSeen: d?.first_seen ?? null,
      lastSeen: d?.last_seen ?? null,
    },
    channels: channels.map((c) => ({
      channelId: c.channel_id,
      messages: c.messages,
      voiceMinutes: c.voice_ms / MS_PER_MINUTE,
    })),
  };
}
