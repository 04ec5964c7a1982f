import { gql, type TypedDocumentNode } from '@apollo/client';
import type { PeriodInput } from '../period/period.js';
import type { GuildInvites } from './types.js';

export const INVITES: TypedDocumentNode<
  { guild: { id: string; invites: GuildInvites } },
  { id: string; period?: PeriodInput | null; limit: number }
> = gql`
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
`;
