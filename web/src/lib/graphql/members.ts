import { graphql } from './generated/gql.js';

export const MEMBER = graphql(`
  query Member($id: ID!, $memberId: ID!) {
    guild(id: $id) {
      id
      member(id: $memberId) {
        id
        username
        avatar
        bot
        joinedAt
        leftAt
        present
        presence
        stats {
          messages
          voiceMinutes
          reactions
          score
          firstSeen
          lastSeen
        }
        history {
          kind
          occurredAt
          joinClass
          inviteCode
          inviter {
            id
            username
            avatar
          }
        }
        moderation(first: 50) {
          ...ModerationPageFields
        }
      }
    }
  }
`);
