import { activityResolvers } from './activity/activity.resolvers.js';
import { tokensResolvers } from './auth/tokens.resolvers.js';
import { eventsResolvers } from './events/events.resolvers.js';
import { guildsResolvers } from './guilds/guilds.resolvers.js';
import { invitesResolvers } from './invites/invites.resolvers.js';
import { membersResolvers } from './members/members.resolvers.js';
import { moderationResolvers } from './moderation/moderation.resolvers.js';
import { modulesResolvers } from './modules/modules.resolvers.js';
import type { Resolvers } from './schema/generated/schema-types.js';
import { DateTimeScalar, JsonScalar } from './shared/scalars.js';
import { userRefResolvers } from './shared/user-ref.js';
import { subscriptionsResolvers } from './subscriptions/subscriptions.resolvers.js';

/**
 * Merges the slices' resolver maps type by type (a slice may add fields to `Guild`, `Query`...). Each
 * slice is checked against the generated `Resolvers`; merging only adds fields, so the union keeps them.
 */
function merge(...maps: Resolvers[]): Resolvers {
  const out: Record<string, Record<string, unknown>> = {};
  for (const map of maps) {
    for (const [type, fields] of Object.entries(map) as [string, Record<string, unknown>][]) {
      const existing = out[type] ?? {};
      for (const name of Object.keys(fields)) {
        if (name in existing) throw new Error(`Resolver ${type}.${name} is defined twice`);
      }
      out[type] = { ...existing, ...fields };
    }
  }
  return out as Resolvers;
}

/** Every resolver of the schema (api/schema/schema.graphql), assembled from the vertical slices. */
export function buildResolvers(): Resolvers {
  return {
    DateTime: DateTimeScalar,
    JSON: JsonScalar,
    ...merge(
      tokensResolvers,
      guildsResolvers,
      activityResolvers,
      moderationResolvers,
      invitesResolvers,
      membersResolvers,
      modulesResolvers,
      eventsResolvers,
      subscriptionsResolvers,
      userRefResolvers,
    ),
  };
}
