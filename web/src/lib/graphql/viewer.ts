import { gql, type TypedDocumentNode } from '@apollo/client';
import type { GuildSummary, Viewer } from './types.js';

export const VIEWER: TypedDocumentNode<{ viewer: Viewer }, Record<string, never>> = gql`
  query Viewer {
    viewer {
      tokenId
      role
      allGuilds
      guildIds
    }
  }
`;

export const GUILDS: TypedDocumentNode<{ guilds: GuildSummary[] }, { includeInactive?: boolean }> = gql`
  query Guilds($includeInactive: Boolean) {
    guilds(includeInactive: $includeInactive) {
      id
      name
      icon
      memberCount
      active
      status
    }
  }
`;

export const GUILD_HEADER: TypedDocumentNode<{ guild: GuildSummary }, { id: string }> = gql`
  query GuildHeader($id: ID!) {
    guild(id: $id) {
      id
      name
      icon
      memberCount
      active
      status
    }
  }
`;
