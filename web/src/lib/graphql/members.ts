import { gql, type TypedDocumentNode } from '@apollo/client';
import { MODERATION_ENTRY } from './moderation.js';
import type { MemberProfile } from './types.js';

export const MEMBER: TypedDocumentNode<
  { guild: { id: string; member: MemberProfile } },
  { id: string; memberId: string }
> = gql`
  ${MODERATION_ENTRY}
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
          nodes {
            ...ModerationEntryFields
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  }
`;
