import {
  activitySeries,
  guildOverview,
  leaderboard,
  memberActivity,
  memberGrowth,
  type LeaderboardMetric as ProjectionLeaderboardMetric,
  type SeriesMetric,
} from '@guildscope/projections';
import { requireGuild } from '../auth/authorize.js';
import type { ApiContext } from '../context.js';
import { badInput } from '../errors/api-errors.js';
import type {
  ActivityMetric,
  Bucket,
  LeaderboardMetric,
  MemberActivityArgs,
  Resolvers,
} from '../schema/generated/schema-types.js';
import { assertBucketCount, pageSize, resolvePeriod, resolveRange } from '../shared/time-range.js';
import { userRef } from '../shared/user-ref.js';

interface SeriesScope {
  readonly channelId?: string | null;
  readonly memberId?: string | null;
}

const seriesMetric: Record<ActivityMetric, SeriesMetric> = {
  MESSAGES: 'messages',
  VOICE_MINUTES: 'voice_minutes',
  REACTIONS: 'reactions',
  ACTIVE_MEMBERS: 'active_members',
};
const leaderboardMetric: Record<LeaderboardMetric, ProjectionLeaderboardMetric> = {
  MESSAGES: 'messages',
  VOICE_MINUTES: 'voice',
  REACTIONS: 'reactions',
  ACTIVITY_SCORE: 'score',
};
const bucketName = { MINUTE: 'minute', HOUR: 'hour', DAY: 'day' } as const satisfies Record<Bucket, string>;

export const maxLeaderboardLimit = 100;

function comparison(current: number, previous: number) {
  return {
    current,
    previous,
    change: current - previous,
    changeRatio: previous === 0 ? null : (current - previous) / previous,
  };
}

async function series(ctx: ApiContext, guildId: string, args: MemberActivityArgs, scope: SeriesScope) {
  if (scope.channelId && scope.memberId) throw badInput('channelId', 'give channelId or memberId, not both');
  if (args.metric === 'ACTIVE_MEMBERS' && (scope.channelId || scope.memberId)) {
    throw badInput('metric', 'ACTIVE_MEMBERS is a guild-wide series (no channelId or memberId)');
  }
  if (args.metric === 'REACTIONS' && scope.channelId) {
    throw badInput('metric', 'reactions are not tracked per channel (use the guild or a member)');
  }
  const w = resolveRange(args.range, ctx.deps.now());
  assertBucketCount(w, args.bucket);
  const s = await activitySeries(ctx.deps.readDb, {
    guildId,
    metric: seriesMetric[args.metric],
    bucket: bucketName[args.bucket],
    from: w.from,
    to: w.to,
    ...(scope.channelId ? { channelId: scope.channelId } : {}),
    ...(scope.memberId ? { userId: scope.memberId } : {}),
  });
  return {
    metric: args.metric,
    bucket: args.bucket,
    range: w,
    channelId: scope.channelId ?? null,
    memberId: scope.memberId ?? null,
    timestamps: s.timestamps,
    values: s.values,
    columns: [s.timestamps, s.values],
    total: s.values.reduce((a, b) => a + b, 0),
    distinctMembers: s.distinctMembers,
  };
}

export const activityResolvers: Resolvers = {
  Guild: {
    async overview(guild, args, ctx) {
      requireGuild(ctx.principal, guild.guild_id);
      const period = resolvePeriod(args.period, ctx.deps.now());
      const o = await guildOverview(ctx.deps.readDb, guild.guild_id, period.from, period.to);
      const cur = o.current;
      const prev = o.previous;
      return {
        period: { from: o.from, to: o.to },
        previousPeriod: { from: prev.from, to: prev.to },
        messages: comparison(cur.messages, prev.messages),
        voiceMinutes: comparison(cur.voiceMinutes, prev.voiceMinutes),
        reactions: comparison(cur.reactions, prev.reactions),
        joins: comparison(cur.joins, prev.joins),
        leaves: comparison(cur.leaves, prev.leaves),
        activeMembers: comparison(cur.activeMembers, prev.activeMembers),
      };
    },
    activitySeries(guild, args, ctx) {
      requireGuild(ctx.principal, guild.guild_id);
      return series(ctx, guild.guild_id, args, { channelId: args.channelId, memberId: args.memberId });
    },
    async leaderboard(guild, args, ctx) {
      requireGuild(ctx.principal, guild.guild_id);
      const limit = pageSize(args.limit, 10, maxLeaderboardLimit, 'limit');
      const w = resolvePeriod(args.period, ctx.deps.now());
      const rows = await leaderboard(ctx.deps.readDb, {
        guildId: guild.guild_id,
        metric: leaderboardMetric[args.metric],
        from: w.from,
        to: w.to,
        limit,
      });
      const rankedValue = {
        MESSAGES: (r: (typeof rows)[number]) => r.messages,
        VOICE_MINUTES: (r: (typeof rows)[number]) => r.voiceMinutes,
        REACTIONS: (r: (typeof rows)[number]) => r.reactions,
        ACTIVITY_SCORE: (r: (typeof rows)[number]) => r.score,
      }[args.metric];
      // Each row as the query ranked it, with who it is and the figure it was ranked on.
      return rows.map((r) => ({ ...r, member: userRef(guild.guild_id, r.userId), value: rankedValue(r) }));
    },
    async memberGrowth(guild, args, ctx) {
      requireGuild(ctx.principal, guild.guild_id);
      const bucket = args.bucket ?? 'DAY';
      if (bucket === 'MINUTE') throw badInput('bucket', 'member growth has HOUR or DAY buckets');
      const w = resolveRange(args.range, ctx.deps.now());
      assertBucketCount(w, bucket);
      const s = await memberGrowth(
        ctx.deps.readDb,
        guild.guild_id,
        w.from,
        w.to,
        bucket === 'HOUR' ? 'hour' : 'day',
      );
      return {
        bucket,
        range: w,
        timestamps: s.timestamps,
        joins: s.joins,
        leaves: s.leaves,
        net: s.net,
        columns: [s.timestamps, s.joins, s.leaves],
        totalJoins: s.joins.reduce((a, b) => a + b, 0),
        totalLeaves: s.leaves.reduce((a, b) => a + b, 0),
      };
    },
  },
  Member: {
    async stats(m, _, ctx) {
      requireGuild(ctx.principal, m.guild_id);
      // All time: from the epoch (whole days come from the daily aggregate, so this stays cheap).
      const a = await memberActivity(ctx.deps.readDb, m.guild_id, m.user_id, new Date(0), ctx.deps.now());
      return {
        messages: a.messages,
        voiceMinutes: a.voiceMinutes,
        reactions: a.reactions,
        score: a.score,
        firstSeen: a.detail.firstSeen,
        lastSeen: a.detail.lastSeen,
      };
    },
    activity(m, args, ctx) {
      requireGuild(ctx.principal, m.guild_id);
      return series(ctx, m.guild_id, args, { memberId: m.user_id });
    },
  },
};
