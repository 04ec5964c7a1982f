import { gql, type TypedDocumentNode } from '@apollo/client';
import type { PeriodInput } from '../period/period.js';
import type { LeaderboardEntry, LeaderboardMetric } from './types.js';

export const LEADERBOARD: TypedDocumentNode<
  { guild: { id: string; leaderboard: LeaderboardEntry[] } },
  { id: string; metric: LeaderboardMetric; period: PeriodInput; limit: number }
> = gql`
  query Leaderboard($id: ID!, $metric: LeaderboardMetric!, $period: PeriodInput!, $limit: Int) {
    guild(id: $id) {
      id
      leaderboard(metric: $metric, period: $period, limit: $limit) {
        rank
        value
        messages
        voiceMinutes
        reactions
        score
        member {
          id
          username
          avatar
        }
      }
    }
  }
`;
