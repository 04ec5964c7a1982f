import { gql, type TypedDocumentNode } from '@apollo/client';
import type { EventConnection } from './types.js';

export const EVENTS: TypedDocumentNode<
  { guild: { id: string; events: EventConnection } },
  {
    id: string;
    fromRevision?: number | null;
    fromTime?: string | null;
    types?: string[] | null;
    first: number;
    after?: string | null;
  }
> = gql`
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
`;
