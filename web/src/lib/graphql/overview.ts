import { graphql } from './generated/gql.js';
import type { ActivityTickSubscription, OverviewQuery } from './generated/graphql.js';

export const COMPARISON = graphql(`
  fragment Comparison on MetricComparison {
    current
    previous
    change
    changeRatio
  }
`);

export const OVERVIEW = graphql(`
  query Overview($id: ID!, $period: PeriodInput!) {
    guild(id: $id) {
      id
      overview(period: $period) {
        period {
          from
          to
        }
        previousPeriod {
          from
          to
        }
        messages {
          ...Comparison
        }
        voiceMinutes {
          ...Comparison
        }
        reactions {
          ...Comparison
        }
        joins {
          ...Comparison
        }
        leaves {
          ...Comparison
        }
        activeMembers {
          ...Comparison
        }
      }
    }
  }
`);

/** The dashboard cards: each metric for the period next to the previous one. */
export type GuildOverview = OverviewQuery['guild']['overview'];

export const ACTIVITY_SERIES = graphql(`
  query ActivitySeries(
    $id: ID!
    $metric: ActivityMetric!
    $bucket: Bucket!
    $range: TimeRangeInput!
    $channelId: ID
    $memberId: ID
  ) {
    guild(id: $id) {
      id
      activitySeries(metric: $metric, bucket: $bucket, range: $range, channelId: $channelId, memberId: $memberId) {
        metric
        bucket
        range {
          from
          to
        }
        columns
        total
        distinctMembers
      }
    }
  }
`);

export const MEMBER_GROWTH = graphql(`
  query MemberGrowth($id: ID!, $range: TimeRangeInput!, $bucket: Bucket) {
    guild(id: $id) {
      id
      memberGrowth(range: $range, bucket: $bucket) {
        bucket
        range {
          from
          to
        }
        columns
        totalJoins
        totalLeaves
      }
    }
  }
`);

export const ACTIVITY_TICK = graphql(`
  subscription ActivityTick($guildId: ID!) {
    activityTick(guildId: $guildId) {
      guildId
      periodStart
      timestamp
      messages
      voiceMinutes
      reactions
      activeMembers
    }
  }
`);

/** One activity snapshot pushed live. */
export type ActivityTick = ActivityTickSubscription['activityTick'];

export const MEMBER_FLOW = graphql(`
  subscription MemberFlow($guildId: ID!) {
    memberFlow(guildId: $guildId) {
      guildId
      kind
      occurredAt
      member {
        id
        username
        avatar
      }
    }
  }
`);
