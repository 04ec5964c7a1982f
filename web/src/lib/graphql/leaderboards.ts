import { graphql } from './generated/gql.js';

export const LEADERBOARD = graphql(`
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
`);
