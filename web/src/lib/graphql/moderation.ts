import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ModerationFilterInput } from '../moderation/moderation-filter.js';
import type { ModerationAction, ModerationConnection, ModerationEntry } from './types.js';

export const MODERATION_ENTRY = gql`
  fragment ModerationEntryFields on ModerationEntry {
    id
    guildId
    action
    occurredAt
    reason
    certainty
    channelId
    count
    supersededBy
    target {
      id
      username
      avatar
    }
    moderator {
      id
      username
      avatar
    }
    source {
      streamId
      revision
      eventId
    }
  }
`;

export const MODERATION_LOG: TypedDocumentNode<
  { guild: { id: string; moderationLog: ModerationConnection } },
  { id: string; filter: ModerationFilterInput; first: number; after?: string | null }
> = gql`
  ${MODERATION_ENTRY}
  query ModerationLog($id: ID!, $filter: ModerationFilter, $first: Int, $after: String) {
    guild(id: $id) {
      id
      moderationLog(filter: $filter, first: $first, after: $after) {
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
`;

export const MODERATION_ENTRY_ADDED: TypedDocumentNode<
  { moderationEntryAdded: ModerationEntry },
  { guildId: string; actions?: ModerationAction[] }
> = gql`
  ${MODERATION_ENTRY}
  subscription ModerationEntryAdded($guildId: ID!, $actions: [ModerationAction!]) {
    moderationEntryAdded(guildId: $guildId, actions: $actions) {
      ...ModerationEntryFields
    }
  }
`;

export const MODERATION_ENTRY_UPDATED: TypedDocumentNode<
  { moderationEntryUpdated: ModerationEntry },
  { guildId: string }
> = gql`
  ${MODERATION_ENTRY}
  subscription ModerationEntryUpdated($guildId: ID!) {
    moderationEntryUpdated(guildId: $guildId) {
      ...ModerationEntryFields
    }
  }
`;
