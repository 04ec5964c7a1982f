import { gql, type TypedDocumentNode } from '@apollo/client';
import type { PeriodInput } from '../period/period.js';
import type {
  ActivityMetric,
  ActivitySeries,
  ActivityTick,
  Bucket,
  GuildOverview,
  MemberFlowEvent,
  MemberGrowthSeries,
} from './types.js';

const COMPARISON = gql`
  fragment Comparison on MetricComparison {
    current
    previous
    change
    changeRatio
  }
`;

export const OVERVIEW: TypedDocumentNode<
  { guild: { id: string; overview: GuildOverview } },
  { id: string; period: PeriodInput }
> = gql`
  ${COMPARISON}
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
`;

export interface RangeVariables {
  from: string;
  to?: string;
}

export const ACTIVITY_SERIES: TypedDocumentNode<
  { guild: { id: string; activitySeries: ActivitySeries } },
  {
    id: string;
    metric: ActivityMetric;
    bucket: Bucket;
    range: RangeVariables;
    channelId?: string;
    memberId?: string;
  }
> = gql`
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
      }
    }
  }
`;

export const MEMBER_GROWTH: TypedDocumentNode<
  { guild: { id: string; memberGrowth: MemberGrowthSeries } },
  { id: string; range: RangeVariables; bucket: Bucket }
> = gql`
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
`;

export const ACTIVITY_TICK: TypedDocumentNode<{ activityTick: ActivityTick }, { guildId: string }> = gql`
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
`;

export const MEMBER_FLOW: TypedDocumentNode<{ memberFlow: MemberFlowEvent }, { guildId: string }> = gql`
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
`;
