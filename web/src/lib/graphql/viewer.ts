import { graphql } from './generated/gql.js';
import type { GuildSummaryFragment, ViewerQuery } from './generated/graphql.js';

export const VIEWER = graphql(`
  query Viewer {
    viewer {
      tokenId
      role
      allGuilds
      guildIds
    }
  }
`);

/** The token signed in: its role and guild scope. */
export type Viewer = ViewerQuery['viewer'];

export const GUILD_SUMMARY = graphql(`
  fragment GuildSummary on Guild {
    id
    name
    icon
    memberCount
    active
    status
  }
`);

export const GUILDS = graphql(`
  query Guilds($includeInactive: Boolean) {
    guilds(includeInactive: $includeInactive) {
      ...GuildSummary
    }
  }
`);

/** A guild as the navigation and the guild header show it. */
export type GuildSummary = GuildSummaryFragment;

export const GUILD_HEADER = graphql(`
  query GuildHeader($id: ID!) {
    guild(id: $id) {
      ...GuildSummary
    }
  }
`);
