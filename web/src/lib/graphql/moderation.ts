import { graphql } from './generated/gql.js';
import type { ModerationEntryFieldsFragment } from './generated/graphql.js';

export const MODERATION_ENTRY = graphql(`
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
`);

/** A row of the moderation log (a page entry or a live one). */
export type ModerationEntry = ModerationEntryFieldsFragment;

/** A page of moderation entries (the guild's log, or a member's). */
export const MODERATION_PAGE = graphql(`
  fragment ModerationPageFields on ModerationConnection {
    nodes {
      ...ModerationEntryFields
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
`);

export const MODERATION_LOG = graphql(`
  query ModerationLog($id: ID!, $filter: ModerationFilter, $first: Int, $after: String) {
    guild(id: $id) {
      id
      moderationLog(filter: $filter, first: $first, after: $after) {
        ...ModerationPageFields
      }
    }
  }
`);

export const MODERATION_ENTRY_ADDED = graphql(`
  subscription ModerationEntryAdded($guildId: ID!, $actions: [ModerationAction!]) {
    moderationEntryAdded(guildId: $guildId, actions: $actions) {
      ...ModerationEntryFields
    }
  }
`);

export const MODERATION_ENTRY_UPDATED = graphql(`
  subscription ModerationEntryUpdated($guildId: ID!) {
    moderationEntryUpdated(guildId: $guildId) {
      ...ModerationEntryFields
    }
  }
`);
