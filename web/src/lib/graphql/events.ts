import { graphql } from './generated/gql.js';
import type { EventsQuery } from './generated/graphql.js';

export const EVENTS = graphql(`
  query Events($id: ID!, $fromRevision: Int, $fromTime: DateTime, $types: [String!], $first: Int, $after: String) {
    guild(id: $id) {
      id
      events(fromRevision: $fromRevision, fromTime: $fromTime, types: $types, first: $first, after: $after) {
        nodes {
          streamId
          revision
          position
          id
          type
          data
          metadata
          createdAt
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

/** A raw event of a guild's stream, as the audit view shows it. */
export type StoredEvent = EventsQuery['guild']['events']['nodes'][number];
