import { requireGuild, requireRole } from '../auth/authorize.js';
import type { Resolvers } from '../schema/generated/schema-types.js';
import { pageSize } from '../shared/time-range.js';
import { readGuildEvents } from './guild-events.query.js';

export const maxEventsPage = 500;

export const eventsResolvers: Resolvers = {
  Guild: {
    events(guild, args, ctx) {
      requireRole(ctx.principal, ['admin', 'auditor'], 'Reading raw events');
      requireGuild(ctx.principal, guild.guild_id);
      const first = pageSize(args.first, 50, maxEventsPage, 'first');
      return readGuildEvents(ctx.deps.eventStore, guild.guild_id, { ...args, first });
    },
  },
};
