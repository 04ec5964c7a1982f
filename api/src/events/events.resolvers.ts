import { requireGuild, requireRole } from '../auth/authorize.js';
import type { ApiContext } from '../context.js';
import type { GuildRow } from '../guilds/guilds.query.js';
import { pageSize } from '../shared/time-range.js';
import { readGuildEvents } from './guild-events.query.js';

export const maxEventsPage = 500;

export const eventsResolvers = {
  Guild: {
    events(
      guild: GuildRow,
      args: {
        fromRevision?: number | null;
        fromTime?: Date | null;
        types?: string[] | null;
        first?: number | null;
        after?: string | null;
      },
      ctx: ApiContext,
    ) {
      requireRole(ctx.principal, ['admin', 'auditor'], 'Reading raw events');
      requireGuild(ctx.principal, guild.guild_id);
      const first = pageSize(args.first, 50, maxEventsPage, 'first');
      return readGuildEvents(ctx.deps.eventStore, guild.guild_id, { ...args, first });
    },
  },
};
