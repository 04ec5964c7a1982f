import { graphql } from './generated/gql.js';

export const INVITES = graphql(`
  query Invites($id: ID!, $period: PeriodInput, $limit: Int) {
    guild(id: $id) {
      id
      invites {
        topInviters(limit: $limit, period: $period) {
          inviter {
            id
            username
            avatar
          }
          joins
          stillPresent
          left
          fake
        }
        joinClasses(period: $period) {
          joinClass
          count
        }
        activeInvites {
          code
          channelId
          uses
          maxUses
          createdAt
          expiresAt
          temporary
          inviter {
            id
            username
            avatar
          }
        }
      }
    }
  }
`);
